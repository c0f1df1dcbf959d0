/// How one measure reached its number, in a form every output can render:
/// the formula in words, the inputs, and the items it counted.
public struct Explanation: Sendable {
    public enum Value: Sendable, Equatable {
        /// Exact; shown rounded to 4 decimals, published exactly in open data.
        case number(Rational)
        case integer(Int)
        /// Text from the content (a key, a name): the same in every language.
        case text(String)
        /// Words that depend on the language.
        case localized(LocalizedText)
        case day(Day)
        case none

        /// Machine form for open data: numbers to 6 decimals, dates ISO, words in English.
        public var display: String {
            switch self {
            case let .number(x): return Number.format(x, places: 6)
            case let .integer(i): return String(i)
            case let .text(s): return s
            case let .localized(t): return t.en.isEmpty ? t.vi : t.en
            case let .day(d): return d.description
            case .none: return "—"
            }
        }

        /// For people: numbers to 4 decimals with the language's decimal mark, dates as readers write them.
        public func text(_ language: String) -> String {
            let vi = language != "en"
            switch self {
            case let .number(x):
                let s = Number.format(x, places: 4)
                return vi ? s.replacingOccurrences(of: ".", with: ",") : s
            case let .localized(t): return t.text(language)
            case let .day(d): return vi ? d.vietnamese : d.description
            default: return display
            }
        }
    }

    /// A named input: `key` is stable (open data column), `label` is for people.
    public struct Fact: Sendable {
        public var key: String
        public var label: LocalizedText
        public var value: Value

        public init(_ key: String, _ vi: String, _ en: String, _ value: Value) {
            self.key = key
            self.label = LocalizedText(vi: vi, en: en)
            self.value = value
        }
    }

    /// One counted (or skipped) thing: a commitment, incident, initiative, indicator.
    public struct Item: Sendable {
        public var id: String
        public var title: String
        public var counted: Bool
        /// Why it was left out, or a short note.
        public var note: LocalizedText?
        public var facts: [Fact]

        public init(id: String, title: String, counted: Bool, note: LocalizedText? = nil, facts: [Fact]) {
            self.id = id
            self.title = title
            self.counted = counted
            self.note = note
            self.facts = facts
        }
    }

    public var formula: LocalizedText
    public var notApplicable: LocalizedText?
    public var facts: [Fact]
    public var items: [Item]

    public init(formula: LocalizedText, notApplicable: LocalizedText? = nil, facts: [Fact] = [], items: [Item] = []) {
        self.formula = formula
        self.notApplicable = notApplicable
        self.facts = facts
        self.items = items
    }
}

/// The score of one measure of one criterion for one official.
public struct MeasureResult: Sendable {
    public var measure: Measure
    /// Exact 0–100, nil when N/A.
    public var attainment: Rational?
    public var explanation: Explanation
}

public struct CriterionResult: Sendable {
    public enum Status: String, Sendable {
        /// Scored from its available measures.
        case scored
        /// N/A and not required: dropped, weight redistributed.
        case dropped
        /// N/A but required: counts as 0.
        case requiredZero = "required_zero"
    }

    public var id: String
    public var group: CriterionGroup
    public var weight: Rational
    public var status: Status
    /// Exact attainment used in the total; nil when dropped.
    public var attainment: Rational?
    /// Share of the weighted total: weight × attainment / Σ counted weights.
    public var contribution: Rational
    public var measures: [MeasureResult]

    public var counts: Bool { status != .dropped }
}

/// What one audit action did.
public struct AuditEffect: Sendable {
    public var audit: Audit
    /// Nil when the audit is dated after D and ignored.
    public var applied: Bool
    public var before: String
    public var after: String
}

/// The group-B gate for one official.
public struct GateResult: Sendable {
    /// Σ w·a / Σ w over group-B criteria that count; nil when none count.
    public var attainment: Rational?
    public var minimum: Rational
    public var capBand: String
    /// True when the gate lowered the band.
    public var capped: Bool
    public var passed: Bool { attainment.map { $0 >= minimum } ?? true }
}

/// Everything about one official's score.
public struct OfficialResult: Sendable {
    public var official: Int
    public var criteria: [CriterionResult]
    public var countedWeight: Rational
    /// Σ w·a / Σ w before audits, exact.
    public var weightedTotal: Rational
    /// After deductions, exact.
    public var adjustedTotal: Rational
    /// Published total: the exact value rounded once to 2 decimals, half away from zero.
    public var total: Rational
    /// Band read from the rounded total, before downgrades, caps and gate.
    public var bandFromTotal: Int
    public var band: Int
    public var audits: [AuditEffect]
    public var gate: GateResult?
    /// Across the corners of the weight box; nil when no criterion has a `weight_range`.
    public var robustness: Robustness?
    public var rankInLocality: Int = 0
    public var rankInPeerGroup: Int = 0

    /// False when some allowed set of weights would give another band.
    public var bandIsRobust: Bool { robustness?.isRobust(band: band) ?? true }
}
