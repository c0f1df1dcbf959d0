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
        #expect(bodies.lost == nil)
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

    @Test func aBodyThatCannotBeReadBackFailsThePagesAtItsFile() throws {
        let log = DiagnosticLog()
        var run = try #require(ScoringRun.run(content: TemplateKeyTests.repo + "/content", options: .init(), log: log))
        // A parked body whose place lies past its spool's end reads back as nothing.
        let oi = try #require(run.province.officials.firstIndex { !$0.body.isEmpty })
        run.province.officials[oi].bodyText = ParkedText(spooledIn: Spool(), offset: 0, count: 10)
        #expect(run.province.officials[oi].parkedBody == nil)
        let bodies = OfficialBodies(run.province.officials)
        #expect(bodies.lost == oi)
        let theme = try #require(ThemeFiles.embeddedDefault(log: log).flatMap { Theme.compile($0, log: log) })
        let pages = DiagnosticLog()
        try SiteRenderer(run: run, plan: SitePlan.make(run), theme: theme, baseURL: "https://example.org/", bodies: bodies)
            .render(log: pages) { _ in }
        #expect(pages.items.contains { $0.severity == .error && $0.file == run.province.officials[oi].file
                                       && $0.message.contains("cannot read back") })
    }
}
