/// One official's score, step by step, as text (terminal) or JSON (open data).
public enum ExplanationReport {
    public static func text(_ run: ScoringRun, result r: OfficialResult, language: String = "vi") -> String {
        let p = run.province
        let fw = p.framework
        let o = p.officials[r.official]
        let en = language == "en"
        func t(_ vi: String, _ english: String) -> String { en ? english : vi }
        var out = "\(o.name) — \(o.position) (\(o.key))\n"
        out += t("Ngày tính điểm", "Scoring date") + ": \(run.scoreboard.asOf)   " + t("Khung", "Framework") + ": \(fw.id)\n"
        out += t("Tổng điểm", "Total") + ": \(Number.fixed(r.total))   " + t("Xếp loại", "Band") + ": \(fw.bands[r.band].name.text(language)) (\(fw.bands[r.band].id))   "
        out += t("Hạng trong địa phương", "Rank in locality") + ": \(r.rankInLocality)\n\n"
        for (criterion, c) in zip(fw.criteria, r.criteria) {
            let a: String
            switch c.status {
            case .scored: a = Number.fixed(c.attainment ?? .zero)
            case .requiredZero: a = "0.00 (" + t("bắt buộc, không có số liệu", "required, no data") + ")"
            case .dropped: a = "N/A (" + t("không tính, trọng số chia lại", "dropped, weight redistributed") + ")"
            }
            out += "■ \(criterion.name.text(language)) [\(c.id), " + t("nhóm", "group") + " \(c.group.rawValue), "
            out += t("trọng số", "weight") + " \(Number.format(c.weight))]\n"
            out += "  " + t("Mức đạt", "Attainment") + ": \(a)   " + t("Đóng góp", "Contribution") + ": \(Number.fixed(c.contribution))\n"
            for m in c.measures {
                let label = m.measure.parameterLabel.isEmpty ? m.measure.name : "\(m.measure.name) {\(m.measure.parameterLabel)}"
                out += "  – \(label): " + (m.attainment.map { Number.fixed($0) } ?? "N/A")
                if let na = m.explanation.notApplicable { out += " — \(na.text(language))" }
                out += "\n    \(m.explanation.formula.text(language))\n"
                if !m.explanation.facts.isEmpty {
                    out += "    " + m.explanation.facts.map { "\($0.label.text(language)): \($0.value.text(language))" }.joined(separator: "; ") + "\n"
                }
                for item in m.explanation.items {
                    out += "      · \(item.id)" + (item.counted ? "" : " (" + t("không tính", "not counted") + ")")
                    if let note = item.note { out += " — \(note.text(language))" }
                    if !item.facts.isEmpty {
                        out += ": " + item.facts.map { "\($0.key)=\($0.value.display)" }.joined(separator: ", ")
                    }
                    out += "\n"
                }
            }
            out += "\n"
        }
        out += t("Tổng có trọng số", "Weighted total") + " Σw·a/Σw = \(Number.fixed(r.weightedTotal)) (Σw = \(Number.format(r.countedWeight)))\n"
        for e in r.audits {
            let a = e.audit
            var action = a.action.describe(language) { id in fw.bandIndex(id: id).map { fw.bands[$0].name.text(language) } ?? id }
            if e.applied {
                action += ": \(e.before) → \(e.after)"
            } else {
                action += " (" + t("sau ngày tính điểm, không áp dụng", "dated after as_of, ignored") + ")"
            }
            out += t("Hậu kiểm", "Audit") + " \(a.by) \(a.on) [\(a.file):\(a.line)]: \(action)\n"
        }
        out += t("Tổng sau điều chỉnh, làm tròn", "Adjusted total, rounded") + ": \(Number.fixed(r.total)) → \(fw.bands[r.bandFromTotal].id)\n"
        if let g = r.gate {
            if let aB = g.attainment {
                out += t("Ngưỡng nhóm B", "Group-B gate") + ": \(Number.fixed(aB)) " + (g.passed ? "≥" : "<") + " \(Number.format(g.minimum))"
                out += g.capped ? " → " + t("giới hạn ở", "capped at") + " \(g.capBand)\n" : (g.passed ? " ✓\n" : " (" + t("xếp loại đã thấp hơn", "band already lower") + ")\n")
            } else {
                out += t("Ngưỡng nhóm B: không áp dụng (không có tiêu chí nhóm B)", "Group-B gate: not applied (no group-B criterion counts)") + "\n"
            }
        }
        if let rb = r.robustness {
            out += t("Độ vững của xếp loại", "Band robustness") + " (\(rb.corners) " + t("tổ hợp trọng số", "weight corners") + "): "
            out += t("tổng điểm từ", "total from") + " \(Number.fixed(rb.totalRange.lowerBound)) " + t("đến", "to") + " \(Number.fixed(rb.totalRange.upperBound)), "
            out += t("xếp loại từ", "band from") + " \(fw.bands[rb.lowestBand].id) " + t("đến", "to") + " \(fw.bands[rb.highestBand].id)"
            out += rb.isRobust(band: r.band) ? " — " + t("vững", "robust") + "\n" : " — " + t("phụ thuộc trọng số", "depends on the weights") + "\n"
        }
        out += t("Xếp loại cuối cùng", "Final band") + ": \(fw.bands[r.band].id) — \(fw.bands[r.band].consequences.text(language))\n"
        return out
    }

    public static func json(_ run: ScoringRun, result r: OfficialResult) -> JSONValue {
        let p = run.province
        let fw = p.framework
        let o = p.officials[r.official]
        func value(_ v: Explanation.Value) -> JSONValue {
            switch v {
            case let .number(x): return .num(x, places: 6)
            case let .integer(i): return .integer(i)
            case let .text(s): return .string(s)
            case let .localized(t): return .string(t.en.isEmpty ? t.vi : t.en)
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
                    if let na = m.explanation.notApplicable { pairs.append(("not_applicable", .string(na.en))) }
                    pairs.append(("inputs", facts(m.explanation.facts)))
                    pairs.append(("items", .array(m.explanation.items.map { item in
                        var ip: [(String, JSONValue)] = [("id", .string(item.id)), ("counted", .bool(item.counted))]
                        if let note = item.note { ip.append(("note", .string(note.en))) }
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
