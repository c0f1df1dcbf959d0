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
        case let .html(b): return String(decoding: b, as: UTF8.self)
        case let .object(o): return Dictionary(o.fields.map { ($0.name, any($0.value)) }, uniquingKeysWith: { $1 })
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
                                                             feed: m.feed, content: PageHTML(bytes: Array(ours.utf8))), strings: d.t, root: d.root)
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
        // A standalone partial indents every line it renders, LF or CRLF, and
        // multi-byte text passes through byte for byte.
        try lib.register("a\nb\r\nc{{x}}", named: "part")
        try lib.register("<div>\n  {{> part}}\n</div>", named: "outer")
        #expect(lib.render(.object(["x": .text("ắ")]), template: "outer") == "<div>\n  a\n  b\r\n  cắ</div>")
        #expect(throws: Template.ParseError.self) { try Template("{{#a}}never closed") }
        #expect(throws: Template.ParseError.self) { try Template("{{#a}}{{/b}}") }
    }

    @Test func aBrokenTemplateIsAnErrorAtItsLineAndColumn() throws {
        let log = DiagnosticLog()
        var files = try #require(ThemeFiles.embeddedDefault(log: log))
        let i = try #require(files.templates.firstIndex { $0.name == "home" })
        files.templates[i].text = "<h1>ok</h1>\n<p>{{#rows}}x</p>\n"
        #expect(Theme.compile(files, log: log) == nil)
        let error = try #require(log.items.first { $0.severity == .error })
        #expect(error.file == "themes/default/templates/home.mustache" && error.line == 2 && error.column == 4, "\(error)")
        #expect(error.message.contains("never closed"))
    }
}

