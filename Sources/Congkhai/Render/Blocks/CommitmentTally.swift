/// "4 cam kết: 2 đúng hạn, 1 đang thực hiện, 1 quá hạn" as a sentence, a
/// stacked bar and a legend with the numbers: the first thing an official's
/// page answers.
struct CommitmentTally: Encodable, Sendable {
    struct Part: Encodable, Sendable {
        /// `CommitmentStanding` raw value: the CSS class of its colour.
        var key: String
        var label: String
        var count: String
        /// Percent of the bar (the parts add up to 100).
        var width: Int
    }

    var sentence: String
    var total: String
    var parts: [Part]
    var hasAny: Bool

    init(_ standings: [CommitmentStanding], _ d: Display) {
        // Counted by place in `allCases`, not hashed into a dictionary.
        let all = CommitmentStanding.allCases
        var counts = [Int](repeating: 0, count: all.count)
        for s in standings { if let i = all.firstIndex(of: s) { counts[i] += 1 } }
        let n = standings.count
        var used = 0
        var parts: [Part] = []
        var phrases: [String] = []
        for (i, s) in all.enumerated() {
            let c = counts[i]
            guard c > 0 else { continue }
            let w = n == 0 ? 0 : Rational(c * 100, n).roundedInt
            parts.append(Part(key: s.rawValue, label: d.label("standing_" + s.rawValue), count: d.count(c), width: w))
            used += w
            phrases.append(d.count(c) + " " + d.standingLowercased(s))
        }
        // The last part absorbs rounding so the bar is exactly full.
        if var last = parts.popLast() { last.width = max(0, 100 - (used - last.width)); parts.append(last) }
        self.parts = parts
        total = d.count(n)
        hasAny = n > 0
        sentence = n == 0 ? d.label("tally_none")
            : d.fill("tally_sentence", ["count": d.count(n), "parts": phrases.joined(separator: ", ")])
    }
}

extension CommitmentTally: TemplateRepresentable {
    func fields(into f: inout TemplateTree) {
        f.put("sentence", sentence); f.put("total", total); f.put("parts", parts); f.put("hasAny", hasAny)
    }
}

extension CommitmentTally.Part: TemplateRepresentable {
    func fields(into f: inout TemplateTree) {
        f.put("key", key); f.put("label", label); f.put("count", count); f.put("width", width)
    }
}
