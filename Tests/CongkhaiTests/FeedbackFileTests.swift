import Foundation
import Testing
@testable import Congkhai

/// Feedback CSV: header rules, quarantine reasons, strict mode, encodings.
@Suite struct FeedbackFileTests {
    func content(_ csv: String) -> TestContent {
        var c = TestContent()
        c["officials/xa-an-binh/nguyen-van-an.md"] = TestContent.official("Nguyễn Văn An", """
        commitments:
          - { id: cam-ket, title: "A", group: A, target: 10, deadline: 2026-06-30, status: in_progress }
        """)
        c["feedback/a.csv"] = csv
        return c
    }

    /// The same official and commitment ids in two localities, and ids
    /// named in the wrong scope: each row finds its own locality's official
    /// and that official's commitment, however the tables' slots are found
    /// (decision 134: a scope's hash comes from its id's bytes).
    @Test func idsAreLookedUpWithinTheirOwnScopes() throws {
        var c = TestContent()
        c["localities/xa-tan-phu.yaml"] = "name: \"Xã Tân Phú\"\nkind: commune\ncontext: mountainous\n"
        let commitment = { (id: String) in """
            commitments:
              - { id: \(id), title: "A", group: A, target: 10, deadline: 2026-06-30, status: in_progress }
            """ }
        c["officials/xa-an-binh/nguyen-van-an.md"] = TestContent.official("Nguyễn Văn An", commitment("cam-ket"))
        c["officials/xa-tan-phu/nguyen-van-an.md"] = TestContent.official("Nguyễn Văn An", commitment("cam-ket"))
        c["officials/xa-tan-phu/le-thi-ba.md"] = TestContent.official("Lê Thị Ba", role: "other", commitment("cam-ket-2"))
        c["feedback/a.csv"] = TestContent.feedbackHeader + """
        1,2026-03-01,survey,xa-an-binh,nguyen-van-an,cam-ket,rating,citizen,r1,5,,,,,,
        2,2026-03-01,survey,xa-tan-phu,nguyen-van-an,cam-ket,rating,citizen,r2,4,,,,,,
        3,2026-03-01,survey,xa-an-binh,le-thi-ba,,rating,citizen,r3,5,,,,,,
        4,2026-03-01,survey,xa-tan-phu,le-thi-ba,cam-ket,rating,citizen,r4,5,,,,,,
        5,2026-03-01,survey,xa-an-binh,nguyen-van-an,cam-ket-2,rating,citizen,r5,5,,,,,,
        6,2026-03-01,survey, xa-tan-phu , le-thi-ba , cam-ket-2 ,rating,citizen,r6,3,,,,,,
        7,2026-03-01,survey,xa-tan-phu,le-thi-ba,,rating,citizen,r7,2,,,,,,

        """
        let (run, log) = try c.run()
        let r = try #require(run, "\(log.items.map(\.description))")
        let byLine = Dictionary(uniqueKeysWithValues: r.quarantined.map { ($0.line, $0.reason) })
        #expect(byLine[4]?.contains("is not an official of xa-an-binh") == true)
        #expect(byLine[5]?.contains("unknown commitment \"cam-ket\" of xa-tan-phu/le-thi-ba") == true)
        #expect(byLine[6]?.contains("unknown commitment \"cam-ket-2\" of xa-an-binh/nguyen-van-an") == true)
        #expect(r.quarantinedCount == 3)
        func rows(_ locality: String, _ id: String) -> Int {
            guard let i = r.province.officials.firstIndex(where: { $0.locality == locality && $0.id == id }) else { return -1 }
            return r.scoreboard.tally.officialSummaries[i].rows
        }
        #expect(rows("xa-an-binh", "nguyen-van-an") == 1)
        #expect(rows("xa-tan-phu", "nguyen-van-an") == 1)
        #expect(rows("xa-tan-phu", "le-thi-ba") == 2)
    }

