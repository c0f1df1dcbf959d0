/// The province's feedback, then each locality's in one comparable table.
struct FeedbackPage: Encodable, Sendable {
    struct Locality: Encodable, Sendable {
        var name: String
        var href: String
        var rows: String
        var mean: String
        var onTime: String
        var overdue: String
    }

    /// The province's figures, on the first page only.
    var feedback: FeedbackBlock?
    var localities: [Locality]
    var pager: Pager
}

extension SiteRenderer {
    func feedbackPage(_ page: Int, _ d: Display) -> FeedbackPage {
        let p = run.province
        let tally = run.scoreboard.tally
        let size = SitePlan.PageSize.feedbackLocalities
        let shown = Pager.range(page: page, size: size, count: p.localities.count)
        return FeedbackPage(
            feedback: page == 1 ? FeedbackBlock(tally.province, comments: tally.commentGroups.province, categoryNames: tally.categoryNames, id: "fb",
                                                period: p.site.period, asOf: run.scoreboard.asOf, d, heading: d.label("fb_province")) : nil,
            localities: shown.map { li in
                let l = p.localities[li]
                let s = tally.localitySummaries[li]
                let judged = s.complaintsResolvedOnTime + s.complaintsResolvedLate + s.complaintsOverdue
                return FeedbackPage.Locality(name: l.name, href: d.link(SitePaths.locality(l.id)), rows: d.count(s.rows),
                                             mean: s.ratingMean.map { d.number($0) } ?? "—",
                                             onTime: judged == 0 ? "—" : d.count(s.complaintsResolvedOnTime) + "/" + d.count(judged),
                                             overdue: d.count(s.complaintsOverdue))
            },
            pager: Pager(base: SitePaths.feedback, page: page, count: SitePlan.pageCount(p.localities.count, size), d))
    }
}
