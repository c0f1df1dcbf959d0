/// The list of peer groups (same role, same context).
struct PeerGroupsPage: Encodable, Sendable {
    struct Group: Encodable, Sendable {
        var href: String
        var name: String
        var size: String
        var small: Bool
    }

    var groups: [Group]
    var smallNote: String
}

/// One peer group's ranking.
struct PeerGroupPage: Encodable, Sendable {
    var name: String
    var groupsHref: String
    var smallNote: String?
    var provisional: String?
    var board: Leaderboard
    var pager: Pager
}

extension SiteRenderer {
    static let smallPeerGroup = 5

    func peerGroupName(_ g: SitePlan.PeerGroup, _ d: Display) -> String {
        d.label("role_" + g.role.rawValue) + " — " + d.label("context_" + g.context.rawValue)
    }

    func peerGroupsPage(_ d: Display) -> PeerGroupsPage {
        PeerGroupsPage(groups: plan.peerGroups.map { g in
            PeerGroupsPage.Group(href: d.link(SitePaths.peerGroup(g.key)), name: peerGroupName(g, d), size: d.count(g.members.count),
                                 small: g.members.count < SiteRenderer.smallPeerGroup)
        }, smallNote: d.fill("peer_groups_small_note", ["size": d.count(SiteRenderer.smallPeerGroup)]))
    }

    func peerGroupPage(_ gi: Int, page: Int, _ d: Display) -> PeerGroupPage {
        let g = plan.peerGroups[gi]
        let name = peerGroupName(g, d)
        let size = SitePlan.PageSize.members
        let members = Array(g.members[Pager.range(page: page, size: size, count: g.members.count)])
        return PeerGroupPage(name: name, groupsHref: d.link(SitePaths.peerGroups),
                             smallNote: g.members.count < SiteRenderer.smallPeerGroup
                                ? d.fill("peer_group_small", ["size": d.count(g.members.count)]) : nil,
                             provisional: provisional(d), board: leaderboard(members, caption: name, showLocality: true, d),
                             pager: Pager(base: SitePaths.peerGroup(g.key), page: page, count: SitePlan.pageCount(g.members.count, size), d))
    }
}

extension PeerGroupsPage: TemplateRepresentable {
    func fields(into f: inout TemplateTree) {
        f.put("groups", groups); f.put("smallNote", smallNote)
    }
}

extension PeerGroupsPage.Group: TemplateRepresentable {
    func fields(into f: inout TemplateTree) {
        f.put("href", href); f.put("name", name); f.put("size", size); f.put("small", small)
    }
}

extension PeerGroupPage: TemplateRepresentable {
    func fields(into f: inout TemplateTree) {
        f.put("name", name); f.put("groupsHref", groupsHref); f.put("smallNote", smallNote); f.put("provisional", provisional)
        f.put("board", board); f.put("pager", pager)
    }
}
