import Foundation
import Testing
@testable import Congkhai

/// The ledger as the last build checked it (decision 112): a build that
/// takes entries from it must read the ledger exactly as a full read does,
/// find every edit of the bytes it covers, and publish what a build
/// without it publishes.
@Suite struct CheckedLedgerTests {
    /// Three builds on three days: the second leaves what it checked of
    /// the first's ledger, the third takes that and leaves what it checked
    /// of both. Returns the content folder and the output.
    static func threeBuilds() throws -> (root: String, out: String) {
        let root = try LedgerTests.content().write()
        let out = root + "-out"
        for day in ["2026-11-01", "2026-11-02", "2026-11-03"] {
            let (report, log) = LedgerTests.build(root, into: out, asOf: day)
            guard case .built = report.outcome else {
                Issue.record("\(day): \(report.outcome) \(log.items.filter { $0.severity == .error })")
                break
            }
        }
        return (root, out)
    }

    static func place(_ out: String, program: String? = nil, sealKey: [UInt8]? = nil) throws -> CheckedLedger.Place {
        let path = Publisher(destination: out).checkedLedgerPath
        // The program digest the builds used: the one the file was written with.
        let written = try #require(FileManager.default.contents(atPath: path))
        var r = ByteReader(Array(written))
        _ = try r.string()
        let builtBy = try r.string()
        let demoKey = try #require(HistoryStage.cacheSealKey(environment: [:]))
        return CheckedLedger.Place(path: path, program: program ?? builtBy, sealKey: sealKey ?? demoKey)
    }

    /// What a read found, entry by entry, in a form two reads compare by.
    static func described(_ ledger: LedgerFile) -> [String] {
        ledger.entries.map { "\($0.seq) \($0.kind) \($0.hash) \($0.asOf) \($0.new.map(CanonicalJSON.serialize) ?? "-") \(ledger.line($0))" }
    }

    static func described(_ changes: [SiteHistory.Change]) -> [String] {
        changes.map { c in
            let subject = c.subject.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
            return "\(c.asOf) \(c.kind.rawValue) \(subject) \(c.field ?? "-") \(c.old.map(CanonicalJSON.serialize) ?? "-") "
                + "\(c.new.map(CanonicalJSON.serialize) ?? "-") \(c.count.map(String.init) ?? "-")"
        }
    }

    @Test func aReadThatTakesCheckedLinesFindsWhatAFullReadFinds() throws {
        let (root, out) = try CheckedLedgerTests.threeBuilds()
        defer { for p in [root, out] { try? FileManager.default.removeItem(atPath: p) } }
        let checked = try #require(CheckedLedger.read(try CheckedLedgerTests.place(out)))
        let full = LedgerFile.read(site: out)
        let taken = LedgerFile.read(site: out, checked: checked, recordsClean: true)
        #expect(full.problems.isEmpty && taken.problems.isEmpty, "\(full.problems) \(taken.problems)")
        #expect(CheckedLedgerTests.described(taken) == CheckedLedgerTests.described(full))
        #expect(taken.head?.seq == full.head?.seq && taken.head?.hash == full.head?.hash)
        // The first two builds' entries were taken, the third's parsed.
        let covered = try #require(checked.files["data/ledger/entries.jsonl"]).lines.count
        #expect(covered > 0 && covered < full.entries.count)
        #expect(taken.knownChanges?.entries == covered)
        // The changes found then are those of the entries it covered, read back from the spool.
        var firstBuilds = full
        firstBuilds.entries = Array(full.entries.prefix(covered))
        let known = try #require(taken.knownChanges?.take())
        #expect(!known.isEmpty && CheckedLedgerTests.described(known) == CheckedLedgerTests.described(SiteHistory.changes(firstBuilds)))
        #expect(CheckedLedgerTests.described(SiteHistory.changes(taken)) == CheckedLedgerTests.described(SiteHistory.changes(full)))
        #expect(!SiteHistory.changes(full).isEmpty)
        // What this read records covers the whole file.
        #expect(taken.cleanFiles.map(\.entries) == [0..<full.entries.count])
    }

