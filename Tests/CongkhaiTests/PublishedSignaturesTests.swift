import Foundation
import Testing
@testable import Congkhai

/// The published files a build reads back, recorded as the last build left
/// them (decision 124): a recorded digest is taken only while the file has
/// the recorded signature, an edit found as before — an mtime set back
/// included — and what is published is what a build without the record
/// publishes.
@Suite struct PublishedSignaturesTests {
    static let scores = "ky/2026/data/scores.json"

    /// A site with a frozen period and a later build: the record covers it.
    static func site() throws -> (root: String, out: String) {
        let root = try LedgerTests.content().write()
        let out = root + "-out"
        for day in ["2026-11-28", "2026-12-31", "2027-01-04"] {
            let (report, log) = LedgerTests.build(root, into: out, asOf: day)
            guard case .built = report.outcome else {
                Issue.record("\(day): \(report.outcome) \(log.items.filter { $0.severity == .error })")
                break
            }
        }
        return (root, out)
    }

    static func place(_ out: String) throws -> PublishedSignatures.Place {
        let path = Publisher(destination: out).publishedSignaturesPath
        let written = try #require(FileManager.default.contents(atPath: path))
        var r = ByteReader(Array(written))
        _ = try r.string()
        return PublishedSignatures.Place(path: path, program: try r.string(),
                                         sealKey: try #require(HistoryStage.cacheSealKey(environment: [:])))
    }

    /// Builds after an edit of the official (a new paragraph each time, so
    /// that each build runs in full), at the site's last `as_of`.
    static func rebuilder(_ root: String, _ out: String) throws -> () throws -> SiteBuild.Report {
        let official = root + "/officials/xa-an-binh/nguyen-van-an.md"
        let text = try String(contentsOfFile: official, encoding: .utf8)
        var edits = 0
        return {
            edits += 1
            try (text + "\nĐoạn \(edits).\n").write(toFile: official, atomically: true, encoding: .utf8)
            return LedgerTests.build(root, into: out, asOf: "2027-01-04").0
        }
    }

    static func errors(_ log: DiagnosticLog) -> [String] {
        log.items.filter { $0.severity == .error }.map { "\($0.file): \($0.message)" }
    }

    @Test func recordsEveryFileReadBackAsPublished() throws {
        let (root, out) = try PublishedSignaturesTests.site()
        defer { for p in [root, out] { try? FileManager.default.removeItem(atPath: p) } }
        let record = try #require(PublishedSignatures.read(try PublishedSignaturesTests.place(out)))
        let files = try #require(FileWalk.entries(under: out)).filter { $0.kind == .file && PublishedSignatures.covers($0.path) }
        #expect(files.contains { $0.path == PublishedSignaturesTests.scores })
        #expect(files.contains { $0.path.hasPrefix("data/feedback/") } && files.contains { $0.path.hasPrefix("data/content/") })
        #expect(Set(record.entries.keys) == Set(files.map(\.path)))
        for f in files {
            let now = try #require(FileWalk.signature(of: out + "/" + f.path))
            #expect(record.entries[f.path] == .init(signature: now.signature, digest: try #require(SHA256.hex(fileAt: out + "/" + f.path))),
                    "\(f.path)")
        }
    }

