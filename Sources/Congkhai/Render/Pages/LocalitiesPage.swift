/// Every locality, ranked within its kind, a page of the list at a time.
struct LocalitiesPage: Encodable, Sendable {
    var rankings: [LocalityRanking]
    var provisional: String?
    var pager: Pager
}

extension SiteRenderer {
    func localitiesPage(_ page: Int, _ d: Display) -> LocalitiesPage {
        let count = run.province.localities.count
        let pages = SitePlan.pageCount(count, SitePlan.PageSize.localities)
        return LocalitiesPage(rankings: localityRankings(d, range: Pager.range(page: page, size: SitePlan.PageSize.localities, count: count)),
                              provisional: provisional(d), pager: Pager(base: SitePaths.localities, page: page, count: pages, d))
    }
}
