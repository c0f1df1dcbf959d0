import Foundation
import Testing
@testable import Congkhai

/// The officials' bodies set aside until their pages: each read back as
/// rendered, in order, from any thread.
@Suite struct OfficialBodiesTests {
    @Test func everyBodyComesBackAsGiven() {
        let html = ["", "<p>Chủ tịch xã</p>\n", String(repeating: "<p>Dài — đoạn văn.</p>\n", count: 60_000), "", "<p>🙂</p>"]
        let bodies = OfficialBodies(html: html)
        #expect(bodies.count == html.count)
        for _ in 0..<2 {  // a body is read once per language
            #expect((0..<bodies.count).map { bodies[$0] } == html)
        }
        #expect(!bodies.lost)
    }

    @Test func bodiesAreReadOnEveryCoreAtOnce() {
        let html = (0..<2_000).map { "<p>Cán bộ \($0)</p>\n" + String(repeating: "x", count: $0 % 97) }
        let bodies = OfficialBodies(html: html)
        let read = Slots<Bool>(count: html.count)
        DispatchQueue.concurrentPerform(iterations: html.count) { i in read.set(i, bodies[i] == html[i]) }
        #expect(read.values.allSatisfy { $0 })
    }

    @Test func officialsBodiesAreTheirMarkdownRendered() throws {
        let log = DiagnosticLog()
        let run = try #require(ScoringRun.run(content: TemplateKeyTests.repo + "/content", options: .init(), log: log))
        let bodies = OfficialBodies(run.province.officials)
        #expect((0..<bodies.count).map { bodies[$0] } == run.province.officials.map { MarkdownRenderer.html($0.body) })
        #expect((0..<bodies.count).contains { bodies[$0].contains("<p>") })
    }
}
