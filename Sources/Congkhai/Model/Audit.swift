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

    /// In plain words: "trừ 5 điểm", "hạ 1 bậc xếp loại", "xếp loại không cao hơn Hoàn thành".
    public func describe(_ language: String, bandName: (String) -> String) -> String {
        let en = language == "en"
        switch self {
        case let .deduct(n):
            let v = en ? Number.format(n, places: 6) : Number.format(n, places: 6).replacingOccurrences(of: ".", with: ",")
            return en ? "deduct \(v) points" : "trừ \(v) điểm"
        case let .downgrade(n):
            return en ? "lower the band by \(n) step\(n == 1 ? "" : "s")" : "hạ \(n) bậc xếp loại"
        case let .cap(b):
            return en ? "band no higher than \(bandName(b))" : "xếp loại không cao hơn \(bandName(b))"
        }
    }
}