    /// The record is believed: a digest recorded wrongly under a file's
    /// signature stops the build (so the file was not hashed) — a carried
    /// file and a compared copy alike — and under another signature it is
    /// not used at all.
    @Test func aRecordedDigestIsTakenOnlyUnderItsSignature() throws {
        let (root, out) = try PublishedSignaturesTests.site()
        defer { for p in [root, out] { try? FileManager.default.removeItem(atPath: p) } }
        let place = try PublishedSignaturesTests.place(out)
        // A copy the comparison reads: the official edited before each
        // build, so its published copy is not this build's (which would be
        // taken as it is without reading the copy).
        let official = "officials/xa-an-binh/nguyen-van-an.md"
        let text = try String(contentsOfFile: root + "/" + official, encoding: .utf8)
        var day = 5  // a later as_of each time: the same inputs would stop before reading anything back
        for path in [PublishedSignaturesTests.scores, "data/content/" + official] {
            for sameSignature in [true, false] {
                day += 1
                try (text + "\nĐoạn \(day).\n").write(toFile: root + "/" + official, atomically: true, encoding: .utf8)
                var forged = try #require(PublishedSignatures.read(place))
                let e = try #require(forged.entries[path])
                forged.entries[path] = .init(signature: sameSignature ? e.signature : e.signature + "0", digest: String(repeating: "0", count: 64))
                PublishedSignatures.write(place, walked: [], digests: [:])
                try PublishedSignaturesTests.write(forged, place)
                let before = try #require(SHA256.hex(fileAt: out + "/data/manifest.json"))
                let (report, log) = LedgerTests.build(root, into: out, asOf: "2027-01-0\(day)")
                if sameSignature {
                    guard case .contentErrors = report.outcome else {
                        Issue.record("\(path): \(report.outcome)")
                        continue
                    }
                    #expect(PublishedSignaturesTests.errors(log).contains { $0.hasPrefix(out + "/" + path + ": changed since it was published") },
                            "\(PublishedSignaturesTests.errors(log))")
                    #expect(SHA256.hex(fileAt: out + "/data/manifest.json") == before)
                } else {
                    #expect(PublishedSignaturesTests.errors(log).isEmpty, "\(path): \(PublishedSignaturesTests.errors(log))")
                }
            }
        }
    }

    static func write(_ record: PublishedSignatures, _ place: PublishedSignatures.Place) throws {
        SealedFile.write(to: place.path, sealKey: place.sealKey) { w in
            w.string(PublishedSignatures.format)
            w.string(place.program)
            w.int(record.entries.count)
            for (path, e) in record.entries.sorted(by: { UTF8Order.precedes($0.key, $1.key) }) {
                w.string(path)
                w.string(e.signature)
                w.string(e.digest)
            }
        }
        #expect(PublishedSignatures.read(place)?.entries == record.entries)
    }

    /// A frozen file edited in place with its modification time set back
    /// (same inode, same size, same mtime): its status-change time moved,
    /// so it is hashed and found, record or not.
    @Test func anEditWithItsTimeSetBackIsFound() throws {
        let (root, out) = try PublishedSignaturesTests.site()
        defer { for p in [root, out] { try? FileManager.default.removeItem(atPath: p) } }
        let path = out + "/" + PublishedSignaturesTests.scores
        var st = stat()
        #expect(lstat(path, &st) == 0)
        let (inode, size) = (st.st_ino, st.st_size)
        var bytes = try #require(FileManager.default.contents(atPath: path)).map { $0 }
        let digit = try #require(bytes.firstIndex { $0 >= UInt8(ascii: "1") && $0 <= UInt8(ascii: "8") })
        bytes[digit] += 1
        let fd = open(path, O_WRONLY)
        #expect(fd >= 0 && pwrite(fd, bytes, bytes.count, 0) == bytes.count)
        var times = [st.st_atim, st.st_mtim]
        #expect(futimens(fd, &times) == 0)
        close(fd)
        var after = stat()
        #expect(lstat(path, &after) == 0 && after.st_ino == inode && after.st_size == size
                && after.st_mtim.tv_sec == st.st_mtim.tv_sec && after.st_mtim.tv_nsec == st.st_mtim.tv_nsec)
        let (report, log) = LedgerTests.build(root, into: out, asOf: "2027-01-05")
        guard case .contentErrors = report.outcome else {
            Issue.record("\(report.outcome)")
            return
        }
        #expect(PublishedSignaturesTests.errors(log).contains { $0.hasPrefix(path + ": changed since it was published") },
                "\(PublishedSignaturesTests.errors(log))")
    }

    /// A carried file is published by a link while it has the signature it
    /// was checked with; changed since, it is read and checked again, and
    /// not published when it differs.
    @Test func aCarriedFileIsLinkedOnlyAsChecked() throws {
        let (root, out) = try PublishedSignaturesTests.site()
        defer { for p in [root, out] { try? FileManager.default.removeItem(atPath: p) } }
        let file = try #require(PreviousSite.read(out).carried.first { $0.path == PublishedSignaturesTests.scores })
        #expect(CarriedFiles.output(of: file, in: out)?.published?.source == out + "/" + PublishedSignaturesTests.scores)
        let path = out + "/" + PublishedSignaturesTests.scores
        let bytes = try #require(FileManager.default.contents(atPath: path))
        try bytes.write(to: URL(fileURLWithPath: path + ".new"))
        #expect(rename(path + ".new", path) == 0)  // the same bytes, another inode
        let again = try #require(CarriedFiles.output(of: file, in: out))
        #expect(again.published == nil && again.bytes == Array(bytes))
        try Data("{}".utf8).write(to: URL(fileURLWithPath: path))
        #expect(CarriedFiles.output(of: file, in: out) == nil)
    }

    /// A replayed feedback stage (decision 98) takes the published exports
    /// on the record's word, and only under their signatures: an export
    /// altered since the record was left is hashed and the replay refused;
    /// the same altered export under a record that vouches for its present
    /// signature (as only a holder of the seal's key could write) is taken
    /// unread — so the record, not a hash, decided.
    @Test func aReplayTakesThePublishedExportsOnTheRecordsWordOnly() throws {
        let (root, out) = try PublishedSignaturesTests.site()
        defer { for p in [root, out] { try? FileManager.default.removeItem(atPath: p) } }
        let build = try PublishedSignaturesTests.rebuilder(root, out)
        // The feedback files are taken on trust (and the stage replayed)
        // only once older than a second when a build lists them (decision 92).
        Thread.sleep(forTimeInterval: 1.2)
        _ = try build()
        #expect(try build().run?.replayedExports?.isEmpty == false)
        let place = try PublishedSignaturesTests.place(out)
        let record = try #require(PublishedSignatures.read(place))
        let export = try #require(record.entries.keys.first { $0.hasPrefix("data/feedback/") })
        let path = out + "/" + export
        var bytes = try #require(FileManager.default.contents(atPath: path)).map { $0 }
        bytes[bytes.count / 2] ^= 0x01
        // A new file in its place: the frozen period's copy is the same
        // inode, and an edit in place would be found there first.
        try Data(bytes).write(to: URL(fileURLWithPath: path + ".new"))
        #expect(rename(path + ".new", path) == 0)
        let refused = try build().run
        #expect(refused != nil && refused?.replayedExports == nil)
        var forged = record
        forged.entries[export]?.signature = try #require(FileWalk.signature(of: path)).signature
        try PublishedSignaturesTests.write(forged, place)
        #expect(try build().run?.replayedExports?.isEmpty == false)
    }

    /// The published copies of the content are linked on the record's word
    /// when this build's file has the recorded digest: a copy altered since
    /// the last build (another inode) is read, found different and written
    /// again; the same altered copy under a record that vouches for its
    /// present signature is linked unread and stays as it is — so the
    /// record, not a comparison of bytes, decided.
    @Test func contentCopiesAreLinkedOnTheRecordsWordOnly() throws {
        let (root, out) = try PublishedSignaturesTests.site()
        defer { for p in [root, out] { try? FileManager.default.removeItem(atPath: p) } }
        let rebuild = try PublishedSignaturesTests.rebuilder(root, out)
        func build() throws {
            let report = try rebuild()
            guard case .built = report.outcome else { Issue.record("\(report.outcome)"); return }
        }
        let copy = "data/content/catalog.yaml", path = out + "/" + copy
        let original = try #require(FileManager.default.contents(atPath: root + "/catalog.yaml"))
        func alter() throws {
            var bytes = Array(original)
            bytes[bytes.count / 2] ^= 0x01
            try Data(bytes).write(to: URL(fileURLWithPath: path + ".new"))
            #expect(rename(path + ".new", path) == 0)
        }
        try build()
        let unchanged = try #require(FileWalk.signature(of: path)).signature
        try build()
        #expect(try #require(FileWalk.signature(of: path)).signature.split(separator: " ")[3] == unchanged.split(separator: " ")[3],
                "an unchanged copy keeps its inode")
        try alter()
        try build()
        #expect(FileManager.default.contents(atPath: path) == original, "an altered copy is written again")
        try alter()
        let place = try PublishedSignaturesTests.place(out)
        var forged = try #require(PublishedSignatures.read(place))
        forged.entries[copy]?.signature = try #require(FileWalk.signature(of: path)).signature
        try PublishedSignaturesTests.write(forged, place)
        try build()
        #expect(FileManager.default.contents(atPath: path) != original, "linked on the record's word, unread")
    }

    /// With the record or without it, the same site is published.
    @Test func publishesWhatABuildWithoutTheRecordPublishes() throws {
        let (root, out) = try PublishedSignaturesTests.site()
        let bare = root + "-bare"
        defer { for p in [root, out, bare] { try? FileManager.default.removeItem(atPath: p) } }
        try FileManager.default.copyItem(atPath: out, toPath: bare)
        #expect(FileManager.default.fileExists(atPath: Publisher(destination: out).publishedSignaturesPath))
        #expect(!FileManager.default.fileExists(atPath: Publisher(destination: bare).publishedSignaturesPath))
        for site in [out, bare] {
            let (report, log) = LedgerTests.build(root, into: site, asOf: "2027-01-05")
            guard case .built = report.outcome else {
                Issue.record("\(site): \(report.outcome) \(PublishedSignaturesTests.errors(log))")
                return
            }
        }
        #expect(SHA256.hex(fileAt: out + "/data/manifest.json") == SHA256.hex(fileAt: bare + "/data/manifest.json"))
        #expect(SiteVerifier.verify(.init(site: out, previous: bare)).problems == [])
    }
}
