import Foundation
import Testing
@testable import Congkhai

/// The ledger split into numbered segments (decisions 117 and 118): the
/// same entries, byte for byte, as one file; no `entries.jsonl` beside
/// them; sealed segments linked, never written again; every missing or
/// edited segment caught by `verify` and by the next build.
@Suite struct LedgerSegmentTests {
    /// Every entry file of a published ledger, in order, concatenated.
    static func allEntries(_ site: String) throws -> [UInt8] {
        try LedgerFile.entryFiles(site: site).files.flatMap { [UInt8](try Data(contentsOf: URL(fileURLWithPath: site + "/" + $0))) }
    }

    static func entryFileNames(_ site: String) -> [String] {
        LedgerFile.entryFiles(site: site).files.map { String($0.dropFirst("data/ledger/".count)) }
    }

    /// Three builds of the ledger tests' content (the last after an edit),
    /// into `out` with the given environment.
    static func builds(_ out: String, environment: [String: String]) throws {
        let root = try LedgerTests.content().write()
        defer { try? FileManager.default.removeItem(atPath: root) }
        for (i, asOf) in ["2026-10-01", "2026-11-01", "2026-11-28"].enumerated() {
            if i == 2 {
                try LedgerSegmentTests.moveDeadline(root)
            }
            let (report, log) = LedgerTests.build(root, into: out, asOf: asOf, environment: environment)
            guard case .built = report.outcome else {
                Issue.record("build \(asOf): \(report.outcome) \(log.items.filter { $0.severity == .error })")
                return
            }
        }
    }

    /// Segments of 1 KB: the ledger tests' three builds make four files or more.
    static let smallSegments = ["CONGKHAI_LEDGER_SEGMENT_BYTES": "1024"]

