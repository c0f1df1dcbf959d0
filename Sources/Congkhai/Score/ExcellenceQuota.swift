/// Decree 335/2025/NĐ-CP caps "excellent" at a share of those rated "good" in
/// a unit. The rule is data (`excellence_quota` in the framework); congkhai
/// warns where a unit exceeds it and never changes a band.
public enum ExcellenceQuota {
    public struct Status: Sendable {
        public var counted: Int
        public var of: Int
        public var share: Rational
        public var exceeded: Bool { counted > 0 && Rational(counted) > share * of }
    }

    public static func status(locality: String, results: [OfficialResult], province: Province) -> Status? {
        let fw = province.framework
        guard let rule = fw.excellenceQuota, let e = fw.bandIndex(id: rule.band), let g = fw.bandIndex(id: rule.ofBand) else {
            return nil
        }
        var s = Status(counted: 0, of: 0, share: rule.share)
        for r in results where province.officials[r.official].locality == locality {
            if r.band == e { s.counted += 1 }
            if r.band == g { s.of += 1 }
        }
        return s
    }

    static func check(_ results: [OfficialResult], province: Province) -> [Diagnostic] {
        guard let rule = province.framework.excellenceQuota else { return [] }
        var byLocality: [String: [OfficialResult]] = [:]
        for r in results { byLocality[province.officials[r.official].locality, default: []].append(r) }
        var out: [Diagnostic] = []
        for l in province.localities {
            guard let s = status(locality: l.id, results: byLocality[l.id] ?? [], province: province), s.exceeded else { continue }
            out.append(.warning(l.file, 0, 0,
                                "\(s.counted) official(s) rated \(rule.band) against \(s.of) rated \(rule.ofBand): the framework's excellence_quota limits \(rule.band) to \(Number.format(rule.share * 100)) % of \(rule.ofBand) in a unit (Decree 335; bands are not changed)"))
        }
        return out
    }
}
