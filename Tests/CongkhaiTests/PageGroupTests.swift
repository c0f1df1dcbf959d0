import Foundation
import Testing
@testable import Congkhai

/// Pages are made a kind at a time in every language (`SitePlan.pageGroups`),
/// sharing an official's explained result (`PageGroupMemo`); what is
/// published must not change.
@Suite struct PageGroupTests {
    static func demo() throws -> (ScoringRun, SitePlan, SiteRenderer) {
        let demo = try TemplateKeyTests.demo()
        return (demo.run, demo.plan, demo.renderer)
    }

    @Test func everyPageIsInOneGroupOfItsKindInEveryLanguage() throws {
        let (_, plan, _) = try Self.demo()
        let groups = plan.pageGroups
        #expect(plan.languages == ["vi", "en"])
        #expect(groups.flatMap { $0 }.sorted() == Array(plan.pages.indices))
        #expect(groups.last == [plan.pages.count - 1] && plan.pages.last?.kind == .notFound)
        for g in groups.dropLast() {
            #expect(g.map { plan.pages[$0].language } == plan.languages)
            #expect(Set(g.map { plan.pages[$0].path }).count == 1)
            #expect(g.allSatisfy { plan.pages[$0].kind == plan.pages[g[0]].kind })
        }
        #expect(groups.count == (plan.pages.count - 1) / 2 + 1)
    }

    @Test func pagesInAnotherOrderAreGroupsOfOne() throws {
        let (_, plan, _) = try Self.demo()
        var moved = plan
        moved.pages.swapAt(0, 1)
        #expect(moved.pageGroups == moved.pages.indices.map { [$0] })
        var one = plan
        one.languages = ["vi"]
        #expect(one.pageGroups.flatMap { $0 }.sorted() == Array(one.pages.indices))
        #expect(one.pageGroups.allSatisfy { $0.count == 1 })
    }

    @Test func anOfficialsPagesAreTheSameWithTheMemo() throws {
        let (_, plan, renderer) = try Self.demo()
        var officials = 0
        for g in plan.pageGroups {
            guard case .official = plan.pages[g[0]].kind else { continue }
            let memo = PageGroupMemo()
            for i in g {
                let shared = try renderer.renderPage(plan.pages[i], memo: memo).get()
                let alone = try renderer.renderPage(plan.pages[i]).get()
                #expect(shared.bytes == alone.bytes, "\(shared.path)")
            }
            officials += 1
        }
        #expect(officials == plan.pages.filter { if case .official = $0.kind { true } else { false } }.count / 2)
    }

    @Test func theMemoKeepsOneOfficialsExplanation() throws {
        let (run, _, _) = try Self.demo()
        let results = run.scoreboard.results
        let memo = PageGroupMemo()
        let a = memo.explained(results[0], by: run), b = memo.explained(results[1], by: run)
        #expect(a.official == results[0].official && b.official == results[1].official)
        let again = memo.explained(results[1], by: run)
        #expect(again.criteria.map(\.measures.count) == run.explained(results[1]).criteria.map(\.measures.count))
        #expect(again.official == results[1].official)
    }
}
