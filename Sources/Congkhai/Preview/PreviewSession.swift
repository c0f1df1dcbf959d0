import Foundation

/// `congkhai serve`: builds the site into a private folder, serves it, and
/// rebuilds whenever the content or the theme changes. Pages get a small
/// reload script (only here, never in a published build) that reloads them
/// when a build finishes; while the content has errors every page shows them
/// (file:line and message) instead of the site, and reloads once fixed.
public final class PreviewSession: @unchecked Sendable {
    public struct Options: Sendable {
        public var content: String
        public var output: String
        public var asOf: Day?
        public var host: String
        public var port: UInt16
        public var allLanguages: Bool

        public init(content: String, output: String, asOf: Day?, host: String = "127.0.0.1", port: UInt16 = 8080,
                    allLanguages: Bool = false) {
            self.allLanguages = allLanguages
            self.content = content
            self.output = output
            self.asOf = asOf
            self.host = host
            self.port = port
        }
    }

    let options: Options
    private let cache = RenderCache()
    private let lock = NSLock()
    private var generation = 0
    /// The diagnostics of the last build when it failed; nil when it succeeded.
    private var failure: [String]?
    private let report: @Sendable (String) -> Void

    public init(_ options: Options, report: @escaping @Sendable (String) -> Void) {
        self.options = options
        self.report = report
    }

    /// One build; the state pages and the reload script read.
    public func rebuild() {
        let started = Date()
        let log = DiagnosticLog()
        var stages: [(String, Date)] = []
        var build = SiteBuild.Options(content: options.content, output: options.output, asOf: options.asOf, baseURL: "/")
        build.preview = true
        build.firstLanguageOnly = !options.allLanguages
        build.renderCache = cache
        let result = SiteBuild.run(build, log: log,
                                   progress: { stages.append(($0, Date())) })
        if ProcessInfo.processInfo.environment["CONGKHAI_PREVIEW_TIMING"] != nil {
            var previous = started
            for (name, at) in stages { report("  before \(name): \(Int(at.timeIntervalSince(previous) * 1000)) ms"); previous = at }
        }
        let lines = log.items.sorted().map { $0.formatted(prefix: options.content) }
        let ok: Bool
        switch result.outcome {
        case .built, .unchanged, .restored: ok = true
        default: ok = false
        }
        lock.lock()
        generation += 1
        failure = ok ? nil : (lines.filter { $0.contains(": error: ") }.isEmpty ? lines + ["build failed: \(result.outcome)"] : lines.filter { $0.contains(": error: ") })
        lock.unlock()
        let ms = Int(Date().timeIntervalSince(started) * 1000)
        report(ok ? "rebuilt in \(ms) ms" + (lines.isEmpty ? "" : " (\(lines.count) warning(s))")
                  : "build failed in \(ms) ms: " + (failure?.first ?? "") + ((failure?.count ?? 0) > 1 ? " (+\((failure?.count ?? 1) - 1) more)" : ""))
    }

    /// Builds, then serves and watches until the process ends.
    public func run(onReady: (String) -> Void) throws {
        rebuild()
        var watched = [options.content]
        let themeName = SiteBuild.themeName(content: options.content)
        let contentPath = options.content.hasPrefix("/") ? options.content : FileManager.default.currentDirectoryPath + "/" + options.content
        if case let .folder(path)? = ThemeFiles.locate(name: themeName, contentRoot: contentPath) { watched.append(path) }
        let watcher = ContentWatcher(paths: watched)
        let session = self
        Thread.detachNewThread {
            while true {
                watcher.waitForChange()
                session.rebuild()
            }
        }
        let server = PreviewServer(root: options.output, port: options.port, host: options.host, hooks: self)
        try server.run { url in onReady(url + (watcher.usesInotify ? "" : " (polling for changes)")) }
    }

    var state: (generation: Int, failure: [String]?) {
        lock.lock()
        defer { lock.unlock() }
        return (generation, failure)
    }
}

extension PreviewSession: PreviewHooks {
    static let reloadScript = """
    // congkhai serve: reloads the page when a new build (or a fixed error) is ready. Preview only.
    (function () {
      var me = document.currentScript, seen = me && /[?&]v=([^&]*)/.exec(me.src);
      var version = seen ? seen[1] : null;
      function tick() {
        var r = new XMLHttpRequest();
        r.open("GET", "/__congkhai/version");
        r.onload = function () {
          if (version !== null && r.responseText !== version) { location.reload(); return; }
          version = r.responseText;
          setTimeout(tick, 150);
        };
        r.onerror = function () { setTimeout(tick, 1000); };
        r.send();
      }
      tick();
    })();

    """

    func version() -> String {
        let s = state
        return "\(s.generation)-\(s.failure == nil ? "ok" : "err")"
    }

    public func special(_ path: String) -> PreviewServer.Response? {
        switch path {
        case "/__congkhai/version":
            return .init(status: 200, contentType: "text/plain; charset=utf-8", body: Array(version().utf8), location: nil)
        case "/__congkhai/reload.js":
            return .init(status: 200, contentType: "text/javascript; charset=utf-8", body: Array(PreviewSession.reloadScript.utf8), location: nil)
        default:
            return nil
        }
    }

    /// While the content has errors, every page is the list of errors.
    public func overlay(for path: String) -> PreviewServer.Response? {
        guard let failure = state.failure, path.hasSuffix("/") || path.hasSuffix(".html") || !path.contains(".") else { return nil }
        var html = "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        html += "<title>Lỗi nội dung — congkhai serve</title><style>body{font:16px/1.5 system-ui,sans-serif;margin:0;padding:1rem;background:#fff5f5;color:#1a1a1a}"
        html += "h1{color:#a4000f;font-size:1.4rem}li{font-family:ui-monospace,monospace;font-size:.9rem;margin:.5rem 0;overflow-wrap:anywhere}</style></head><body>"
        html += "<h1>Nội dung có lỗi — trang xem trước chưa cập nhật</h1><p>Sửa các lỗi dưới đây rồi lưu tệp; trang sẽ tự tải lại. "
        html += "<span lang=\"en\">The content has errors; fix them and save, this page reloads by itself.</span></p><ol>"
        for line in failure { html += "<li>" + HTML.escape(line) + "</li>" }
        html += "</ol></body></html>"
        return .init(status: 500, contentType: "text/html; charset=utf-8", body: decorate(Array(html.utf8)), location: nil)
    }

    /// Adds the reload script before `</body>`.
    public func decorate(_ html: [UInt8]) -> [UInt8] {
        let tag = Array("<script src=\"/__congkhai/reload.js?v=\(version())\"></script>".utf8)
        let end = Array("</body>".utf8)
        guard html.count >= end.count else { return html + tag }
        var i = html.count - end.count
        while i >= 0 {
            if Array(html[i..<(i + end.count)]) == end { return Array(html[..<i]) + tag + Array(html[i...]) }
            i -= 1
        }
        return html + tag
    }
}
