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

    public static func json(_ run: ScoringRun, result: OfficialResult) -> JSONValue {
        json(run, explained: run.explained(result))
    }

    /// `json(run, result:)` of a result already explained (`ScoringRun.explained`):
    /// the open data explains each official once for its rows of
    /// `criteria.csv` and this file.
    static func json(_ run: ScoringRun, explained r: OfficialResult) -> JSONValue {
        let p = run.province
        let fw = p.framework
        let o = p.officials[r.official]
        func value(_ v: Explanation.Value) -> JSONValue {
            switch v {
            case let .number(x): return .num(x, places: 6)
            case let .integer(i): return .integer(i)
            case let .text(s): return .string(s)
            case let .phrase(p): return .string(p.key)
            case let .phrases(ps): return .array(ps.map { .string($0.key) })
            case let .day(d): return .string(d.description)
            case .none: return .null
            }
        }
        func facts(_ fs: [Explanation.Fact]) -> JSONValue { .object(fs.map { ($0.key, value($0.value)) }) }
        let criteria: [JSONValue] = r.criteria.map { c in
            .object([
                ("id", .string(c.id)),
                ("group", .string(c.group.rawValue)),
                ("weight", .num(c.weight, places: 6)),
                ("status", .string(c.status.rawValue)),
                ("attainment", .num(c.attainment, places: 6)),
                ("contribution", .num(c.contribution, places: 6)),
                ("measures", .array(c.measures.map { m in
                    var pairs: [(String, JSONValue)] = [
                        ("metric", .string(m.measure.name)),
                        ("parameters", .string(m.measure.parameterLabel)),
                        ("attainment", .num(m.attainment, places: 6)),
                    ]
                    if let na = m.explanation.notApplicable { pairs.append(("not_applicable", .string(na.key))) }
                    pairs.append(("inputs", facts(m.explanation.facts)))
                    pairs.append(("items", .array(m.explanation.items.map { item in
                        var ip: [(String, JSONValue)] = [("id", .string(item.id)), ("counted", .bool(item.counted))]
                        if let note = item.note { ip.append(("note", .string(note.key))) }
                        ip.append(("inputs", facts(item.facts)))
                        return .object(ip)
                    })))
                    return .object(pairs)
                })),
            ])
        }
        let audits: [JSONValue] = r.audits.map { e in
            let action: (String, JSONValue)
            switch e.audit.action {
            case .cap: action = (e.audit.action.key, .string(e.audit.action.amount))
            default: action = (e.audit.action.key, .raw(e.audit.action.amount))
            }
            return .object([
                ("file", .string(e.audit.file)), ("by", .string(e.audit.by)), ("on", .string(e.audit.on.description)),
                ("finding", .string(e.audit.finding)), ("reference", .string(e.audit.reference)),
                ("action", .object([action])), ("applied", .bool(e.applied)),
                ("before", .string(e.before)), ("after", .string(e.after)),
            ])
        }
        var gate: JSONValue = .null
        if let g = r.gate {
            gate = .object([("group_b_attainment", .num(g.attainment, places: 6)), ("minimum", .num(g.minimum, places: 6)),
                            ("cap_band", .string(g.capBand)), ("capped", .bool(g.capped))])
        }
        var robustness: JSONValue = .null
        if let rb = r.robustness {
            robustness = .object([
                ("corners", .integer(rb.corners)),
                ("total_range", .array([.num(rb.totalRange.lowerBound), .num(rb.totalRange.upperBound)])),
                ("band_range", .array([.string(fw.bands[rb.lowestBand].id), .string(fw.bands[rb.highestBand].id)])),
                ("robust", .bool(rb.isRobust(band: r.band))),
            ])
        }
        return .object([
            ("id", .string(o.id)), ("locality", .string(o.locality)), ("name", .string(o.name)),
            ("as_of", .string(run.scoreboard.asOf.description)), ("framework", .string(fw.id)),
            ("counted_weight", .num(r.countedWeight, places: 6)),
            ("weighted_total", .num(r.weightedTotal, places: 6)),
            ("adjusted_total", .num(r.adjustedTotal, places: 6)),
            ("total", .num(r.total)),
            ("band_from_total", .string(fw.bands[r.bandFromTotal].id)),
            ("band", .string(fw.bands[r.band].id)),
            ("rank_in_locality", .integer(r.rankInLocality)),
            ("criteria", .array(criteria)),
            ("audits", .array(audits)),
            ("gate", gate),
            ("robustness", robustness),
        ])
    }
}
