/// One official's score, step by step, as text (terminal) or JSON (open data).
public enum ExplanationReport {
    /// `strings`: the theme's strings of `language` (`Theme.strings(for:)`), where every word of it lives.
    public static func text(_ run: ScoringRun, result: OfficialResult, language: String = "vi",
                            strings: [String: String] = [:]) -> String {
        let r = run.explained(result)
        let p = run.province
        let fw = p.framework
        let o = p.officials[r.official]
        func t(_ key: String) -> String { strings[key] ?? key }
        var out = "\(o.name) — \(o.position) (\(o.key))\n"
        out += t("explain_scoring_date") + ": \(run.scoreboard.asOf)   " + t("explain_framework") + ": \(fw.id)\n"
        out += t("explain_total") + ": \(Number.fixed(r.total))   " + t("explain_band") + ": \(fw.bands[r.band].name.text(language)) (\(fw.bands[r.band].id))   "
        out += t("explain_rank_in_locality") + ": \(r.rankInLocality)\n\n"
        for (criterion, c) in zip(fw.criteria, r.criteria) {
            let a: String
            switch c.status {
            case .scored: a = Number.fixed(c.attainment ?? .zero)
            case .requiredZero: a = "0.00 (" + t("explain_required_no_data") + ")"
            case .dropped: a = "N/A (" + t("explain_dropped_weight_redistributed") + ")"
            }
            out += "■ \(criterion.name.text(language)) [\(c.id), " + t("explain_group") + " \(c.group.rawValue), "
            out += t("explain_weight") + " \(Number.format(c.weight))]\n"
            out += "  " + t("explain_attainment") + ": \(a)   " + t("explain_contribution") + ": \(Number.fixed(c.contribution))\n"
            for m in c.measures {
                let label = m.measure.parameterLabel.isEmpty ? m.measure.name : "\(m.measure.name) {\(m.measure.parameterLabel)}"
                out += "  – \(label): " + (m.attainment.map { Number.fixed($0) } ?? "N/A")
                if let na = m.explanation.notApplicable { out += " — \(na.text(strings))" }
                out += "\n    \(m.explanation.formula.text(strings))\n"
                if !m.explanation.facts.isEmpty {
                    out += "    " + m.explanation.facts.map { "\($0.label.text(strings)): \($0.value.text(language, strings: strings))" }.joined(separator: "; ") + "\n"
                }
                for item in m.explanation.items {
                    out += "      · \(item.id)" + (item.counted ? "" : " (" + t("explain_not_counted") + ")")
                    if let note = item.note { out += " — \(note.text(strings))" }
                    if !item.facts.isEmpty {
                        out += ": " + item.facts.map { "\($0.label.text(strings)) \($0.value.text(language, strings: strings))" }.joined(separator: ", ")
                    }
                    out += "\n"
                }
            }
            out += "\n"
        }
        out += t("explain_weighted_total") + " Σw·a/Σw = \(Number.fixed(r.weightedTotal)) (Σw = \(Number.format(r.countedWeight)))\n"
        for e in r.audits {
            let a = e.audit
            var action = a.action.describe(strings: strings) { id in fw.bandIndex(id: id).map { fw.bands[$0].name.text(language) } ?? id }
            if e.applied {
                action += ": \(e.before) → \(e.after)"
            } else {
                action += " (" + t("explain_dated_after_as_of_ignored") + ")"
            }
            out += t("explain_audit") + " \(a.by) \(a.on) [\(a.file):\(a.line)]: \(action)\n"
        }
        out += t("explain_adjusted_total_rounded") + ": \(Number.fixed(r.total)) → \(fw.bands[r.bandFromTotal].id)\n"
        if let g = r.gate {
            if let aB = g.attainment {
                out += t("explain_group_b_gate") + ": \(Number.fixed(aB)) " + (g.passed ? "≥" : "<") + " \(Number.format(g.minimum))"
                out += g.capped ? " → " + t("explain_capped_at") + " \(g.capBand)\n" : (g.passed ? " ✓\n" : " (" + t("explain_band_already_lower") + ")\n")
            } else {
                out += t("explain_group_b_gate_not_applied_no_group_b_crit") + "\n"
            }
        }
        if let rb = r.robustness {
            out += t("explain_band_robustness") + " (\(rb.corners) " + t("explain_weight_corners") + "): "
            out += t("explain_total_from") + " \(Number.fixed(rb.totalRange.lowerBound)) " + t("explain_to") + " \(Number.fixed(rb.totalRange.upperBound)), "
            out += t("explain_band_from") + " \(fw.bands[rb.lowestBand].id) " + t("explain_to") + " \(fw.bands[rb.highestBand].id)"
            out += rb.isRobust(band: r.band) ? " — " + t("explain_robust") + "\n" : " — " + t("explain_depends_on_the_weights") + "\n"
        }
        out += t("explain_final_band") + ": \(fw.bands[r.band].id) — \(fw.bands[r.band].consequences.text(language))\n"
        return out
    }

    /// The explanation as the open data publishes it (`data/explanations/`):
    /// pretty JSON, keys in the order written here.
    public static func json(_ run: ScoringRun, result: OfficialResult) -> [UInt8] {
        json(run, explained: run.explained(result))
    }

