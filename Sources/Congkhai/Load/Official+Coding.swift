/// An official as the loader decoded it, in `ByteWriter`'s compact form,
/// for `ParsedOfficials` (decision 111): every stored field but the body
/// and the file's path, which the loader has from the file itself.
///
/// Each field is written in declaration order; `decode` reads them back in
/// the same order and throws on anything else, so a torn or foreign entry
/// costs only the parse it would have saved. A field added to the model
/// and not here is caught by `ParsedOfficialsTests`, which compares every
/// demo official's full `dump` after a round trip.
extension Official {
    func encode(into w: inout ByteWriter) {
        w.string(id)
        w.string(locality)
        w.string(name)
        w.string(position)
        w.string(role.rawValue)
        Coding.day(termStart, &w)
        Coding.int(staffCount, &w)
        Coding.int(staffTrained, &w)
        let keys = assessments.keys.sorted { UTF8Order.precedes($0, $1) }
        w.int(keys.count)
        for key in keys {
            guard let a = assessments[key] else { continue }
            w.string(key)
            a.score.encode(into: &w)
            a.max.encode(into: &w)
            w.string(a.by)
            Coding.day(a.on, &w)
        }
        w.int(commitments.count)
        for c in commitments { c.encode(into: &w) }
        w.int(incidents.count)
        for i in incidents {
            w.string(i.id)
            w.string(i.title)
            w.string(i.kind.rawValue)
            w.int(i.occurred.seconds)
            Coding.int(i.responded?.seconds, &w)
            Coding.int(i.resolved?.seconds, &w)
            i.targetResponseHours.encode(into: &w)
            w.string(i.outcome.rawValue)
        }
        w.int(initiatives.count)
        for i in initiatives {
            w.string(i.id)
            w.string(i.title)
            w.int(i.adoptedOn.ordinal)
            for cost in [i.baseline, i.current] {
                Coding.rational(cost.days, &w)
                Coding.rational(cost.costVND, &w)
                Coding.rational(cost.steps, &w)
            }
            Coding.int(i.sustained.map { $0 ? 1 : 0 }, &w)
            w.string(i.verifiedBy)
        }
    }

    static func decode(_ r: inout ByteReader, body: String, file: String) throws -> Official {
        let id = try r.string(), locality = try r.string(), name = try r.string(), position = try r.string()
        let role = try Coding.raw(Role.self, &r)
        let termStart = try Coding.day(&r)
        let staffCount = try Coding.int(&r), staffTrained = try Coding.int(&r)
        var assessments: [String: Assessment] = [:]
        for _ in 0..<(try r.count()) {
            let key = try r.string()
            assessments[key] = Assessment(score: try Rational.decode(&r), max: try Rational.decode(&r),
                                          by: try r.string(), on: try Coding.day(&r))
        }
        var commitments: [Commitment] = []
        for _ in 0..<(try r.count()) { commitments.append(try Commitment.decode(&r)) }
        var incidents: [Incident] = []
        for _ in 0..<(try r.count()) {
            incidents.append(Incident(id: try r.string(), title: try r.string(), kind: try Coding.raw(Incident.Kind.self, &r),
                                      occurred: Timestamp(seconds: try r.int()), responded: try Coding.int(&r).map(Timestamp.init(seconds:)),
                                      resolved: try Coding.int(&r).map(Timestamp.init(seconds:)),
                                      targetResponseHours: try Rational.decode(&r),
                                      outcome: try Coding.raw(Incident.Outcome.self, &r)))
        }
        var initiatives: [Initiative] = []
        for _ in 0..<(try r.count()) {
            let id = try r.string(), title = try r.string(), adoptedOn = Day(ordinal: try r.int())
            var costs: [Initiative.Cost] = []
            for _ in 0..<2 {
                costs.append(Initiative.Cost(days: try Coding.rational(&r), costVND: try Coding.rational(&r), steps: try Coding.rational(&r)))
            }
            let sustained = try Coding.int(&r).map { $0 == 1 }
            initiatives.append(Initiative(id: id, title: title, adoptedOn: adoptedOn, baseline: costs[0], current: costs[1],
                                          sustained: sustained, verifiedBy: try r.string()))
        }
        return Official(id: id, locality: locality, name: name, position: position, role: role, termStart: termStart,
                        staffCount: staffCount, staffTrained: staffTrained, assessments: assessments, commitments: commitments,
                        incidents: incidents, initiatives: initiatives, body: body, file: file)
    }
}

