import Foundation

enum OfficialDecoder {
    static let fields = ["name", "position", "role", "term_start", "staff_count", "training", "assessments",
                         "commitments", "incidents", "initiatives", "photo", "email", "phone", "office", "summary"]
    static let commitmentFields = ["id", "title", "group", "product", "target", "unit", "acceptance", "actual",
                                   "published_on", "deadline", "difficulty", "status", "completed_on", "withdrawn",
                                   "partners", "updates", "description"]
    static let updateFields = ["on", "progress", "note", "evidence"]
    static let incidentFields = ["id", "title", "kind", "occurred", "responded", "resolved", "target_response_hours",
                                 "outcome", "note", "description"]
    static let initiativeFields = ["id", "title", "adopted_on", "baseline", "current", "sustained", "verified_by",
                                   "description", "note"]
    static let costFields = ["days", "cost_vnd", "steps"]

    static func decode(_ root: YAMLValue, id: String, locality: String, body: String, file: String,
                       log: DiagnosticLog) -> Official? {
        guard let f = YAMLFields(root, known: fields, file: file, log: log, what: "the front matter") else { return nil }
        let name = f.string("name", required: true)
        let position = f.string("position") ?? ""
        let role = f.enumeration("role", Official.Role.self, required: true)
        let termStart = f.day("term_start")
        let staffCount = f.integer("staff_count")
        if let staffCount, staffCount < 0, let v = f.value("staff_count") { f.error(v, "staff_count must not be negative") }
        var staffTrained: Int?
        if let t = f.fields("training", known: ["staff_trained", "programs", "note"]) {
            staffTrained = t.integer("staff_trained")
            if let st = staffTrained, st < 0, let v = t.value("staff_trained") { t.error(v, "staff_trained must not be negative") }
        }

        var assessments: [String: Assessment] = [:]
        if let v = f.value("assessments") {
            if case let .mapping(pairs, _, _) = v {
                for pair in pairs {
                    let key = pair.key, value = pair.value
                    guard Identifier.isValid(key.text, allowUnderscore: true) else {
                        log.error(file, key.line, key.column, "assessment key \"\(key.text)\" is not a valid id")
                        continue
                    }
                    guard let a = YAMLFields(value, known: ["score", "max", "by", "on", "note"], file: file, log: log,
                                             context: "assessment \"\(key.text)\": ") else { continue }
                    let score = a.number("score", required: true)
                    let max = a.number("max", required: true)
                    if let max, max <= 0, let mv = a.value("max") { a.error(mv, "max must be greater than 0") }
                    let on = a.day("on")
                    guard let score, let max, max > 0 else { continue }
                    assessments[key.text] = Assessment(score: score, max: max, by: a.string("by") ?? "", on: on)
                }
            } else {
                f.error(v, "assessments must be a mapping such as { conduct: { score: 27, max: 30 } }")
            }
        }

        // Sized to the list (appending grew the buffer to the next power of
        // two: a commitment is ~400 bytes inline, 275,000 of them nationally).
        let commitmentItems = f.list("commitments") ?? []
        var commitments: [Commitment] = []
        commitments.reserveCapacity(commitmentItems.count)
        var seen: Set<String> = []
        for item in commitmentItems {
            // Duplicates are checked on the raw id so a broken first entry still claims it.
            if case let .mapping(pairs, line, column) = item,
               let idPair = pairs.first(where: { $0.key.text == "id" }), case let .scalar(s) = idPair.value,
               !seen.insert(s.text).inserted {
                log.error(file, line, column, "duplicate commitment id \"\(s.text)\"")
                continue
            }
            guard let c = decodeCommitment(item, file: file, log: log) else { continue }
            commitments.append(c)
        }

        var incidents: [Incident] = []
        seen = []
        for item in f.list("incidents") ?? [] {
            guard let i = decodeIncident(item, file: file, log: log) else { continue }
            if !seen.insert(i.id).inserted {
                log.error(file, item.line, item.column, "duplicate incident id \"\(i.id)\"")
                continue
            }
            incidents.append(i)
        }

        var initiatives: [Initiative] = []
        seen = []
        for item in f.list("initiatives") ?? [] {
            guard let i = decodeInitiative(item, file: file, log: log) else { continue }
            if !seen.insert(i.id).inserted {
                log.error(file, item.line, item.column, "duplicate initiative id \"\(i.id)\"")
                continue
            }
            initiatives.append(i)
        }

        guard let name, let role else { return nil }
        return Official(id: id, locality: locality, name: name, position: position, role: role, termStart: termStart,
                        staffCount: staffCount, staffTrained: staffTrained, assessments: assessments,
                        commitments: commitments, incidents: incidents, initiatives: initiatives, body: body, file: file)
    }

