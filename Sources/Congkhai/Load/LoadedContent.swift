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
    /// The bytes of each content file as read (not feedback or static files).
    public var inputBytes = ContentBytes()
    /// Ids whose file was found but could not be loaded (its error is
    /// already reported): later references to them are not reported again
    /// as "unknown", which would send the editor to the wrong file.
    public var unloadedOfficials: Set<String> = []   // `locality/id`
    public var unloadedLocalities: Set<String> = []
}
