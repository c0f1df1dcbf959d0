import Foundation
import Testing
@testable import Congkhai

@Suite struct BackgroundValueTests {
    @Test func theValueIsMadeOnceAndReadFromAnyThread() {
        let made = Slots<Int>(count: 1)
        let v = BackgroundValue { () -> [Int] in
            Thread.sleep(forTimeInterval: 0.05)  // still being made when first read
            made.set(0, (made.value(0) ?? 0) + 1)
            return Array(0..<1000)
        }
        let reads = Slots<Int>(count: 8)
        DispatchQueue.concurrentPerform(iterations: 8) { i in reads.set(i, v.value.reduce(0, +)) }
        #expect(reads.values == Array(repeating: 499_500, count: 8))
        #expect(v.value.count == 1000 && made.value(0) == 1)
    }

    @Test func aBuildsBodiesAreThoseTheRendererMakesItself() throws {
        let log = DiagnosticLog()
        let run = try #require(ScoringRun.run(content: TemplateKeyTests.repo + "/content", options: .init(), log: log))
        let background = BackgroundValue { [officials = run.province.officials] in OfficialBodies(officials) }
        let files = try #require(ThemeFiles.embeddedDefault(log: log))
        let theme = try #require(Theme.compile(files, log: log))
        let plan = SitePlan.make(run)
        let own = SiteRenderer(run: run, plan: plan, theme: theme, baseURL: "https://example.org/")
        func all(_ b: OfficialBodies) -> [String] { (0..<b.count).map { b[$0] } }
        #expect(all(own.bodies) == all(background.value) && all(own.bodies).contains { $0.contains("<p>") })
        // Bodies given are the ones used.
        let marked = all(background.value).map { $0 + "<!-- given -->" }
        let given = SiteRenderer(run: run, plan: plan, theme: theme, baseURL: "https://example.org/", bodies: OfficialBodies(html: marked))
        #expect(all(given.bodies) == marked)
    }
}
