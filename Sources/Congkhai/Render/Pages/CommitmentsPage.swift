/// One of the province's commitment indexes (overdue, due soon, done, withdrawn).
struct CommitmentsPage: Encodable, Sendable {
    struct Tab: Encodable, Sendable {
        var href: String
        var label: String
        var current: Bool
    }

    var heading: String
    var count: String
    var lists: [Tab]
    var items: [CommitmentCard]
    var hasItems: Bool
}

extension SiteRenderer {
    static let listKeys: [CommitmentList: String] = [.overdue: "list_overdue", .dueSoon: "list_due_soon", .done: "list_done",
                                                     .withdrawn: "list_withdrawn"]

    func commitmentsPage(_ list: CommitmentList, _ d: Display) -> CommitmentsPage {
        let items = (plan.commitmentLists[list] ?? []).map { commitmentCard($0, d, withOfficial: true) }
        return CommitmentsPage(heading: d.label(SiteRenderer.listKeys[list] ?? ""), count: d.count(items.count),
                               lists: CommitmentList.allCases.map {
                                   CommitmentsPage.Tab(href: d.link(SitePaths.commitments($0)), label: d.label(SiteRenderer.listKeys[$0] ?? ""),
                                                       current: $0 == list)
                               }, items: items, hasItems: !items.isEmpty)
    }
}
