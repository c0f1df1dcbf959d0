import Foundation
import Testing
@testable import Congkhai

/// A national site has more pages than one sitemap may list (50,000).
@Suite struct SitemapTests {
    @Test func pastTheLimitTheSitemapIsAnIndex() throws {
        let log = DiagnosticLog()
        let run = try #require(ScoringRun.run(content: TemplateKeyTests.repo + "/content", options: .init(), log: log))
        let files = try #require(ThemeFiles.embeddedDefault(log: log))
        let theme = try #require(Theme.compile(files, log: log))
        let plan = SitePlan.make(run)
        let renderer = SiteRenderer(run: run, plan: plan, theme: theme, baseURL: "https://example.org/")
        #expect(renderer.sitemaps().map(\.path) == ["sitemap.xml"])
        let parts = renderer.sitemaps(limit: 100)
        let pages = plan.pages.count - 1
        #expect(parts.count == (pages + 99) / 100 + 1 && parts.last?.path == "sitemap.xml")
        let index = String(decoding: parts.last?.bytes ?? [], as: UTF8.self)
        #expect(index.contains("<sitemapindex") && index.contains("https://example.org/sitemap-1.xml"))
        let listed = parts.dropLast().map { String(decoding: $0.bytes, as: UTF8.self).components(separatedBy: "<url>").count - 1 }
        #expect(listed.reduce(0, +) == pages && listed.allSatisfy { $0 <= 100 })
    }
}
