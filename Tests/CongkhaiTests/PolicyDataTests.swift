import Foundation
import Testing
@testable import Congkhai

/// Policy and settings read from content, each error at its own line, and the
/// checks a build makes before it reads any feedback.
@Suite struct PolicyDataTests {
    /// The 1-based line of `file` in `c` that contains `text`.
    func line(_ c: TestContent, _ file: String, _ text: String) -> Int {
        ((c[file] ?? "").split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(text) } ?? -2) + 1
    }

    func withFramework(_ extra: String) -> TestContent {
        var c = TestContent()
        c["framework.yaml"] = TestContent.framework("{ metric: disclosure }") + "\n" + extra + "\n"
        return c
    }

    @Test func bandColoursAreHexAndReachTheStylesheet() throws {
        var c = TestContent()
        c["framework.yaml"] = TestContent.framework("{ metric: disclosure }")
            .replacingOccurrences(of: "{ id: good, min: 70,", with: "{ id: good, min: 70, colour: \"#123abc\",")
            .replacingOccurrences(of: "{ id: complete, min: 50,", with: "{ id: complete, min: 50, colour: \"red\",")
        #expect(try c.errors().contains { $0.file == "framework.yaml" && $0.line == line(c, "framework.yaml", "colour: \"red\"") && $0.message.contains("colour \"red\" must be a hex colour") })
        c["framework.yaml"] = TestContent.framework("{ metric: disclosure }")
            .replacingOccurrences(of: "{ id: good, min: 70,", with: "{ id: good, min: 70, colour: \"#123ABC\",")
        let root = try c.write()
        let (out, report, _) = try SiteFixture.build(content: root)
        guard case .built = report.outcome else { Issue.record("\(report.outcome)"); return }
        let css = try String(contentsOfFile: out + "/assets/bands.css", encoding: .utf8)
        #expect(css.contains(".band-1{color:#123abc}\n.band-bg-1{background:#123abc}\n"))
        #expect(css.contains(".band-0{color:#05602a}") && css.contains(".band-3{color:#a4000f}") && css.contains(".band-bg-2{background:#6b4a00}"))
    }

    @Test func excellenceQuotaNamesBandsAndAShare() throws {
        let bad = withFramework("excellence_quota: { band: excelent, of_band: good, share: 1.5 }")
        let errors = try bad.errors()
        let at = line(bad, "framework.yaml", "excellence_quota")
        #expect(errors.contains { $0.line == at && $0.message.contains("band \"excelent\" is not a band") && $0.message.contains("did you mean \"excellent\"") })
        #expect(errors.contains { $0.line == at && $0.message.contains("share must lie between 0 and 1") })
    }

    @Test func withoutAQuotaThereIsNoQuotaWarning() throws {
        var c = TestContent(measure: "{ metric: assessment, key: a }")
        c.files["officials/xa-an-binh/nguyen-van-an.md"] = nil
        for (id, score) in [("a", 95), ("b", 92), ("c", 80)] {
            c["officials/xa-an-binh/\(id).md"] = TestContent.official("Cán bộ \(id)", "assessments:\n  a: { score: \(score), max: 100 }\n")
        }
        let (run, log) = try c.run()
        #expect(run?.scoreboard.results.filter { $0.band == 0 }.count == 2)
        #expect(!log.items.contains { $0.message.contains("Decree 335") })
    }

    @Test func periodIdsAndSigningKeysAreChecked() throws {
        var c = TestContent()
        c["site.yaml"] = TestContent.site.replacingOccurrences(of: "id: \"2026\"", with: "id: \"../2026\"")
        #expect(try c.errors().contains { $0.file == "site.yaml" && $0.line == line(c, "site.yaml", "period:") && $0.message.contains("id \"../2026\" is not a valid id") })
        c["site.yaml"] = TestContent.site + "\nsigning_key: \"not-a-key\"\n"
        #expect(try c.errors().contains { $0.file == "site.yaml" && $0.line == line(c, "site.yaml", "signing_key") && $0.message.contains("signing_key must be the base64") })
    }

    @Test func aMissingThemeStopsTheBuildBeforeFeedbackIsRead() throws {
        var c = TestContent()
        c["site.yaml"] = TestContent.site + "\ntheme: nope\n"
        // Feedback that would be an error if it were read (not UTF-8).
        let root = try c.write()
        try Data([0x69, 0x64, 0x0A, 0xC3, 0x28, 0xFF]).write(to: URL(fileURLWithPath: root + "/feedback.csv"))
        try FileManager.default.createDirectory(atPath: root + "/feedback", withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: root + "/feedback.csv", toPath: root + "/feedback/a.csv")
        let log = DiagnosticLog()
        let out = root + "-out"
        let report = SiteBuild.run(.init(content: root, output: out), log: log)
        guard case .contentErrors = report.outcome else { Issue.record("\(report.outcome)"); return }
        #expect(report.run == nil)
        #expect(log.items.filter { $0.severity == .error }.map(\.message) == ["theme \"nope\" not found (looked for themes/nope beside the content folder and in the working directory; only \"default\" is built in)"])
        #expect(!FileManager.default.fileExists(atPath: out + "/index.html"))
    }

    @Test func diagnosticsOutsideTheContentKeepTheirAbsolutePath() {
        let d = Diagnostic.error("/srv/www/site/data/ledger", 0, 0, "ledger: data/ledger/entries.jsonl is missing")
        #expect(d.formatted(prefix: "content") == "/srv/www/site/data/ledger:1: error: ledger: data/ledger/entries.jsonl is missing")
        #expect(Diagnostic.error("site.yaml", 3, 2, "x").formatted(prefix: "content") == "content/site.yaml:3:2: error: x")
    }
}
