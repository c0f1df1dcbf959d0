/// Words for people, by reference: a key of the theme's `strings.yaml` (the
/// one place wording lives, in every language) and values for its
/// `{{placeholders}}`. Scoring names what to say; pages and `score --explain`
/// look the words up in the language they print.
public struct Phrase: Sendable, Equatable {
    public var key: String
    public var args: [String: String]

    public init(_ key: String, _ args: [String: String] = [:]) {
        self.key = key
        self.args = args
    }

    /// The words in `strings` (one language), placeholders filled; dates
    /// (`YYYY-MM-DD`) dd/mm/yyyy, as the site writes them in both languages.
    ///
    /// One pass over the template: a value is never searched for further
    /// placeholders (a name from content that happens to contain `{{x}}`
    /// stays as written), and the result does not depend on the order of
    /// `args`. Pages call this tens of times per official, so it works on
    /// UTF-8 bytes rather than through Foundation's search (10 % of a
    /// province build before).
    public func text(_ strings: [String: String]) -> String {
        text(template: strings[key] ?? key)
    }

    /// The same with the words for `key` already looked up (`Display.phrase`).
    func text(template: String) -> String {
        if args.isEmpty { return template }
        return Phrase.fill(template) { argument($0) }
    }

    /// `template`'s `{{name}}` placeholders replaced by what `argument`
    /// finds for each name (its UTF-8 bytes), dates (`YYYY-MM-DD`) written
    /// dd/mm/yyyy; a name it finds nothing for stays as written. Read in
    /// place, copied a run at a time, placeholder names never made into
    /// Strings (Phrase.text was ~3 % of a province's pages).
    static func fill(_ template: String, argument: (UnsafeBufferPointer<UInt8>) -> String?) -> String {
        var template = template
        return template.withUTF8 { bytes in
            var out = [UInt8]()
            out.reserveCapacity(bytes.count + 32)
            var i = 0, copied = 0
            let open = UInt8(ascii: "{"), close = UInt8(ascii: "}")
            while i < bytes.count {
                if bytes[i] == open, i + 1 < bytes.count, bytes[i + 1] == open,
                   let end = Phrase.closing(bytes, from: i + 2, close: close),
                   let v = argument(UnsafeBufferPointer(rebasing: bytes[(i + 2)..<end])) {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<i]))
                    let shown = v.utf8.count == 10 ? (Day(iso: v).map(\.vietnamese) ?? v) : v
                    out.append(contentsOf: shown.utf8)
                    i = end + 2
                    copied = i
                    continue
                }
                i += 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The words of `key` in `strings` with `pairs` for its placeholders
    /// (a literal's `KeyValuePairs`, or pairs gathered at run time):
    /// `Phrase(key, pairs).text(strings)` without building the dictionary
    /// (pages fill tens of phrases per official, each hashing every name it
    /// was given on the way in: ~1 % of a national page stage). A name is
    /// matched as `Phrase` matches it; the first pair of a name counts.
    static func text<Pairs: Collection>(_ key: String, _ pairs: Pairs, strings: [String: String]) -> String
        where Pairs.Element == (key: String, value: String) {
        text(template: strings[key] ?? key, pairs)
    }

    /// The same with the words for the key already looked up (`Display.fill`).
    static func text<Pairs: Collection>(template: String, _ pairs: Pairs) -> String
        where Pairs.Element == (key: String, value: String) {
        if pairs.isEmpty { return template }
        return fill(template) { name in Phrase.lookup(name, in: pairs) }
    }

    /// An ASCII name byte for byte; anything else as a `String`, whose
    /// equality is canonical equivalence (`argument(_:)`'s rule).
    private static func lookup<Pairs: Collection>(_ name: UnsafeBufferPointer<UInt8>, in pairs: Pairs) -> String?
        where Pairs.Element == (key: String, value: String) {
        if name.allSatisfy({ $0 < 0x80 }) {
            for (k, v) in pairs where k.utf8.elementsEqual(name) { return v }
        }
        let text = String(decoding: name, as: UTF8.self)
        for (k, v) in pairs where k == text { return v }
        return nil
    }

