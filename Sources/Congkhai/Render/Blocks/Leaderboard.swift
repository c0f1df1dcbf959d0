/// A ranked table of officials (a locality's board, a peer group). On a
/// phone each row stacks into a card (`table.stack` in the theme's CSS).
struct Leaderboard: Encodable, Sendable {
    struct Row: Encodable, Sendable {
        var rank: String
        var name: String
        var href: String
        var position: String
        var total: String
        var band: BandTag
        var weightDependent: Bool
        var groupB: String
        var localityName: String?
        var localityHref: String?
    }

    var caption: String
    var showLocality: Bool
    var rows: [Row]
    /// On a board split over pages (`LocalityBoardPage`): which officials
    /// this page holds, and that sorting by a column (the theme's script)
    /// reorders only them — sorted by score, page 2 is not the lowest scores.
    var scope: String? = nil
}

extension SiteRenderer {
    func leaderboard(_ members: [(result: Int, rank: Int)], caption: String, showLocality: Bool, _ d: Display) -> Leaderboard {
        let p = run.province
        let fw = p.framework
        let rows = members.map { m -> Leaderboard.Row in
            let r = run.scoreboard.results[m.result]
            let o = p.officials[r.official]
            var row = Leaderboard.Row(rank: d.count(m.rank), name: o.name, href: officialLink(r.official, d), position: o.position,
                                      total: d.score(r.total), band: d.band(r.band, fw), weightDependent: !r.bandIsRobust,
                                      groupB: groupBStatus(r, d))
            if showLocality, let li = localityIndex[o.locality] {
                row.localityName = p.localities[li].name
                row.localityHref = d.link(SitePaths.locality(o.locality))
            }
            return row
        }
        return Leaderboard(caption: caption, showLocality: showLocality, rows: rows)
    }

    func groupBStatus(_ r: OfficialResult, _ d: Display) -> String {
        guard let g = r.gate, let a = g.attainment else { return d.label("group_b_none") }
        return d.label(g.passed ? "group_b_pass" : "group_b_fail") + " (" + d.score(a) + ")"
    }
}

extension Leaderboard: TemplateRepresentable {
    func fields(into f: inout TemplateTree) {
        f.put("caption", caption); f.put("showLocality", showLocality); f.put("rows", rows)
        f.put("scope", scope)
    }
}

extension Leaderboard.Row: TemplateRepresentable {
    func fields(into f: inout TemplateTree) {
        f.put("rank", rank); f.put("name", name); f.put("href", href); f.put("position", position); f.put("total", total)
        f.put("band", band); f.put("weightDependent", weightDependent); f.put("groupB", groupB)
        f.put("localityName", localityName); f.put("localityHref", localityHref)
    }
}