    @Test func everyQuarantineReasonWithItsLine() throws {
        let csv = TestContent.feedbackHeader + """
        1,2026-03-01,survey,xa-an-binh,nguyen-van-an,,rating,citizen,r1,5,,,,,,
        2,2026-03-01,survey,xa-khong-co,,,rating,citizen,r1,5,,,,,,
        3,2026-03-01,survey,xa-an-binh,ai-do,,rating,citizen,r1,5,,,,,,
        4,2026-03-01,survey,xa-an-binh,,cam-ket,rating,citizen,r1,5,,,,,,
        5,2026-03-01,survey,xa-an-binh,nguyen-van-an,khong-co,rating,citizen,r1,5,,,,,,
        6,2026-03-01,survey,xa-an-binh,nguyen-van-an,,rating,citizen,r1,6,,,,,,
        7,2026-02-30,survey,xa-an-binh,nguyen-van-an,,rating,citizen,r1,5,,,,,,
        1,2026-03-02,survey,xa-an-binh,nguyen-van-an,,rating,citizen,r1,5,,,,,,
        9,2026-03-01,fax,xa-an-binh,nguyen-van-an,,rating,citizen,r1,5,,,,,,
        10,2026-03-01,survey,xa-an-binh,nguyen-van-an,,praise,citizen,r1,5,,,,,,
        11,2026-03-01,survey,xa-an-binh,nguyen-van-an,,rating,tourist,r1,5,,,,,,
        12,2026-03-01,survey,xa-an-binh,nguyen-van-an,,complaint,citizen,r1,,,closed,,,,
        13,2026-03-01,survey,xa-an-binh
        "14","2026-03-01","survey","xa-an-binh","nguyen-van-an","","complaint","citizen","r1","","","","2026-13-01","","",""
        15,2026-03-01,survey,xa-an-binh,nguyen-van-an,,rating,citizen,r1,,,,,,,

        16,2026-03-01,,xa-an-binh,nguyen-van-an,,rating,,,4.5,,,,,,

        """
        let (run, _) = try content(csv).run()
        let r = try #require(run)
        let byLine = Dictionary(uniqueKeysWithValues: r.quarantined.map { ($0.line, $0.reason) })
        #expect(byLine[3]?.contains("unknown locality") == true)
        #expect(byLine[4]?.contains("is not an official of xa-an-binh") == true)
        #expect(byLine[5]?.contains("without an official") == true)
        #expect(byLine[6]?.contains("unknown commitment") == true)
        #expect(byLine[7]?.contains("outside 1–5") == true)
        #expect(byLine[8]?.contains("not a valid date") == true)
        #expect(byLine[9]?.contains("duplicate id") == true)
        #expect(byLine[10]?.contains("unknown channel") == true)
        #expect(byLine[11]?.contains("unknown kind") == true)
        #expect(byLine[12]?.contains("unknown respondent_kind") == true)
        #expect(byLine[13]?.contains("unknown status") == true)
        #expect(byLine[14]?.contains("columns") == true)
        #expect(byLine[15]?.contains("due") == true)
        #expect(byLine[16]?.contains("without a rating") == true)
        #expect(r.quarantinedCount == 14)
        #expect(r.feedbackRows == 16)
    }

    /// The validator's byte fast paths mean what the text paths meant: an id
    /// and its decomposed (NFD) spelling are one id; `publish` is yes in any
    /// case and spacing; a category is masked the same each time it repeats.
    @Test func idsPublishAndCategoriesReadAsText() throws {
        let composed = "ph\u{1EA3}n-1"   // "phản-1", precomposed
        let nfd = "pha\u{0309}n-1"       // the same, decomposed (a + hook above)
        let decomposed = "pha\u{0306}n-1" // "phăn-1": another id
        let csv = TestContent.feedbackHeader + """
        \(composed),2026-03-01,survey,xa-an-binh,nguyen-van-an,,suggestion,citizen,,,an@example.com,,,,Một,YES
        \(nfd),2026-03-02,survey,xa-an-binh,nguyen-van-an,,suggestion,citizen,,,an@example.com,,,,Hai, Yes
        \(decomposed),2026-03-03,survey,xa-an-binh,nguyen-van-an,,suggestion,citizen,,,an@example.com,,,,Ba,yes.
        4,2026-03-04,survey,xa-an-binh,nguyen-van-an,,suggestion,citizen,,,an@example.com,,,,Bốn,yEs

        """
        let (run, _) = try content(csv).run()
        let r = try #require(run)
        // The NFD spelling is a duplicate; the other decomposition is not canonically equivalent.
        #expect(r.quarantined.map(\.line) == [3])
        #expect(r.quarantined.first?.reason.contains("duplicate id") == true)
        let texts = r.scoreboard.tally.commentGroups.province.map(\.text).sorted()
        #expect(texts == ["Bốn", "Một"])
        #expect(r.scoreboard.tally.categoryNames.count == 1)
        #expect(r.scoreboard.tally.categoryNames.first?.contains("example.com") == false)
        #expect(r.scoreboard.tally.commentGroups.province.allSatisfy { $0.comment.category == r.scoreboard.tally.categoryNames.first })
    }

