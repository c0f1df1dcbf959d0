/// What the load stage hands to validation: every file decoded on its own,
/// references between files not yet checked.
public struct LoadedContent {
    public var root: String
    public var site: SiteConfig?
    public var framework: Framework?
    public var products: [String: Product] = [:]
    public var localities: [Locality] = []
    public var officials: [Official] = []
    var audits: [AuditEntry] = []
    public var feedbackFiles: [String] = []
    public var staticFiles: [String] = []
    public var inputFiles: [String] = []
}