    /// `json(run, result:)` of a result already explained (`ScoringRun.explained`):
    /// the open data explains each official once for its rows of
    /// `criteria.csv` and this file. Written straight into bytes (`JSONWriter`).
    static func json(_ run: ScoringRun, explained r: OfficialResult) -> [UInt8] {
        let p = run.province
        let fw = p.framework
        let o = p.officials[r.official]
        var w = JSONWriter()
        w.openObject()
        w.key("id"); w.string(o.id)
        w.key("locality"); w.string(o.locality)
        w.key("name"); w.string(o.name)
        w.key("as_of"); w.string(run.scoreboard.asOf.description)
        w.key("framework"); w.string(fw.id)
        w.key("counted_weight"); w.number(r.countedWeight, places: 6)
        w.key("weighted_total"); w.number(r.weightedTotal, places: 6)
        w.key("adjusted_total"); w.number(r.adjustedTotal, places: 6)
        w.key("total"); w.number(r.total)
        w.key("band_from_total"); w.string(fw.bands[r.bandFromTotal].id)
        w.key("band"); w.string(fw.bands[r.band].id)
        w.key("rank_in_locality"); w.integer(r.rankInLocality)
        w.key("criteria"); w.openArray()
        for c in r.criteria {
            w.item(); w.openObject()
            w.key("id"); w.string(c.id)
            w.key("group"); w.string(c.group.rawValue)
            w.key("weight"); w.number(c.weight, places: 6)
            w.key("status"); w.string(c.status.rawValue)
            w.key("attainment"); w.number(c.attainment, places: 6)
            w.key("contribution"); w.number(c.contribution, places: 6)
            w.key("measures"); w.openArray()
            for m in c.measures {
                w.item(); w.openObject()
                w.key("metric"); w.string(m.measure.name)
                w.key("parameters"); w.string(m.measure.parameterLabel)
                w.key("attainment"); w.number(m.attainment, places: 6)
                if let na = m.explanation.notApplicable { w.key("not_applicable"); w.string(na.key) }
                w.key("inputs"); facts(m.explanation.facts, &w)
                w.key("items"); w.openArray()
                for item in m.explanation.items {
                    w.item(); w.openObject()
                    w.key("id"); w.string(item.id)
                    w.key("counted"); w.bool(item.counted)
                    if let note = item.note { w.key("note"); w.string(note.key) }
                    w.key("inputs"); facts(item.facts, &w)
                    w.closeObject()
                }
                w.closeArray()
                w.closeObject()
            }
            w.closeArray()
            w.closeObject()
        }
        w.closeArray()
        w.key("audits"); w.openArray()
        for e in r.audits {
            w.item(); w.openObject()
            w.key("file"); w.string(e.audit.file)
            w.key("by"); w.string(e.audit.by)
            w.key("on"); w.string(e.audit.on.description)
            w.key("finding"); w.string(e.audit.finding)
            w.key("reference"); w.string(e.audit.reference)
            w.key("action"); w.openObject()
            w.key(e.audit.action.key)
            switch e.audit.action {
            case .cap: w.string(e.audit.action.amount)
            default: w.raw(e.audit.action.amount)
            }
            w.closeObject()
            w.key("applied"); w.bool(e.applied)
            w.key("before"); w.string(e.before)
            w.key("after"); w.string(e.after)
            w.closeObject()
        }
        w.closeArray()
        w.key("gate")
        if let g = r.gate {
            w.openObject()
            w.key("group_b_attainment"); w.number(g.attainment, places: 6)
            w.key("minimum"); w.number(g.minimum, places: 6)
            w.key("cap_band"); w.string(g.capBand)
            w.key("capped"); w.bool(g.capped)
            w.closeObject()
        } else {
            w.null()
        }
        w.key("robustness")
        if let rb = r.robustness {
            w.openObject()
            w.key("corners"); w.integer(rb.corners)
            w.key("total_range"); w.openArray()
            w.item(); w.number(rb.totalRange.lowerBound)
            w.item(); w.number(rb.totalRange.upperBound)
            w.closeArray()
            w.key("band_range"); w.openArray()
            w.item(); w.string(fw.bands[rb.lowestBand].id)
            w.item(); w.string(fw.bands[rb.highestBand].id)
            w.closeArray()
            w.key("robust"); w.bool(rb.isRobust(band: r.band))
            w.closeObject()
        } else {
            w.null()
        }
        w.closeObject()
        return w.finish()
    }

    /// An input's value as the explanation file writes it.
    private static func value(_ v: Explanation.Value, _ w: inout JSONWriter) {
        switch v {
        case let .number(x): w.number(x, places: 6)
        case let .integer(i): w.integer(i)
        case let .text(s): w.string(s)
        case let .phrase(p): w.string(p.key)
        case let .phrases(ps):
            w.openArray()
            for p in ps { w.item(); w.string(p.key) }
            w.closeArray()
        case let .day(d): w.string(d.description)
        case .none: w.null()
        }
    }

    /// Inputs as an object, in their order.
    private static func facts(_ fs: [Explanation.Fact], _ w: inout JSONWriter) {
        w.openObject()
        for f in fs { w.key(f.key); value(f.value, &w) }
        w.closeObject()
    }
}
