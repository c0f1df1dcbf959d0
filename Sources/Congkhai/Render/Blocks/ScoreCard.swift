/// The score in one box: total, band, one plain sentence on why this band
/// (the audit with its reference, or the group-B gate with its value),
/// ranks with the group's size, and whether the score is still provisional.
struct ScoreCard: Encodable, Sendable {
    var total: String
    var band: BandTag
    var why: String
    var ranks: String
    var peerHref: String?
    var peerNote: String?
    var robustness: String?
    var weightDependent: Bool
    var consequences: String
    var provisional: String?
    var bigMove: String?
}

extension Display {
    /// Why the official has this band, in one sentence (or two when both an audit and the gate acted).
    func bandReason(_ r: OfficialResult, _ fw: Framework) -> String {
        func name(_ i: Int) -> String { fw.bands[i].name.text(language) }
        func nameOf(_ id: String) -> String { fw.bandIndex(id: id).map(name) ?? id }
        var sentences: [String] = []
        let band = fw.bands[r.bandFromTotal]
        let upper = r.bandFromTotal > 0 ? fw.bands[r.bandFromTotal - 1].min : nil
        // Deductions are applied before rounding: say so when the total is after them.
        let after = Number.round(r.weightedTotal) != r.total ? "_after_audits" : ""
        sentences.append(fill((upper == nil ? "why_total_top" : "why_total") + after,
                              ["total": score(r.total), "band": name(r.bandFromTotal), "min": number(band.min),
                               "next": upper.map { number($0) } ?? ""]))
        let applied = r.audits.filter(\.applied)
        for a in applied.prefix(SitePlan.PageSize.whyAudits) {
            let args: KeyValuePairs<String, String> = ["by": a.audit.by, "date": a.audit.on.vietnamese, "reference": a.audit.reference,
                        "finding": a.audit.finding, "action": a.audit.action.describe(strings: t, bandName: nameOf)]
            sentences.append(fill("why_audit", args))
        }
        if let more = more("why_audits_more", all: applied.count, shown: SitePlan.PageSize.whyAudits) { sentences.append(more) }
        if let g = r.gate, g.capped, let value = g.attainment {
            sentences.append(fill("why_gate", ["value": score(value), "min": number(g.minimum), "band": nameOf(g.capBand)]))
        }
        if r.band != r.bandFromTotal {
            sentences.append(fill("why_final", ["band": name(r.band)]))
        }
        return sentences.joined(separator: " ")
    }
}

extension ScoreCard: TemplateRepresentable {
    func fields(into f: inout TemplateTree) {
        f.put("total", total); f.put("band", band); f.put("why", why); f.put("ranks", ranks); f.put("peerHref", peerHref)
        f.put("peerNote", peerNote); f.put("robustness", robustness); f.put("weightDependent", weightDependent)
        f.put("consequences", consequences); f.put("provisional", provisional); f.put("bigMove", bigMove)
    }
}
