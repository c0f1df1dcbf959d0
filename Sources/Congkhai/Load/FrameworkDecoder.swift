import Foundation

enum FrameworkDecoder {
    static let fields = ["id", "name", "description", "criteria", "bands", "gates", "version", "basis", "excellence_quota"]
    static let criterionFields = ["id", "name", "basis", "group", "weight", "weight_range", "required", "measures", "description"]
    static let bandFields = ["id", "min", "name", "consequences", "colour"]

    static func decode(_ root: YAMLValue, file: String, log: DiagnosticLog) -> Framework? {
        guard let f = YAMLFields(root, known: fields, file: file, log: log, what: "the framework") else { return nil }
        let id = f.id("id", required: true, allowUnderscore: true)
        let name = f.localized("name", required: true)

        var criteria: [Criterion] = []
        var weightSum = Rational.zero
        var seen: Set<String> = []
        let criteriaItems = f.list("criteria", required: true) ?? []
        for item in criteriaItems {
            guard let c = YAMLFields(item, known: criterionFields, file: file, log: log, what: "a criterion") else { continue }
            let cid = c.id("id", required: true, allowUnderscore: true)
            let ctx = cid.map { "criterion \"\($0)\": " } ?? ""
            let cname = c.localized("name", required: true)
            let basis = c.localized("basis")
            let group = c.enumeration("group", CriterionGroup.self, required: true)
            var weight: Rational?
            if let ws = c.scalar("weight", required: true), let w = YAMLFields.number(ws, key: "weight", fields: c) {
                if w.isNegative {
                    c.error(.scalar(ws), "weight must not be negative")
                } else {
                    weight = w
                    weightSum += w
                }
            }
            let weightRange = decodeWeightRange(c, weight: weight)
            let required = c.bool("required") ?? false
            var measures: [Measure] = []
            let measureItems = c.list("measures", required: true) ?? []
            if measureItems.isEmpty, let v = c.value("measures") { c.error(v, "a criterion needs at least one measure") }
            for m in measureItems {
                if let measure = decodeMeasure(m, file: file, log: log, context: ctx) { measures.append(measure) }
            }
            guard let cid, let cname, let group, let weight, !measures.isEmpty else { continue }
            if !seen.insert(cid).inserted {
                log.error(file, c.line, c.column, "duplicate criterion id \"\(cid)\"")
                continue
            }
            criteria.append(Criterion(id: cid, name: cname, basis: basis, group: group, weight: weight,
                                      weightRange: weightRange, required: required, measures: measures))
        }
        if !criteriaItems.isEmpty && weightSum != 100 {
            let k = f.keyScalar("criteria")
            log.error(file, k?.line ?? f.line, k?.column ?? f.column,
                      "criterion weights sum to \(Number.format(weightSum, places: 6)), not 100")
        }

        var bands: [Band] = []
        for item in f.list("bands", required: true) ?? [] {
            guard let b = YAMLFields(item, known: bandFields, file: file, log: log, what: "a band") else { continue }
            let bid = b.id("id", required: true, allowUnderscore: true)
            let min = b.number("min", required: true)
            let bname = b.localized("name", required: true)
            let consequences = b.localized("consequences") ?? LocalizedText(vi: "")
            var colour: String?
            if let cs = b.scalar("colour", required: false) {
                if isHexColour(cs.text) { colour = cs.text.lowercased() } else {
                    b.error(.scalar(cs), "colour \"\(cs.text)\" must be a hex colour such as \"#1b5e20\"")
                }
            }
            guard let bid, let min, let bname else { continue }
            if let last = bands.last, min >= last.min {
                log.error(file, b.line, b.column, "band \"\(bid)\" must have a lower min than \"\(last.id)\" (bands are listed highest first)")
                continue
            }
            if bands.contains(where: { $0.id == bid }) {
                log.error(file, b.line, b.column, "duplicate band id \"\(bid)\"")
                continue
            }
            bands.append(Band(id: bid, min: min, name: bname, consequences: consequences, colour: colour))
        }
        if bands.isEmpty, f.value("bands") != nil { log.error(file, f.line, f.column, "the framework needs at least one band") }

        var gate: Gate?
        if let g = f.fields("gates", known: ["group_b_min", "cap_band"]) {
            let minB = g.number("group_b_min", required: true)
            let cap = g.id("cap_band", required: true, allowUnderscore: true)
            if let cap, !bands.isEmpty, !bands.contains(where: { $0.id == cap }), let v = g.value("cap_band") {
                g.error(v, "cap_band \"\(cap)\" is not a band\(Suggestion.hint(for: cap, in: bands.map(\.id)))")
            } else if let minB, let cap {
                gate = Gate(groupBMin: minB, capBand: cap)
            }
        }
        let quota = decodeQuota(f, bands: bands)
        guard let id, let name, !bands.isEmpty else { return nil }
        return Framework(id: id, name: name, criteria: criteria, bands: bands, gate: gate, excellenceQuota: quota, file: file)
    }