    @Test func strictTurnsQuarantineIntoErrors() throws {
        let csv = TestContent.feedbackHeader + "1,2026-03-01,survey,xa-khong-co,,,rating,citizen,r1,5,,,,,,\n"
        let (run, log) = try content(csv).run(strict: true)
        #expect(run == nil)
        #expect(log.items.contains { $0.severity == .error && $0.file == "feedback/a.csv" && $0.line == 2 })
    }

    @Test func headerRules() throws {
        #expect(try content("id,date,locality\n").errors().contains { $0.message.contains("required column \"kind\"") })
        #expect(try content("id,date,locality,kind,kind\n").errors().contains { $0.message.contains("duplicate column \"kind\"") })
        #expect(try content("").errors().contains { $0.message.contains("empty") })
        let (run, log) = try content(" ID , Date ,locality,kind,extra\n1,2026-03-01,xa-an-binh,suggestion,x\n").run()
        #expect(run?.quarantinedCount == 0)
        #expect(log.items.contains { $0.severity == .warning && $0.message.contains("unknown column \"extra\"") })
    }

    /// Decision 115: the same header warning from many exports is named for
    /// the first three, then counted once at the last export that has it;
    /// another cause is counted on its own; errors are never folded.
    @Test func aHeaderWarningRepeatedByManyExportsIsCounted() throws {
        var c = content(TestContent.feedbackHeader)
        for i in 1...9 {
            let extra = i == 5 ? "extra,other" : "extra"
            c["feedback/e\(i).csv"] = "id,date,locality,kind,\(extra)\ne\(i),2026-03-01,xa-an-binh,suggestion,x\n"
        }
        c["feedback/f1.csv"] = "id,date,locality,extra\n"
        c["feedback/f2.csv"] = "id,date,locality,extra\n"
        let (run, log) = try c.run()
        #expect(run == nil)
        let extra = log.items.filter { $0.severity == .warning && $0.message.hasPrefix("unknown column \"extra\"") }
        // e1, e2, e3 named; e4 … e9, f1, f2 (eight) counted at f2, the last.
        #expect(extra.map(\.file) == ["feedback/e1.csv", "feedback/e2.csv", "feedback/e3.csv", "feedback/f2.csv"])
        #expect(extra.allSatisfy { $0.line == 1 })
        #expect(extra.last?.message.contains("also in 8 more exports after the first 3") == true)
        #expect(extra.dropLast().allSatisfy { !$0.message.contains("more export") })
        let other = log.items.filter { $0.message.hasPrefix("unknown column \"other\"") }
        #expect(other.map(\.file) == ["feedback/e5.csv"])
        // Each export lacking a column is named.
        let missing = log.items.filter { $0.severity == .error && $0.message.contains("required column \"kind\"") }
        #expect(missing.map(\.file) == ["feedback/f1.csv", "feedback/f2.csv"])
        // Three exports with it: all named, nothing counted.
        var three = content(TestContent.feedbackHeader)
        for i in 1...3 { three["feedback/e\(i).csv"] = "id,date,locality,kind,extra\ne\(i),2026-03-01,xa-an-binh,suggestion,x\n" }
        let (_, log3) = try three.run()
        #expect(log3.items.filter { $0.message.hasPrefix("unknown column \"extra\"") }.count == 3)
        #expect(!log3.items.contains { $0.message.contains("more export") })
    }

    @Test func nonUTF8CSVFailsAndNamesTheEncoding() throws {
        let c = content("")
        let root = try c.write()
        defer { try? FileManager.default.removeItem(atPath: root) }
        var bytes = Array(TestContent.feedbackHeader.utf8)
        bytes += Array("1,2026-03-01,survey,xa-an-binh,,,suggestion,citizen,,,".utf8)
        bytes += Array("Nguy".utf8) + [0xEA, 0xDE] + Array("n V".utf8) + [0xE3] + Array("n,,,,,\n".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: root + "/feedback/a.csv"))
        let log = DiagnosticLog()
        #expect(ScoringRun.run(content: root, options: .init(), log: log) == nil)
        #expect(log.items.contains { $0.file == "feedback/a.csv" && $0.line == 2 && $0.message.contains("Windows-1258") })
    }
}
