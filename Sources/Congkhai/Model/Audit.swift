/// A post-audit finding that can lower an official's result.
public struct Audit: Sendable {
    public enum Action: Sendable, Equatable {
        case deduct(Double)
        case downgrade(Int)
        case cap(String)
    }

    /// The official's `locality/id` key, resolved by the validator.
    public var official: String
    /// As written in the file, for messages.
    public var officialRef: String
    public var by: String
    public var on: Day
    public var finding: String
    public var action: Action
    public var reference: String
    public var file: String
    public var line: Int

    public init(official: String, officialRef: String, by: String, on: Day, finding: String, action: Action,
                reference: String, file: String, line: Int) {
        self.official = official
        self.officialRef = officialRef
        self.by = by
        self.on = on
        self.finding = finding
        self.action = action
        self.reference = reference
        self.file = file
        self.line = line
    }
}
