/// How scores are computed, in plain words: the theme's Markdown page
/// (`pages/cach-tinh-diem.<language>.md`), linked from the methodology page.
struct ExplainerPage: Encodable, Sendable {
    var methodologyHref: String
    var bodyHTML: String
}
