import Foundation
import Testing
@testable import Congkhai

/// The ledger contract (DESIGN.md, "History and the ledger"): every tampering
/// case is recorded by the build, caught by the build, or caught by `verify`.
@Suite struct LedgerTests {
    static let official = """
    commitments:
      - id: cau
        title: "Xây cầu"
        group: B
        target: 10
        deadline: 2026-09-30
        status: in_progress
        updates:
          - { on: 2026-08-01, progress: 40, note: "Đổ móng" }
          - { on: 2026-10-01, progress: 60, note: "Xong trụ" }
      - id: duong
        title: "Làm đường"
        group: A
        target: 5
        deadline: 2026-06-30
        status: done
        completed_on: 2026-06-20
    """

    static func content() -> TestContent {
        var c = TestContent(measure: "{ metric: commitment_delivery }")
        c["officials/xa-an-binh/nguyen-van-an.md"] = TestContent.official("Nguyễn Văn An", official)
        c["feedback/a.csv"] = TestContent.feedbackHeader + """
        r1,2026-03-01,survey,xa-an-binh,nguyen-van-an,,rating,citizen,p1,4,,,,,,
        r2,2026-03-02,survey,xa-an-binh,nguyen-van-an,,rating,citizen,p2,5,,,,,,
        r3,2026-03-03,hotline,xa-an-binh,nguyen-van-an,,complaint,citizen,,,,open,2026-04-01,,,

        """
        c["audits/a.yaml"] = "- { official: nguyen-van-an, by: \"HĐND\", on: 2026-10-01, finding: \"x\", action: { deduct: 1 } }\n"
        return c
    }

    /// Builds `content` into `output` (kept between builds) and returns the report.
    @discardableResult
    static func build(_ root: String, into output: String, asOf: String? = nil, newLedger: Bool = false,
                      newPseudonymKey: Bool = false, environment: [String: String] = [:]) -> (SiteBuild.Report, DiagnosticLog) {
        let log = DiagnosticLog()
        var options = SiteBuild.Options(content: root, output: output, asOf: asOf.flatMap { Day(iso: $0) },
                                        newLedger: newLedger, environment: environment)
        options.newPseudonymKey = newPseudonymKey
        let report = SiteBuild.run(options, log: log)
        return (report, log)
    }

    static func entries(_ output: String) throws -> [JSONValue] {
        let text = try String(contentsOfFile: output + "/data/ledger/entries.jsonl", encoding: .utf8)
        return text.split(separator: "\n").compactMap { CanonicalJSON.parse(String($0)) }
    }

    /// Entries appended by the last build (after the previous `build` entry).
    static func lastBuild(_ output: String) throws -> [JSONValue] {
        let all = try entries(output)
        let builds = all.indices.filter { all[$0]["kind"]?.stringValue == "build" }
        let start = builds.count >= 2 ? builds[builds.count - 2] + 1 : 0
        return Array(all[start...])
    }

    static func kinds(_ entries: [JSONValue]) -> [String] { entries.compactMap { $0["kind"]?.stringValue } }

    /// Two builds around an edit of the content; returns the second build's entries.
    func twoBuilds(_ edit: (inout TestContent) -> Void) throws -> ([JSONValue], String) {
        var c = LedgerTests.content()
        let root = try c.write()
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("congkhai-ledger-\(UUID().uuidString)").path
        let (first, log1) = LedgerTests.build(root, into: out)
        guard case .built = first.outcome else { Issue.record("first build: \(log1.items.filter { $0.severity == .error })"); return ([], out) }
        edit(&c)
        try? FileManager.default.removeItem(atPath: root)
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        for (path, text) in c.files {
            let full = root + "/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: full, atomically: true, encoding: .utf8)
        }
        let (second, log2) = LedgerTests.build(root, into: out)
        guard case .built = second.outcome else { Issue.record("second build: \(second.outcome) \(log2.items.filter { $0.severity == .error })"); return ([], out) }
        #expect(SiteVerifier.verify(.init(site: out, recompute: true)).problems == [])
        return (try LedgerTests.lastBuild(out), out)
    }

    /// Sealing writes the body's members as bytes, in two halves around
    /// `hash`, once (decision 139): the hash and the published line must be
    /// exactly the general canonical serialization's, whatever optional keys
    /// an entry has.
    @Test func sealedLinesAreTheCanonicalSerialization() {
        var generator = SplitMix(seed: 87)
        let kinds = LedgerEntry.Kind.allCases
        for n in 0..<300 {
            func maybe<T>(_ v: T) -> T? { Bool.random(using: &generator) ? v : nil }
            var e = LedgerEntry(kind: kinds[n % kinds.count],
                                subject: maybe(["locality": "xa-\(n)", "official": "o-\"\\\(n)", "row": "r\(n)"]) ?? [:],
                                field: maybe(["deadline", "a", "hash_like", "title"][n % 4]),
                                old: maybe(.object([("z", .integer(n)), ("a", .string("cũ \(n)"))])),
                                new: maybe(.array([.string("mới"), .integer(-n), .null])),
                                count: maybe(n), reason: maybe("lý do, \"trích\""),
                                previousHead: maybe(.object([("seq", .integer(n)), ("hash", .string("ab"))])))
            e.seal(seq: n + 1, asOf: Day(ordinal: 20_000 + n), prev: String(repeating: "f", count: 64))
            #expect(e.hash == SHA256.hex(Array(CanonicalJSON.serialize(e.body).utf8)))
            guard case let .object(pairs) = e.body else { Issue.record("not an object"); continue }
            #expect(e.line == CanonicalJSON.serialize(.object(pairs + [("hash", .string(e.hash))])))
            #expect(e.lineBytes(newline: true) == Array((e.line + "\n").utf8))
        }
    }

