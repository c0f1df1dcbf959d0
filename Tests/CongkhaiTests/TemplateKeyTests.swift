import Foundation
import Testing
@testable import Congkhai

/// Every key a template uses must exist on the typed model it is rendered
/// with (a property, possibly nil) or, for `t.…`, in the theme's strings of
/// both languages. Mustache renders a missing key as nothing, so without this
/// check a renamed property silently empties part of a page.
@Suite struct TemplateKeyTests {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// The demo scored and a renderer of its site with the repository's default theme.
    struct Demo {
        var run: ScoringRun
        var files: ThemeFiles
        var theme: Theme
        var plan: SitePlan
        var renderer: SiteRenderer
    }

    static func demo() throws -> Demo {
        let log = DiagnosticLog()
        let run = try #require(ScoringRun.run(content: repo + "/content", options: .init(), log: log), "\(log.items)")
        let files = try #require(ThemeFiles.load(path: repo + "/themes/default", name: "default", log: log))
        let theme = try #require(Theme.compile(files, log: log))
        let plan = SitePlan.make(run)
        return Demo(run: run, files: files, theme: theme, plan: plan,
                    renderer: SiteRenderer(run: run, plan: plan, theme: theme, baseURL: "https://example.org/"))
    }

    @Test func everyTemplateKeyExistsOnItsModel() throws {
        let demo = try TemplateKeyTests.demo()
        let (files, plan, renderer) = (demo.files, demo.plan, demo.renderer)
        var templates: [String: [MustacheNode]] = [:]
        for t in files.templates { templates[t.name] = try MustacheNode.parse(t.text) }
        var checker = KeyChecker(templates: templates)
        // One page of every kind, in both languages.
        var seen = Set<String>()
        for page in plan.pages {
            let (d, fullPath) = renderer.display(for: page)
            let m = renderer.pageModel(page, d)
            guard seen.insert(m.template + "/" + page.language).inserted || m.template == "official" else { continue }
            checker.check(template: m.template, model: m.model, strings: d.t)
            let frame = renderer.layout(page, d, fullPath: fullPath, title: m.title, description: m.description, feed: m.feed, content: PageHTML(bytes: []))
            checker.check(template: "layout", model: frame, strings: d.t)
        }
        // What only a site with history shows (a trend, a removed commitment), on a real official's model.
        let official = try #require(plan.pages.first { if case .official = $0.kind { return true } else { return false } })
        let (d, _) = renderer.display(for: official)
        var model = try #require(renderer.pageModel(official, d).model as? OfficialPage)
        let day = DateText(iso: "2026-11-28", text: "28/11/2026")
        model.trend = TrendBlock(title: "x", chart: "<svg></svg>", rows: [.init(date: day, value: "1,00")])
        model.removed = [RemovedCommitment(id: "a", title: "b", removed: "c", facts: "d", history: ["e"])]
        model.hasRemoved = true
        checker.check(template: "official", model: model, strings: d.t)
        // A locality's leaderboard past its first page (no demo locality is that large).
        checker.check(template: "locality-board", model: renderer.localityBoardPage(0, page: 2, d), strings: d.t)
        // An official's commitments past their first page (no demo official has that many).
        checker.check(template: "official-commitments", model: renderer.officialCommitmentsPage(0, page: 2, d), strings: d.t)
        #expect(checker.missing.isEmpty, "keys no model has: \(checker.missing.sorted())")
        let used = Set(files.templates.map(\.name))
        #expect(used.subtracting(checker.rendered).isEmpty, "templates never rendered: \(used.subtracting(checker.rendered).sorted())")
    }

    @Test func aTemplateThatCannotRenderIsAnErrorNotAnEmptyPage() throws {
        let log = DiagnosticLog()
        let files = try #require(ThemeFiles.load(path: TemplateKeyTests.repo + "/themes/default", name: "default", log: log))
        let theme = try #require(Theme.compile(files, log: log))
        guard case let .failure(error) = theme.render(.object(["x": .number(1)]), template: "nope") else {
            Issue.record("a missing template rendered")
            return
        }
        #expect(error.file == "themes/default/templates/nope.mustache" && error.message.contains("not written"))
    }

    @Test func theCheckerCatchesAKeyTheModelLacks() throws {
        struct Model: Encodable { var name: String; var note: String? }
        var checker = KeyChecker(templates: ["x": try MustacheNode.parse("{{name}}{{#note}}{{note}}{{/note}}{{nmae}}{{t.nope}}")])
        checker.check(template: "x", model: Model(name: "a", note: nil), strings: ["yes": "y"])
        #expect(checker.missing == ["x: nmae", "x: t.nope"])
    }
}

