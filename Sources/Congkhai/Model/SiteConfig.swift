/// `site.yaml`: what the whole site is about and when it is scored.
public struct SiteConfig: Sendable {
    public var title: String
    public var province: String
    public var baseURL: String
    public var languages: [String]
    public var period: Period
    public var asOf: Day?
    public var frameworkFile: String
    public var theme: String
    /// In file order: the order editors chose is the order shown.
    public var feedbackChannels: [(key: String, value: String)]
    public var demo: Bool
    /// `signing_key`: base64 raw Ed25519 public key that signs `data/ledger/head.json`.
    public var signingKey: String?

    public init(title: String, province: String, baseURL: String, languages: [String], period: Period,
                asOf: Day?, frameworkFile: String, theme: String,
                feedbackChannels: [(key: String, value: String)], demo: Bool) {
        self.title = title
        self.province = province
        self.baseURL = baseURL
        self.languages = languages
        self.period = period
        self.asOf = asOf
        self.frameworkFile = frameworkFile
        self.theme = theme
        self.feedbackChannels = feedbackChannels
        self.demo = demo
    }
}

/// The evaluation period [start, end].
public struct Period: Hashable, Sendable {
    public var id: String
    public var start: Day
    public var end: Day

    public init(id: String, start: Day, end: Day) {
        self.id = id
        self.start = start
        self.end = end
    }
}