    /// The argument a placeholder names. An ASCII name (every placeholder
    /// the themes use) is compared byte for byte with each argument's name;
    /// anything else, and a name no argument has byte for byte, is looked
    /// up as a `String`, whose equality is canonical equivalence — the one
    /// rule either way.
    private func argument(_ name: UnsafeBufferPointer<UInt8>) -> String? {
        if name.allSatisfy({ $0 < 0x80 }) {
            for (k, v) in args where k.utf8.elementsEqual(name) { return v }
        }
        return args[String(decoding: name, as: UTF8.self)]
    }

    /// Index of the `}}` that ends a placeholder name starting at `from`, or
    /// nil when the name would run into another brace or the end.
    private static func closing(_ b: UnsafeBufferPointer<UInt8>, from: Int, close: UInt8) -> Int? {
        var j = from
        while j + 1 < b.count {
            if b[j] == close { return b[j + 1] == close ? j : nil }
            if b[j] == UInt8(ascii: "{") { return nil }
            j += 1
        }
        return nil
    }
}

/// How one measure reached its number, in a form every output can render:
/// the formula in words, the inputs, and the items it counted.
public struct Explanation: Sendable {
    public enum Value: Sendable, Equatable {
        /// Exact; shown rounded to 4 decimals, published exactly in open data.
        case number(Rational)
        case integer(Int)
        /// Text from the content (a key, a name): the same in every language.
        case text(String)
        /// Words from the theme's strings.
        case phrase(Phrase)
        /// Several, joined with ", ".
        case phrases([Phrase])
        case day(Day)
        case none

        /// Machine form for open data: numbers to 6 decimals, dates ISO, words as their stable keys.
        public var display: String {
            switch self {
            case let .number(x): return Number.format(x, places: 6)
            case let .integer(i): return String(i)
            case let .text(s): return s
            case let .phrase(p): return ([p.key] + p.args.keys.sorted().compactMap { p.args[$0] }).joined(separator: " ")
            case let .phrases(ps): return ps.map(\.key).joined(separator: ", ")
            case let .day(d): return d.description
            case .none: return "—"
            }
        }

        /// For people: numbers to 4 decimals written the language's way
        /// (`Number.display`), dates dd/mm/yyyy in both languages.
        public func text(_ language: String, strings: [String: String]) -> String {
            text(language, strings: strings, marks: Number.Marks(strings))
        }

        /// As above, with the marks a page looked up once (`Display.marks`).
        func text(_ language: String, strings: [String: String], marks: Number.Marks) -> String {
            switch self {
            case let .number(x): return Number.display(x, places: 4, marks: marks)
            case let .integer(i): return Number.display(i, marks: marks)
            case let .phrase(p): return p.text(strings)
            case let .phrases(ps): return ps.map { $0.text(strings) }.joined(separator: ", ")
            case let .day(d): return d.vietnamese
            default: return display
            }
        }
    }

    /// A named input: `key` is stable (open data column); people read the
    /// theme string `fact_<key>`.
    public struct Fact: Sendable {
        public var key: String
        public var value: Value

        public init(_ key: String, _ value: Value) {
            self.key = key
            self.value = value
        }

        public var label: Phrase { Phrase("fact_" + key) }
    }

    /// One counted (or skipped) thing: a commitment, incident, initiative, indicator.
    public struct Item: Sendable {
        public var id: String
        public var title: String
        public var counted: Bool
        /// Why it was left out, or a short note.
        public var note: Phrase?
        public var facts: [Fact]

        public init(id: String, title: String, counted: Bool, note: Phrase? = nil, facts: [Fact]) {
            self.id = id
            self.title = title
            self.counted = counted
            self.note = note
            self.facts = facts
        }
    }

    public var formula: Phrase
    public var notApplicable: Phrase?
    public var facts: [Fact]
    public var items: [Item]

    public init(formula: Phrase, notApplicable: Phrase? = nil, facts: [Fact] = [], items: [Item] = []) {
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
    /// Complete only when `explained` (see `ScoringRun.explained`); else the formula alone.
    public var explanation: Explanation
    public var explained = true

    public init(measure: Measure, attainment: Rational?, explanation: Explanation) {
        self.measure = measure
        self.attainment = attainment
        self.explanation = explanation
    }
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
