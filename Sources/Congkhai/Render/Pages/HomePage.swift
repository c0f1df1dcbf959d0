/// The province at a glance: find your commune first, then bands, rankings,
/// overdue commitments, recent updates.
struct HomePage: Encodable, Sendable {
    struct Band: Encodable, Sendable {
        var band: BandTag
        var count: String
        var share: String
    }

    struct Update: Encodable, Sendable {
        var date: DateText
        var officialName: String
        var officialHref: String
        var title: String
        var progress: String?
        var note: String?
    }

    struct Frozen: Encodable, Sendable {
        var id: String
        var href: String
    }

    var searchAction: String
    var localityChoices: [LocalityChoice]
    var hasChoices: Bool
    var officials: String
    var localities: String
    var commitments: String
    var feedback: String
    var provisional: String?
    var bands: [Band]
    var bandBars: BarList
    var rankings: [LocalityRanking]
    var localitiesHref: String
    var overdueCount: String
    var overdue: [CommitmentCard]
    var hasOverdue: Bool
    var overdueHref: String
    var updates: [Update]
    var changesHref: String
    var frozen: [Frozen]
    var hasFrozen: Bool
}

/// A locality in the "find your commune" list.
struct LocalityChoice: Encodable, Sendable {
    var name: String
    var href: String
}

extension SiteRenderer {
    func homePage(_ d: Display) -> HomePage {
        let p = run.province
        let fw = p.framework
        var counts = [Int](repeating: 0, count: fw.bands.count)
        for r in run.scoreboard.results { counts[r.band] += 1 }
        let n = max(1, run.scoreboard.results.count)
        let overdue = plan.commitmentLists[.overdue] ?? []
        let updates = plan.recentUpdates.prefix(10).map { ref -> HomePage.Update in
            let o = p.officials[ref.official]
            let c = o.commitments[ref.commitment]
            let u = c.updates[ref.update]
            return HomePage.Update(date: d.date(u.on), officialName: o.name,
                                   officialHref: d.link(SitePlan.cardPath(p.officials[ref.official], ref.commitment, asOf: run.scoreboard.asOf)), title: c.title,
                                   progress: u.progress.map { d.percent($0) }, note: u.note.isEmpty ? nil : u.note)
        }
        let cards = overdue.prefix(10).map { commitmentCard($0, d, withOfficial: true) }
        return HomePage(
            searchAction: d.link(SitePaths.search), localityChoices: localityChoices(d),
            hasChoices: run.province.localities.count <= SiteRenderer.directoryLimit,
            officials: d.count(p.officials.count), localities: d.count(p.localities.count),
            commitments: d.count(p.officials.reduce(0) { $0 + $1.commitments.count }),
            feedback: d.count(run.scoreboard.tally.inWindowRows), provisional: provisional(d),
            bands: fw.bands.indices.map {
                HomePage.Band(band: d.band($0, fw), count: d.count(counts[$0]), share: d.percent(Rational(100 * counts[$0], n), places: 1))
            },
            bandBars: BarList(title: d.label("band_distribution"), fw.bands.indices.map {
                (label: fw.bands[$0].name.text(d.language), value: Rational(counts[$0]), text: d.count(counts[$0]),
                 tone: BandColours.toneClass($0))
            }),
            rankings: localityRankings(d, limit: 10), localitiesHref: d.link(SitePaths.localities),
            overdueCount: d.count(overdue.count), overdue: cards, hasOverdue: !cards.isEmpty,
            overdueHref: d.link(SitePaths.commitments(.overdue)), updates: updates, changesHref: d.link(SitePaths.changes),
            // Root-absolute (from base_url's path): the same bytes must also work inside the frozen copy itself.
            frozen: history.frozenPeriods.map { HomePage.Frozen(id: $0, href: basePath + "ky/" + $0 + "/") },
            hasFrozen: !history.frozenPeriods.isEmpty)
    }

    /// Every locality for the "find your commune" list, unless there are too many for one page.
    func localityChoices(_ d: Display) -> [LocalityChoice] {
        guard run.province.localities.count <= SiteRenderer.directoryLimit else { return [] }
        return run.province.localities.sorted { Slug.fold($0.name) < Slug.fold($1.name) }
            .map { LocalityChoice(name: $0.name, href: d.link(SitePaths.locality($0.id))) }
    }

    func commitmentCard(_ ref: SitePlan.CommitmentRef, _ d: Display, withOfficial: Bool) -> CommitmentCard {
        let p = run.province
        let oi = ref.official
        // The official and commitment passed from the arrays in place, not
        // bound to copies first (each copy retained every field: ~0.3 % of a
        // national page stage over the commitment lists).
        return CommitmentCard(p.officials[oi].commitments[ref.commitment], official: p.officials[oi],
                              locality: localityIndex[p.officials[oi].locality].map { p.localities[$0] }, province: p,
                              asOf: run.scoreboard.asOf, d, withOfficial: withOfficial,
                              officialHref: d.link(SitePlan.cardPath(p.officials[oi], ref.commitment, asOf: run.scoreboard.asOf)))
    }
}