    /// A published line is checked by hashing its own bytes less the
    /// `hash` member when it is canonical, else by writing it again: both
    /// must give what writing it again gives, for lines as sealed and for
    /// the same entries spaced, reordered, escaped or invalid — and an
    /// edited line must not hash as it says.
    @Test func checkedLinesHashAsWrittenAgain() {
        var generator = SplitMix(seed: 91)
        let kinds = LedgerEntry.Kind.allCases
        var fast = 0
        func rewritten(_ line: [UInt8]) -> String? {
            guard case let .object(pairs)? = CanonicalJSON.parse(line) else { return nil }
            return SHA256.hex(CanonicalJSON.bytes(.object(pairs.filter { $0.0 != "hash" })))
        }
        for n in 0..<300 {
            func maybe<T>(_ v: T) -> T? { Bool.random(using: &generator) ? v : nil }
            let quoted = n % 5 == 0 ? "o-\"\\\(n)" : "o-\(n)"
            var e = LedgerEntry(kind: kinds[n % kinds.count],
                                subject: maybe(["locality": "xa-\(n)", "official": quoted]) ?? [:],
                                field: maybe(["deadline", "a", "hash_like", "title"][n % 4]),
                                old: maybe(.object([("z", .integer(n)), ("a", .string("cũ \(n)"))])),
                                new: maybe(.array([.string("mới"), .integer(-n), .null])),
                                count: maybe(n), reason: maybe("lý do, trích"))
            e.seal(seq: n + 1, asOf: Day(ordinal: 20_000 + n), prev: String(repeating: "f", count: 64))
            let line = Array(e.line.utf8)
            guard let checked = LedgerFile.CheckedLine(line) else { Issue.record("entry \(n) not read"); continue }
            #expect(checked.computed == e.hash)
            if LedgerFile.CheckedLine.bodyHash(line, CanonicalJSON.parseLine(line)?.members) != nil { fast += 1 }
            // Not canonical: spaced, keys out of order, "/" escaped, a byte that is not UTF-8.
            let text = e.line
            let variants: [[UInt8]] = [
                Array(text.replacingOccurrences(of: "\":", with: "\": ").utf8),
                Array(("{\"zz\":1," + text.dropFirst()).utf8),
                Array(text.replacingOccurrences(of: "xa-", with: "xa\\/").utf8),
                Array((" " + text).utf8),
                { var bad = line; if let k = bad.firstIndex(where: { $0 >= 0x80 }) { bad[k] = 0xFF }; return bad }(),
                Array(text.utf8).enumerated().map { $0.offset == 2 ? UInt8(ascii: " ") : $0.element },
                // `hash` first (no `as_of`): its comma is the one after it.
                Array(text.replacingOccurrences(of: "\"as_of\":\"\(Day(ordinal: 20_000 + n).description)\",", with: "").utf8),
            ]
            for v in variants {
                let c = LedgerFile.CheckedLine(v)
                #expect(c?.computed == rewritten(v), "entry \(n): \(String(decoding: v, as: UTF8.self))")
            }
            // An edited value no longer hashes as the line says.
            if let at = text.range(of: "\"prev\":\"f") {
                let edited = text.replacingCharacters(in: text.index(at.upperBound, offsetBy: -1)..<at.upperBound, with: "e")
                #expect(LedgerFile.CheckedLine(Array(edited.utf8))?.computed != e.hash)
            }
        }
        #expect(fast > 200)  // most sealed lines need no writing again
        // `hash` the last member, and the only one.
        for (line, body) in [("{\"as_of\":\"2026-01-01\",\"hash\":\"ab\"}", "{\"as_of\":\"2026-01-01\"}"), ("{\"hash\":\"ab\"}", "{}")] {
            let bytes = Array(line.utf8)
            #expect(LedgerFile.CheckedLine.bodyHash(bytes, CanonicalJSON.parseLine(bytes)?.members) == SHA256.hex(Array(body.utf8)))
        }
    }

