/// Everything a page model needs to turn values into words in one language:
/// the theme's strings, numbers (`Number.display`), dates as readers write
/// them (dd/mm/yyyy, the ISO form kept for `<time datetime>`), links relative
/// to the page. Page builders get one of these and never branch on the
/// language themselves.
struct Display: Sendable {
    let language: String
    let t: [String: String]
    /// Relative path from the page to the site root (`../../`, or empty).
    let root: String
    /// Language prefix of this page's links (`en/` or empty).
    let prefix: String
    /// `t`'s number marks (`Number.Marks`), looked up once per page.
    let marks: Number.Marks
    /// Words made once per language by the caller (`Tables`); empty: looked up in `t` each time.
    let tables: Tables

    /// Words every page of one language looks up many times, made once
    /// (`SiteRenderer` keeps one per language). Each has its page builders'
    /// own way when absent, so a `Display` made without them shows the same.
    ///
    /// A class: a `Display` is copied into every block model's initializer
    /// (initializers take their arguments owned), and as a struct each copy
    /// retained and released the dozen buffers below — the same objects on
    /// both cores, whose counts then moved between the cores' caches.
    final class Tables: Sendable {
        /// `fact_<key>` words by `<key>` (`factLabel`).
        let factLabels: StringTable
        /// `t` itself, for lookups by key (`string(_:)`); empty: `t` is asked.
        let strings: StringTable
        /// Each `CommitmentStanding`'s label, lowercased (a tally's sentence), in `allCases` order.
        let standingsLowercased: [String]
        /// The framework's measures' words, by criterion and measure index (`MeasureDetail`).
        let measures: [[MeasureDetail.Words]]
        /// A feedback block's fixed words (`FeedbackBlock`).
        let feedback: FeedbackBlock.Words?

        /// No tables: every word is looked up in `t`.
        static let none = Tables()

        private init(factLabels: StringTable, strings: StringTable, standingsLowercased: [String],
                     measures: [[MeasureDetail.Words]], feedback: FeedbackBlock.Words?) {
            (self.factLabels, self.strings, self.standingsLowercased, self.measures, self.feedback)
                = (factLabels, strings, standingsLowercased, measures, feedback)
        }

        convenience init() {
            self.init(factLabels: StringTable(), strings: StringTable(), standingsLowercased: [], measures: [], feedback: nil)
        }

        /// The tables made from the strings (with the measures' and a feedback block's words, if given).
        convenience init(_ t: [String: String], measures: [[MeasureDetail.Words]] = [], feedback: FeedbackBlock.Words? = nil) {
            self.init(factLabels: StringTable(Display.factLabels(t)), strings: StringTable(t),
                      standingsLowercased: CommitmentStanding.allCases.map { (t["standing_" + $0.rawValue] ?? "standing_" + $0.rawValue).lowercased() },
                      measures: measures, feedback: feedback)
        }

        /// A build's: with its framework's measures and its feedback blocks' words.
        convenience init(_ t: [String: String], language: String, framework: Framework, period: Period, asOf: Day) {
            let d = Display(language: language, t: t, root: "", prefix: "")
            self.init(t, measures: framework.criteria.map { $0.measures.map { MeasureDetail.Words($0, d) } },
                      feedback: FeedbackBlock.Words(d, period: period, asOf: asOf))
        }
    }

    init(language: String, t: [String: String], root: String, prefix: String, tables: Tables = .none) {
        (self.language, self.t, self.root, self.prefix, self.tables) = (language, t, root, prefix, tables)
        marks = Number.Marks(t)
    }

    /// The words for an explanation's input `key`: `Explanation.Fact.label`
    /// in this language. An official's page names a hundred or more inputs
    /// (each measure's, each counted commitment's); spelling `fact_` + key
    /// for each made a new string, hashed whole (~9 % of the demo's
    /// measure details).
    func factLabel(_ key: String) -> String {
        if let label = tables.factLabels[key] { return label }
        let full = "fact_" + key
        return string(full) ?? full
    }

    /// A standing's label lowercased, as a tally's sentence writes it.
    func standingLowercased(_ s: CommitmentStanding) -> String {
        if let i = CommitmentStanding.allCases.firstIndex(of: s), i < tables.standingsLowercased.count { return tables.standingsLowercased[i] }
        return label("standing_" + s.rawValue).lowercased()
    }

    /// `strings`' `fact_<key>` entries by `<key>`.
    static func factLabels(_ strings: [String: String]) -> [String: String] {
        var labels: [String: String] = [:]
        for (key, text) in strings where key.hasPrefix("fact_") { labels[String(key.dropFirst(5))] = text }
        return labels
    }

    func link(_ path: String) -> String {
        let s = Concat.join(root, prefix, path)
        return s.isEmpty ? "./" : s
    }

    /// The theme's words for `key` in this language, if it has them.
    func string(_ key: String) -> String? { tables.strings.isEmpty ? t[key] : tables.strings[key] }

    func label(_ key: String) -> String { string(key) ?? key }

    /// A string with `{{name}}` placeholders filled (the one mechanism: `Phrase`).
    func fill(_ key: String, _ values: KeyValuePairs<String, String>) -> String {
        Phrase.text(template: string(key) ?? key, values)
    }

    func phrase(_ p: Phrase) -> String { p.text(template: string(p.key) ?? p.key) }

    /// "… and 12 more": `key` filled with the count of `all` past the first
    /// `shown`; nil when nothing is left out.
    func more(_ key: String, all: Int, shown: Int) -> String? {
        all > shown ? fill(key, ["count": count(all - shown)]) : nil
    }

    /// `83,13` / `83.13`: a score, always two decimals.
    func score(_ x: Rational) -> String { Number.display(x, places: 2, fixed: true, marks: marks) }

    /// `1.234,5`: any other quantity, at most `places` decimals.
    func number(_ x: Rational, places: Int = 2) -> String { Number.display(x, places: places, marks: marks) }

    func count(_ n: Int) -> String { Number.display(n, marks: marks) }

    /// `12 %`.
    func percent(_ x: Rational, places: Int = 0) -> String { number(x, places: places) + " %" }

    /// A quantity with its unit; money (`đồng`, `VND`) is always whole and grouped.
    func quantity(_ x: Rational, unit: String) -> String {
        unit.isEmpty ? number(x) : number(x) + " " + unit
    }

    func date(_ d: Day) -> DateText { DateText(iso: d.description, text: d.vietnamese) }

    /// `14:05 18/12/2025`.
    func time(_ t: Timestamp) -> String {
        let iso = t.description
        let clock = iso.split(separator: "T").dropFirst().first.map { String($0.prefix(5)) } ?? ""
        return clock.isEmpty ? t.day.vietnamese : clock + " " + t.day.vietnamese
    }
}

/// A date for a page: `text` is what people read, `iso` goes in `<time datetime>`.
struct DateText: Encodable, Sendable {
    var iso: String
    var text: String
}

extension DateText: TemplateRepresentable {
    func fields(into f: inout TemplateTree) { f.put("iso", iso); f.put("text", text) }
}
