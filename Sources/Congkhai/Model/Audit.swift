/// A post-audit finding that can lower an official's result.
public struct Audit: Sendable {
    public enum Action: Sendable, Equatable {
        case deduct(Rational)
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

/// The one formatter of audit actions: open data, the terminal and pages all
/// describe an action through these.
extension Audit.Action {
    /// The key as written in the content file.
    public var key: String {
        switch self {
        case .deduct: return "deduct"
        case .downgrade: return "downgrade"
        case .cap: return "cap"
        }
    }

    /// The amount as written in the content file: `5`, `1`, `complete`.
    public var amount: String {
        switch self {
        case let .deduct(n): return Number.format(n, places: 6)
        case let .downgrade(n): return String(n)
        case let .cap(b): return b
        }
    }

    /// In plain words ("trừ 5 điểm"): the action in words from the theme's strings (`audit_action_*`), the
    /// points written the language's way.
    public func describe(strings: [String: String], bandName: (String) -> String) -> String {
        switch self {
        case let .deduct(n):
            return Phrase("audit_action_deduct", ["points": Number.display(n, places: 6, strings: strings)]).text(strings)
        case let .downgrade(n):
            return Phrase("audit_action_downgrade", ["steps": String(n)]).text(strings)
        case let .cap(b):
            return Phrase("audit_action_cap", ["band": bandName(b)]).text(strings)
        }
    }
}