    @Test func firstBuildStartsTheChainAndRecordsEverything() throws {
        let root = try LedgerTests.content().write()
        let out = root + "-out"
        let (report, _) = LedgerTests.build(root, into: out)
        guard case .built = report.outcome else { Issue.record("\(report.outcome)"); return }
        let all = try LedgerTests.entries(out)
        #expect(LedgerTests.kinds(all) == ["ledger_started", "official_added", "commitment_added", "commitment_added",
                                           "feedback_file_added", "audit_added", "build"])
        #expect(all[0]["prev"]?.stringValue == LedgerEntry.genesis)
        #expect(all.map { $0["seq"]?.intValue ?? 0 } == Array(1...7))
        #expect(all[4]["count"]?.intValue == 3 && all[4]["subject"]?["file"]?.stringValue == "feedback/a.csv")
        // An added commitment's whole state, made only when its entry is sealed.
        let cau = try #require(all.first { $0["subject"]?["commitment"]?.stringValue == "cau" })
        #expect(cau["new"]?["title"]?.stringValue == "Xây cầu" && cau["new"]?["deadline"]?.stringValue == "2026-09-30")
        #expect(cau["new"]?["status"]?.stringValue == "in_progress")
        if case let .array(updates)? = cau["new"]?["updates"] { #expect(updates.count == 2) } else { Issue.record("no updates: \(cau)") }
        let manifest = try Data(contentsOf: URL(fileURLWithPath: out + "/data/manifest.json"))
        #expect(all[6]["new"]?["manifest"]?.stringValue == SHA256.hex(Array(manifest)))
        let head = try #require(CanonicalJSON.parse(try String(contentsOfFile: out + "/data/ledger/head.json", encoding: .utf8)))
        #expect(head["seq"]?.intValue == 7 && head["hash"]?.stringValue == all[6]["hash"]?.stringValue)
        #expect(SiteVerifier.verify(.init(site: out, recompute: true)).problems == [])
    }

    @Test func aMovedDeadlineIsRecordedWithOldAndNew() throws {
        let (e, _) = try twoBuilds { c in
            c["officials/xa-an-binh/nguyen-van-an.md"] = TestContent.official("Nguyễn Văn An",
                LedgerTests.official.replacingOccurrences(of: "deadline: 2026-09-30", with: "deadline: 2026-12-31"))
        }
        #expect(LedgerTests.kinds(e) == ["commitment_changed", "build"])
        #expect(e[0]["field"]?.stringValue == "deadline")
        #expect(e[0]["old"]?.stringValue == "2026-09-30" && e[0]["new"]?.stringValue == "2026-12-31")
        #expect(e[0]["subject"]?["commitment"]?.stringValue == "cau" && e[0]["subject"]?["official"]?.stringValue == "nguyen-van-an")
    }

    @Test func aDeletedCommitmentAndChangedFieldsAndUpdates() throws {
        let edited = """
        commitments:
          - id: cau
            title: "Xây cầu lớn"
            group: B
            target: 12.5
            deadline: 2026-09-30
            status: in_progress
            updates:
              - { on: 2026-08-01, progress: 45, note: "Đổ móng" }
        """
        let (e, _) = try twoBuilds { c in c["officials/xa-an-binh/nguyen-van-an.md"] = TestContent.official("Nguyễn Văn An", edited) }
        #expect(LedgerTests.kinds(e) == ["commitment_removed", "commitment_changed", "commitment_changed", "update_removed",
                                         "update_changed", "build"])
        #expect(e[0]["subject"]?["commitment"]?.stringValue == "duong")
        let changed = e.filter { $0["kind"]?.stringValue == "commitment_changed" }
        #expect(Set(changed.compactMap { $0["field"]?.stringValue }) == ["target", "title"])
        #expect(changed.first { $0["field"]?.stringValue == "target" }?["new"] == .raw("12.5"))
        #expect(e[3]["subject"]?["update"]?.stringValue == "2026-10-01")
        #expect(e[4]["field"]?.stringValue == "progress" && e[4]["old"] == .raw("40") && e[4]["new"] == .raw("45"))
    }

    @Test func feedbackRowsDeletedEditedAndAdded() throws {
        let (e, _) = try twoBuilds { c in
            c["feedback/a.csv"] = TestContent.feedbackHeader + """
            r1,2026-03-01,survey,xa-an-binh,nguyen-van-an,,rating,citizen,p1,1,,,,,,
            r3,2026-03-03,hotline,xa-an-binh,nguyen-van-an,,complaint,citizen,,,,open,2026-04-01,,,
            r4,2026-03-04,hotline,xa-an-binh,nguyen-van-an,,suggestion,citizen,,,,,,,,
            r5,2026-03-05,hotline,xa-an-binh,nguyen-van-an,,suggestion,citizen,,,,,,,,

            """
            c["feedback/b.csv"] = TestContent.feedbackHeader + "b1,2026-03-01,survey,xa-an-binh,,,suggestion,citizen,,,,,,,,\n"
        }
        #expect(LedgerTests.kinds(e) == ["feedback_file_added", "feedback_rows_added", "feedback_row_removed",
                                         "feedback_row_changed", "build"])
        #expect(e[0]["subject"]?["file"]?.stringValue == "feedback/b.csv" && e[0]["count"]?.intValue == 1)
        #expect(e[1]["count"]?.intValue == 2)
        #expect(e[2]["subject"]?["row"]?.stringValue == "r2")
        #expect(e[3]["subject"]?["row"]?.stringValue == "r1" && e[3]["subject"]?["file"]?.stringValue == "feedback/a.csv")
        // No personal data in the ledger: digests only.
        let text = e.map { CanonicalJSON.serialize($0) }.joined()
        #expect(!text.contains("p1") && !text.contains("citizen"))
    }

    /// A whole export removed is one entry with its row count. A published
    /// export edited by hand (a row's line doubled) is not compared with:
    /// it stops the build (decision 122); a new chain compares this build
    /// with nothing in its place, and says so.
    @Test func aFeedbackFileRemovedAndAHandEditedPublishedRow() throws {
        var c = LedgerTests.content()
        c["feedback/b.csv"] = TestContent.feedbackHeader + """
        b1,2026-03-01,survey,xa-an-binh,,,suggestion,citizen,,,,,,,,
        b2,2026-03-02,survey,xa-an-binh,,,suggestion,citizen,,,,,,,,

        """
        let root = try c.write()
        let out = root + "-out"
        let (first, _) = LedgerTests.build(root, into: out, asOf: "2026-11-01")
        guard case .built = first.outcome else { Issue.record("\(first.outcome)"); return }
        try FileManager.default.removeItem(atPath: root + "/feedback/b.csv")
        // The published export of the locality, edited by hand: r1's line
        // appears twice, the second copy (which stands) unchanged.
        let folder = out + "/data/feedback"
        var edited = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name.hasSuffix(".csv.gz") {
            let csv = try #require(Gzip.decompress(Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)))))
            // CRLF lines: split bytes (a String sees "\r\n" as one character).
            var lines = csv.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            guard let r1 = lines.firstIndex(where: { $0.hasPrefix("r1,") }) else { continue }
            lines.insert(lines[r1].replacingOccurrences(of: ",survey,", with: ",hotline,"), at: r1)
            try Data(Gzip.compress(Array(lines.joined(separator: "\n").utf8))).write(to: URL(fileURLWithPath: folder + "/" + name))
            edited += 1
        }
        let seen = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        #expect(edited == 1, "\(seen)")
        let (second, log) = LedgerTests.build(root, into: out, asOf: "2026-11-02")
        guard case .contentErrors = second.outcome else { Issue.record("an edited export compared with: \(second.outcome)"); return }
        let export = out + "/data/feedback/xa-an-binh.csv.gz"
        #expect(log.items.contains { $0.file == export && $0.severity == .error && $0.message.hasPrefix("changed since it was published") })
        let (third, log3) = LedgerTests.build(root, into: out, asOf: "2026-11-02", newLedger: true)
        guard case .built = third.outcome else { Issue.record("\(third.outcome) \(log3.items)"); return }
        #expect(log3.items.contains { $0.file == export && $0.severity == .warning && $0.message.hasSuffix("compares this build with nothing in its place") })
        let e = try LedgerTests.lastBuild(out)
        #expect(LedgerTests.kinds(e) == ["ledger_started", "feedback_file_added", "build"], "\(e.map { CanonicalJSON.serialize($0) })")
        #expect(e[1]["subject"]?["file"]?.stringValue == "feedback/a.csv" && e[1]["count"]?.intValue == 3)
        #expect(SiteVerifier.verify(.init(site: out, recompute: true)).problems == [])
    }



    /// The comparison parses only the published officials whose bytes differ
    /// from what this build read (decision 82): an unchanged file is known
    /// unchanged by its hash, an edited one is not.
    @Test func publishedOfficialsWithThisBuildsBytesAreNotParsedAgain() throws {
        var c = LedgerTests.content()
        c["officials/xa-an-binh/tran-thi-binh.md"] = TestContent.official("Trần Thị Bình", LedgerTests.official)
        let root = try c.write()
        let out = root + "-out"
        let (first, log1) = LedgerTests.build(root, into: out, asOf: "2026-11-01")
        guard case .built = first.outcome else { Issue.record("\(first.outcome) \(log1.items)"); return }
        let edited = root + "/officials/xa-an-binh/nguyen-van-an.md"
        try String(contentsOfFile: edited, encoding: .utf8).replacingOccurrences(of: "target: 10", with: "target: 12")
            .write(toFile: edited, atomically: true, encoding: .utf8)
        let log = DiagnosticLog()
        let run = try #require(ScoringRun.run(content: root, options: .init(asOf: Day(iso: "2026-11-02")), log: log))
        var previous = PreviousSite.read(out)
        let p = run.province
        previous.loadComparison(current: ComparisonBasis.Current(digest: { p.inputBytes.hash($0) }, frameworkFile: p.framework.file,
                                                                 audits: { file in p.auditEntries.filter { $0.file == file } }))
        #expect(previous.basisProblems == [])
        let keys = ["xa-an-binh/nguyen-van-an", "xa-an-binh/tran-thi-binh", "xa-an-binh/khong-co"]
        let hashes = keys.map { k in run.province.officials.first { $0.key == k }.flatMap { run.province.inputBytes.hash($0.file) } }
        #expect(hashes[0] != nil && hashes[1] != nil)
        #expect(previous.unchanged(keys, hashes: hashes) == ["xa-an-binh/tran-thi-binh"])
        // And the edit is still recorded by the build.
        let (second, log2) = LedgerTests.build(root, into: out, asOf: "2026-11-02")
        guard case .built = second.outcome else { Issue.record("\(second.outcome) \(log2.items)"); return }
        let e = try LedgerTests.lastBuild(out)
        #expect(LedgerTests.kinds(e) == ["commitment_changed", "build"])
        #expect(e.first?["subject"]?["official"]?.stringValue == "nguyen-van-an")
    }

    @Test func anAuditRemovedAndTheFrameworkChanged() throws {
        let (e, _) = try twoBuilds { c in
            c.files["audits/a.yaml"] = nil
            c["framework.yaml"] = TestContent.framework("{ metric: commitment_delivery, group: any }")
        }
        #expect(LedgerTests.kinds(e) == ["audit_removed", "framework_changed", "build"])
        #expect(e[0]["subject"]?["audit"]?.stringValue == "audits/a.yaml:0")
    }

    @Test func anUnchangedBuildWritesNothing() throws {
        let root = try LedgerTests.content().write()
        let out = root + "-out"
        LedgerTests.build(root, into: out)
        let before = try BuiltSite(root: out)
        let mtime = try FileManager.default.attributesOfItem(atPath: out + "/index.html")[.modificationDate] as? Date
        let (again, _) = LedgerTests.build(root, into: out)
        guard case .unchanged = again.outcome else { Issue.record("expected unchanged, got \(again.outcome)"); return }
        #expect(try BuiltSite(root: out).files == before.files)
        #expect(try FileManager.default.attributesOfItem(atPath: out + "/index.html")[.modificationDate] as? Date == mtime)
    }

    @Test func buildsAreByteIdenticalForTheSameInputsAndPreviousSite() throws {
        let root = try LedgerTests.content().write()
        let a = root + "-a", b = root + "-b"
        LedgerTests.build(root, into: a, asOf: "2026-11-01")
        LedgerTests.build(root, into: b, asOf: "2026-11-01")
        LedgerTests.build(root, into: a, asOf: "2026-11-28")
        LedgerTests.build(root, into: b, asOf: "2026-11-28")
        let sa = try BuiltSite(root: a), sb = try BuiltSite(root: b)
        #expect(sa.files == sb.files)
        // Two as_of dates in the history, and the second build's entries extend the first's.
        let history = sa.text("data/history/2026.csv") ?? ""
        #expect(history.contains("2026-11-01,xa-an-binh,nguyen-van-an,") && history.contains("2026-11-28,xa-an-binh,nguyen-van-an,"))
        #expect(try LedgerTests.entries(a).filter { $0["kind"]?.stringValue == "build" }.count == 2)
    }

    @Test func aMissingOrRewrittenLedgerStopsTheBuild() throws {
        let root = try LedgerTests.content().write()
        let out = root + "-out"
        LedgerTests.build(root, into: out)
        // An old entry rewritten.
        let path = out + "/data/ledger/entries.jsonl"
        let original = try String(contentsOfFile: path, encoding: .utf8)
        try original.replacingOccurrences(of: "Xây cầu", with: "Xây cống").write(toFile: path, atomically: true, encoding: .utf8)
        let result = SiteVerifier.verify(.init(site: out))
        #expect(result.problems.contains("ledger seq 3: hash mismatch"), "\(result.problems)")
        var (report, log) = LedgerTests.build(root, into: out, asOf: "2026-11-27")
        guard case .contentErrors = report.outcome else { Issue.record("build went on: \(report.outcome)"); return }
        #expect(log.items.contains { $0.message.contains("ledger seq 3: hash mismatch") })
        // The ledger folder deleted.
        try FileManager.default.removeItem(atPath: out + "/data/ledger")
        (report, log) = LedgerTests.build(root, into: out, asOf: "2026-11-27")
        guard case .contentErrors = report.outcome else { Issue.record("build went on: \(report.outcome)"); return }
        #expect(log.items.contains { $0.message.contains("entries.jsonl is missing") })
        #expect(!FileManager.default.fileExists(atPath: out + "/data/ledger"))  // nothing published
        // Truncated: head.json names a later seq than the entries hold.
        // --new-ledger starts a new chain, recorded.
        (report, log) = LedgerTests.build(root, into: out, asOf: "2026-11-27", newLedger: true)
        guard case .built = report.outcome else { Issue.record("--new-ledger: \(report.outcome)"); return }
        let e = try LedgerTests.entries(out)
        #expect(e.first?["kind"]?.stringValue == "ledger_started")
        #expect(e.first?["reason"]?.stringValue?.contains("entries.jsonl is missing") == true)
        #expect(SiteVerifier.verify(.init(site: out, recompute: true)).problems == [])
    }

    /// A ledger rewritten with CR LF line endings (git's autocrlf on a
    /// repository of the published site, an editor) is one problem that
    /// says so — not an unreadable blob, not one problem per entry — and it
    /// stops the build like any other rewrite; every entry read with LF
    /// checks, seq by seq, as before (the check runs on every core).
    @Test func aLedgerWithCRLFLineEndingsIsNamedAsSuch() throws {
        let root = try LedgerTests.content().write()
        let out = root + "-out"
        LedgerTests.build(root, into: out, asOf: "2026-11-01")
        LedgerTests.build(root, into: out, asOf: "2026-11-02")
        let path = out + "/data/ledger/entries.jsonl"
        let original = try Data(contentsOf: URL(fileURLWithPath: path))
        let ledger = LedgerFile.read(site: out)
        #expect(ledger.problems.isEmpty, "\(ledger.problems)")
        #expect(ledger.entries.map(\.seq) == Array(1...ledger.entries.count) && ledger.entries.count > 2)
        #expect(ledger.entries.map { ledger.line($0) + "\n" }.joined() == String(decoding: original, as: UTF8.self))
        #expect(ledger.lastBuild?.new?["manifest"]?.stringValue != nil)
        // Rewritten with CR LF.
        try Data(String(decoding: original, as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n").utf8)
            .write(to: URL(fileURLWithPath: path))
        let problems = SiteVerifier.verify(.init(site: out)).problems.filter { $0.hasPrefix("ledger") }
        #expect(problems.contains { $0.contains("CR LF line endings") }, "\(problems)")
        #expect(problems.count <= 3, "\(problems)")
        let (report, log) = LedgerTests.build(root, into: out, asOf: "2026-11-03")
        guard case .contentErrors = report.outcome else { Issue.record("build went on: \(report.outcome)"); return }
        #expect(log.items.contains { $0.message.contains("CR LF line endings") })
        // Two entries swapped: each out of place, by seq.
        var lines = String(decoding: original, as: UTF8.self).split(separator: "\n").map(String.init)
        lines.swapAt(1, 2)
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
        let swapped = LedgerFile.read(site: out).problems
        #expect(swapped.contains("ledger seq 2: found seq 3 (an entry is missing or out of order)"), "\(swapped)")
        #expect(swapped.contains("ledger seq 3: prev does not match the hash of seq 2"), "\(swapped)")
    }

    /// The published feedback is read back only when the ledger compares
    /// (not at the start of the build, to keep it out of memory during the
    /// ingest): an unreadable file must still stop the build, publish
    /// nothing, and leave the published site as it was.
    @Test func anUnreadablePublishedFeedbackFileStopsTheBuild() throws {
        let root = try LedgerTests.content().write()
        let out = root + "-out"
        let (first, _) = LedgerTests.build(root, into: out, asOf: "2026-11-01")
        guard case .built = first.outcome else { Issue.record("\(first.outcome)"); return }
        let folder = out + "/data/feedback"
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: folder).first { $0.hasSuffix(".csv.gz") })
        try Data("not gzip".utf8).write(to: URL(fileURLWithPath: folder + "/" + name))
        let ledgerBefore = try Data(contentsOf: URL(fileURLWithPath: out + "/data/ledger/entries.jsonl"))
        let (report, log) = LedgerTests.build(root, into: out, asOf: "2026-11-02")
        guard case .contentErrors = report.outcome else { Issue.record("build went on: \(report.outcome)"); return }
        #expect(log.items.contains { $0.message.contains("a published feedback file cannot be read") })
        #expect(try Data(contentsOf: URL(fileURLWithPath: out + "/data/ledger/entries.jsonl")) == ledgerBefore)
        // The staging folder (made before this stage, the exports being
        // written into it beside the history) is gone with nothing published.
        let parent = (out as NSString).deletingLastPathComponent, outName = (out as NSString).lastPathComponent
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent).filter { $0.hasPrefix("." + outName + ".congkhai-") } == [])
        // Starting a new chain is the way out, and it is recorded.
        let (again, log2) = LedgerTests.build(root, into: out, asOf: "2026-11-02", newLedger: true)
        guard case .built = again.outcome else { Issue.record("--new-ledger: \(again.outcome) \(log2.items)"); return }
        #expect(SiteVerifier.verify(.init(site: out, recompute: true)).problems == [])
    }

    /// Pages keep only what they show of each change; the sentences must not change.
    @Test func slimChangesReadTheSame() {
        let state = JSONValue.object([("title", .string("Xây cầu")), ("status", .string("done")), ("deadline", .string("2026-09-30")),
                                      ("updates", .array([.object([("on", .string("2026-08-01"))])]))])
        let subject = ["locality": "xa-an-binh", "official": "nguyen-van-an", "commitment": "cau"]
        let text = ChangeText(t: ThemeStrings.vi)
        let names: (String) -> String? = { $0 == "xa-an-binh/nguyen-van-an" ? "Nguyễn Văn An" : nil }
        for kind in LedgerEntry.Kind.allCases {
            let full = SiteHistory.Change(asOf: Day(iso: "2026-11-01") ?? Day(ordinal: 0), kind: kind, subject: subject,
                                          field: kind == .commitmentChanged ? "status" : nil,
                                          old: kind == .commitmentChanged ? .string("in_progress") : state,
                                          new: kind == .commitmentChanged ? .string("done") : state, count: 3)
            let slim = SiteHistory.slim(full)
            #expect(text.entry(slim, names: names) == text.entry(full, names: names), "\(kind)")
            #expect(text.commitment(slim) == text.commitment(full), "\(kind)")
        }
        let added = SiteHistory.slim(.init(asOf: Day(ordinal: 0), kind: .commitmentAdded, subject: subject, new: state))
        #expect(added.new == .object([("title", .string("Xây cầu"))]) && added.old == nil)
        let removed = SiteHistory.slim(.init(asOf: Day(ordinal: 0), kind: .commitmentRemoved, subject: subject, old: state, new: state))
        #expect(removed.old == state && removed.new == nil)
    }

    @Test func aTruncatedLedgerIsReported() throws {
        let root = try LedgerTests.content().write()
        let out = root + "-out"
        LedgerTests.build(root, into: out)
        let path = out + "/data/ledger/entries.jsonl"
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        try (lines.dropLast(2).joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let problems = SiteVerifier.verify(.init(site: out)).problems
        #expect(problems.contains { $0.contains("head.json names seq 7 but the entries end at seq 5 (truncated)") }, "\(problems)")
    }

    @Test func verifyCatchesEditedScoresExtraFilesAndRewrittenHistory() throws {
        let root = try LedgerTests.content().write()
        let out = root + "-out", old = root + "-old"
        LedgerTests.build(root, into: out, asOf: "2026-11-01")
        try FileManager.default.copyItem(atPath: out, toPath: old)
        LedgerTests.build(root, into: out, asOf: "2026-11-28")
        #expect(SiteVerifier.verify(.init(site: out, previous: old, recompute: true)).problems == [])
        // A published score edited.
        let scores = out + "/data/scores.json"
        let text = try String(contentsOfFile: scores, encoding: .utf8)
        let total = try #require(text.range(of: "\"total\": ")).upperBound
        let edited = text.replacingCharacters(in: total..<text.index(total, offsetBy: 1), with: "9")
        try edited.write(toFile: scores, atomically: true, encoding: .utf8)
        let problems = SiteVerifier.verify(.init(site: out, recompute: true)).problems
        #expect(problems.contains("data/scores.json: sha256 mismatch"))
        #expect(problems.contains { $0.hasPrefix("score xa-an-binh/nguyen-van-an: published 9") })
        try text.write(toFile: scores, atomically: true, encoding: .utf8)
        // A file that is not in the manifest.
        try "x".write(toFile: out + "/extra.html", atomically: true, encoding: .utf8)
        #expect(SiteVerifier.verify(.init(site: out)).problems == ["extra.html: not in data/manifest.json"])
        try FileManager.default.removeItem(atPath: out + "/extra.html")
        // Files no build publishes, whatever the manifest says (decision 120):
        // a hidden file a web server obeys, one in a hidden folder, a link
        // to a folder (a whole other tree) and a link to a file.
        let fm = FileManager.default
        try "Redirect 301 / https://example.com/\n".write(toFile: out + "/.htaccess", atomically: true, encoding: .utf8)
        try fm.createDirectory(atPath: out + "/dia-phuong/.cu", withIntermediateDirectories: true)
        try "x".write(toFile: out + "/dia-phuong/.cu/index.html", atomically: true, encoding: .utf8)
        try fm.createSymbolicLink(atPath: out + "/khac", withDestinationPath: root)
        try fm.createSymbolicLink(atPath: out + "/trang.html", withDestinationPath: out + "/index.html")
        #expect(SiteVerifier.verify(.init(site: out)).problems == [
            ".htaccess: a hidden file, not in data/manifest.json (a build publishes none but .gitkeep)",
            "dia-phuong/.cu/index.html: a hidden file, not in data/manifest.json (a build publishes none but .gitkeep)",
            "khac: a symbolic link (a build publishes none)",
            "trang.html: a symbolic link (a build publishes none)",
        ])
        for path in ["/.htaccess", "/dia-phuong/.cu", "/khac", "/trang.html"] { try fm.removeItem(atPath: out + path) }
        // The manifest leaves data/ledger/ to the chain, which covers its own files only.
        try "x".write(toFile: out + "/data/ledger/ghi-chu.html", atomically: true, encoding: .utf8)
        #expect(SiteVerifier.verify(.init(site: out)).problems
            == ["data/ledger/ghi-chu.html: not a ledger file (entries, head.json, head.sig) and not in data/manifest.json"])
        try fm.removeItem(atPath: out + "/data/ledger/ghi-chu.html")
        // A page replaced by a link to a copy of its own bytes is still a link.
        try fm.copyItem(atPath: out + "/index.html", toPath: root + "-index.html")
        try fm.removeItem(atPath: out + "/index.html")
        try fm.createSymbolicLink(atPath: out + "/index.html", withDestinationPath: root + "-index.html")
        #expect(SiteVerifier.verify(.init(site: out)).problems == [
            "index.html: a symbolic link (a build publishes none)", "index.html: listed in data/manifest.json but missing",
        ])
        try fm.removeItem(atPath: out + "/index.html")
        try fm.moveItem(atPath: root + "-index.html", toPath: out + "/index.html")
        // What a site kept in a repository holds: its placeholder and `.git`.
        try fm.createDirectory(atPath: out + "/.git/refs", withIntermediateDirectories: true)
        try "ref: refs/heads/main\n".write(toFile: out + "/.git/HEAD", atomically: true, encoding: .utf8)
        _ = fm.createFile(atPath: out + "/.gitkeep", contents: Data())
        #expect(SiteVerifier.verify(.init(site: out, previous: old, recompute: true)).problems == [])
        try fm.removeItem(atPath: out + "/.git")
        try fm.removeItem(atPath: out + "/.gitkeep")
        // head.json's date changed (the chain's hash and seq kept): the date
        // a reader takes for the last update no longer follows the chain.
        let headPath = out + "/data/ledger/head.json"
        let head = try String(contentsOfFile: headPath, encoding: .utf8)
        try head.replacingOccurrences(of: "2026-11-28", with: "2026-12-28").write(toFile: headPath, atomically: true, encoding: .utf8)
        #expect(SiteVerifier.verify(.init(site: out)).problems.contains {
            $0.hasPrefix("ledger: head.json as_of \"2026-12-28\" differs from the as_of of seq ") && $0.hasSuffix("(2026-11-28)")
        })
        try head.write(toFile: headPath, atomically: true, encoding: .utf8)
        // A manifest that is not one, or whose hashes are not strings.
        var broken = SiteVerifier.Result()
        SiteVerifier.checkManifest(site: out, manifest: Array("[1]".utf8), into: &broken)
        #expect(broken.problems == ["data/manifest.json: not a valid manifest"])
        broken = SiteVerifier.Result()
        SiteVerifier.checkManifest(site: out, manifest: Array("{\"outputs\": {\"index.html\": 5}}".utf8), into: &broken)
        #expect(broken.problems == ["data/manifest.json: the hash of index.html is not a string"])
        // The old copy's entries rewritten in the new one: --previous names the seq.
        let path = out + "/data/ledger/entries.jsonl"
        var lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        lines.remove(at: 1)
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let p2 = SiteVerifier.verify(.init(site: out, previous: old)).problems
        #expect(p2.contains("ledger: does not extend previous (seq 2 differs)"), "\(p2)")
    }

    /// Decision 121: the score history and the frozen periods are carried
    /// forward as published, never as found. Each way of rewriting that
    /// past on the server stops the next build (nothing published, the
    /// site as it was), with `--new-ledger` too; `verify --previous` finds
    /// a frozen period that differs from an older copy's.
    @Test func aRewrittenPastStopsTheBuildAndVerifyFindsIt() throws {
        let root = try LedgerTests.content().write()
        let good = root + "-good"
        LedgerTests.build(root, into: good, asOf: "2026-11-28")
        LedgerTests.build(root, into: good, asOf: "2026-12-31")
        let fm = FileManager.default
        let scores = "ky/2026/data/scores.json", history = "data/history/2026.csv", page = "ky/2026/index.html"
        #expect(fm.fileExists(atPath: good + "/" + scores) && fm.fileExists(atPath: good + "/" + history) && fm.fileExists(atPath: good + "/" + page))
        func edit(_ file: String) throws {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            let total = try #require(text.range(of: "\"total\": ") ?? text.range(of: "2026-11-28,xa-an-binh,nguyen-van-an,"))
            try text.replacingCharacters(in: total.upperBound..<text.index(after: total.upperBound), with: "9")
                .write(toFile: file, atomically: true, encoding: .utf8)
        }
        let tamperings: [(String, String, (String) throws -> Void)] = [
            (scores, "changed since it was published", { try edit($0 + "/" + scores) }),
            (history, "changed since it was published", { try edit($0 + "/" + history) }),
            ("ky/2026/.htaccess", "not in data/manifest.json (added since it was published)",
             { try "Redirect 301 / https://example.com/\n".write(toFile: $0 + "/ky/2026/.htaccess", atomically: true, encoding: .utf8) }),
            ("ky/2026/cu.html", "not in data/manifest.json (added since it was published)",
             { try "x".write(toFile: $0 + "/ky/2026/cu.html", atomically: true, encoding: .utf8) }),
            (page, "listed in data/manifest.json but missing (removed since it was published)", { try fm.removeItem(atPath: $0 + "/" + page) }),
            (page, "not a regular file (a build publishes none)", { site in
                try fm.removeItem(atPath: site + "/" + page)
                try fm.createSymbolicLink(atPath: site + "/" + page, withDestinationPath: good + "/" + page)
            }),
            // The file and the manifest both rewritten: the ledger names another manifest.
            ("data/manifest.json", "not the manifest the ledger's last build entry (seq", { site in
                try edit(site + "/" + scores)
                let digest = try #require(SHA256.hex(fileAt: site + "/" + scores))
                let manifest = try String(contentsOfFile: site + "/data/manifest.json", encoding: .utf8)
                let line = try #require(manifest.range(of: "\"\(scores)\": \""))
                try manifest.replacingCharacters(in: line.upperBound..<manifest.index(line.upperBound, offsetBy: 64), with: digest)
                    .write(toFile: site + "/data/manifest.json", atomically: true, encoding: .utf8)
            }),
        ]
        for (i, (path, message, tamper)) in tamperings.enumerated() {
            let site = root + "-t\(i)"
            try fm.copyItem(atPath: good, toPath: site)
            try tamper(site)
            let before = try #require(SHA256.hex(fileAt: site + "/data/manifest.json"))
            for newLedger in [false, true] {
                let (report, log) = LedgerTests.build(root, into: site, asOf: "2027-01-04", newLedger: newLedger)
                guard case .contentErrors = report.outcome else {
                    Issue.record("case \(i) (\(path)), new ledger \(newLedger): \(report.outcome)")
                    continue
                }
                let errors = log.items.filter { $0.severity == .error }
                #expect(errors.contains { $0.file == site + "/" + path && $0.message.hasPrefix(message) }, "case \(i): \(errors.map(\.description))")
                #expect(errors.contains { $0.message.hasPrefix("the published score history or frozen periods are not what was published") })
                #expect(SHA256.hex(fileAt: site + "/data/manifest.json") == before, "case \(i): the site changed")
            }
        }
        // Carried files are not held in memory (nationally a frozen period
        // is the whole site; each year adds a history file): each is read
        // again when used, and one that changed after the check is not used.
        let race = root + "-race"
        try fm.copyItem(atPath: good, toPath: race)
        let before = PreviousSite.read(race)
        let frozenFiles = before.carried.filter { $0.path.hasPrefix("ky/") }
        #expect(!frozenFiles.isEmpty)
        let frozenScores = try #require(frozenFiles.first { $0.path == scores })
        let historyFile = try #require(before.carried.first { $0.path == history })
        #expect(CarriedFiles.bytes(of: frozenScores, in: race) != nil)
        #expect(CarriedFiles.bytes(of: historyFile, in: race) != nil)
        try edit(race + "/" + scores)
        try edit(race + "/" + history)
        #expect(CarriedFiles.bytes(of: frozenScores, in: race) == nil)
        #expect(CarriedFiles.bytes(of: historyFile, in: race) == nil)

        // Untouched, the same build publishes, and the frozen period is the older copy's.
        let next = root + "-next"
        try fm.copyItem(atPath: good, toPath: next)
        let (report, log) = LedgerTests.build(root, into: next, asOf: "2027-01-04")
        guard case .built = report.outcome else { Issue.record("\(report.outcome) \(log.items.filter { $0.severity == .error })"); return }
        #expect(SiteVerifier.verify(.init(site: next, previous: good)).problems == [])
        // A past rewritten in a copy that verifies on its own (as a build of
        // the session before this one carried it): only the older copy shows it.
        try edit(next + "/" + scores)
        try fm.removeItem(atPath: next + "/" + page)
        let problems = SiteVerifier.verify(.init(site: next, previous: good)).problems
        #expect(problems.contains("\(scores): differs from the frozen period of --previous (kept unchanged in every later build)"))
        #expect(problems.contains("\(page): missing, but in the frozen period of --previous (kept unchanged in every later build)"))
        // Likewise a row of the score history: a day the older copy had
        // published and not as its last (a rebuild that day replaces it).
        #expect(!problems.contains { $0.hasPrefix(history) })
        try edit(next + "/" + history)
        #expect(SiteVerifier.verify(.init(site: next, previous: good)).problems
            .contains("\(history): the rows of 2026-11-28 differ from --previous (published history is carried forward unchanged)"))
        try fm.removeItem(atPath: next + "/" + history)
        #expect(SiteVerifier.verify(.init(site: next, previous: good)).problems
            .contains("\(history): missing, but in --previous (the score history is carried forward)"))
    }

    /// Decision 122: the published content and feedback copies the ledger's
    /// comparison reads are believed only as the manifest lists them.
    @Test func publishedCopiesAreBelievedOnlyAsTheManifestListsThem() throws {
        let root = try LedgerTests.content().write()
        let good = root + "-good"
        LedgerTests.build(root, into: good, asOf: "2026-11-01")
        let fm = FileManager.default
        let official = "officials/xa-an-binh/nguyen-van-an.md", copy = "/data/content/officials/xa-an-binh/nguyen-van-an.md"
        let original = try String(contentsOfFile: root + "/" + official, encoding: .utf8)
        let moved = original.replacingOccurrences(of: "deadline: 2026-09-30", with: "deadline: 2026-12-31")
        #expect(moved != original)
        func deadlines(_ site: String) throws -> Int { try LedgerTests.entries(site).filter { $0["field"]?.stringValue == "deadline" }.count }
        let goodEntries = try LedgerTests.entries(good).count

        // The copy on the server edited to match the change the next build
        // brings: compared with it, the change would go unrecorded.
        let site = root + "-a"
        try fm.copyItem(atPath: good, toPath: site)
        try moved.write(toFile: site + copy, atomically: true, encoding: .utf8)
        try moved.write(toFile: root + "/" + official, atomically: true, encoding: .utf8)
        let manifest = try #require(SHA256.hex(fileAt: site + "/data/manifest.json"))
        let (r1, l1) = LedgerTests.build(root, into: site, asOf: "2026-11-01")
        guard case .contentErrors = r1.outcome else { Issue.record("altered copy accepted: \(r1.outcome)"); return }
        #expect(l1.items.contains { $0.file == site + copy && $0.message.hasPrefix("changed since it was published") })
        #expect(l1.items.contains { $0.message.hasPrefix("the published content or feedback copies are not what was published") })
        #expect(SHA256.hex(fileAt: site + "/data/manifest.json") == manifest)
        // A new chain compares this build with nothing in that copy's place:
        // the official is recorded as new, with a warning naming the copy.
        let fresh = root + "-a2"
        try fm.copyItem(atPath: site, toPath: fresh)
        let (rn, ln) = LedgerTests.build(root, into: fresh, asOf: "2026-11-01", newLedger: true)
        guard case .built = rn.outcome else { Issue.record("--new-ledger: \(rn.outcome) \(ln.items.filter { $0.severity == .error })"); return }
        #expect(ln.items.contains { $0.file == fresh + copy && $0.severity == .warning
            && $0.message.hasSuffix("the new chain compares this build with nothing in its place") })
        let started = try LedgerTests.lastBuild(fresh)
        #expect(LedgerTests.kinds(started).prefix(2) == ["ledger_started", "official_added"], "\(LedgerTests.kinds(started))")
        #expect(try deadlines(fresh) == 0)
        #expect(SiteVerifier.verify(.init(site: fresh)).problems == [])
        // Built from the content it was published from, the copy is restored and the ledger kept;
        try original.write(toFile: root + "/" + official, atomically: true, encoding: .utf8)
        let (r2, l2) = LedgerTests.build(root, into: site, asOf: "2026-11-01")
        guard case .restored = r2.outcome else { Issue.record("not restored: \(r2.outcome) \(l2.items.filter { $0.severity == .error })"); return }
        #expect(try LedgerTests.entries(site).count == goodEntries)
        #expect(SiteVerifier.verify(.init(site: site, previous: good)).problems == [])
        // then the change is recorded.
        try moved.write(toFile: root + "/" + official, atomically: true, encoding: .utf8)
        let (r3, _) = LedgerTests.build(root, into: site, asOf: "2026-11-01")
        guard case .built = r3.outcome else { Issue.record("\(r3.outcome)"); return }
        #expect(try deadlines(site) == 1)
        try original.write(toFile: root + "/" + official, atomically: true, encoding: .utf8)

        // Copies removed or altered whose published bytes are this build's
        // are taken as unchanged, never read, and restored; files added
        // there (and in data/ledger/) are removed by the same swap.
        let other = root + "-b"
        try fm.copyItem(atPath: good, toPath: other)
        try fm.removeItem(atPath: other + copy)
        try "- { official: nguyen-van-an, by: \"X\", on: 2026-10-02, finding: \"y\", action: { deduct: 50 } }\n"
            .write(toFile: other + "/data/content/audits/a.yaml", atomically: true, encoding: .utf8)
        try "id: other\n".write(toFile: other + "/data/content/framework.yaml", atomically: true, encoding: .utf8)
        try TestContent.official("Giả", LedgerTests.official)
            .write(toFile: other + "/data/content/officials/xa-an-binh/gia.md", atomically: true, encoding: .utf8)
        try "x".write(toFile: other + "/data/ledger/x.html", atomically: true, encoding: .utf8)
        let (r4, l4) = LedgerTests.build(root, into: other, asOf: "2026-11-01")
        guard case .restored = r4.outcome else { Issue.record("not restored: \(r4.outcome) \(l4.items.filter { $0.severity == .error })"); return }
        #expect(try LedgerTests.entries(other).count == goodEntries)
        #expect(!fm.fileExists(atPath: other + "/data/content/officials/xa-an-binh/gia.md"))
        #expect(!fm.fileExists(atPath: other + "/data/ledger/x.html"))
        #expect(SiteVerifier.verify(.init(site: other, previous: good)).problems == [])

        // A published feedback export with a row altered: the rows this
        // build would compare with are not the published ones; it stops.
        let fed = root + "-c"
        try fm.copyItem(atPath: good, toPath: fed)
        let export = fed + "/data/feedback/xa-an-binh.csv.gz"
        let gz = try #require(fm.contents(atPath: export))
        let csv = try #require(Gzip.decompress(Array(gz)))
        let altered = String(decoding: csv, as: UTF8.self).replacingOccurrences(of: ",4,", with: ",1,")
        #expect(Array(altered.utf8) != csv)
        try Data(Gzip.compress(Array(altered.utf8))).write(to: URL(fileURLWithPath: export))
        let (r5, l5) = LedgerTests.build(root, into: fed, asOf: "2026-11-01")
        guard case .contentErrors = r5.outcome else { Issue.record("altered export accepted: \(r5.outcome)"); return }
        #expect(l5.items.contains { $0.file == export && $0.message.hasPrefix("changed since it was published") })
        #expect(SiteVerifier.verify(.init(site: fed)).problems == ["data/feedback/xa-an-binh.csv.gz: sha256 mismatch"])
    }

    @Test func signedHeads() throws {
        // A fixed test seed (base64 of 32 bytes), never a real key.
        let seed = Data((1...32).map { UInt8($0) }).base64EncodedString()
        let keyFile = FileManager.default.temporaryDirectory.appendingPathComponent("congkhai-key-\(UUID().uuidString)").path
        try seed.write(toFile: keyFile, atomically: true, encoding: .utf8)
        let key = try #require(Crypto.SigningKey(fileContents: seed))
        var c = LedgerTests.content()
        c["site.yaml"] = TestContent.site + "\nsigning_key: \"\(key.publicKeyBase64)\"\n"
        let root = try c.write()
        let out = root + "-out"
        let (report, log) = LedgerTests.build(root, into: out, environment: ["CONGKHAI_SIGNING_KEY": keyFile])
        guard case .built = report.outcome else { Issue.record("\(report.outcome) \(log.items)"); return }
        #expect(FileManager.default.fileExists(atPath: out + "/data/ledger/head.sig"))
        #expect(SiteVerifier.verify(.init(site: out)).problems == [])
        // Removed, or made by another key: rejected.
        let other = try #require(Crypto.SigningKey(fileContents: Data(repeating: 7, count: 32).base64EncodedString()))
        #expect(!SiteVerifier.verify(.init(site: out, key: other.publicKeyBase64)).problems.isEmpty)
        try FileManager.default.removeItem(atPath: out + "/data/ledger/head.sig")
        #expect(SiteVerifier.verify(.init(site: out)).problems.contains { $0.contains("head.sig: missing") })
        // A site key that does not match the private key stops the build.
        c["site.yaml"] = TestContent.site + "\nsigning_key: \"\(other.publicKeyBase64)\"\n"
        let root2 = try c.write()
        let (r2, log2) = LedgerTests.build(root2, into: root2 + "-out", environment: ["CONGKHAI_SIGNING_KEY": keyFile])
        guard case .contentErrors = r2.outcome else { Issue.record("mismatched key accepted"); return }
        #expect(log2.items.contains { $0.message.contains("signing_key does not match") })
    }

    @Test func theEndedPeriodIsFrozenAndKept() throws {
        let root = try LedgerTests.content().write()
        let out = root + "-out"
        LedgerTests.build(root, into: out, asOf: "2026-12-31")
        // Bytes ("byte for byte" below; `String`'s `==` is canonical equivalence, decision 126).
        let frozen = FileManager.default.contents(atPath: out + "/ky/2026/data/scores.json")
        #expect(frozen != nil)
        #expect(FileManager.default.fileExists(atPath: out + "/ky/2026/dia-phuong/xa-an-binh/nguyen-van-an/index.html"))
        // The next period: a new site.yaml period; the frozen 2026 stays byte for byte.
        var c = LedgerTests.content()
        c["site.yaml"] = TestContent.site.replacingOccurrences(of: "period: { id: \"2026\", start: 2026-01-01, end: 2026-12-31 }",
                                                              with: "period: { id: \"2027\", start: 2027-01-01, end: 2027-12-31 }")
        let next = try c.write()
        try FileManager.default.removeItem(atPath: next + "/officials")
        try FileManager.default.copyItem(atPath: root + "/officials", toPath: next + "/officials")
        let (report, log) = LedgerTests.build(next, into: out, asOf: "2027-01-15")
        guard case .built = report.outcome else { Issue.record("\(report.outcome) \(log.items.filter { $0.severity == .error })"); return }
        #expect(FileManager.default.contents(atPath: out + "/ky/2026/data/scores.json") == frozen)
        let site = try BuiltSite(root: out)
        #expect((site.text("index.html") ?? "").contains("href=\"/ky/2026/\""))
        #expect(site.brokenLinks().isEmpty, "\(site.brokenLinks().prefix(5))")
        #expect(FileManager.default.fileExists(atPath: out + "/data/history/2026.csv"))
        #expect(FileManager.default.fileExists(atPath: out + "/data/history/2027.csv"))
        #expect(SiteVerifier.verify(.init(site: out)).problems == [])
    }

    @Test func historyKeepsDailyRowsForAMonthThenMonthEnds() throws {
        var h = ScoreHistory()
        for (d, t) in [("2026-08-10", "50"), ("2026-08-31", "51"), ("2026-09-15", "52"), ("2026-10-20", "53"), ("2026-11-01", "54")] {
            h.append(try #require(Day(iso: d)), locality: "x", official: "a", total: t, band: "ok")
        }
        let root = try LedgerTests.content().write()
        let run = try #require(ScoringRun.run(content: root, options: .init(asOf: Day(iso: "2026-11-28")), log: DiagnosticLog()))
        let merged = ScoreHistory.merged(previous: h, run: run)
        let days = Set(merged.rows.map(\.asOf.description))
        // Before D − 30 (2026-10-29): the last as_of of each month only.
        #expect(days == ["2026-08-31", "2026-09-15", "2026-10-20", "2026-11-01", "2026-11-28"])
    }

    @Test func pagesShowHistoryRemovedCommitmentsAndVanishedRows() throws {
        let edited = """
        commitments:
          - id: cau
            title: "Xây cầu"
            group: B
            target: 10
            deadline: 2026-12-31
            status: in_progress
            updates:
              - { on: 2026-08-01, progress: 40, note: "Đổ móng" }
              - { on: 2026-10-01, progress: 60, note: "Xong trụ" }
        """
        let (_, out) = try twoBuilds { c in
            c["officials/xa-an-binh/nguyen-van-an.md"] = TestContent.official("Nguyễn Văn An", edited)
            c["feedback/a.csv"] = TestContent.feedbackHeader + "r1,2026-03-01,survey,xa-an-binh,nguyen-van-an,,rating,citizen,p1,4,,,,,,\n"
        }
        let site = try BuiltSite(root: out)
        let page = site.text("dia-phuong/xa-an-binh/nguyen-van-an/index.html") ?? ""
        #expect(page.contains("Hạn hoàn thành được dời từ 30/09/2026 sang 31/12/2026, ghi nhận ngày 28/11/2026"))
        // The removed commitment stays on the page and in commitments.csv, marked, with its last state.
        #expect(page.contains("Cam kết đã bị gỡ khỏi dữ liệu") && page.contains("Làm đường") && page.contains("id=\"ck-duong\""))
        let csv = site.text("data/commitments.csv") ?? ""
        #expect(csv.contains("xa-an-binh,nguyen-van-an,duong,Làm đường,A,,5,,,,,2026-06-30,normal,done,2026-06-20,,,,,,false,2026-11-28"), "\(csv)")
        // Published rows that vanished are counted on the locality page.
        let locality = site.text("dia-phuong/xa-an-binh/index.html") ?? ""
        #expect(locality.contains("2 phản ánh đã công bố trước đây không còn trong dữ liệu."))
        // The recent-changes pages and their feeds.
        let changes = site.text("thay-doi/index.html") ?? ""
        #expect(changes.contains("Nguyễn Văn An — cam kết «Xây cầu»: Hạn hoàn thành được dời từ 30/09/2026 sang 31/12/2026"))
        #expect((site.text("dia-phuong/xa-an-binh/thay-doi/index.html") ?? "").contains("Cam kết «Làm đường» của Nguyễn Văn An đã bị gỡ khỏi dữ liệu"))
        #expect((site.text("thay-doi/feed.xml") ?? "").contains("<entry>"))
        #expect(site.brokenLinks().isEmpty, "\(site.brokenLinks().prefix(5))")
    }
}
