/// Page 2 and on of a locality's leaderboard: a locality of more than
/// `SitePlan.PageSize.localityOfficials` officials shows the first ones on
/// its own page and the rest here, in rank order, so no page outgrows a
/// phone's connection (issue 10: ~0.5 KB a row, 316 KB for 600 officials).
struct LocalityBoardPage: Encodable, Sendable {
    var name: String
    var localityHref: String
    var provisional: String?
    var board: Leaderboard
    var pager: Pager
}

extension SiteRenderer {
    /// The slice of a locality's leaderboard on its page `page`, and the pager between its pages (nil for one page).
    func localityBoardPart(_ li: Int, page: Int, _ d: Display) -> (board: Leaderboard, pager: Pager?) {
        let l = run.province.localities[li]
        let members = plan.localityBoards[li]
        let size = SitePlan.PageSize.localityOfficials
        let pages = SitePlan.pageCount(members.count, size)
        let range = Pager.range(page: page, size: size, count: members.count)
        var board = leaderboard(Array(members[range]),
                                caption: d.label("leaderboard") + " — " + l.name + pageSuffix(page, d), showLocality: false, d)
        guard pages > 1 else { return (board, nil) }
        board.scope = d.fill("board_scope", ["first": d.count(range.lowerBound + 1), "last": d.count(range.upperBound),
                                             "count": d.count(members.count)])
        return (board, Pager(page: page, count: pages, path: { SitePaths.localityBoard(l.id, $0) }, d))
    }

    func localityBoardPage(_ li: Int, page: Int, _ d: Display) -> LocalityBoardPage {
        let l = run.province.localities[li]
        let (board, pager) = localityBoardPart(li, page: page, d)
        return LocalityBoardPage(name: l.name, localityHref: d.link(SitePaths.locality(l.id)), provisional: provisional(d),
                                 board: board, pager: pager ?? Pager(base: SitePaths.locality(l.id), page: 1, count: 1, d))
    }
}

extension LocalityBoardPage: TemplateRepresentable {
    func fields(into f: inout TemplateTree) {
        f.put("name", name); f.put("localityHref", localityHref); f.put("provisional", provisional); f.put("board", board)
        f.put("pager", pager)
    }
}
