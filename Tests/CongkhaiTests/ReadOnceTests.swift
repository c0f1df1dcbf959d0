import Foundation
import Testing
@testable import Congkhai

/// The manifest hashes the bytes that were scored, taken as they were read.
@Suite struct ReadOnceTests {
    @Test func contentBytesAndFeedbackHashesAreThoseRead() throws {
        var c = TestContent()
        c["feedback/a.csv"] = TestContent.feedbackHeader
            + "1,2026-03-01,hotline,xa-an-binh,nguyen-van-an,,rating,citizen,r1,4,,,,,,\n"
        let root = try c.write()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let log = DiagnosticLog()
        let run = try #require(ScoringRun.run(content: root, options: .init(), log: log), "\(log.items)")
        let p = run.province
        for path in p.inputFiles where !path.hasPrefix("feedback/") && !path.hasPrefix("static/") {
            let disk = try #require(FileManager.default.contents(atPath: root + "/" + path))
            #expect(p.inputBytes.bytes(path) == [UInt8](disk), "\(path)")
            #expect(p.inputBytes.hash(path) == SHA256.hex([UInt8](disk)), "\(path)")
        }
        #expect(p.feedbackHashes["feedback/a.csv"] == SHA256.hex(fileAt: root + "/feedback/a.csv"))
        // Changing a file after scoring changes neither what is published nor the manifest.
        let before = Manifest.file(province: p, asOf: run.scoreboard.asOf, outputs: [])
        try "name: \"đổi\"\n".write(toFile: root + "/localities/xa-an-binh.yaml", atomically: true, encoding: .utf8)
        try "changed\n".write(toFile: root + "/feedback/a.csv", atomically: true, encoding: .utf8)
        #expect(Manifest.file(province: p, asOf: run.scoreboard.asOf, outputs: []).bytes == before.bytes)
    }
    /// `check` and `score` read the exports without hashing them, and
    /// without masking comments no stage reads: the same numbers.
    @Test func runsThatPublishNothingNeitherHashNorMask() throws {
        var c = TestContent()
        c["feedback/a.csv"] = TestContent.feedbackHeader
            + "1,2026-03-01,hotline,xa-an-binh,nguyen-van-an,,rating,citizen,r1,4,,,,,,\n"
            + "2,2026-03-02,hotline,xa-an-binh,nguyen-van-an,,complaint,citizen,,,,,,,,\n"
        let root = try c.write()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let log = DiagnosticLog(), quiet = DiagnosticLog()
        let full = try #require(ScoringRun.run(content: root, options: .init(), log: log), "\(log.items)")
        let check = try #require(ScoringRun.run(content: root, options: .init(keepsComments: false, hashesFeedback: false), log: quiet))
        #expect(check.province.feedbackHashes.isEmpty)
        #expect(full.province.feedbackHashes.count == 1)
        #expect(check.scoreboard.results.map(\.total) == full.scoreboard.results.map(\.total))
        #expect(check.scoreboard.results.map(\.band) == full.scoreboard.results.map(\.band))
        #expect(check.feedbackRows == full.feedbackRows && check.quarantinedCount == full.quarantinedCount)
        #expect(quiet.items.map(\.description) == log.items.map(\.description))
    }
}
