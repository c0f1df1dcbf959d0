import Foundation

enum FrameworkDecoder {
    static let fields = ["id", "name", "description", "criteria", "bands", "gates", "version", "basis"]
    static let criterionFields = ["id", "name", "basis", "group", "weight", "required", "measures", "description"]
    static let bandFields = ["id", "min", "name", "consequences"]

    /// Suggested weight ranges from the proposal; outside them is a warning.
    static let suggestedRanges: [String: ClosedRange<Decimal>] = [
        "crisis_response": 10...15, "coordination": 10...10, "people_development": 5...10,
        "innovation": 10...15, "transparency": 15...20,
    ]

    static func decode(_ root: YAMLValue, file: String, log: DiagnosticLog) -> Framework? {
        guard let f = YAMLFields(root, known: fields, file: file, log: log, what: "the framework") else { return nil }
        let id = f.id("id", required: true, allowUnderscore: true)
        let name = f.localized("name", required: true)

        var criteria: [Criterion] = []
        var weightSum = Decimal(0)
        var seen: Set<String> = []
        let criteriaItems = f.list("criteria", required: true) ?? []
        for item in criteriaItems {
            guard let c = YAMLFields(item, known: criterionFields, file: file, log: log, what: "a criterion") else { continue }
            let cid = c.id("id", required: true, allowUnderscore: true)
            let ctx = cid.map { "criterion \"\($0)\": " } ?? ""
            let cname = c.localized("name", required: true)
            let basis = c.localized("basis")
            let group = c.enumeration("group", CriterionGroup.self, required: true)
            var weight: Double?
            if let ws = c.scalar("weight", required: true) {
                if let dec = Decimal(string: ws.text, locale: Locale(identifier: "en_US_POSIX")),
                   let w = Number.parse(ws.text) {
                    if w < 0 {
                        log.error(file, ws.line, ws.column, ctx + "weight must not be negative")
                    } else {
                        weight = w
                        weightSum += dec
                        if let cid, let range = suggestedRanges[cid], !range.contains(dec) {
                            log.warning(file, ws.line, ws.column,
                                        "\(ctx)weight \(ws.text) is outside the suggested range \(range.lowerBound)–\(range.upperBound) %")
                        }
                    }
                } else {
                    log.error(file, ws.line, ws.column, ctx + "weight \"\(ws.text)\" is not a number")
                }
            }
            let required = c.bool("required") ?? false
            var measures: [Measure] = []
            let measureItems = c.list("measures", required: true) ?? []
            if measureItems.isEmpty, let v = c.value("measures") { c.error(v, "\(ctx)a criterion needs at least one measure") }
            for m in measureItems {
                if let measure = decodeMeasure(m, file: file, log: log, context: ctx) { measures.append(measure) }
            }
            guard let cid, let cname, let group, let weight, !measures.isEmpty else { continue }
            if !seen.insert(cid).inserted {
                log.error(file, c.line, c.column, "duplicate criterion id \"\(cid)\"")
                continue
            }
            criteria.append(Criterion(id: cid, name: cname, basis: basis, group: group, weight: weight,
                                      required: required, measures: measures))
        }
        if !criteriaItems.isEmpty && weightSum != 100 {
            let k = f.keyScalar("criteria")
            log.error(file, k?.line ?? f.line, k?.column ?? f.column,
                      "criterion weights sum to \(weightSum), not 100")
        }

        var bands: [Band] = []
        for item in f.list("bands", required: true) ?? [] {
            guard let b = YAMLFields(item, known: bandFields, file: file, log: log, what: "a band") else { continue }
            let bid = b.id("id", required: true, allowUnderscore: true)
            let min = b.number("min", required: true)
            let bname = b.localized("name", required: true)
            let consequences = b.localized("consequences") ?? LocalizedText(vi: "")
            guard let bid, let min, let bname else { continue }
            if let last = bands.last, min >= last.min {
                log.error(file, b.line, b.column, "band \"\(bid)\" must have a lower min than \"\(last.id)\" (bands are listed highest first)")
                continue
            }
            if bands.contains(where: { $0.id == bid }) {
                log.error(file, b.line, b.column, "duplicate band id \"\(bid)\"")
                continue
            }
            bands.append(Band(id: bid, min: min, name: bname, consequences: consequences))
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
        guard let id, let name, !bands.isEmpty else { return nil }
        return Framework(id: id, name: name, criteria: criteria, bands: bands, gate: gate, file: file)
    }

    static func decodeMeasure(_ value: YAMLValue, file: String, log: DiagnosticLog, context: String) -> Measure? {
        let known = ["metric", "group", "partners_only", "respondents", "prior_weight", "key"]
        guard let m = YAMLFields(value, known: known, file: file, log: log, context: context, what: "a measure"),
              let ms = m.scalar("metric", required: true) else { return nil }
        let allowed: [String]
        switch ms.text {
        case "commitment_delivery": allowed = ["group", "partners_only"]
        case "rating": allowed = ["respondents", "prior_weight"]
        case "assessment": allowed = ["key"]
        default: allowed = []
        }
        for k in m.pairs.map(\.key) where k.text != "metric" && known.contains(k.text) && !allowed.contains(k.text) {
            log.warning(file, k.line, k.column, "\(context)parameter \"\(k.text)\" does not apply to metric \(ms.text) and is ignored")
        }
        switch ms.text {
        case "commitment_delivery":
            var group = Measure.GroupFilter.any
            if let gs = m.scalar("group", required: false) {
                guard let g = Measure.GroupFilter(rawValue: gs.text) else {
                    m.error(.scalar(gs), "group \"\(gs.text)\" must be A, B or any")
                    return nil
                }
                group = g
            }
            return .commitmentDelivery(group: group, partnersOnly: m.bool("partners_only") ?? false)
        case "rating":
            var kinds: [RespondentKind] = []
            for item in m.list("respondents", required: true) ?? [] {
                guard case let .scalar(s) = item, let k = RespondentKind(rawValue: s.text) else {
                    m.error(item, "respondents must list citizen, business, agency or staff")
                    continue
                }
                if !kinds.contains(k) { kinds.append(k) }
            }
            let prior = m.number("prior_weight") ?? 10
            if prior < 0, let v = m.value("prior_weight") { m.error(v, "prior_weight must not be negative"); return nil }
            guard !kinds.isEmpty else { return nil }
            return .rating(respondents: kinds, priorWeight: prior)
        case "complaint_resolution": return .complaintResolution
        case "disclosure": return .disclosure
        case "incident_response": return .incidentResponse
        case "initiative_impact": return .initiativeImpact
        case "training_ratio": return .trainingRatio
        case "indicator_progress": return .indicatorProgress
        case "assessment":
            guard let key = m.id("key", required: true, allowUnderscore: true) else { return nil }
            return .assessment(key: key)
        default:
            m.error(.scalar(ms), "unknown metric \"\(ms.text)\"\(Suggestion.hint(for: ms.text, in: Measure.metrics))")
            return nil
        }
    }
}
