import Foundation
import Testing
@testable import Congkhai

/// Reads a built site back for checks: every file, every link, every id.
struct BuiltSite {
    let root: String
    let files: [String: [UInt8]]

    init(root: String) throws {
        self.root = root
        var files: [String: [UInt8]] = [:]
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let rel = enumerator?.nextObject() as? String {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + rel, isDirectory: &isDir), !isDir.boolValue {
                files[rel] = [UInt8](try Data(contentsOf: URL(fileURLWithPath: root + "/" + rel)))
            }
        }
        self.files = files
    }

    func text(_ path: String) -> String? { files[path].map { String(decoding: $0, as: UTF8.self) } }

    var htmlFiles: [String] { files.keys.filter { $0.hasSuffix(".html") }.sorted() }

    /// Pages of `limit` bytes or more, with their sizes (the issue's ~200 KB a page).
    func pagesOver(_ limit: Int) -> [(String, Int)] {
        htmlFiles.compactMap { p in files[p].flatMap { $0.count >= limit ? (p, $0.count) : nil } }
    }

    /// Values of `attribute="…"` in a page (the theme always double-quotes).
    static func attributes(_ name: String, in html: String) -> [String] {
        var out: [String] = []
        var rest = html[...]
        let needle = " " + name + "=\""
        while let r = rest.range(of: needle) {
            let after = rest[r.upperBound...]
            guard let end = after.firstIndex(of: "\"") else { break }
            out.append(String(after[..<end]))
            rest = after[end...]
        }
        return out
    }

    /// `<link>` elements the theme writes: stylesheets under assets/, canonical, alternates, feeds.
    static func themeLinkCount(_ lowerHTML: String) -> Int {
        guard let re = try? NSRegularExpression(pattern: "<link ([^>]*)>") else { return -1 }
        let ns = lowerHTML as NSString
        var n = 0
        for m in re.matches(in: lowerHTML, range: NSRange(location: 0, length: ns.length)) {
            let attrs = ns.substring(with: m.range(at: 1))
            if attrs.hasPrefix("rel=\"stylesheet\" href=\"") && attrs.contains("assets/") { n += 1 }
            if attrs.hasPrefix("rel=\"canonical\"") || attrs.hasPrefix("rel=\"alternate\"") { n += 1 }
        }
        return n
    }

    /// Links that point nowhere: missing files or missing `#anchors`.
    func brokenLinks() -> [String] {
        var broken: [String] = []
        var idsCache: [String: Set<String>] = [:]
        func ids(_ file: String) -> Set<String> {
            if let c = idsCache[file] { return c }
            let s = Set(BuiltSite.attributes("id", in: text(file) ?? ""))
            idsCache[file] = s
            return s
        }
        for page in htmlFiles where page != "404.html" {
            let html = text(page) ?? ""
            let dir = (page as NSString).deletingLastPathComponent
            for link in BuiltSite.attributes("href", in: html) + BuiltSite.attributes("src", in: html) {
                let decoded = link.replacingOccurrences(of: "&amp;", with: "&")
                if decoded.hasPrefix("http://") || decoded.hasPrefix("https://") || decoded.hasPrefix("mailto:") || decoded.hasPrefix("tel:") { continue }
                let parts = decoded.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                let pathPart = String(parts[0])
                var target: String
                if pathPart.isEmpty {
                    target = page
                } else {
                    // Root-absolute links (frozen periods) resolve from the site root (base path "/").
                    let joined = pathPart.hasPrefix("/") ? String(pathPart.dropFirst()) : (dir.isEmpty ? pathPart : dir + "/" + pathPart)
                    target = BuiltSite.normalize(joined)
                    if pathPart.hasSuffix("/") || pathPart == "." || pathPart == "./" || files[target] == nil {
                        let asIndex = target.isEmpty ? "index.html" : (target.hasSuffix("/") ? target : target + "/") + "index.html"
                        if files[asIndex] != nil { target = asIndex }
                    }
                }
                guard files[target] != nil else {
                    broken.append("\(page): \(link)")
                    continue
                }
                if parts.count == 2, !parts[1].isEmpty, target.hasSuffix(".html"), !ids(target).contains(String(parts[1])) {
                    broken.append("\(page): \(link) (missing anchor)")
                }
            }
        }
        return broken
    }

    static func normalize(_ path: String) -> String {
        var stack: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." { if !stack.isEmpty { stack.removeLast() }; continue }
            stack.append(part)
        }
        return stack.joined(separator: "/") + (path.hasSuffix("/") && !stack.isEmpty ? "/" : "")
    }
}

enum SiteFixture {
    /// Builds `content` (a folder) into a fresh temporary output folder.
    static func build(content: String, asOf: String? = nil) throws -> (String, SiteBuild.Report, DiagnosticLog) {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("congkhai-site-\(UUID().uuidString)").path
        let log = DiagnosticLog()
        let report = SiteBuild.run(.init(content: content, output: output, asOf: asOf.flatMap { Day(iso: $0) }), log: log)
        return (output, report, log)
    }

    /// `content` written, built and read back (both folders removed);
    /// nil, with the first errors recorded, when the build fails.
    static func site(of content: TestContent, sourceLocation: SourceLocation = #_sourceLocation) throws -> BuiltSite? {
        let root = try content.write()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let (out, report, log) = try build(content: root)
        defer { try? FileManager.default.removeItem(atPath: out) }
        guard case .built = report.outcome else {
            Issue.record("build failed: \(log.items.prefix(5).map(\.description))", sourceLocation: sourceLocation)
            return nil
        }
        return try BuiltSite(root: out)
    }
}