    static func decodeCommitment(_ item: YAMLValue, file: String, log: DiagnosticLog) -> Commitment? {
        var ctx = ""
        if case let .mapping(pairs, _, _) = item, let idPair = pairs.first(where: { $0.key.text == "id" }),
           case let .scalar(s) = idPair.value {
            ctx = "commitment \"\(s.text)\": "
        }
        guard let c = YAMLFields(item, known: commitmentFields, file: file, log: log, context: ctx,
                                 what: "a commitment") else { return nil }
        let id = c.id("id", required: true)
        let title = c.string("title", required: true)
        let group = c.enumeration("group", CriterionGroup.self, required: true)
        let product = c.id("product")
        let target = c.number("target")
        if let target, target <= 0, let v = c.value("target") { c.error(v, "target must be greater than 0") }
        let actual = c.number("actual")
        if let actual, actual < 0, let v = c.value("actual") { c.error(v, "actual must not be negative") }
        let acceptance = c.string("acceptance") ?? ""
        let publishedOn = c.day("published_on")
        let deadline = c.day("deadline", required: true)
        let difficulty = c.enumeration("difficulty", Commitment.Difficulty.self) ?? .normal
        let status = c.enumeration("status", Commitment.Status.self, required: true)
        let completedOn = c.day("completed_on")
        if status == .done && completedOn == nil && c.value("completed_on") == nil {
            c.log.error(file, c.keyScalar("status")?.line ?? c.line, c.keyScalar("status")?.column ?? c.column,
                        "\(ctx)status done requires completed_on")
        }
        var withdrawal: Commitment.Withdrawal?
        if let w = c.fields("withdrawn", known: ["approved_by", "decision", "reason", "on"]) {
            if let status, status != .withdrawn, let v = c.value("withdrawn") {
                c.error(v, "a withdrawn block is allowed only with status withdrawn (status is \(status.rawValue))")
            }
            withdrawal = Commitment.Withdrawal(approvedBy: w.string("approved_by") ?? "",
                                               decision: w.string("decision") ?? "", reason: w.string("reason") ?? "",
                                               on: w.day("on"))
        }
        let partnerList = c.idList("partners")
        let partners = partnerList.map(\.id)
        var referenceLines: [String: Int] = [:]
        for p in partnerList { referenceLines["partner:" + p.id] = p.line }
        if let ps = c.scalar("product", required: false) { referenceLines["product"] = ps.line }
        if let st = c.keyScalar("status") { referenceLines["status"] = st.line }
        if target == nil && product == nil && Whitespace.isBlank(acceptance), let id {
            c.log.warning(file, c.line, c.column,
                          "commitment \"\(id)\" has no target, product or acceptance criterion: it counts as not measurable")
        }

        let updateItems = c.list("updates") ?? []
        var updates: [Update] = []
        updates.reserveCapacity(updateItems.count)
        for u in updateItems {
            guard let uf = YAMLFields(u, known: updateFields, file: file, log: log, context: ctx, what: "an update") else { continue }
            let on = uf.day("on", required: true)
            let progress = uf.number("progress")
            if let p = progress, !(0...100).contains(p), let v = uf.value("progress") {
                uf.error(v, "progress \(Number.format(p)) must be between 0 and 100")
            }
            var evidence = uf.string("evidence")
            if let e = evidence {
                let trimmed = Whitespace.trimmed(e)
                if !LinkPolicy.isEvidenceLink(trimmed) {
                    if let v = uf.value("evidence") {
                        uf.warning(v, "evidence link \"\(e.prefix(80))\" is not an http(s) URL or a site path; it is dropped")
                    }
                    evidence = nil
                } else if trimmed.isEmpty {
                    evidence = nil
                } else {
                    evidence = trimmed
                }
            }
            guard let on else { continue }
            if let p = progress, !(0...100).contains(p) { continue }
            updates.append(Update(on: on, progress: progress, note: uf.string("note") ?? "", evidence: evidence))
        }

        guard let id, let title, let group, let deadline, let status else { return nil }
        if status == .done && completedOn == nil { return nil }
        if let t = target, t <= 0 { return nil }
        if let a = actual, a < 0 { return nil }
        return Commitment(id: id, title: title, group: group, product: product, target: target, unit: c.string("unit") ?? "",
                          acceptance: acceptance, actual: actual, publishedOn: publishedOn, deadline: deadline,
                          difficulty: difficulty, status: status, completedOn: completedOn, withdrawal: withdrawal,
                          partners: partners, updates: updates, line: c.line,
                          referenceLines: referenceLines)
    }

