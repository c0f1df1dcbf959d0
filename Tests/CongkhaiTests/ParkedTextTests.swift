import Testing
@testable import Congkhai

/// Texts parked in a spool until a later stage: the same text back, as
/// often as asked, whichever way it was kept.
@Suite struct ParkedTextTests {
    @Test func aParkedTextComesBackAsItWas() {
        let spool = Spool()
        let texts = ["", "Chủ tịch UBND xã.\n\n## Mục 1\n", String(repeating: "Đoạn dài. ", count: 50_000), "🙂\u{0}x"]
        let parked = texts.map { ParkedText($0, in: spool) }
        for _ in 0..<2 { #expect(parked.map(\.text) == texts) }
        #expect(texts.map { ParkedText($0).text } == texts)
    }

    @Test func aLoadedOfficialsBodyIsParkedAndReadBack() throws {
        // The loader parks every body; setting one keeps it inline.
        let log = DiagnosticLog()
        let run = try #require(ScoringRun.run(content: TemplateKeyTests.repo + "/content", options: .init(), log: log))
        var official = try #require(run.province.officials.first { !$0.body.isEmpty })
        #expect(official.parkedBody == official.body && official.body.hasSuffix("\n"))
        official.body = "Mới."
        #expect(official.body == "Mới." && official.parkedBody == "Mới.")
    }
}
