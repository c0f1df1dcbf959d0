/// Every locality, ranked within its kind.
struct LocalitiesPage: Encodable, Sendable {
    var rankings: [LocalityRanking]
    var provisional: String?
}

extension SiteRenderer {
    func localitiesPage(_ d: Display) -> LocalitiesPage {
        LocalitiesPage(rankings: localityRankings(d), provisional: provisional(d))
    }
}
