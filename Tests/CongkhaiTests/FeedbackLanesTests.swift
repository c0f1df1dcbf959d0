import Foundation
import Testing
@testable import Congkhai

/// Rows are checked on several lanes (`FeedbackLanes`) and claimed in file
/// order: the result must not depend on the number of lanes, on where blocks
/// end, or on which of two rows with one id a lane saw first; and summaries
/// built from officials' and localities' own rows (`FeedbackAccumulator`)
/// must count every row once in its locality and the province.
@Suite struct FeedbackLanesTests {
    /// Two localities, three officials; rows of every kind, with and without
    /// an official, bad rows, and ids repeated within a block, across block
    /// boundaries and across files.
    static func content() -> (TestContent, expected: Expected) {
        var c = TestContent()
        c["localities/xa-hoa.yaml"] = TestContent.locality.replacingOccurrences(of: "An Bình", with: "Hoà")
        c["officials/xa-an-binh/tran-thi-binh.md"] = TestContent.official("Trần Thị Bình", role: "vice_chairman")
        c["officials/xa-hoa/le-van-cuong.md"] = TestContent.official("Lê Văn Cường")
        let places = [("xa-an-binh", "nguyen-van-an"), ("xa-an-binh", "tran-thi-binh"), ("xa-hoa", "le-van-cuong"),
                      ("xa-an-binh", ""), ("xa-hoa", "")]
        var e = Expected()
        var claimed: Set<String> = []
        var a = TestContent.feedbackHeader
        let n = FeedbackLanes.blockSize * 2 + 333
        for i in 0..<n {
            let (locality, official) = places[i % places.count]
            let month = 1 + i % 11
            let date = String(format: "2026-%02d-%02d", month, 1 + i % 27)
            var id = "r\(i)"
            // Every 97th row repeats the id of the row 2,048 rows before (the
            // pair always lies in two blocks), every 89th its neighbour's.
            if i % 97 == 0, i >= FeedbackLanes.blockSize { id = "r\(i - FeedbackLanes.blockSize)" } else if i % 89 == 0, i > 0 { id = "r\(i - 1)" }
            // Only a row that passes every other check claims its id.
            if i % 211 == 0 { a += "\(id),2026-02-30,portal,\(locality),\(official),,suggestion,citizen,,,,,,,,\n"; e.bad += 1; continue }
            if !claimed.insert(id).inserted { e.duplicates += 1 }
            switch i % 3 {
            case 0 where !official.isEmpty:
                a += "\(id),\(date),survey,\(locality),\(official),,rating,citizen,p\(i % 41),\(1 + i % 5),,,,,,\n"
            case 1:
                let (status, resolved) = i % 2 == 0 ? ("resolved", String(format: "2026-%02d-28", month)) : ("open", "")
                a += "\(id),\(date),hotline,\(locality),\(official),,complaint,business,,,Đất đai \(i % 4),\(status),2026-12-01,\(resolved),Góp ý \(i),yes\n"
            default:
                a += "\(id),\(date),portal,\(locality),\(official),,suggestion,citizen,,,Môi trường,,,,,\n"
            }
        }
        c["feedback/a.csv"] = a
        // A second file: an id from the first, a ragged row, a good row.
        c["feedback/b.csv"] = TestContent.feedbackHeader
            + "r5,2026-03-03,portal,xa-hoa,,,suggestion,citizen,,,,,,,,\n"
            + "x1,2026-03-03,portal\n"
            + "x2,2026-03-04,portal,xa-hoa,le-van-cuong,,suggestion,citizen,,,,,,,,\n"
        e.duplicates += 1
        e.bad += 1
        e.rows = n + 3
        return (c, e)
    }

    struct Expected {
        var rows = 0
        var duplicates = 0
        var bad = 0
    }

    static func ingest(_ root: String, lanes: Int) throws -> (FeedbackIngest.Result, [OutputFile]) {
        let log = DiagnosticLog()
        let province = try #require(ContentValidator.validate(ContentLoader.load(root, log: log), log: log))
        let asOf = try #require(province.site.asOf)
        let export = FeedbackExport(province: province, pseudonymKey: Array("k".utf8))
        let result = FeedbackIngest.run(province, asOf: asOf, log: log, export: export, lanes: lanes)
        var files: [OutputFile] = []
        export.files { files.append($0) }
        return (result, files)
    }

    @Test func theResultIsTheSameForAnyNumberOfLanes() throws {
        let (content, expected) = FeedbackLanesTests.content()
        let root = try content.write()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let (one, oneFiles) = try FeedbackLanesTests.ingest(root, lanes: 1)
        #expect(one.rowsRead == expected.rows)
        #expect(one.quarantinedCount == expected.duplicates + expected.bad)
        #expect(one.quarantined.filter { $0.reason.hasPrefix("duplicate id") }.count == expected.duplicates)
        for lanes in [2, 3] {
            let (many, manyFiles) = try FeedbackLanesTests.ingest(root, lanes: lanes)
            #expect(many.quarantined == one.quarantined)
            #expect(many.rowsRead == one.rowsRead)
            #expect(many.tally.officialSummaries == one.tally.officialSummaries)
            #expect(many.tally.localitySummaries == one.tally.localitySummaries)
            #expect(many.tally.province == one.tally.province)
            #expect(many.tally.categoryNames == one.tally.categoryNames)
            let (g, h) = (many.tally.commentGroups, one.tally.commentGroups)
            func shown(_ groups: [CommentGroups.Group]) -> [String] { groups.map { "\($0.comment.id) \($0.count)" } }
            #expect(g.count == h.count && shown(g.province) == shown(h.province))
            #expect(g.localities.map(shown) == h.localities.map(shown) && g.officials.map(shown) == h.officials.map(shown))
            for o in one.tally.ratings.indices {
                #expect(many.tally.ratings[o].count == one.tally.ratings[o].count)
                #expect(many.tally.ratings[o].sums == one.tally.ratings[o].sums)
            }
            #expect(manyFiles.map(\.path) == oneFiles.map(\.path))
            #expect(manyFiles.map(\.bytes) == oneFiles.map(\.bytes))
        }
    }

