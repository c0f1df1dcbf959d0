/// Recent changes from the ledger, for the province or one locality.
struct ChangesPage: Encodable, Sendable {
    struct Row: Encodable, Sendable {
        var date: DateText
        var text: String
        var href: String?
    }

    var localityName: String?
    var localityHref: String?
    var feedHref: String
    var ledgerHref: String
    var rows: [Row]
    var none: Bool
}

extension ChangesPage: TemplateRepresentable {
    func fields(into f: inout TemplateTree) {
        f.put("localityName", localityName); f.put("localityHref", localityHref); f.put("feedHref", feedHref)
        f.put("ledgerHref", ledgerHref); f.put("rows", rows); f.put("none", none)
    }
}

extension ChangesPage.Row: TemplateRepresentable {
    func fields(into f: inout TemplateTree) {
        f.put("date", date); f.put("text", text); f.put("href", href)
    }
}
