/// Page 2 and on of an official's commitments: an official with more than
/// `SitePlan.PageSize.officialCommitments` published commitments shows the
/// first ones on their own page and the rest here, in file order (~1 KB a
/// card: 300 commitments made a 478 KB page). Links to a card go to the page
/// that holds it (`SitePlan.cardPath`).
struct OfficialCommitmentsPage: Encodable, Sendable {
    var name: String
    var position: String
    var officialHref: String
    var commitments: [CommitmentCard]
    var pager: Pager
}

extension SiteRenderer {
    /// The cards of an official's page `page` (its published commitments, in
    /// file order), and the pager between its pages (nil for one page).
    func commitmentCards(_ oi: Int, page: Int, _ d: Display) -> (cards: [CommitmentCard], pager: Pager?) {
        let p = run.province
        let o = p.officials[oi]
        let D = run.scoreboard.asOf
        let l = localityIndex[o.locality].map { p.localities[$0] }
        let visible = SitePlan.cardCommitments(o, asOf: D)
        let size = SitePlan.PageSize.officialCommitments
        let pages = SitePlan.pageCount(visible.count, size)
        let cards = visible[Pager.range(page: page, size: size, count: visible.count)].map { c in
            var card = CommitmentCard(c, official: o, locality: l, province: p, asOf: D, d, history: commitmentHistory(o, c.id, d))
            card.historyEarlier = earlierHistory(o, c.id, d)
            if card.historyEarlier != nil { card.ledgerHref = d.link(SitePaths.openData) }
            return card
        }
        let pager = pages > 1 ? Pager(page: page, count: pages, path: { SitePaths.officialCommitments(o.locality, o.id, $0) }, d) : nil
        return (cards, pager)
    }

    func officialCommitmentsPage(_ oi: Int, page: Int, _ d: Display) -> OfficialCommitmentsPage {
        let o = run.province.officials[oi]
        let (cards, pager) = commitmentCards(oi, page: page, d)
        return OfficialCommitmentsPage(name: o.name, position: o.position, officialHref: officialLink(oi, d), commitments: cards,
                                       pager: pager ?? Pager(base: SitePaths.official(o.locality, o.id), page: 1, count: 1, d))
    }
}

extension OfficialCommitmentsPage: TemplateRepresentable {
    func fields(into f: inout TemplateTree) {
        f.put("name", name); f.put("position", position); f.put("officialHref", officialHref); f.put("commitments", commitments)
        f.put("pager", pager)
    }
}
