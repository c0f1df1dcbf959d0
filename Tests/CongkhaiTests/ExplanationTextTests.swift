import Foundation
import Testing
@testable import Congkhai

/// `score --explain` reads every word from the theme's strings.yaml, like the pages.
@Suite struct ExplanationTextTests {
    @Test func wordsComeFromTheThemeInEachLanguage() throws {
        let themes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("themes/default").path
        let files = try #require(ThemeFiles.load(path: themes, name: "default", log: DiagnosticLog()))
        let c = LedgerTests.content()
        let (run, log) = try c.run()
        let r = try #require(run, "\(log.items)")
        let result = r.scoreboard.results[0]
        let vi = ExplanationReport.text(r, result: result, language: "vi", strings: files.strings(for: "vi"))
        let en = ExplanationReport.text(r, result: result, language: "en", strings: files.strings(for: "en"))
        #expect(vi.contains("Số cam kết đến hạn: 2") && vi.contains("Tổng điểm:") && vi.contains("Mỗi cam kết đến hạn có mức hoàn thành c"))
        #expect(en.contains("Commitments due: 2") && en.contains("Total:") && en.contains("Each due commitment has completion c"))
        // Value words too: the status of a done commitment, and a date as Vietnamese readers write it.
        #expect(vi.contains("Trạng thái Hoàn thành") && vi.contains("Hạn 30/06/2026"))
        #expect(en.contains("Status Done") && en.contains("Deadline 30/06/2026"))
        // No string key is left where a word should be.
        for text in [vi, en] { #expect(!text.contains("fact_") && !text.contains("explain_") && !text.contains("formula_")) }
    }

    /// Placeholders are filled in one pass: a value is never searched again,
    /// unknown or unclosed placeholders stay as written, dates are shown
    /// dd/mm/yyyy, and multi-byte text around them is kept.
    @Test func phrasesFillPlaceholdersOnce() {
        let strings = ["k": "Hạn {{d}} — {{name}} có {{n}} cam kết, {{missing}} {{n", "plain": "không đổi"]
        let p = Phrase("k", ["d": "2026-06-30", "name": "Ông {{n}}", "n": "3"])
        #expect(p.text(strings) == "Hạn 30/06/2026 — Ông {{n}} có 3 cam kết, {{missing}} {{n")
        #expect(Phrase("plain").text(strings) == "không đổi")
        #expect(Phrase("absent", ["x": "1"]).text(strings) == "absent")
        #expect(Phrase("k", ["d": "2026-13-45"]).text(["k": "{{d}}{{d}}"]) == "2026-13-452026-13-45")
    }

    /// Names are matched as `String`s match — by canonical equivalence —
    /// although ASCII names are compared as bytes: a name written
    /// decomposed, or a Kelvin sign against `K`, still finds its value.
    @Test func placeholderNamesMatchAsStringsDo() {
        #expect(Phrase("k", ["tên": "An"]).text(["k": "{{te\u{0302}n}}!"]) == "An!")
        #expect(Phrase("k", ["\u{212A}": "x"]).text(["k": "{{K}}"]) == "x")
        #expect(Phrase("k", ["K": "y"]).text(["k": "a{{\u{212A}}}b{{k}}"]) == "ayb{{k}}")
    }

    /// An input's words on a page are `Explanation.Fact.label`'s, whether
    /// the page was given the language's table of them or not, for keys
    /// the theme has and keys it lacks.
    @Test func factLabelsReadAsFactPhrasesDo() {
        let strings = ["fact_due": "Số cam kết đến hạn", "fact_": "trống", "due": "không phải nhãn", "fact_sum_w": "Σ w"]
        #expect(Display.factLabels(strings) == ["due": "Số cam kết đến hạn", "": "trống", "sum_w": "Σ w"])
        let tabled = Display(language: "vi", t: strings, root: "", prefix: "", tables: Display.Tables(strings))
        let plain = Display(language: "vi", t: strings, root: "", prefix: "")
        for key in ["due", "sum_w", "", "missing", "fact_due"] {
            let expected = Explanation.Fact(key, .none).label.text(strings)
            #expect(tabled.factLabel(key) == expected, "\(key)")
            #expect(plain.factLabel(key) == expected, "\(key)")
        }
    }

    /// Pages fill phrases from pairs, without a dictionary (`Display.fill`,
    /// `ChangeText`): every case above gives the words `Phrase` gives.
    @Test func pairsFillAsPhrasesDo() {
        let strings = ["k": "Hạn {{d}} — {{name}} có {{n}} cam kết, {{missing}} {{n", "plain": "không đổi",
                       "v": "{{te\u{0302}n}}!", "kelvin": "{{K}}", "mixed": "a{{\u{212A}}}b{{k}}", "dd": "{{d}}{{d}}"]
        let cases: [(String, [(key: String, value: String)])] = [
            ("k", [("d", "2026-06-30"), ("name", "Ông {{n}}"), ("n", "3")]), ("plain", []), ("absent", [("x", "1")]),
            ("dd", [("d", "2026-13-45")]), ("v", [("tên", "An")]), ("kelvin", [("\u{212A}", "x")]), ("mixed", [("K", "y")]),
        ]
        for (key, pairs) in cases {
            let expected = Phrase(key, Dictionary(pairs.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })).text(strings)
            #expect(Phrase.text(key, pairs, strings: strings) == expected, "\(key)")
        }
        let d = Display(language: "vi", t: strings, root: "", prefix: "")
        #expect(d.fill("k", ["d": "2026-06-30", "name": "Ông {{n}}", "n": "3"]) == "Hạn 30/06/2026 — Ông {{n}} có 3 cam kết, {{missing}} {{n")
        #expect(d.fill("kelvin", ["\u{212A}": "x"]) == "x" && d.fill("absent", ["x": "1"]) == "absent")
    }
}