    static func decodeIncident(_ item: YAMLValue, file: String, log: DiagnosticLog) -> Incident? {
        guard let i = YAMLFields(item, known: incidentFields, file: file, log: log, what: "an incident") else { return nil }
        let id = i.id("id", required: true)
        let title = i.string("title", required: true)
        let kind = i.enumeration("kind", Incident.Kind.self) ?? .other
        let occurred = i.timestamp("occurred", required: true)
        let responded = i.timestamp("responded")
        let resolved = i.timestamp("resolved")
        let target = i.number("target_response_hours", required: true)
        if let target, target < 0, let v = i.value("target_response_hours") {
            i.error(v, "target_response_hours must not be negative")
        }
        let outcome = i.enumeration("outcome", Incident.Outcome.self, required: true)
        if let occurred, let responded, responded < occurred, let v = i.value("responded") {
            i.error(v, "responded \(responded) is before occurred \(occurred)")
        }
        guard let id, let title, let occurred, let target, target >= 0, let outcome else { return nil }
        return Incident(id: id, title: title, kind: kind, occurred: occurred, responded: responded, resolved: resolved,
                        targetResponseHours: target, outcome: outcome)
    }

    static func decodeInitiative(_ item: YAMLValue, file: String, log: DiagnosticLog) -> Initiative? {
        guard let i = YAMLFields(item, known: initiativeFields, file: file, log: log, what: "an initiative") else { return nil }
        let id = i.id("id", required: true)
        let title = i.string("title", required: true)
        let adopted = i.day("adopted_on", required: true)
        func cost(_ key: String) -> Initiative.Cost {
            guard let c = i.fields(key, known: costFields) else { return Initiative.Cost(days: nil, costVND: nil, steps: nil) }
            var values: [Rational?] = []
            for k in costFields {
                let v = c.number(k)
                if let v, v < 0, let node = c.value(k) { c.error(node, "\(k) must not be negative") }
                values.append(v.flatMap { $0 >= 0 ? $0 : nil })
            }
            return Initiative.Cost(days: values[0], costVND: values[1], steps: values[2])
        }
        let baseline = cost("baseline")
        let current = cost("current")
        let sustained = i.bool("sustained")
        guard let id, let title, let adopted else { return nil }
        return Initiative(id: id, title: title, adoptedOn: adopted, baseline: baseline, current: current,
                          sustained: sustained, verifiedBy: i.string("verified_by") ?? "")
    }
}
