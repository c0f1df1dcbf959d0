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
    var pager: Pager
}

extension SiteRenderer {
    static let listKeys: [CommitmentList: String] = [.overdue: "list_overdue", .dueSoon: "list_due_soon", .done: "list_done",
                                                     .withdrawn: "list_withdrawn"]

    func commitmentsPage(_ list: CommitmentList, page: Int, _ d: Display) -> CommitmentsPage {
        let all = plan.commitmentLists[list] ?? []
        let size = SitePlan.PageSize.commitments
        let items = all[Pager.range(page: page, size: size, count: all.count)].map { commitmentCard($0, d, withOfficial: true) }
        return CommitmentsPage(heading: d.label(SiteRenderer.listKeys[list] ?? ""), count: d.count(all.count),
                               lists: CommitmentList.allCases.map {
                                   CommitmentsPage.Tab(href: d.link(SitePaths.commitments($0)), label: d.label(SiteRenderer.listKeys[$0] ?? ""),
                                                       current: $0 == list && page == 1)
                               }, items: items, hasItems: !items.isEmpty,
                               pager: Pager(base: SitePaths.commitments(list), page: page, count: SitePlan.pageCount(all.count, size), d))
    }
}

extension CommitmentsPage: TemplateRepresentable {
    func fields(into f: inout TemplateTree) {
        f.put("heading", heading); f.put("count", count); f.put("lists", lists); f.put("items", items)
        f.put("hasItems", hasItems); f.put("pager", pager)
    }
}

extension CommitmentsPage.Tab: TemplateRepresentable {
    func fields(into f: inout TemplateTree) {
        f.put("href", href); f.put("label", label); f.put("current", current)
    }
}
