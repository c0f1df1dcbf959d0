/// `data/history/<period-id>.csv`: the published total and band of every
/// official for every published `as_of`, carried forward from the previous
/// site (DESIGN.md, "Score history"). A rebuild with the same `as_of`
/// replaces its rows; rows are kept daily for the last 31 days and, before
/// that, for the last `as_of` of each month.
struct ScoreHistory {
    struct Row: Sendable {
        var asOf: Day
        var locality: String
        var official: String
        var total: String
        var band: String
    }

    var rows: [Row] = []

    static let header = ["as_of", "locality", "official", "total", "band"]

    static func path(period: Period) -> String { "data/history/\(period.id).csv" }

    /// Parses a published history file (unreadable lines are dropped).
    static func parse(_ bytes: [UInt8]) -> ScoreHistory {
        var h = ScoreHistory()
        var first = true
        _ = CSVScanner.scan(bytes: bytes) { record in
            if first { first = false; return }
            guard record.count >= 5, let d = Day(iso: record.string(0)) else { return }
            h.rows.append(Row(asOf: d, locality: record.string(1), official: record.string(2),
                              total: record.string(3), band: record.string(4)))
        }
        return h
    }

    /// The previous history with this build's rows in place of any for the same `as_of`, compacted.
    static func merged(previous: ScoreHistory, run: ScoringRun) -> ScoreHistory {
        let D = run.scoreboard.asOf
        var rows = previous.rows.filter { $0.asOf != D }
        let p = run.province
        for r in run.scoreboard.results {
            let o = p.officials[r.official]
            rows.append(Row(asOf: D, locality: o.locality, official: o.id, total: Number.format(r.total),
                            band: p.framework.bands[r.band].id))
        }
        // Daily for the last 31 days (D − 30 … D); before that, the last as_of of each month.
        let recent = D.adding(days: -30)
        var lastOfMonth: [Int: Day] = [:]
        for r in rows where r.asOf < recent {
            let (y, m, _) = r.asOf.components
            let k = y * 12 + m
            if let best = lastOfMonth[k], best >= r.asOf { continue }
            lastOfMonth[k] = r.asOf
        }
        let keptOld = Set(lastOfMonth.values)
        rows = rows.filter { $0.asOf >= recent || keptOld.contains($0.asOf) }
        rows.sort {
            if $0.asOf != $1.asOf { return $0.asOf < $1.asOf }
            if $0.locality != $1.locality { return UTF8Order.precedes($0.locality, $1.locality) }
            return UTF8Order.precedes($0.official, $1.official)
        }
        return ScoreHistory(rows: rows)
    }

    var csv: String {
        var out = CSVWriter.row(ScoreHistory.header)
        for r in rows {
            out += CSVWriter.row([r.asOf.description, CSVWriter.text(r.locality), CSVWriter.text(r.official), r.total,
                                  CSVWriter.text(r.band)])
        }
        return out
    }
}
