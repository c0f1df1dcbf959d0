import Testing
@testable import Congkhai

/// The score history held as numbers (decision 123) reads and writes the
/// published file byte for byte, keeps one subject per (locality, official)
/// pair, and orders rows as the file always was: by day, then locality and
/// official in byte order.
@Suite struct ScoreHistoryTests {
    static let file = "as_of,locality,official,total,band\r\n"
        + "2026-10-01,xa-b,\"o,1\",50,ok\r\n"
        + "2026-10-01,xa-a,'-x,51.5,'=bad\r\n"
        + "2026-10-02,xa-b,\"o,1\",50,\"q\"\"t\"\r\n"
        + "2026-10-02,Xa,á,100,ok\r\n"

    @Test func readsAndWritesThePublishedFileByteForByte() {
        let h = ScoreHistory.parse(Array(ScoreHistoryTests.file.utf8))
        #expect(h.rows.count == 4)
        #expect(String(decoding: h.csv, as: UTF8.self) == ScoreHistoryTests.file)
        #expect(h.subjects.count == 3)
        #expect(h.texts.count == 6)  // 50, ok, 51.5, '=bad, q"t, 100
        let r = h.rows[1]
        #expect(h.subject(r) == .init(locality: "xa-a", official: "'-x"))
        #expect(h.total(r) == "51.5" && h.band(r) == "'=bad" && r.asOf.description == "2026-10-01")
    }

    @Test func dropsUnreadableLines() {
        let h = ScoreHistory.parse(Array((ScoreHistoryTests.file + "2026-13-01,a,b,1,ok\r\nshort,row\r\n").utf8))
        #expect(String(decoding: h.csv, as: UTF8.self) == ScoreHistoryTests.file)
    }

    @Test func pairsThatConcatenateAlikeAreTwoSubjects() throws {
        var h = ScoreHistory()
        let d = try #require(Day(iso: "2026-10-01"))
        h.append(d, locality: "ab", official: "c", total: "1", band: "ok")
        h.append(d, locality: "a", official: "bc", total: "1", band: "ok")
        h.append(d, locality: "ab", official: "c", total: "2", band: "ok")
        #expect(h.subjects.count == 2)
        #expect(h.rows.map(\.subject) == [0, 1, 0])
        #expect(h.texts == ["1", "ok", "2"])
    }

    @Test func mergedReplacesTheDayAndOrdersByDayLocalityOfficialBytes() throws {
        let root = try LedgerTests.content().write()
        let run = try #require(ScoringRun.run(content: root, options: .init(asOf: Day(iso: "2026-11-28")), log: DiagnosticLog()))
        var h = ScoreHistory()
        for (d, l, o) in [("2026-11-20", "xa-b", "z"), ("2026-11-20", "xa-a", "a"), ("2026-11-20", "xa-a", "Z"),
                          ("2026-11-28", "xa-a", "gone"), ("2026-11-19", "á", "b")] {
            h.append(try #require(Day(iso: d)), locality: l, official: o, total: "1", band: "ok")
        }
        let merged = ScoreHistory.merged(previous: h, run: run)
        let got = merged.rows.map { r in [r.asOf.description, merged.subject(r).locality, merged.subject(r).official] }
        var want = [["2026-11-20", "xa-b", "z"], ["2026-11-20", "xa-a", "a"], ["2026-11-20", "xa-a", "Z"], ["2026-11-19", "á", "b"]]
        want += run.scoreboard.results.map { r in
            let o = run.province.officials[r.official]
            return ["2026-11-28", o.locality, o.id]
        }
        want.sort { a, b in
            for i in 0..<3 where a[i] != b[i] { return UTF8Order.precedes(a[i], b[i]) }
            return false
        }
        #expect(got == want)
        // This build's totals and bands, as the scoreboard has them.
        for r in merged.rows where r.asOf.description == "2026-11-28" {
            let result = try #require(run.scoreboard.results.first { run.province.officials[$0.official].id == merged.subject(r).official })
            #expect(merged.total(r) == Number.format(result.total))
            #expect(merged.band(r) == run.province.framework.bands[result.band].id)
        }
    }
}
