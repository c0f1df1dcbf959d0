/// A locality: its leaderboard, indicators, overdue commitments, feedback.
struct LocalityPage: Encodable, Sendable {
    struct Indicator: Encodable, Sendable {
        var name: String
        var baseline: String
        var target: String
        var actual: String
        var direction: String
    }

    struct Adjustment: Encodable, Sendable {
        var product: String
        var factor: String
        var reason: String
        var approvedBy: String
        var decision: String
        var approvedOn: DateText?
    }

    var name: String
    var kind: String
    var context: String
    var population: String?
    var rankLine: String?
    var noticeHref: String
    var feedHref: String
    var changesHref: String
    var removedRows: String?
    var quotaWarning: String?
    var provisional: String?
    var trend: TrendBlock?
    var board: Leaderboard
    /// Between the leaderboard's pages when it has more than one (`LocalityBoardPage`).
    var boardPager: Pager?
    var indicators: [Indicator]
    var hasIndicators: Bool
    var adjustments: [Adjustment]
    var hasAdjustments: Bool
    /// "… and 12 more indicators" past `PageSize.localityRecords`, and the
    /// same for adjustments, linking to the published locality file.
    var indicatorsMore: String?
    var adjustmentsMore: String?
    var recordsMoreHref: String?
    var overdue: [CommitmentCard]
    var hasOverdue: Bool
    /// "… and 40 more: the province's overdue list" past `PageSize.localityOverdue`.
    var overdueMore: String?
    var overdueHref: String
    var feedback: FeedbackBlock
}

extension SiteRenderer {
    func localityPage(_ li: Int, _ d: Display) -> LocalityPage {
        let p = run.province
        let l = p.localities[li]
        var rankLine: String?
        if let (g, i) = groupedRanking.position[li] {
            let (group, entries) = groupedRanking.groups[g]
            rankLine = d.fill("locality_rank_line", ["rank": d.count(entries[i].rank), "size": d.count(entries.count),
                                                     "group": d.label("ranking_" + group.rawValue), "mean": d.score(entries[i].mean)])
        }
        var quota: String?
        if let q = ExcellenceQuota.status(locality: l.id, results: resultsByLocality[li].map { run.scoreboard.results[$0] },
                                         province: p), q.exceeded {
            quota = d.fill("quota_warning", ["excellent": d.count(q.counted), "of": d.count(q.of)])
        }
        // Most overdue first (the plan's order), at most `PageSize.localityOverdue`.
        let allOverdue = overdueByLocality[li]
        let overdue = allOverdue.prefix(SitePlan.PageSize.localityOverdue).map { commitmentCard($0, d, withOfficial: true) }
        let limit = SitePlan.PageSize.localityRecords
        let indicators = l.indicators.prefix(limit).map { i in
            LocalityPage.Indicator(name: i.unit.isEmpty ? i.name : i.name + " (" + i.unit + ")", baseline: d.number(i.baseline),
                                   target: d.number(i.target), actual: i.actual.map { d.number($0) } ?? d.label("no_data"),
                                   direction: d.label("direction_" + i.direction.rawValue))
        }
        let adjustments = l.normAdjustments.prefix(limit).map { a in
            LocalityPage.Adjustment(product: p.products[a.product]?.name ?? a.product, factor: d.number(a.factor), reason: a.reason,
                                    approvedBy: a.approvedBy, decision: a.decision, approvedOn: a.approvedOn.map(d.date))
        }
        let (board, boardPager) = localityBoardPart(li, page: 1, d)
        return LocalityPage(
            name: l.name, kind: d.label("locality_" + l.kind.rawValue), context: d.label("context_" + l.context.rawValue),
            population: l.population.map(d.count), rankLine: rankLine,
            noticeHref: d.link(SitePaths.notice(l.id)), feedHref: d.root + SitePaths.localityFeed(l.id),
            changesHref: d.link(SitePaths.localityChanges(l.id)),
            removedRows: history.removedRows[l.id].flatMap { $0 > 0 ? d.fill("removed_rows", ["count": d.count($0)]) : nil },
            quotaWarning: quota, provisional: provisional(d),
            trend: trend(series: localitySeries(l), title: d.label("mean_trend"), d),
            board: board, boardPager: boardPager,
            indicators: indicators, hasIndicators: !indicators.isEmpty, adjustments: adjustments, hasAdjustments: !adjustments.isEmpty,
            indicatorsMore: d.more("indicators_more", all: l.indicators.count, shown: limit),
            adjustmentsMore: d.more("adjustments_more", all: l.normAdjustments.count, shown: limit),
            recordsMoreHref: max(l.indicators.count, l.normAdjustments.count) > limit ? d.root + SitePaths.contentFile(l.file) : nil,
            overdue: overdue, hasOverdue: !overdue.isEmpty,
            overdueMore: d.more("overdue_more", all: allOverdue.count, shown: overdue.count),
            overdueHref: d.link(SitePaths.commitments(.overdue)),
            feedback: FeedbackBlock(run.scoreboard.tally.localitySummaries[li], comments: run.scoreboard.tally.commentGroups.localities[li],
                                    categoryNames: run.scoreboard.tally.categoryNames, id: "fb", period: p.site.period,
                                    asOf: run.scoreboard.asOf, d))
    }
}

extension LocalityPage: TemplateRepresentable {
    func fields(into f: inout TemplateTree) {
        f.put("name", name); f.put("kind", kind); f.put("context", context); f.put("population", population)
        f.put("rankLine", rankLine); f.put("noticeHref", noticeHref); f.put("feedHref", feedHref)
        f.put("changesHref", changesHref); f.put("removedRows", removedRows); f.put("quotaWarning", quotaWarning)
        f.put("provisional", provisional); f.put("trend", trend); f.put("board", board); f.put("boardPager", boardPager)
        f.put("indicators", indicators)
        f.put("hasIndicators", hasIndicators); f.put("adjustments", adjustments); f.put("hasAdjustments", hasAdjustments)
        f.put("indicatorsMore", indicatorsMore); f.put("adjustmentsMore", adjustmentsMore); f.put("recordsMoreHref", recordsMoreHref)
        f.put("overdue", overdue); f.put("hasOverdue", hasOverdue); f.put("overdueMore", overdueMore)
        f.put("overdueHref", overdueHref); f.put("feedback", feedback)
    }
}

extension LocalityPage.Indicator: TemplateRepresentable {
    func fields(into f: inout TemplateTree) {
        f.put("name", name); f.put("baseline", baseline); f.put("target", target); f.put("actual", actual)
        f.put("direction", direction)
    }
}

extension LocalityPage.Adjustment: TemplateRepresentable {
    func fields(into f: inout TemplateTree) {
        f.put("product", product); f.put("factor", factor); f.put("reason", reason); f.put("approvedBy", approvedBy)
        f.put("decision", decision); f.put("approvedOn", approvedOn)
    }
}
