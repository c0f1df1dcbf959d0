/// The 404 page (root-absolute links: it is served for any missing path).
struct NotFoundPage: Encodable, Sendable {
    var home: String
    var localitiesHref: String
}
