/// The A4 notice for a commune's board: each official compact (name, score,
/// band, a tally line, a short commitments table and a QR code), three to a
/// sheet; the contacts once, at the end. A commune with more officials than
/// `SitePlan.PageSize.noticeOfficials` gets a notice in parts (`thong-bao/`,
/// `thong-bao/trang-2/`, …), each printable on its own: heading, its part
/// number, its officials in leaderboard order, the contacts.
struct NoticePage: Encodable, Sendable {
    struct Official: Encodable, Sendable {
        var name: String
        var position: String
        var total: String
        var band: String
        var tally: String
        var qr: String?
        var commitments: [Commitment]
        /// "… and 20 more commitments (scan the code)" past `PageSize.noticeCommitments`.
        var commitmentsMore: String?
    }

    struct Commitment: Encodable, Sendable {
        var title: String
        var deadline: DateText
        var standing: String
    }

    var name: String
    var localityHref: String
    var asOf: DateText
    var period: String
    var provisional: String?
    /// "Trang 2/3" on paper when the notice has parts; nil when it has one.
    var part: String?
    var officials: [Official]
    var channels: [LayoutPage.Channel]
    var portalQR: String?
    var pager: Pager
}

extension SiteRenderer {
    func noticePage(_ li: Int, page: Int, _ d: Display) -> NoticePage {
        let p = run.province
        let l = p.localities[li]
        let D = run.scoreboard.asOf
        let board = plan.localityBoards[li]
        let size = SitePlan.PageSize.noticeOfficials
        let pages = SitePlan.pageCount(board.count, size)
        let officials = board[Pager.range(page: page, size: size, count: board.count)].map { m -> NoticePage.Official in
            let r = run.scoreboard.results[m.result]
            let o = p.officials[r.official]
            let url = baseURL + SitePaths.prefix(d.language, default: plan.defaultLanguage) + SitePaths.official(o.locality, o.id)
            let visible = SitePlan.cardCommitments(o, asOf: D)
            return NoticePage.Official(
                name: o.name, position: o.position, total: d.score(r.total), band: p.framework.bands[r.band].name.text(d.language),
                tally: CommitmentTally(visible.map { $0.standing(asOf: D) }, d).sentence,
                qr: QRCode.svg(url, label: d.label("notice_scan") + ": " + o.name),
                commitments: visible.prefix(SitePlan.PageSize.noticeCommitments).map { c in
                    NoticePage.Commitment(title: c.title, deadline: d.date(c.deadline),
                                          standing: d.label("standing_" + c.standing(asOf: D).rawValue))
                },
                commitmentsMore: visible.count > SitePlan.PageSize.noticeCommitments
                    ? d.fill("notice_commitments_more", ["count": d.count(visible.count - SitePlan.PageSize.noticeCommitments)]) : nil)
        }
        let portalQR = self.portalQR.map { QRCode.svg($0, label: d.label("notice_feedback_qr")) }
        let pager = Pager(base: SitePaths.notice(l.id), page: page, count: pages, d)
        return NoticePage(name: l.name, localityHref: d.link(SitePaths.locality(l.id)), asOf: d.date(D),
                          period: p.site.period.start.vietnamese + " – " + p.site.period.end.vietnamese,
                          provisional: provisional(d), part: pager.many ? pager.summary : nil,
                          officials: officials, channels: channels(d), portalQR: portalQR, pager: pager)
    }
}

extension NoticePage: TemplateRepresentable {
    func fields(into f: inout TemplateTree) {
        f.put("name", name); f.put("localityHref", localityHref); f.put("asOf", asOf); f.put("period", period)
        f.put("provisional", provisional); f.put("part", part); f.put("officials", officials); f.put("channels", channels)
        f.put("portalQR", portalQR); f.put("pager", pager)
    }
}

extension NoticePage.Official: TemplateRepresentable {
    func fields(into f: inout TemplateTree) {
        f.put("name", name); f.put("position", position); f.put("total", total); f.put("band", band); f.put("tally", tally)
        f.put("qr", qr); f.put("commitments", commitments); f.put("commitmentsMore", commitmentsMore)
    }
}

extension NoticePage.Commitment: TemplateRepresentable {
    func fields(into f: inout TemplateTree) {
        f.put("title", title); f.put("deadline", deadline); f.put("standing", standing)
    }
}