extension Commitment {
    func encode(into w: inout ByteWriter) {
        w.string(id)
        w.string(title)
        w.string(group.rawValue)
        Coding.string(product, &w)
        Coding.rational(target, &w)
        w.string(unit)
        w.string(acceptance)
        Coding.rational(actual, &w)
        Coding.day(publishedOn, &w)
        w.int(deadline.ordinal)
        w.string(difficulty.rawValue)
        w.string(status.rawValue)
        Coding.day(completedOn, &w)
        w.bool(withdrawal != nil)
        if let withdrawal {
            w.string(withdrawal.approvedBy)
            w.string(withdrawal.decision)
            w.string(withdrawal.reason)
            Coding.day(withdrawal.on, &w)
        }
        w.int(partners.count)
        for p in partners { w.string(p) }
        w.int(updates.count)
        for u in updates {
            w.int(u.on.ordinal)
            Coding.rational(u.progress, &w)
            w.string(u.note)
            Coding.string(u.evidence, &w)
        }
        w.int(line)
        let keys = referenceLines.keys.sorted { UTF8Order.precedes($0, $1) }
        w.int(keys.count)
        for key in keys {
            w.string(key)
            w.int(referenceLines[key] ?? 0)
        }
    }

    static func decode(_ r: inout ByteReader) throws -> Commitment {
        let id = try r.string(), title = try r.string()
        let group = try Coding.raw(CriterionGroup.self, &r)
        let product = try Coding.string(&r), target = try Coding.rational(&r)
        let unit = try r.string(), acceptance = try r.string()
        let actual = try Coding.rational(&r), publishedOn = try Coding.day(&r)
        let deadline = Day(ordinal: try r.int())
        let difficulty = try Coding.raw(Difficulty.self, &r), status = try Coding.raw(Status.self, &r)
        let completedOn = try Coding.day(&r)
        var withdrawal: Withdrawal?
        if try r.bool() {
            withdrawal = Withdrawal(approvedBy: try r.string(), decision: try r.string(), reason: try r.string(), on: try Coding.day(&r))
        }
        var partners: [String] = []
        for _ in 0..<(try r.count()) { partners.append(try r.string()) }
        var updates: [Update] = []
        for _ in 0..<(try r.count()) {
            updates.append(Update(on: Day(ordinal: try r.int()), progress: try Coding.rational(&r), note: try r.string(),
                                  evidence: try Coding.string(&r)))
        }
        let line = try r.int()
        var referenceLines: [String: Int] = [:]
        for _ in 0..<(try r.count()) {
            let key = try r.string()
            referenceLines[key] = try r.int()
        }
        return Commitment(id: id, title: title, group: group, product: product, target: target, unit: unit, acceptance: acceptance,
                          actual: actual, publishedOn: publishedOn, deadline: deadline, difficulty: difficulty, status: status,
                          completedOn: completedOn, withdrawal: withdrawal, partners: partners, updates: updates, line: line,
                          referenceLines: referenceLines)
    }
}

/// Optional values and enums for the codec above: a presence flag, then the value.
private enum Coding {
    static func int(_ v: Int?, _ w: inout ByteWriter) {
        w.bool(v != nil)
        if let v { w.int(v) }
    }

    static func int(_ r: inout ByteReader) throws -> Int? { try r.bool() ? try r.int() : nil }

    static func day(_ v: Day?, _ w: inout ByteWriter) { int(v?.ordinal, &w) }
    static func day(_ r: inout ByteReader) throws -> Day? { try int(&r).map(Day.init(ordinal:)) }

    static func string(_ v: String?, _ w: inout ByteWriter) {
        w.bool(v != nil)
        if let v { w.string(v) }
    }

    static func string(_ r: inout ByteReader) throws -> String? { try r.bool() ? try r.string() : nil }

    static func rational(_ v: Rational?, _ w: inout ByteWriter) {
        w.bool(v != nil)
        if let v { v.encode(into: &w) }
    }

    static func rational(_ r: inout ByteReader) throws -> Rational? { try r.bool() ? try Rational.decode(&r) : nil }

    static func raw<T: RawRepresentable>(_ type: T.Type, _ r: inout ByteReader) throws -> T where T.RawValue == String {
        guard let v = T(rawValue: try r.string()) else { throw ByteReader.Malformed() }
        return v
    }
}
