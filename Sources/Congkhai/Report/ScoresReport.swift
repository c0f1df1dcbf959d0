/// The `scores.json` / `scores.csv` open-data contract and the terminal table.
public enum ScoresReport {
    /// Published attainment: rounded; a required N/A criterion is 0, others null.
    static func published(_ c: CriterionResult) -> Rational? {
        switch c.status {
        case .scored: return c.attainment.map { Number.round($0) }
        case .requiredZero: return 0
        case .dropped: return nil
        }
    }

    public static func json(_ run: ScoringRun) -> JSONValue {
        let results = run.scoreboard.results
        return .object(envelope(run) + [("officials", .array(results.indices.map { official(run, results[$0]) }))])
    }

    /// `json(run).bytes()`, each official written as it is made (decision 96).
    public static func jsonBytes(_ run: ScoringRun) -> [UInt8] {
        let results = run.scoreboard.results
        return JSONValue.bytes(envelope(run), last: "officials", count: results.count) { official(run, results[$0]) }
    }

    private static func envelope(_ run: ScoringRun) -> [(String, JSONValue)] {
        let p = run.province
        return [
            ("as_of", .string(run.scoreboard.asOf.description)),
            ("period", .object([
                ("id", .string(p.site.period.id)),
                ("start", .string(p.site.period.start.description)),
                ("end", .string(p.site.period.end.description)),
            ])),
            ("framework", .string(p.framework.id)),
        ]
    }

    private static func official(_ run: ScoringRun, _ r: OfficialResult) -> JSONValue {
        let p = run.province
        let fw = p.framework
        let o = p.officials[r.official]
        var pairs: [(String, JSONValue)] = [
            ("id", .string(o.id)),
            ("locality", .string(o.locality)),
            ("name", .string(o.name)),
            ("role", .string(o.role.rawValue)),
            ("total", .num(r.total)),
            ("band", .string(fw.bands[r.band].id)),
            ("rank_in_locality", .integer(r.rankInLocality)),
            ("rank_in_peer_group", .integer(r.rankInPeerGroup)),
            ("criteria", .object(r.criteria.map { ($0.id, .num(published($0))) })),
        ]
        // Band robustness (DESIGN.md): only when the framework has weight ranges.
        if let rb = r.robustness {
            pairs.append(("total_range", .array([.num(rb.totalRange.lowerBound), .num(rb.totalRange.upperBound)])))
            pairs.append(("band_range", .array([.string(fw.bands[rb.lowestBand].id), .string(fw.bands[rb.highestBand].id)])))
        }
        return .object(pairs)
    }

    public static func csv(_ run: ScoringRun) -> String {
        let p = run.province
        let fw = p.framework
        let ranged = fw.hasWeightRanges
        var out = CSVWriter.row(["id", "locality", "name", "role", "total", "band", "rank_in_locality", "rank_in_peer_group"]
            + fw.criteria.map(\.id) + (ranged ? ["total_min", "total_max", "band_lowest", "band_highest"] : []))
        for r in run.scoreboard.results {
            let o = p.officials[r.official]
            var robust: [String] = []
            if ranged, let rb = r.robustness {
                robust = [CSVWriter.number(rb.totalRange.lowerBound), CSVWriter.number(rb.totalRange.upperBound),
                          CSVWriter.text(fw.bands[rb.lowestBand].id), CSVWriter.text(fw.bands[rb.highestBand].id)]
            }
            out += CSVWriter.row([CSVWriter.text(o.id), CSVWriter.text(o.locality), CSVWriter.text(o.name),
                                  CSVWriter.text(o.role.rawValue), CSVWriter.number(r.total),
                                  CSVWriter.text(fw.bands[r.band].id), String(r.rankInLocality), String(r.rankInPeerGroup)]
                + r.criteria.map { CSVWriter.number(published($0)) } + robust)
        }
        return out
    }

    /// A plain table for the terminal, grouped by locality in rank order.
    public static func table(_ run: ScoringRun) -> String {
        let p = run.province
        let fw = p.framework
        var out = "\(p.site.title) — as_of \(run.scoreboard.asOf) — \(fw.id)\n"
        var byLocality: [String: [OfficialResult]] = [:]
        for r in run.scoreboard.results { byLocality[p.officials[r.official].locality, default: []].append(r) }
        for l in p.localities {
            guard let rs = byLocality[l.id] else { continue }
            out += "\n\(l.name) (\(l.id))\n"
            let sorted = rs.sorted {
                $0.rankInLocality != $1.rankInLocality ? $0.rankInLocality < $1.rankInLocality
                    : Ranking.collates(p.officials[$0.official].name, before: p.officials[$1.official].name)
            }
            for r in sorted {
                let o = p.officials[r.official]
                var line = pad(String(r.rankInLocality), 4, right: true) + "  " + pad(o.name, 28) + "  "
                line += pad(Number.fixed(r.total), 6, right: true) + "  " + pad(fw.bands[r.band].id, 10)
                if let g = r.gate, g.capped { line += "  gate: group B \(Number.fixed(g.attainment ?? 0)) < \(Number.format(g.minimum))" }
                if r.band != r.bandFromTotal, r.gate?.capped != true { line += "  audit" }
                if let rb = r.robustness, !rb.isRobust(band: r.band) {
                    line += "  weights: \(fw.bands[rb.lowestBand].id)…\(fw.bands[rb.highestBand].id)"
                }
                out += line + "  " + o.id + "\n"
            }
        }
        return out
    }

    static func pad(_ s: String, _ width: Int, right: Bool = false) -> String {
        let n = s.count
        guard n < width else { return s }
        let fill = String(repeating: " ", count: width - n)
        return right ? fill + s : s + fill
    }
}