    /// The first of two rows with one id stands, whichever lane checked it.
    @Test func theEarlierRowKeepsItsID() throws {
        let (content, _) = FeedbackLanesTests.content()
        let root = try content.write()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let (result, _) = try FeedbackLanesTests.ingest(root, lanes: 3)
        let dup = try #require(result.quarantined.first { $0.file == "feedback/b.csv" && $0.id == "r5" })
        #expect(dup.line == 2)
        // Row 2,134 (97 × 22) repeats row 86's id; rows start at line 2.
        let later = try #require(result.quarantined.first { $0.id == "r86" && $0.file == "feedback/a.csv" })
        #expect(later.line == 2 + 2134)
        #expect(later.reason.hasPrefix("duplicate id"))
    }

    /// Blocks are reused once their rows are taken: a reused block must read
    /// the next file with that file's header (here in another column order),
    /// not the one it last held. One lane, so the first file's blocks are
    /// taken (and spare) before the second file starts.
    @Test func aReusedBlockReadsTheNextFileWithItsOwnColumns() throws {
        var c = TestContent()
        c["localities/xa-hoa.yaml"] = TestContent.locality.replacingOccurrences(of: "An Bình", with: "Hoà")
        c["officials/xa-hoa/le-van-cuong.md"] = TestContent.official("Lê Văn Cường")
        let firstRows = FeedbackLanes.blockSize * 8
        var a = TestContent.feedbackHeader
        for i in 0..<firstRows { a += "a\(i),2026-03-01,portal,xa-an-binh,nguyen-van-an,,suggestion,citizen,,,,,,,,\n" }
        c["feedback/a.csv"] = a
        var b = "kind,official,locality,date,id\n"
        for i in 0..<100 { b += "suggestion,le-van-cuong,xa-hoa,2026-03-02,b\(i)\n" }
        c["feedback/b.csv"] = b
        let root = try c.write()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let (result, _) = try FeedbackLanesTests.ingest(root, lanes: 1)
        #expect(result.quarantinedCount == 0)
        #expect(result.quarantined.first == nil)
        let t = result.tally
        #expect(t.validRows == firstRows + 100)
        // xa-hoa sorts after xa-an-binh: official 1 is le-van-cuong.
        #expect(t.officialSummaries[0].rows == firstRows)
        #expect(t.officialSummaries[1].rows == 100)
    }

    /// Exports smaller than a block (one a commune, one a month) are
    /// waited for like full ones: the blocks in flight stay within the
    /// lanes' depth however many files there are. Each file's last block
    /// used to be submitted and not taken until the last file, so every
    /// small export was in memory at once (1,629 files of 1,000 rows: a
    /// 285 MB build peaked at 1.4 GB).
    @Test func manySmallExportsKeepFewBlocksInFlight() throws {
        var c = TestContent()
        let files = 60
        for f in 0..<files {
            var csv = TestContent.feedbackHeader
            for i in 0..<10 { csv += "f\(f)-\(i),2026-03-01,portal,xa-an-binh,nguyen-van-an,,suggestion,citizen,,,,,,,,\n" }
            c[String(format: "feedback/%03d.csv", f)] = csv
        }
        let root = try c.write()
        defer { try? FileManager.default.removeItem(atPath: root) }
        for lanes in [1, 2, 3] {
            let (result, _) = try FeedbackLanesTests.ingest(root, lanes: lanes)
            #expect(result.tally.validRows == files * 10)
            #expect(result.quarantinedCount == 0)
            #expect(result.blocksInFlight >= 1 && result.blocksInFlight <= 2 * lanes + 3, "lanes \(lanes): \(result.blocksInFlight) blocks at once")
        }
    }

    /// A locality's summary counts its officials' rows and its own; the
    /// province counts every locality's.
    @Test func summariesAddUpOverOfficialsAndLocalities() throws {
        let (content, _) = FeedbackLanesTests.content()
        let root = try content.write()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let (result, _) = try FeedbackLanesTests.ingest(root, lanes: 2)
        let t = result.tally
        #expect(t.province.rows == t.inWindowRows)
        #expect(t.localitySummaries.map(\.rows).reduce(0, +) == t.inWindowRows)
        // xa-an-binh (index 0) holds officials 0 and 1 and rows naming no official.
        let own = t.localitySummaries[0].rows - t.officialSummaries[0].rows - t.officialSummaries[1].rows
        #expect(own > 0)
        #expect(t.localitySummaries[1].rows > t.officialSummaries[2].rows)
        #expect(t.province.complaints == t.localitySummaries.map(\.complaints).reduce(0, +))
        #expect(t.province.byMonth.total == t.inWindowRows)
        #expect(t.province.categories.total == t.localitySummaries.map(\.categories.total).reduce(0, +))
        #expect(t.province.ratingCount == t.officialSummaries.map(\.ratingCount).reduce(0, +))
        #expect(t.province.medianResolveDays != nil)
        #expect(t.province.complaintsResolved == t.localitySummaries.map(\.complaintsResolved).reduce(0, +))
        #expect(t.province.complaintsResolved > 0)
    }
}