    static func isHexColour(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard b.count == 7 || b.count == 4, b[0] == UInt8(ascii: "#") else { return false }
        return b.dropFirst().allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) || ($0 >= 0x41 && $0 <= 0x46) }
    }

    /// `weight_range: [lo, hi]` with 0 ≤ lo ≤ hi; a weight outside its own
    /// range is a warning (the policy's suggested range, DESIGN.md).
    static func decodeWeightRange(_ c: YAMLFields, weight: Rational?) -> ClosedRange<Rational>? {
        guard let items = c.list("weight_range"), let v = c.value("weight_range") else { return nil }
        guard items.count == 2 else {
            c.error(v, "weight_range must be a list of two numbers [lowest, highest]")
            return nil
        }
        var ends: [Rational] = []
        for item in items {
            guard case let .scalar(s) = item, let n = YAMLFields.number(s, key: "weight_range", fields: c) else {
                if case .scalar = item {} else { c.error(item, "weight_range must list numbers") }
                return nil
            }
            if n.isNegative {
                c.error(item, "weight_range must not be negative")
                return nil
            }
            ends.append(n)
        }
        guard ends[0] <= ends[1] else {
            c.error(v, "weight_range [\(Number.format(ends[0], places: 6)), \(Number.format(ends[1], places: 6))] must list the lowest weight first")
            return nil
        }
        let range = ends[0]...ends[1]
        if let weight, !range.contains(weight), let ws = c.value("weight") {
            c.warning(ws, "weight \(Number.format(weight, places: 6)) is outside its weight_range \(Number.format(ends[0], places: 6))–\(Number.format(ends[1], places: 6)) %")
        }
        return range
    }

    /// `excellence_quota: { band, of_band, share }` naming two bands and a share in [0, 1].
    static func decodeQuota(_ f: YAMLFields, bands: [Band]) -> ExcellenceQuotaRule? {
        guard let q = f.fields("excellence_quota", known: ["band", "of_band", "share"]) else { return nil }
        let band = q.id("band", required: true, allowUnderscore: true)
        let of = q.id("of_band", required: true, allowUnderscore: true)
        let share = q.number("share", required: true)
        var ok = true
        for (key, value) in [("band", band), ("of_band", of)] {
            if let value, !bands.isEmpty, !bands.contains(where: { $0.id == value }), let v = q.value(key) {
                q.error(v, "\(key) \"\(value)\" is not a band\(Suggestion.hint(for: value, in: bands.map(\.id)))")
                ok = false
            }
        }
        if let share, share.isNegative || share > .one, let v = q.value("share") {
            q.error(v, "share must lie between 0 and 1")
            ok = false
        }
        guard ok, let band, let of, let share else { return nil }
        return ExcellenceQuotaRule(band: band, ofBand: of, share: share)
    }

    static func decodeMeasure(_ value: YAMLValue, file: String, log: DiagnosticLog, context: String) -> Measure? {
        let allKeys = ["metric"] + MetricRegistry.all.flatMap { $0.parameterKeys }
        guard let m = YAMLFields(value, known: allKeys, file: file, log: log, context: context, what: "a measure"),
              let ms = m.scalar("metric", required: true) else { return nil }
        guard let metric = MetricRegistry.named(ms.text) else {
            m.error(.scalar(ms), "unknown metric \"\(ms.text)\"\(Suggestion.hint(for: ms.text, in: MetricRegistry.names))")
            return nil
        }
        for k in m.pairs.map(\.key) where k.text != "metric" && allKeys.contains(k.text) && !metric.parameterKeys.contains(k.text) {
            log.warning(file, k.line, k.column, "\(context)parameter \"\(k.text)\" does not apply to metric \(ms.text) and is ignored")
        }
        return metric.init(m).map(Measure.init)
    }
}