/// A Mustache template as a tree, enough to know which keys it reads where.
indirect enum MustacheNode {
    case variable(String)
    case section(String, inverted: Bool, [MustacheNode])
    case partial(String)

    static func parse(_ text: String) throws -> [MustacheNode] {
        var stack: [(String, Bool, [MustacheNode])] = [("", false, [])]
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            rest = rest[open.upperBound...]
            let triple = rest.hasPrefix("{")
            guard let close = rest.range(of: triple ? "}}}" : "}}") else { break }
            var tag = rest[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            rest = rest[close.upperBound...]
            if triple { tag.removeFirst(); tag = tag.trimmingCharacters(in: .whitespaces) }
            guard let first = tag.first else { continue }
            let name = String(tag.dropFirst()).trimmingCharacters(in: .whitespaces)
            switch first {
            case "!": continue
            case "#", "^": stack.append((name, first == "^", []))
            case "/":
                let (open, inverted, body) = stack.removeLast()
                struct Mismatch: Error { var open: String; var close: String }
                guard open == name else { throw Mismatch(open: open, close: name) }
                stack[stack.count - 1].2.append(.section(name, inverted: inverted, body))
            case ">": stack[stack.count - 1].2.append(.partial(name))
            case "&": stack[stack.count - 1].2.append(.variable(name))
            default: stack[stack.count - 1].2.append(.variable(tag))
            }
        }
        return stack[0].2
    }
}

/// Walks a template over a typed model the way Mustache resolves names (the
/// innermost context first, then outwards), using reflection so that an
/// optional property that is nil still counts as present.
struct KeyChecker {
    let templates: [String: [MustacheNode]]
    var missing = Set<String>()
    var rendered = Set<String>()

    mutating func check(template: String, model: Any, strings: [String: String]) {
        rendered.insert(template)
        walk(templates[template] ?? [], stack: [model], strings: strings, template: template)
    }

    /// A property of `value` by name: `.some(child)` when it exists (the child may be nil).
    static func child(_ value: Any, _ name: String) -> Any?? {
        if let dict = value as? [String: String] { return dict[name].map { .some($0) } }
        for c in Mirror(reflecting: value).children where c.label == name { return .some(c.value) }
        return nil
    }

    static func unwrap(_ value: Any) -> Any? {
        let m = Mirror(reflecting: value)
        guard m.displayStyle == .optional else { return value }
        return m.children.first.map { unwrap($0.value) } ?? nil
    }

    /// The value a (dotted) name resolves to; `.none` when no context has it.
    mutating func resolve(_ name: String, _ stack: [Any], strings: [String: String], template: String) -> Any?? {
        if name == "." { return .some(stack.last) }
        let parts = name.split(separator: ".").map(String.init)
        if parts[0] == "t" && parts.count == 2 {
            if strings[parts[1]] == nil { missing.insert("\(template): \(name)") }
            return .some(strings[parts[1]])
        }
        if parts[0] == "root" { return .some("") }
        for context in stack.reversed() {
            guard var found = KeyChecker.child(context, parts[0]) else { continue }
            for part in parts.dropFirst() {
                guard let inner = found.flatMap(KeyChecker.unwrap), let next = KeyChecker.child(inner, part) else {
                    missing.insert("\(template): \(name)")
                    return nil
                }
                found = next
            }
            return .some(found.flatMap(KeyChecker.unwrap))
        }
        missing.insert("\(template): \(name)")
        return nil
    }

    mutating func walk(_ nodes: [MustacheNode], stack: [Any], strings: [String: String], template: String) {
        for node in nodes {
            switch node {
            case let .variable(name):
                _ = resolve(name, stack, strings: strings, template: template)
            case let .partial(name):
                rendered.insert(name)
                walk(templates[name] ?? [], stack: stack, strings: strings, template: name)
            case let .section(name, inverted, body):
                guard let resolved = resolve(name, stack, strings: strings, template: template) else { continue }
                let value = resolved.flatMap(KeyChecker.unwrap)
                if inverted { walk(body, stack: stack, strings: strings, template: template); continue }
                switch value {
                case nil: continue
                case let flag as Bool: if flag { walk(body, stack: stack, strings: strings, template: template) }
                case let list as [Any]: for item in list { walk(body, stack: stack + [item], strings: strings, template: template) }
                case let some?: walk(body, stack: stack + [some], strings: strings, template: template)
                }
            }
        }
    }
}
