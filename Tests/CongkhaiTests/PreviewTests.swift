import Foundation
import Testing
@testable import Congkhai

/// `serve`: the render cache never changes a byte, the reload script stays in
/// the preview, and broken content becomes an error page rather than a stop.
@Suite struct PreviewTests {
    static func htmlFiles(_ root: String) -> [String: Data] {
        var out: [String: Data] = [:]
        let e = FileManager.default.enumerator(atPath: root)
        while let rel = e?.nextObject() as? String {
            if rel.hasSuffix(".html"), let d = FileManager.default.contents(atPath: root + "/" + rel) { out[rel] = d }
        }
        return out
    }

    @Test func cachedPagesAreTheBytesOfAFreshRender() throws {
        let c = GoldenPageTests.content()
        let root = try c.write()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let cache = RenderCache()
        func build(_ out: String, cache: RenderCache?) -> SiteBuild.Report {
            var o = SiteBuild.Options(content: root, output: out)
            o.preview = true
            o.renderCache = cache
            return SiteBuild.run(o, log: DiagnosticLog())
        }
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("congkhai-preview-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        _ = build(tmp + "/a", cache: cache)
        // An edit that changes one official's page, the locality page and lists.
        let file = root + "/officials/xa-an-binh/nguyen-van-an.md"
        let text = try String(contentsOfFile: file, encoding: .utf8).replacingOccurrences(of: "Nguyễn Văn An", with: "Nguyễn Văn Ân")
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        _ = build(tmp + "/b", cache: cache)
        _ = build(tmp + "/c", cache: nil)
        let cached = PreviewTests.htmlFiles(tmp + "/b"), fresh = PreviewTests.htmlFiles(tmp + "/c")
        #expect(!fresh.isEmpty && cached.keys.sorted() == fresh.keys.sorted())
        for (path, bytes) in fresh { #expect(cached[path] == bytes, "\(path) differs when served from the cache") }
        #expect(String(decoding: cached["dia-phuong/xa-an-binh/nguyen-van-an/index.html"] ?? Data(), as: UTF8.self).contains("Nguyễn Văn Ân"))
    }

    @Test func theReloadScriptIsInjectedOnlyByTheServerAndErrorsArePages() throws {
        let c = GoldenPageTests.content()
        let root = try c.write()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("congkhai-preview-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let session = PreviewSession(.init(content: root, output: out, asOf: nil)) { _ in }
        session.rebuild()
        let page = try #require(FileManager.default.contents(atPath: out + "/index.html"))
        #expect(!String(decoding: page, as: UTF8.self).contains("__congkhai"), "a built page must not carry the preview script")
        let decorated = String(decoding: session.decorate(Array(page)), as: UTF8.self)
        #expect(decorated.contains("<script src=\"/__congkhai/reload.js?v=1-ok\"></script></body>"))
        #expect(session.overlay(for: "/") == nil)
        try "name: [unclosed\n".write(toFile: root + "/localities/xa-an-binh.yaml", atomically: true, encoding: .utf8)
        session.rebuild()
        let overlay = try #require(session.overlay(for: "/dia-phuong/xa-an-binh/"))
        let html = String(decoding: overlay.body, as: UTF8.self)
        #expect(overlay.status == 500 && html.contains("localities/xa-an-binh.yaml:") && html.contains("error:"))
        #expect(html.contains("reload.js?v=2-err"))
        #expect(session.overlay(for: "/assets/style.css") == nil, "assets are still served while the content is broken")
        #expect(session.special("/__congkhai/version")?.body == Array("2-err".utf8))
    }
}
