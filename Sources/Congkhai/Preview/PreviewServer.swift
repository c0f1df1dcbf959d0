import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What `serve` adds to plain file serving: its own endpoints, an error page
/// while the content is broken, and the reload script in HTML pages.
public protocol PreviewHooks: AnyObject {
    func special(_ path: String) -> PreviewServer.Response?
    func overlay(for path: String) -> PreviewServer.Response?
    func decorate(_ html: [UInt8]) -> [UInt8]
}

/// A small HTTP server for editors to preview a built site on their own
/// machine: loopback unless told otherwise, GET and HEAD only, files under one
/// folder only. Not for production (use nginx; see docs/van-hanh.md).
public final class PreviewServer {
    public struct Response: Equatable {
        public var status: Int
        public var contentType: String
        public var body: [UInt8]
        public var location: String?
    }

    let root: String
    let port: UInt16
    let host: String
    weak var hooks: PreviewHooks?

    public init(root: String, port: UInt16, host: String = "127.0.0.1", hooks: PreviewHooks? = nil) {
        self.root = root
        self.port = port
        self.host = host
        self.hooks = hooks
    }

    static let types: [String: String] = [
        "html": "text/html; charset=utf-8", "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8",
        "json": "application/json", "xml": "application/xml; charset=utf-8", "csv": "text/csv; charset=utf-8",
        "txt": "text/plain; charset=utf-8", "svg": "image/svg+xml", "png": "image/png", "jpg": "image/jpeg",
        "jpeg": "image/jpeg", "pdf": "application/pdf",
    ]

    /// Maps a request target to a file: `/x/` → `x/index.html`; `..`, hidden
    /// files and symlinks out of the root are refused; unknown paths get 404.html.
    public static func response(target: String, root: String) -> Response {
        var path = String(target.split(separator: "?", maxSplits: 1).first ?? "")
        path = path.removingPercentEncoding ?? path
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        if parts.contains(where: { $0 == ".." || $0.hasPrefix(".") }) || path.contains("\0") {
            return Response(status: 403, contentType: "text/plain; charset=utf-8", body: Array("forbidden\n".utf8), location: nil)
        }
        var rel = parts.joined(separator: "/")
        var isDir: ObjCBool = false
        if !rel.isEmpty, !path.hasSuffix("/"), FileManager.default.fileExists(atPath: root + "/" + rel, isDirectory: &isDir), isDir.boolValue {
            // Pages link relatively: a folder must be asked for with its slash.
            return Response(status: 301, contentType: "text/plain; charset=utf-8", body: [], location: "/" + rel + "/")
        }
        if rel.isEmpty || path.hasSuffix("/") { rel += rel.isEmpty ? "index.html" : "/index.html" }
        let full = root + "/" + rel
        let realRoot = (root as NSString).resolvingSymlinksInPath
        let realFull = (full as NSString).resolvingSymlinksInPath
        if realFull.hasPrefix(realRoot + "/"), let data = FileManager.default.contents(atPath: full) {
            let ext = (rel as NSString).pathExtension.lowercased()
            return Response(status: 200, contentType: types[ext] ?? "application/octet-stream", body: [UInt8](data), location: nil)
        }
        let notFound = FileManager.default.contents(atPath: root + "/404.html").map { [UInt8]($0) } ?? Array("not found\n".utf8)
        return Response(status: 404, contentType: "text/html; charset=utf-8", body: notFound, location: nil)
    }

    /// Serves until the process ends; one request at a time is plenty for one editor.
    public func run(onReady: (String) -> Void) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw PreviewError.socket(String(cString: strerror(errno))) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = port.bigEndian
        guard inet_pton(AF_INET, host, &addr.sin_addr) == 1 else {
            close(fd)
            throw PreviewError.socket("--bind \(host) is not an IPv4 address")
        }
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            close(fd)
            throw PreviewError.socket("cannot listen on 127.0.0.1:\(port): \(String(cString: strerror(errno)))")
        }
        onReady("http://\(host):\(port)/")
        while true {
            let client = accept(fd, nil, nil)
            if client < 0 { continue }
            handle(client)
            close(client)
        }
    }

    func handle(_ client: Int32) {
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var buffer = [UInt8](repeating: 0, count: 8192)
        let n = read(client, &buffer, buffer.count)
        guard n > 0 else { return }
        let request = String(decoding: buffer[0..<n], as: UTF8.self)
        let first = request.split(separator: "\r\n", maxSplits: 1).first.map(String.init) ?? ""
        let parts = first.split(separator: " ")
        var response: Response
        var head = false
        if parts.count >= 2, parts[0] == "GET" || parts[0] == "HEAD" {
            head = parts[0] == "HEAD"
            let target = String(parts[1])
            let path = String(target.split(separator: "?", maxSplits: 1).first ?? "")
            if let special = hooks?.special(path) {
                response = special
            } else if let overlay = hooks?.overlay(for: path) {
                response = overlay
            } else {
                response = PreviewServer.response(target: target, root: root)
                if let hooks, response.contentType.hasPrefix("text/html") { response.body = hooks.decorate(response.body) }
            }
        } else {
            response = Response(status: 405, contentType: "text/plain; charset=utf-8", body: Array("method not allowed\n".utf8), location: nil)
        }
        let reason = [200: "OK", 301: "Moved Permanently", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
                      500: "Content Errors"][response.status] ?? "OK"
        var headers = "HTTP/1.1 \(response.status) \(reason)\r\nContent-Type: \(response.contentType)\r\nContent-Length: \(response.body.count)\r\n"
        if let location = response.location { headers += "Location: \(location)\r\n" }
        headers += "Cache-Control: no-store\r\nConnection: close\r\n\r\n"
        var out = Array(headers.utf8)
        if !head { out += response.body }
        var offset = 0
        while offset < out.count {
            let w = out.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return -1 }
                return write(client, base + offset, out.count - offset)
            }
            if w <= 0 { break }
            offset += w
        }
    }
}

public enum PreviewError: Error, CustomStringConvertible {
    case socket(String)
    public var description: String {
        switch self { case let .socket(m): return m }
    }
}
