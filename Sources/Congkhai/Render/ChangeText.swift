/// A ledger change in plain words ("Hạn hoàn thành được dời từ 30/09/2026
/// sang 31/12/2026, ghi nhận ngày 02/10/2026"), from the theme's strings.
struct ChangeText {
    let t: [String: String]

    func label(_ key: String) -> String { t[key] ?? key }

    func fill(_ key: String, _ values: KeyValuePairs<String, String>) -> String { Phrase.text(key, values, strings: t) }

    func fill(_ key: String, pairs: [(key: String, value: String)]) -> String { Phrase.text(key, pairs, strings: t) }

    func date(_ d: Day) -> String { d.vietnamese }

    /// A value as written in the content, for people.
    func value(_ v: JSONValue?, field: String?) -> String {
        switch v {
        case nil, .null?: return label("change_empty")
        case let .string(s)?:
            if let d = Day(iso: s) { return date(d) }
            if field == "status" || field == "difficulty" || field == "group" {
                let key = (field == "status" ? "status_" : field == "difficulty" ? "difficulty_" : "group_") + s
                return t[key] ?? s
            }
            return "«" + s + "»"
        case let .raw(n)?:
            return Rational(decimal: n).map { Number.display($0, places: 6, strings: t) } ?? n
        case let .object(pairs)?:
            if field == "withdrawn" {
                let reason = pairs.first { $0.0 == "reason" }?.1.stringValue ?? ""
                let decision = pairs.first { $0.0 == "decision" }?.1.stringValue ?? ""
                return [reason, decision].filter { !$0.isEmpty }.map { "«" + $0 + "»" }.joined(separator: ", ")
            }
            return pairs.first { $0.0 == "title" }?.1.stringValue.map { "«" + $0 + "»" } ?? "…"
        default: return "…"
        }
    }

    /// The sentence for one change of a commitment (its own page shows it);
    /// without "recorded on …" where a list shows the date in its own column.
    func commitment(_ c: SiteHistory.Change, recorded withDate: Bool = true) -> String {
        let recorded = withDate ? fill("change_recorded", ["date": date(c.asOf)]) : ""
        let tail = withDate ? ", " + recorded : ""
        switch c.kind {
        case .commitmentChanged:
            let field = c.field ?? ""
            let key = field == "deadline" ? "change_deadline" : "change_field"
            return fill(key, ["field": label("field_" + field), "old": value(c.old, field: field), "new": value(c.new, field: field)])
                + tail
        case .updateRemoved:
            return fill("change_update_removed", ["update": updateName(c)]) + tail
        case .updateChanged:
            return fill("change_update_changed", ["update": updateName(c), "field": label("field_" + (c.field ?? "")),
                                                  "old": value(c.old, field: c.field), "new": value(c.new, field: c.field)]) + tail
        case .commitmentAdded: return fill("change_commitment_added", ["date": date(c.asOf)])
        case .commitmentRemoved: return fill("change_commitment_removed", ["date": date(c.asOf)])
        default: return entry(c, names: { _ in nil })
        }
    }

    func updateName(_ c: SiteHistory.Change) -> String {
        let u = c.subject["update"] ?? ""
        let day = u.split(separator: "#").first.map(String.init) ?? u
        return Day(iso: day).map(date) ?? u
    }

    /// The sentence for any change, on the "recent changes" pages.
    func entry(_ c: SiteHistory.Change, names: (String) -> String?) -> String {
        let who = c.subject["official"].flatMap { id in names((c.subject["locality"] ?? "") + "/" + id) } ?? c.subject["official"] ?? ""
        let commitment = c.subject["commitment"].map { id in
            names((c.subject["locality"] ?? "") + "/" + (c.subject["official"] ?? "") + "/" + id) ?? id } ?? ""
        var v: [(key: String, value: String)] = [("official", who), ("commitment", commitment), ("file", c.subject["file"] ?? ""),
                                                 ("row", c.subject["row"] ?? ""), ("count", Number.display(c.count ?? 0, strings: t)),
                                                 ("audit", c.subject["audit"] ?? "")]
        switch c.kind {
        case .commitmentChanged, .updateRemoved, .updateChanged:
            v.append(("what", self.commitment(c, recorded: false)))
            return fill("change_entry_commitment", pairs: v)
        case .commitmentAdded:
            v.append(("title", value(c.new, field: nil)))
            return fill("change_entry_commitment_added", pairs: v)
        case .commitmentRemoved:
            v.append(("title", value(c.old, field: nil)))
            return fill("change_entry_commitment_removed", pairs: v)
        default:
            return fill("change_entry_" + c.kind.rawValue, pairs: v)
        }
    }
}
