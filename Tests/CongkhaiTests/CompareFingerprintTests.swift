import Foundation
import Testing
@testable import Congkhai

/// A comparison page is kept in a rebuild when the officials it shows, in
/// their order and tables, are unchanged (decision 99): its fingerprint is
/// taken of the rows the page itself shows, so both must be the same rows.
@Suite struct CompareFingerprintTests {
    @Test func aComparisonPagesFingerprintNamesItsRowsInOrder() throws {
        let demo = try TemplateKeyTests.demo()
        // Pages of 7 rows, so every context spans several pages.
        var plan = demo.plan
        plan.compareSize = 7
        let renderer = SiteRenderer(run: demo.run, plan: plan, theme: demo.theme, baseURL: "https://example.org/")
        let results = demo.run.scoreboard.results
        let contexts: [Int?] = [nil] + Locality.Context.allCases.indices.map { $0 }
        var shownSomewhere = 0
        for context in contexts {
            let (total, _) = renderer.compareRows(context, page: 1)
            let pages = max(1, SitePlan.pageCount(total, 7))
            var all: [Int] = []
            for n in 1...pages {
                let (pageTotal, rows) = renderer.compareRows(context, page: n)
                #expect(pageTotal == total && rows.count <= 7)
                all += rows.map(\.result)
                // The page's rows, as the page shows them (by the links to their officials).
                let page = SitePlan.Page(kind: .compare(context, page: n), language: "vi", path: "so-sanh/")
                let (d, _) = renderer.display(for: page)
                let model = renderer.comparePage(context, page: n, d)
                let shown = model.tables.flatMap { $0.rows.map(\.href) }
                #expect(shown == rows.map { renderer.officialLink(results[$0.result].official, d) })
                var titles: [String] = []
                for row in rows {
                    let title = d.label("ranking_" + renderer.groupedRanking.groups[row.group].group.rawValue)
                    if titles.last != title { titles.append(title) }
                }
                #expect(model.tables.map(\.title) == titles)
                guard case let .officials(key, officials)? = renderer.owner(of: page.kind) else {
                    Issue.record("a comparison page without an owner")
                    continue
                }
                #expect(officials == rows.map { results[$0.result].official }, "in the page's order")
                #expect(Array(key.prefix(3)) == [context ?? -1, n, total])
                #expect(Array(key.dropFirst(3)) == rows.flatMap { [$0.group, $0.locality] })
            }
            // Every row of the context once, in the order of a single long page.
            #expect(all.count == total && Set(all).count == total)
            shownSomewhere += total
        }
        #expect(shownSomewhere >= results.count, "the whole list and each context")
    }
}