    /// An entry the last build checked, edited to the same length (so
    /// only the digest can tell), and the ledger cut short: each is found
    /// as without the file, and stops the build.
    @Test func editsOfCheckedBytesAreFound() throws {
        let (root, out) = try CheckedLedgerTests.threeBuilds()
        defer { for p in [root, out] { try? FileManager.default.removeItem(atPath: p) } }
        let place = try CheckedLedgerTests.place(out)
        let path = out + "/data/ledger/entries.jsonl"
        let original = try String(contentsOfFile: path, encoding: .utf8)
        // "ầ" and "ấ" are three bytes each.
        let edited = original.replacingOccurrences(of: "Xây cầu", with: "Xây cấu")
        #expect(edited != original && edited.utf8.count == original.utf8.count)
        try edited.write(toFile: path, atomically: true, encoding: .utf8)
        let problems = LedgerFile.read(site: out, checked: CheckedLedger.read(place), recordsClean: true).problems
        #expect(problems.contains("ledger seq 3: hash mismatch"), "\(problems)")
        let (report, log) = LedgerTests.build(root, into: out, asOf: "2026-11-04")
        guard case .contentErrors = report.outcome else { Issue.record("build went on: \(report.outcome)"); return }
        #expect(log.items.contains { $0.message.contains("ledger seq 3: hash mismatch") })
        // Cut short, ahead of what was checked.
        let lines = original.split(separator: "\n")
        try (lines.dropLast(lines.count - 4).joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let cut = LedgerFile.read(site: out, checked: CheckedLedger.read(place), recordsClean: true).problems
        #expect(cut.contains { $0.contains("(truncated)") }, "\(cut)")
        // A last line without its newline (every entry still valid): not recorded as checked.
        try String(original.dropLast()).write(toFile: path, atomically: true, encoding: .utf8)
        let unended = LedgerFile.read(site: out, checked: nil, recordsClean: true)
        #expect(unended.problems.contains { $0.contains("does not end with a complete line") } && unended.cleanFiles.isEmpty,
                "\(unended.problems) \(unended.cleanFiles.map(\.path))")
    }

    @Test func anotherProgramsOrKeysFileIsNotRead() throws {
        let (root, out) = try CheckedLedgerTests.threeBuilds()
        defer { for p in [root, out] { try? FileManager.default.removeItem(atPath: p) } }
        #expect(CheckedLedger.read(try CheckedLedgerTests.place(out)) != nil)
        #expect(CheckedLedger.read(try CheckedLedgerTests.place(out, program: "another program")) == nil)
        #expect(CheckedLedger.read(try CheckedLedgerTests.place(out, sealKey: Array("another key".utf8))) == nil)
    }

    /// The same fourth build on the site as the third left it, once with
    /// everything the builds keep beside it and once from the folder alone:
    /// every published byte the same.
    @Test func aBuildThatTakesCheckedLinesPublishesTheSame() throws {
        let (root, out) = try CheckedLedgerTests.threeBuilds()
        let bare = out + "-bare"
        defer { for p in [root, out, bare] { try? FileManager.default.removeItem(atPath: p) } }
        try FileManager.default.copyItem(atPath: out, toPath: bare)
        #expect(FileManager.default.fileExists(atPath: Publisher(destination: out).checkedLedgerPath))
        #expect(!FileManager.default.fileExists(atPath: Publisher(destination: bare).checkedLedgerPath))
        for site in [out, bare] {
            let (report, log) = LedgerTests.build(root, into: site, asOf: "2026-11-04")
            guard case .built = report.outcome else { Issue.record("\(site): \(report.outcome) \(log.items)"); return }
        }
        let files = try FileManager.default.subpathsOfDirectory(atPath: out).sorted()
        #expect(files == (try FileManager.default.subpathsOfDirectory(atPath: bare)).sorted())
        for file in files {
            #expect(FileManager.default.contents(atPath: out + "/" + file) == FileManager.default.contents(atPath: bare + "/" + file), "\(file)")
        }
    }
}
