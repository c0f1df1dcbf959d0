/// Decree 335/2025/NĐ-CP caps "excellent" at 20 % of those rated "good" in a
/// unit. congkhai warns where a unit exceeds it; it never changes a band.
public enum ExcellenceQuota {
    public struct Status: Sendable {
        public var excellent: Int
        public var good: Int
        public var exceeded: Bool { Double(excellent) > 0.2 * Double(good) && excellent > 0 }
    }

    /// Band indexes of "excellent" and "good": by id when present, else the top two.
    static func bands(_ framework: Framework) -> (Int, Int)? {
        guard framework.bands.count >= 2 else { return nil }
        let e = framework.bandIndex(id: "excellent") ?? 0
        let g = framework.bandIndex(id: "good") ?? 1
        return (e, g)
    }

    public static func status(locality: String, results: [OfficialResult], province: Province) -> Status? {
        guard let (e, g) = bands(province.framework) else { return nil }
        var s = Status(excellent: 0, good: 0)
        for r in results where province.officials[r.official].locality == locality {
            if r.band == e { s.excellent += 1 }
            if r.band == g { s.good += 1 }
        }
        return s
    }

    static func check(_ results: [OfficialResult], province: Province) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for l in province.localities {
            guard let s = status(locality: l.id, results: results, province: province), s.exceeded else { continue }
            out.append(.warning(l.file, 0, 0,
                                "\(s.excellent) official(s) rated excellent against \(s.good) rated good: Decree 335 limits excellent to 20 % of good in a unit (bands are not changed)"))
        }
        return out
    }
}
