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
        let demo = try TemplateKeyTests.demo()
        // The renderer's theme, with each language's strings written into
        // its templates (decision 108), as pages are rendered.
        let (plan, renderer) = (demo.plan, demo.renderer)
        let theme = renderer.theme
        var reference = MustacheLibrary()
        for t in demo.files.templates { try reference.register(t.text, named: t.name) }
        var compared = 0
        for page in plan.pages {
            let (d, fullPath) = renderer.display(for: page)
            let m = renderer.pageModel(page, d)
            let context = TemplateContext.make(m.model, strings: d.t, root: d.root)
            // Ours from the tree the build renders (`TemplateTree.page`), not from the value read back out of it.
            let tree = TemplateTree.page(m.model, strings: d.t, root: d.root)
            let ours = String(decoding: try theme.renderBytes(tree, template: m.template, language: d.language).get(), as: UTF8.self)
            let theirs = reference.render(TemplateEngineTests.any(context), withTemplate: m.template)
            #expect(sameBytes(ours, theirs), "\(fullPath): the engines differ")
            #expect(try sameBytes(demo.theme.render(context, template: m.template).get(), ours), "\(fullPath): strings written in differ")
            let layout = renderer.layout(page, d, fullPath: fullPath, title: m.title, description: m.description,
                                         feed: m.feed, content: PageHTML(bytes: Array(ours.utf8)))
            let frame = TemplateContext.make(layout, strings: d.t, root: d.root)
            let framed = try theme.renderBytes(TemplateTree.page(layout, strings: d.t, root: d.root), template: "layout", language: d.language).get()
            #expect(sameBytes(String(decoding: framed, as: UTF8.self), reference.render(TemplateEngineTests.any(frame), withTemplate: "layout")))
            compared += 1
        }
        #expect(compared == plan.pages.count && compared > 250)
    }

    /// Names of nested objects' fields, anywhere below the top of `value`.
    static func nestedFieldNames(_ value: TemplateValue, top: Bool = true, into names: inout Set<String>) {
        switch value {
        case let .object(o):
            for f in o.fields {
                if !top { names.insert(f.name) }
                nestedFieldNames(f.value, top: false, into: &names)
            }
        case let .list(items): for item in items { nestedFieldNames(item, top: false, into: &names) }
        default: break
        }
    }

    /// Writing `{{t.key}}` in ahead of time is exact only while `t` is the
    /// page's own strings table: no model below the page may have a field
    /// named `t` (decision 108). Every demo page and its frame, both languages.
    @Test func noPageModelBelowThePageHasAFieldNamedT() throws {
        let demo = try TemplateKeyTests.demo()
        let (plan, renderer) = (demo.plan, demo.renderer)
        var names = Set<String>()
        for page in plan.pages {
            let (d, fullPath) = renderer.display(for: page)
            let m = renderer.pageModel(page, d)
            TemplateEngineTests.nestedFieldNames(TemplateContext.make(m.model, strings: d.t, root: d.root), into: &names)
            let frame = renderer.layout(page, d, fullPath: fullPath, title: m.title, description: m.description, feed: m.feed,
                                        content: PageHTML(bytes: []))
            TemplateEngineTests.nestedFieldNames(TemplateContext.make(frame, strings: d.t, root: d.root), into: &names)
        }
        #expect(names.count > 100, "the walk found the models' fields")
        #expect(!names.contains("t"))
    }

    /// What is written in, and what is left to the lookup.
    @Test func stringsAreWrittenInExactlyWhereTheLookupWouldFindThem() throws {
        var library = TemplateLibrary()
        try library.register("""
            {{t.a}}|{{{t.a}}}|{{&t.a}}|{{t.missing}}|{{t.a.b}}|{{#t.a}}[{{.}}]{{/t.a}}|{{^t.missing}}none{{/t.missing}}|\
            {{#t}}{{t.a}}{{a}}{{/t}}|{{#list}}{{t.a}}{{x}}{{/list}}
            """, named: "page")
        let strings = ["a": "<b>&", "t": "inner"]
        let value = TemplateValue.object(["list": .list([.object(["x": .number(1)]), .object(["x": .number(2)])]),
                                          "t": .strings(strings)])
        let resolved = library.resolving(strings: strings)
        let expected = "&lt;b&gt;&amp;|<b>&|<b>&|||[&lt;b&gt;&amp;]|none|&lt;b&gt;&amp;|&lt;b&gt;&amp;1&lt;b&gt;&amp;2"
        #expect(library.render(value, template: "page") == expected)
        #expect(resolved.render(value, template: "page") == expected)
        // Only variables outside sections on `t` are written in; the rest stay lookups.
        func lookups(_ l: TemplateLibrary) -> Int {
            (l.templates["page"]?.ops ?? []).filter { if case .variable = $0 { return true } else { return false } }.count
        }
        #expect(lookups(library) == 10)
        #expect(lookups(resolved) == 5)
    }

    /// Two values alike, field names and order included; `path` names the first difference.
    static func difference(_ a: TemplateValue, _ b: TemplateValue, _ path: String = "") -> String? {
        switch (a, b) {
        case let (.text(x), .text(y)): return x == y ? nil : "\(path): \(x.debugDescription) ≠ \(y.debugDescription)"
        case let (.html(x), .html(y)): return x == y ? nil : "\(path): html differs"
        case let (.number(x), .number(y)): return x == y ? nil : "\(path): \(x) ≠ \(y)"
        case let (.flag(x), .flag(y)): return x == y ? nil : "\(path): \(x) ≠ \(y)"
        case let (.strings(x), .strings(y)): return x == y ? nil : "\(path): strings differ"
        case let (.list(x), .list(y)):
            guard x.count == y.count else { return "\(path): \(x.count) items ≠ \(y.count)" }
            for (i, (u, v)) in zip(x, y).enumerated() { if let d = difference(u, v, "\(path)[\(i)]") { return d } }
            return nil
        case let (.object(x), .object(y)):
            let (xs, ys) = (x.fields, y.fields)
            guard xs.map(\.name) == ys.map(\.name) else { return "\(path): fields \(xs.map(\.name)) ≠ \(ys.map(\.name))" }
            for (u, v) in zip(xs, ys) { if let d = difference(u.value, v.value, path + "." + u.name) { return d } }
            return nil
        default: return "\(path): \(a) ≠ \(b)"
        }
    }

    /// Walks `value` (through any struct, optional or array) and compares
    /// every `TemplateRepresentable` value in it with what its `Encodable`
    /// gives through the adapter; notes `Type.property` of each of their
    /// stored properties (`declared`) and of those not nil (`set`).
    static func compareDirect(_ value: Any, at path: String, declared: inout Set<String>, set: inout Set<String>) -> Int {
        let mirror = Mirror(reflecting: value)
        var compared = 0
        var type: String?
        if let direct = value as? any TemplateRepresentable, !(value is PageHTML) {
            type = String(reflecting: Swift.type(of: value))
            let reference = TemplateContext.value(direct, direct: false)
            let difference = TemplateEngineTests.difference(direct.templateValue, reference)
            #expect(difference == nil, "\(path): \(difference ?? "")")
            compared += 1
        }
        for child in mirror.children {
            if let type, let label = child.label {
                declared.insert(type + "." + label)
                let inner = Mirror(reflecting: child.value)
                if !(inner.displayStyle == .optional && inner.children.isEmpty) { set.insert(type + "." + label) }
            }
            compared += compareDirect(child.value, at: path + "." + (child.label ?? "?"), declared: &declared, set: &set)
        }
        return compared
    }

    /// The models that build their own template values (`TemplateRepresentable`)
    /// build exactly what their `Encodable` gives through the adapter: every
    /// one found in every demo page's model and layout, both languages.
    @Test func directModelsAreWhatTheirEncodableGives() throws {
        let demo = try TemplateKeyTests.demo()
        let (run, plan, renderer) = (demo.run, demo.plan, demo.renderer)
        var declared = Set<String>(), set = Set<String>()
        var compared = 0
        var pages = 0
        var filledOne = false, filledLocality = false, filledNotice = false, filledDataFiles = false
        for page in plan.pages {
            let (d, fullPath) = renderer.display(for: page)
            let m = renderer.pageModel(page, d)
            let frame = renderer.layout(page, d, fullPath: fullPath, title: m.title, description: m.description,
                                        feed: m.feed, content: PageHTML(bytes: Array("<p>x</p>".utf8)))
            var models: [any Encodable] = [m.model, frame]
            // What the demo's first build never shows (a trend, a big move,
            // removed rows, a quota warning): set on one page of each kind.
            if var locality = m.model as? LocalityPage, !filledLocality {
                filledLocality = true
                locality.trend = TrendBlock(title: "t", chart: "<svg/>", rows: [.init(date: d.date(run.scoreboard.asOf), value: "1")])
                (locality.removedRows, locality.quotaWarning, locality.overdueMore) = ("removed", "quota", "more")
                (locality.indicatorsMore, locality.adjustmentsMore, locality.recordsMoreHref) = ("… 3", "… 2", "data/content/x.yaml")
                // A leaderboard in pages (a locality past `PageSize.localityOfficials`), and its second page.
                locality.boardPager = Pager(page: 1, count: 2, path: { "x/\($0)/" }, d)
                locality.board.scope = "1–200 / 306"
                models.append(locality)
                if case let .locality(li) = page.kind { models.append(renderer.localityBoardPage(li, page: 2, d)) }
            }
            if var files = m.model as? DataFilesPage, files.pager == nil, !filledDataFiles {
                filledDataFiles = true
                // A locality with more data files than one page lists.
                files.pager = Pager(base: "x/", page: 1, count: 2, d)
                models.append(files)
            }
            if var notice = m.model as? NoticePage, !filledNotice {
                filledNotice = true
                // A notice in parts (a commune past `PageSize.noticeOfficials`), seen from its middle part.
                (notice.part, notice.pager) = ("2/3", Pager(base: "x/", page: 2, count: 3, d))
                // An official with more commitments than a notice lists.
                if !notice.officials.isEmpty { notice.officials[0].commitmentsMore = "… 20" }
                models.append(notice)
            }
            if var official = m.model as? OfficialPage, !filledOne {
                filledOne = true
                official.trend = TrendBlock(title: "t", chart: "<svg/>", rows: [.init(date: d.date(run.scoreboard.asOf), value: "1")])
                official.score.bigMove = "↑ 12"
                // A commitment with more changes than its card lists.
                if !official.commitments.isEmpty {
                    official.commitments[0].history = ["a", "b"]
                    official.commitments[0].hasHistory = true
                    (official.commitments[0].historyEarlier, official.commitments[0].ledgerHref) = ("… 40", "du-lieu/")
                    official.commitments[0].older = [.init(date: DateText(iso: "2026-01-01", text: "01/01/2026"), note: "n")]
                    official.commitments[0].hasOlder = true
                    (official.commitments[0].olderMore, official.commitments[0].olderHref) = ("… 300", "du-lieu/tep/x/")
                }
                // Commitments in pages, and a measure with more items than the breakdown lists.
                official.commitmentsPager = Pager(page: 1, count: 2, path: { "x/\($0)/" }, d)
                official.removed = [RemovedCommitment(id: "a", title: "b", removed: "c", facts: "d", history: [])]
                (official.hasRemoved, official.removedMore, official.ledgerHref) = (true, "… 12", "du-lieu/")
                // A profile cut for the page.
                (official.bodyMore, official.bodyMoreHref) = ("… 300 KB", "data/content/x.md")
                if let c = official.breakdown.criteria.indices.first(where: { !official.breakdown.criteria[$0].measures.isEmpty }) {
                    (official.breakdown.criteria[c].measures[0].itemsMore, official.breakdown.criteria[c].measures[0].explanationHref) = ("… 5", "e.json")
                }
                // More post-audits, incidents and initiatives than the page lists.
                (official.breakdown.auditsMore, official.breakdown.auditsMoreHref) = ("… 3", "e.json")
                (official.breakdown.incidentsMore, official.breakdown.initiativesMore, official.breakdown.recordsMoreHref) = ("… 4", "… 6", "data/content/x.md")
                // A comment cut for the page.
                official.feedback.comments.insert(.init(text: "t…", date: d.date(run.scoreboard.asOf), kind: "k", category: nil, repeats: nil,
                                                        shortened: "rút gọn", complaint: nil, complaintKey: nil), at: 0)
                official.feedback.hasComments = true
                models.append(official)
                if case let .official(oi) = page.kind { models.append(renderer.officialCommitmentsPage(oi, page: 2, d)) }
            }
            for model in models {
                let n = TemplateEngineTests.compareDirect(model, at: fullPath, declared: &declared, set: &set)
                if n > 0 { pages += 1 }
                compared += n
            }
        }
        // The comparison can only catch a field left out if some value sets
        // it (a nil optional is left out by both ways alike): every property
        // of every direct model is set somewhere.
        #expect(declared.subtracting(set).isEmpty, "never set: \(declared.subtracting(set).sorted())")
        #expect(declared.count > 150 && compared > 10_000 && pages > plan.pages.count, "\(declared.count) \(compared) \(pages)")
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

    /// Positions are counted once through the template (`Parser.Positions`),
    /// not from its start for every tag: every line before the tag counts,
    /// also those inside a multi-line tag or a standalone one, and columns
    /// are bytes from the line's start.
    @Test func aParseErrorIsAtTheTagsLineAndColumnAfterEveryKindOfLine() {
        func position(_ text: String) -> (Int, Int)? {
            do { _ = try Template(text) } catch { return (error.line, error.column) }
            return nil
        }
        // Never closed: reported where the section opens.
        let opened = "{{! a\nmulti-line\ncomment }}\r\n  {{#xs}}\n  {{.}}\n  {{/xs}}\nắ {{#open}}x"
        #expect(position(opened).map { [$0.0, $0.1] } == [7, 5])  // `ắ` is three bytes
        // Unclosed and empty tags, after text and tags on earlier lines.
        #expect(position("a\nb {{x}} c\n\n{{y").map { [$0.0, $0.1] } == [4, 1])
        #expect(position("{{#a}}\n{{/a}}\n   {{ }}").map { [$0.0, $0.1] } == [3, 4])
        // Many tags before the error (the count carries over from tag to tag).
        let many = String(repeating: "<p>{{x}}</p>\n", count: 300) + "  {{#never}}"
        #expect(position(many).map { [$0.0, $0.1] } == [301, 3])
        #expect(position("{{#a}}{{/a}}") == nil)
    }

    /// A tag's name is trimmed as Foundation's `.whitespaces` trims it
    /// (the rule before the byte-level cut), Unicode spaces included.
    @Test func tagNamesAreTrimmedAsFoundationTrimsThem() throws {
        let pieces = [" ", "\t", "\u{00A0}", "\u{3000}", "\u{2003}", "a", "ắ", "\n", "#", "x y", "\u{200B}"]
        var rng = SplitMix(seed: 7)
        for _ in 0..<3_000 {
            var s = ""
            for _ in 0..<Int.random(in: 0...6, using: &rng) { s += pieces[Int.random(in: 0..<pieces.count, using: &rng)] }
            let got = Template.trimmedName(ArraySlice(Array(s.utf8)))
            #expect(sameBytes(got, s.trimmingCharacters(in: .whitespaces)), "\(s.debugDescription)")
        }
        var lib = TemplateLibrary()
        try lib.register("{{ \u{3000}name\u{00A0} }}|{{#\t xs \t}}{{.}}{{/ xs}}", named: "t")
        #expect(lib.render(.object(["name": .text("n"), "xs": .list([.text("1"), .text("2")])]), template: "t") == "n|12")
    }

    /// A tree compares names by their first 16 bytes as two words and their
    /// length (`TemplateTree.Name`): names alike in their first 16 bytes, or
    /// one a prefix of another, or of 8 and 16 bytes exactly, are still told
    /// apart; multi-byte names too; a name given twice reads as its last value.
    @Test func aTreeTellsApartNamesAlikeInTheirFirstSixteenBytes() throws {
        let names = ["abcdefghijklmnopqr1", "abcdefghijklmnopqr2", "abcdefghijklmnop", "abcdefghijklmno", "abcdefghijklmnopq",
                     "abcdefgh", "abcdefg", "abcdefghi", "a", "b", "tên_đơn_vị_hành_chính", "tên_đơn_vị_hành_chính2",
                     "ab", "abc", "abcd", "abcde", "abcdef", "abcdefghij", "abcdefghijk", "abcdefghijkl", "abcdefghijklm", "abcdefghijklmn",
                     "bbcd", "abcdeg", "abcdefghijkm", "x.y"]
        var fields = TemplateFields()
        for (i, n) in names.enumerated() { fields.append(n, .text("v\(i)")) }
        fields.append("a", .text("last"))
        var lib = TemplateLibrary()
        try lib.register(names.dropLast().map { "{{\($0)}}" }.joined(separator: "|") + "|{{missing}}|{{abcdefghijklmnopqr}}", named: "t")
        let expected = (0..<names.count - 1).map { $0 == 8 ? "last" : "v\($0)" }.joined(separator: "|") + "||"
        #expect(lib.render(.object(fields), template: "t") == expected)
        // Through a section and a dotted path, the same.
        try lib.register("{{#o}}{{abcdefghijklmnopqr2}}{{/o}}|{{o.abcdefghijklmnopqr1}}|{{o.abcdefghijklmnopqr3}}", named: "n")
        #expect(lib.render(.object(["o": .object(fields)]), template: "n") == "v1|v0|")
    }

    /// A value read back from its tree is the value it was made from: texts,
    /// markup, numbers, flags, empty and nested lists and objects, a strings
    /// table, field order, long and repeated names.
    @Test func aTreeReadsBackAsTheValueItWasMadeFrom() {
        let value = TemplateValue.object([
            "text": .text("Ắ <b>"), "html": .html(Array("<p>x</p>".utf8)), "n": .number(-42), "yes": .flag(true), "no": .flag(false),
            "empty": .list([]), "nested": .list([.object(["a": .text("1"), "averyveryverylongname": .list([.text("")])]), .object([:])]),
            "t": .strings(["k": "v"]), "n2": .number(0), "text2": .text(""),
        ])
        let tree = TemplateTree(value)
        #expect(TemplateEngineTests.difference(tree.value, value) == nil)
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


/// A page's bytes are appended at a cursor into a buffer of a guessed
/// size (`RenderBuffer`): what comes out is exactly what was appended, in
/// order, however often it outgrew its guess, and what was never written
/// past the cursor never shows.
@Suite struct RenderBufferTests {
    @Test func whatComesOutIsWhatWasAppendedAcrossGrowths() {
        var rng = SplitMix(seed: 52)
        for guess in [1, 64, 100, 4096] {
            var buffer = RenderBuffer(capacity: guess)
            var expected: [UInt8] = []
            for _ in 0..<400 {
                let chunk = (0..<Int.random(in: 0...300, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
                chunk.withUnsafeBufferPointer { buffer.append($0) }
                expected += chunk
                #expect(buffer.count == expected.count)
            }
            // Compared as flags: a failure prints counts, not 60,000 bytes twice.
            let read = buffer.withUnsafeBufferPointer { Array($0) } == expected
            let out = buffer.finish()
            let same = out == expected
            #expect(read && same, "guess \(guess): \(out.count) bytes out, \(expected.count) appended")
        }
        #expect(RenderBuffer(capacity: 1 << 16).finish().isEmpty)
    }
}

/// Pages look their words up in a `StringTable` made once per language:
/// it answers exactly what the strings dictionary answers, for every key of
/// both languages, for keys it does not have (one byte off, a prefix, a
/// longer spelling) and for keys past 16 bytes or outside ASCII.
@Suite struct StringTableTests {
    @Test func aTableAnswersWhatItsDictionaryAnswers() {
        for strings in [ThemeStrings.vi, ThemeStrings.en, ["ắ": "1", "tên_đơn_vị_hành_chính_rất_dài": "2", "": "3", "a": "4"]] {
            let table = StringTable(strings)
            #expect(strings.count > 3 && !table.isEmpty)
            var asked = 0
            for key in strings.keys {
                for probe in [key, key + "x", String(key.dropLast()), "x" + key, key.uppercased()] {
                    let same = table[probe] == strings[probe]
                    #expect(same, "\(probe.debugDescription)")
                    asked += 1
                }
            }
            #expect(asked == strings.count * 5)
        }
        #expect(StringTable()["a"] == nil && StringTable().isEmpty)
    }
}

/// Paths, links and theme keys are joined by `Concat`: the same text as
/// `+`, for parts empty, small (kept inline by `String`), large, and
/// outside ASCII, at every arity it has.
@Suite struct ConcatTests {
    @Test func joinedIsWhatPlusGives() {
        let parts = ["", "a", "dia-phuong/", "/", "xã-an-bình", "trang-12/", String(repeating: "ắ", count: 40), "#ck-", "0123456789abcdef",
                     "0123456789abcdefg", "🇻🇳"]
        var rng = SplitMix(seed: 52)
        for _ in 0..<2_000 {
            let p = (0..<5).map { _ in parts[Int.random(in: 0..<parts.count, using: &rng)] }
            #expect(Concat.join(p[0], p[1]) == p[0] + p[1])
            #expect(Concat.join(p[0], p[1], p[2]) == p[0] + p[1] + p[2])
            #expect(Concat.join(p[0], p[1], p[2], p[3]) == p[0] + p[1] + p[2] + p[3])
            let five = Concat.join(p[0], p[1], p[2], p[3], p[4])
            #expect(five == p[0] + p[1] + p[2] + p[3] + p[4] && five.utf8.count == p.map(\.utf8.count).reduce(0, +))
        }
    }
}