    static func temporary() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("congkhai-segments-\(UUID().uuidString)").path
    }

    /// A site of the three builds in 1 KB segments, and its entry files' names.
    static func segmentedSite() throws -> (out: String, names: [String]) {
        let out = temporary()
        try builds(out, environment: smallSegments)
        let names = entryFileNames(out)
        try #require(names.count >= 4, "\(names)")
        return (out, names)
    }

    /// The edit before the third build: a deadline moved (a ledger entry).
    static func moveDeadline(_ root: String) throws {
        let text = TestContent.official("Nguyễn Văn An",
                                        LedgerTests.official.replacingOccurrences(of: "deadline: 2026-09-30", with: "deadline: 2026-12-31"))
        try Data(text.utf8).write(to: URL(fileURLWithPath: root + "/officials/xa-an-binh/nguyen-van-an.md"))
    }

    @Test func theLayoutSealsGreedilyAndKeepsWhatItSealed() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let limit = Int.random(in: 1...2_000, using: &generator)
            let lengths = (0..<Int.random(in: 1...120, using: &generator)).map { _ in Int.random(in: 1...600, using: &generator) }
            let layout = LedgerSegments(lengths: lengths, limit: limit)
            // The files cover every entry once, in order; the open file is last and never empty.
            #expect(layout.files.map(\.entries.lowerBound) == [0] + layout.files.dropLast().map(\.entries.upperBound))
            #expect(layout.files.last?.entries.upperBound == lengths.count)
            #expect(layout.files.last?.entries.isEmpty == false)
            #expect(layout.files.last?.sealed == false)
            // One file is `entries.jsonl`; a split ledger is numbered segments alone.
            #expect(layout.files.map(\.path) == (layout.files.count == 1 ? ["data/ledger/entries.jsonl"]
                                                   : layout.files.indices.map { "data/ledger/" + LedgerSegments.segmentName($0 + 1) }))
            for file in layout.files.dropLast() {
                #expect(file.sealed)
                // Sealed at the first entry that brings it to the limit.
                let bytes = lengths[file.entries].reduce(0, +)
                #expect(bytes >= limit && bytes - lengths[file.entries.upperBound - 1] < limit)
            }
            // A ledger under the limit is one file, as before segments.
            if lengths.reduce(0, +) <= limit { #expect(layout.files.count == 1) }
            // Appending entries keeps every segment sealed before.
            let more = lengths + (0..<Int.random(in: 1...60, using: &generator)).map { _ in Int.random(in: 1...600, using: &generator) }
            let grown = LedgerSegments(lengths: more, limit: limit)
            #expect(Array(grown.files.prefix(layout.files.count - 1)) == Array(layout.files.dropLast()))
            // A segment's name, once published, starts at the same entry
            // (the open one too); only `entries.jsonl` can go.
            for file in layout.files where file.path != "data/ledger/entries.jsonl" {
                #expect(grown.files.first { $0.path == file.path }?.entries.lowerBound == file.entries.lowerBound)
            }
        }
    }

    @Test func segmentNamesSortInEntryOrder() {
        #expect(LedgerSegments.segmentName(1) == "entries-000001.jsonl")
        #expect(LedgerSegments.segmentName(1_234_567) == "entries-1234567.jsonl")
        #expect(LedgerSegments.segmentNumber("entries-000042.jsonl") == 42)
        #expect(LedgerSegments.segmentNumber("entries-.jsonl") == nil && LedgerSegments.segmentNumber("entries-4a.jsonl") == nil)
        #expect(LedgerSegments.segmentNumber("entries.jsonl") == nil)
        #expect([LedgerSegments.segmentName(10), LedgerSegments.segmentName(2), LedgerSegments.segmentName(1)].sorted()
                == [LedgerSegments.segmentName(1), LedgerSegments.segmentName(2), LedgerSegments.segmentName(10)])
        #expect(LedgerSegments.limit(environment: [:]) == LedgerSegments.defaultBytes)
        #expect(LedgerSegments.limit(environment: ["CONGKHAI_LEDGER_SEGMENT_BYTES": "5000"]) == 5_000)
        #expect(LedgerSegments.limit(environment: ["CONGKHAI_LEDGER_SEGMENT_BYTES": "10"]) == LedgerSegments.defaultBytes)
        #expect(LedgerSegments.limit(environment: ["CONGKHAI_LEDGER_SEGMENT_BYTES": "x"]) == LedgerSegments.defaultBytes)
    }

    /// The same builds with and without segments: the same entries, byte
    /// for byte, and the same head; the sealed segments of one build are
    /// the next build's files (same inode, same mtime), and the open-data
    /// page lists every file.
    @Test func segmentsHoldTheSameEntriesAndAreLinkedNotWritten() throws {
        let base = LedgerSegmentTests.temporary()
        let whole = base + "-whole", split = base + "-split"
        defer { for p in [whole, split] { try? FileManager.default.removeItem(atPath: p) } }
        try LedgerSegmentTests.builds(whole, environment: [:])
        // Record each sealed segment's inode and mtime after every build.
        let root = try LedgerTests.content().write()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let env = LedgerSegmentTests.smallSegments
        var seen: [String: (UInt64, Date)] = [:]
        var kept = 0
        for (i, asOf) in ["2026-10-01", "2026-11-01", "2026-11-28"].enumerated() {
            if i == 2 {
                try LedgerSegmentTests.moveDeadline(root)
            }
            let (report, log) = LedgerTests.build(root, into: split, asOf: asOf, environment: env)
            guard case .built = report.outcome else { Issue.record("\(report.outcome) \(log.items)"); return }
            // Every segment but the open one (the last).
            for name in LedgerSegmentTests.entryFileNames(split).dropLast() {
                let a = try FileManager.default.attributesOfItem(atPath: split + "/data/ledger/" + name)
                let now = ((a[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0, a[.modificationDate] as? Date ?? .distantPast)
                if let before = seen[name] {
                    #expect(before == now, "\(name) was written again")
                    kept += 1
                }
                seen[name] = now
            }
        }
        let names = LedgerSegmentTests.entryFileNames(split)
        #expect(names.count >= 4 && names == names.indices.map { LedgerSegments.segmentName($0 + 1) }, "\(names)")
        #expect(!FileManager.default.fileExists(atPath: split + "/data/ledger/entries.jsonl"))
        #expect(kept >= 2)
        // The same entries but for the links: each `build` entry names a
        // manifest that lists the open-data page, which lists the files.
        func unlinked(_ site: String) throws -> [String] {
            String(decoding: try LedgerSegmentTests.allEntries(site), as: UTF8.self).split(separator: "\n").map { line in
                guard case let .object(pairs)? = CanonicalJSON.parse(String(line)) else { return "not an entry: \(line)" }
                let build = pairs.contains { $0.0 == "kind" && $0.1 == .string("build") }
                return CanonicalJSON.serialize(.object(pairs.filter { !["hash", "prev"].contains($0.0) && !(build && $0.0 == "new") }))
            }
        }
        let entries = try unlinked(split)
        let wholeEntries = try unlinked(whole)
        #expect(entries.count >= 10 && entries == wholeEntries)
        #expect(LedgerSegmentTests.entryFileNames(whole) == [LedgerSegments.single])
        #expect(SiteVerifier.verify(.init(site: split, recompute: true)).problems == [])
        let openData = try String(contentsOfFile: split + "/du-lieu/index.html", encoding: .utf8)
        for name in names { #expect(openData.contains("data/ledger/" + name), "\(name) not listed") }
        // Links to the ledger open the open-data page's list of its files.
        #expect(openData.contains("<h2 id=\"so-cai\">"))
        let changes = try String(contentsOfFile: split + "/thay-doi/index.html", encoding: .utf8)
        #expect(changes.contains("href=\"/du-lieu/#so-cai\""), "the changes page does not link the ledger's files")
        let english = try String(contentsOfFile: split + "/en/thay-doi/index.html", encoding: .utf8)
        #expect(english.contains("href=\"/en/du-lieu/#so-cai\""), "the English changes page does not link the English list")
        // The pages differ only where they list the ledger's files.
        let a = try BuiltSite(root: whole), b = try BuiltSite(root: split)
        let differing = Set(a.files.keys).union(b.files.keys).filter { a.files[$0] != b.files[$0] && !$0.hasPrefix("data/ledger/") }
        #expect(differing.allSatisfy { $0.contains("du-lieu/") || $0 == "data/manifest.json" }, "\(differing.sorted())")
    }

    /// A segment rewritten, deleted from the middle, or named out of the
    /// numbering: `verify` says which, and a build on that site stops.
    @Test func anEditedOrMissingSegmentIsCaught() throws {
        let (out, names) = try LedgerSegmentTests.segmentedSite()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let env = LedgerSegmentTests.smallSegments
        let folder = out + "/data/ledger/"
        let second = folder + LedgerSegments.segmentName(2)
        let original = try Data(contentsOf: URL(fileURLWithPath: second))
        let root = try LedgerTests.content().write()
        defer { try? FileManager.default.removeItem(atPath: root) }
        func buildStops(_ what: String) {
            let (report, log) = LedgerTests.build(root, into: out, asOf: "2026-11-29", environment: env)
            guard case .contentErrors = report.outcome else { Issue.record("\(what): the build went on: \(report.outcome)"); return }
            #expect(log.items.contains { $0.message.contains("does not verify") }, "\(what)")
        }
        // An entry of a sealed segment rewritten.
        var text = String(decoding: original, as: UTF8.self)
        let firstLine = text.prefix { $0 != "\n" }
        let seq = CanonicalJSON.parse(String(firstLine))?["seq"]?.intValue ?? 0
        text = text.replacingOccurrences(of: "\"as_of\":\"", with: "\"as_of\":\"x", options: [], range: text.startIndex..<text.index(text.startIndex, offsetBy: firstLine.count))
        try Data(text.utf8).write(to: URL(fileURLWithPath: second))
        #expect(SiteVerifier.verify(.init(site: out)).problems.contains("ledger seq \(seq): hash mismatch"))
        buildStops("an edited segment")
        // The middle segment deleted: named, and the chain's gap reported.
        try FileManager.default.removeItem(atPath: second)
        var problems = SiteVerifier.verify(.init(site: out)).problems
        #expect(problems.contains("ledger: data/ledger/\(LedgerSegments.segmentName(2)) is missing (the segments are numbered from 1 without gaps)"),
                "\(problems)")
        #expect(problems.contains { $0.contains("an entry is missing or out of order") })
        buildStops("a missing segment")
        try original.write(to: URL(fileURLWithPath: second))
        #expect(SiteVerifier.verify(.init(site: out)).problems == [])
        // The last (open) segment deleted: the newest entries are gone, and
        // head.json says so.
        let open = folder + LedgerSegments.segmentName(names.count)
        let openBytes = try Data(contentsOf: URL(fileURLWithPath: open))
        try FileManager.default.removeItem(atPath: open)
        problems = SiteVerifier.verify(.init(site: out)).problems
        #expect(problems.contains { $0.contains("(truncated)") }, "\(problems)")
        buildStops("a missing last segment")
        // The open segment named `entries.jsonl` (decision 117's layout):
        // every entry is there and chains, but a verifier reading the
        // segments alone would miss them — the one problem named.
        try openBytes.write(to: URL(fileURLWithPath: folder + LedgerSegments.single))
        problems = SiteVerifier.verify(.init(site: out)).problems
        #expect(problems == ["ledger: data/ledger/entries.jsonl is beside numbered segments (a split ledger is its segments alone; when it holds the newest entries, rename it \(LedgerSegments.segmentName(names.count)))"],
                "\(problems)")
        buildStops("entries.jsonl beside segments")
        // Renamed as the message says, the site verifies again.
        try FileManager.default.moveItem(atPath: folder + LedgerSegments.single, toPath: open)
        #expect(SiteVerifier.verify(.init(site: out)).problems == [])
        // A file named like a segment but outside the numbering.
        try Data("{}\n".utf8).write(to: URL(fileURLWithPath: folder + "entries-7.jsonl"))
        problems = SiteVerifier.verify(.init(site: out)).problems
        #expect(problems.contains { $0.contains("entries-7.jsonl is not a segment's name") }, "\(problems)")
        try FileManager.default.removeItem(atPath: folder + "entries-7.jsonl")
        // The open segment's entries moved into the last sealed one: every
        // entry is still there, in order, but the layout is not the one a
        // build makes; the chain verifies (the split is not part of it) and
        // the next build lays it out again, keeping the segments before it.
        let last = folder + LedgerSegments.segmentName(names.count - 1)
        let merged = try Data(contentsOf: URL(fileURLWithPath: last)) + openBytes
        let before = try LedgerSegmentTests.allEntries(out)
        try FileManager.default.removeItem(atPath: open)
        try merged.write(to: URL(fileURLWithPath: last))
        #expect(SiteVerifier.verify(.init(site: out)).problems == [])
        let (report, log) = LedgerTests.build(root, into: out, asOf: "2026-11-29", environment: env)
        guard case .built = report.outcome else { Issue.record("\(report.outcome) \(log.items)"); return }
        #expect(Array(try LedgerSegmentTests.allEntries(out).prefix(before.count)) == before)
        #expect(LedgerSegmentTests.entryFileNames(out).count >= names.count)
        #expect(SiteVerifier.verify(.init(site: out, recompute: true)).problems == [])
    }

    /// A published page edited by hand under a segmented ledger: the build
    /// that restores the site from its manifest keeps every segment as it
    /// was (the restore republishes the ledger's files without appending
    /// to them).
    @Test func aRestoredSiteKeepsEverySegment() throws {
        let (out, names) = try LedgerSegmentTests.segmentedSite()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let env = LedgerSegmentTests.smallSegments
        let before = try BuiltSite(root: out).files
        try Data("edited".utf8).write(to: URL(fileURLWithPath: out + "/index.html"))
        let root = try LedgerTests.content().write()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try LedgerSegmentTests.moveDeadline(root)
        let (report, log) = LedgerTests.build(root, into: out, asOf: "2026-11-28", environment: env)
        guard case .restored = report.outcome else { Issue.record("expected restored, got \(report.outcome) \(log.items)"); return }
        #expect(LedgerSegmentTests.entryFileNames(out) == names)
        #expect(try BuiltSite(root: out).files == before)
        #expect(SiteVerifier.verify(.init(site: out)).problems == [])
    }

    /// A one-file ledger laid out again under a segment size (and back):
    /// the entries are unchanged and `verify --previous` holds across it.
    @Test func aLedgerIsSplitAndJoinedWithoutChangingAnEntry() throws {
        let out = LedgerSegmentTests.temporary()
        let old = out + "-old"
        defer { for p in [out, old] { try? FileManager.default.removeItem(atPath: p) } }
        try LedgerSegmentTests.builds(out, environment: [:])
        try FileManager.default.copyItem(atPath: out, toPath: old)
        let root = try LedgerTests.content().write()
        defer { try? FileManager.default.removeItem(atPath: root) }
        for (asOf, env) in [("2026-11-29", ["CONGKHAI_LEDGER_SEGMENT_BYTES": "1500"]), ("2026-11-30", [:])] {
            let before = try LedgerSegmentTests.allEntries(out)
            let (report, log) = LedgerTests.build(root, into: out, asOf: asOf, environment: env)
            guard case .built = report.outcome else { Issue.record("\(report.outcome) \(log.items)"); return }
            #expect(Array(try LedgerSegmentTests.allEntries(out).prefix(before.count)) == before)
            #expect(SiteVerifier.verify(.init(site: out, previous: old, recompute: true)).problems == [])
            let files = LedgerSegmentTests.entryFileNames(out).count
            #expect(env.isEmpty ? files == 1 : files > 1, "\(files) files")
        }
    }

    /// A sealed segment is linked only while it is the file that was
    /// checked: touched after the read, it is not (the build then writes
    /// the checked bytes instead).
    @Test func aSegmentChangedSinceItWasReadIsNotLinked() throws {
        let out = LedgerSegmentTests.temporary()
        defer { try? FileManager.default.removeItem(atPath: out) }
        try LedgerSegmentTests.builds(out, environment: LedgerSegmentTests.smallSegments)
        let ledger = LedgerFile.read(site: out, checked: nil, recordsClean: true)
        #expect(ledger.problems == [])
        let path = "data/ledger/" + LedgerSegments.segmentName(1)
        let entries = try #require(ledger.cleanFiles.first { $0.path == path }).entries
        let kept = try #require(ledger.keptSegment(site: out, path: path, entries: entries))
        #expect(kept.digest == SHA256.hex([UInt8](try Data(contentsOf: URL(fileURLWithPath: out + "/" + path)))))
        #expect(ledger.keptSegment(site: out, path: path, entries: entries.dropLast()) == nil)
        // The same bytes, touched: no longer the file that was read.
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_000_000)], ofItemAtPath: out + "/" + path)
        #expect(ledger.keptSegment(site: out, path: path, entries: entries) == nil)
    }
}
