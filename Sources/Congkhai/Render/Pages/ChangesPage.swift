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
