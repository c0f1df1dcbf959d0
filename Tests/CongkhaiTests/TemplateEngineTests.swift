import Foundation
import Mustache
import Testing
@testable import Congkhai

/// congkhai's template engine replaced swift-mustache for speed; it must
/// render exactly what swift-mustache renders: every page of the demo site,
/// both languages, the same bytes.
@Suite struct TemplateEngineTests {
    static func any(_ v: TemplateValue) -> Any {
        switch v {
        case let .text(s): return s
        case let .number(n): return n
        case let .flag(b): return b
        case let .list(items): return items.map(any)
        case let .object(d): return d.mapValues(any)
        case let .strings(s): return s
        }
    }

    @Test func everyDemoPageIsWhatSwiftMustacheRenders() throws {
        let log = DiagnosticLog()
        let run = try #require(ScoringRun.run(content: TemplateKeyTests.repo + "/content", options: .init(), log: log), "\(log.items)")
        let files = try #require(ThemeFiles.load(path: TemplateKeyTests.repo + "/themes/default", name: "default", log: log))
        let theme = try #require(Theme.compile(files, log: log))
        var reference = MustacheLibrary()
        for t in files.templates { try reference.register(t.text, named: t.name) }
        let plan = SitePlan.make(run)
        let renderer = SiteRenderer(run: run, plan: plan, theme: theme, baseURL: "https://example.org/")
        var compared = 0
        for page in plan.pages {
            let (d, fullPath) = renderer.display(for: page)
            let m = renderer.pageModel(page, d)
            let context = TemplateContext.make(m.model, strings: d.t, root: d.root)
            let ours = try theme.render(context, template: m.template).get()
            let theirs = reference.render(TemplateEngineTests.any(context), withTemplate: m.template)
            #expect(ours == theirs, "\(fullPath): the engines differ")
            let frame = TemplateContext.make(renderer.layout(page, d, fullPath: fullPath, title: m.title, description: m.description,
                                                             feed: m.feed, content: ours), strings: d.t, root: d.root)
            #expect(try theme.render(frame, template: "layout").get() == reference.render(TemplateEngineTests.any(frame), withTemplate: "layout"))
            compared += 1
        }
        #expect(compared == plan.pages.count && compared > 250)
    }

    @Test func theSpecsStandaloneLinesAndEscapes() throws {
        var lib = TemplateLibrary()
        try lib.register("<ul>\n  {{#xs}}\n  <li>{{.}}</li>\n  {{/xs}}\n</ul>\n{{! note }}\n{{{raw}}}&{{esc}}", named: "x")
        let v = TemplateValue.object(["xs": .list([.text("a"), .text("b")]), "raw": .text("<b>"), "esc": .text("<'&\">")])
        #expect(lib.render(v, template: "x") == "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n<b>&&lt;&#39;&amp;&quot;&gt;")
        #expect(throws: Template.ParseError.self) { try Template("{{#a}}never closed") }
        #expect(throws: Template.ParseError.self) { try Template("{{#a}}{{/b}}") }
    }
}

/// A national site has more pages than one sitemap may list (50,000).
@Suite struct SitemapTests {
    @Test func pastTheLimitTheSitemapIsAnIndex() throws {
        let log = DiagnosticLog()
        let run = try #require(ScoringRun.run(content: TemplateKeyTests.repo + "/content", options: .init(), log: log))
        let files = try #require(ThemeFiles.embeddedDefault(log: log))
        let theme = try #require(Theme.compile(files, log: log))
        let plan = SitePlan.make(run)
        let renderer = SiteRenderer(run: run, plan: plan, theme: theme, baseURL: "https://example.org/")
        #expect(renderer.sitemaps().map(\.path) == ["sitemap.xml"])
        let parts = renderer.sitemaps(limit: 100)
        let pages = plan.pages.count - 1
        #expect(parts.count == (pages + 99) / 100 + 1 && parts.last?.path == "sitemap.xml")
        let index = String(decoding: parts.last?.bytes ?? [], as: UTF8.self)
        #expect(index.contains("<sitemapindex") && index.contains("https://example.org/sitemap-1.xml"))
        let listed = parts.dropLast().map { String(decoding: $0.bytes, as: UTF8.self).components(separatedBy: "<url>").count - 1 }
        #expect(listed.reduce(0, +) == pages && listed.allSatisfy { $0 <= 100 })
    }
}

/// The manifest hashes the bytes that were scored, taken as they were read.
@Suite struct ReadOnceTests {
    @Test func contentBytesAndFeedbackHashesAreThoseRead() throws {
        var c = TestContent()
        c["feedback/a.csv"] = TestContent.feedbackHeader
            + "1,2026-03-01,hotline,xa-an-binh,nguyen-van-an,,rating,citizen,r1,4,,,,,,\n"
        let root = try c.write()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let log = DiagnosticLog()
        let run = try #require(ScoringRun.run(content: root, options: .init(), log: log), "\(log.items)")
        let p = run.province
        for path in p.inputFiles where !path.hasPrefix("feedback/") && !path.hasPrefix("static/") {
            let disk = try #require(FileManager.default.contents(atPath: root + "/" + path))
            #expect(p.inputBytes[path] == [UInt8](disk), "\(path)")
        }
        #expect(p.feedbackHashes["feedback/a.csv"] == SHA256.hex(fileAt: root + "/feedback/a.csv"))
        // Changing a file after scoring changes neither what is published nor the manifest.
        let before = Manifest.file(province: p, asOf: run.scoreboard.asOf, outputs: [])
        try "name: \"đổi\"\n".write(toFile: root + "/localities/xa-an-binh.yaml", atomically: true, encoding: .utf8)
        try "changed\n".write(toFile: root + "/feedback/a.csv", atomically: true, encoding: .utf8)
        #expect(Manifest.file(province: p, asOf: run.scoreboard.asOf, outputs: []).bytes == before.bytes)
    }
}
