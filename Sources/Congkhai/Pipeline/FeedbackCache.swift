import Foundation

/// What the last build's feedback stage found, kept beside the published
/// site (`.NAME.congkhai.feedback`, never published) so that a rebuild whose
/// feedback inputs are unchanged does not read the exports again (decision 98).
///
/// The stage is a function of the exports' bytes and of a small part of the
/// province: the `as_of`, the site, framework, catalogs and localities (their
/// files' bytes), and of each official only its locality, id and commitment
/// ids in order — not the rest of its Markdown, which is what editors edit
/// during the day. The key is one SHA-256 of those, with the program, options
/// and keys (`BuildKey.Partial.header`). Under one key the stage gives the
/// same tally, quarantined rows, diagnostics and export bytes, so a hit
/// replays them; the exports are then the files already published, used only
/// when every one still has the digest recorded here (and checked again as
/// it is re-emitted), and the ledger finds no feedback row changed, since
/// those files are this build's exports byte for byte.
///
/// Per whole stage, not per export file as the national-scale issue
/// sketched: one file's rows depend on the files before it (a row id seen
/// earlier makes a later row a duplicate; a respondent's latest rating wins
/// across files), so a per-file tally would be exact only with every file's
/// ids and rating keys kept beside it — the whole ingest's state again.
struct FeedbackCache {
    static let format = "congkhai-feedback-cache 1"

    var key: String
    var tally: FeedbackTally
    var quarantined: [QuarantinedRow]
    var quarantinedCount: Int
    var rowsRead: Int
    var bytesRead: Int
    /// Feedback export path → SHA-256 of the bytes scored.
    var hashes: [String: String]
    /// What the stage logged (header warnings), replayed on a hit.
    var diagnostics: [Diagnostic]
    /// `data/feedback/*.csv.gz` as this build published them: path, SHA-256.
    var exports: [Export]

    struct Export: Sendable, Equatable {
        var path: String
        var digest: String
    }

    /// What a build offers the scoring run so it can look for a cache and
    /// key the one it leaves (none is offered to a preview or `--new-ledger`).
    struct Lookup: Sendable {
        /// The cache file.
        var path: String
        /// `BuildKey.Partial.header`: program, options, `as_of` option, keys, theme.
        var header: String
        /// Each export's digest known without reading it (decision 92); nil
        /// when one is not known: the stage then runs, hashing as it reads.
        var trustedDigest: @Sendable (String) -> String?
        /// The published site, whose `data/feedback/` a hit re-emits.
        var output: String
        var pseudonymCheck: String?
        /// What the cache is sealed with (`HistoryStage.cacheSealKey`).
        var sealKey: [UInt8]
        /// The published exports as the last build recorded them (decision
        /// 124): one still as it left is not hashed again to be replayed.
        var recorded: PublishedSignatures?

        func key(province p: Province, asOf: Day, feedsPages: Bool, feedbackDigest: (String) -> String?) -> String? {
            FeedbackCache.key(province: p, asOf: asOf, header: header, feedsPages: feedsPages,
                              pseudonymCheck: pseudonymCheck, feedbackDigest: feedbackDigest)
        }
    }

    /// Nil when an input's digest is unknown.
    /// Whether a published site exists is not in it: that changes only the
    /// ledger's comparison, which a hit skips (the published exports are
    /// then this build's, byte for byte).
    static func key(province p: Province, asOf: Day, header: String, feedsPages: Bool,
                    pseudonymCheck: String?, feedbackDigest: (String) -> String?) -> String? {
        var lines = [format, "header \(header)", "as_of \(asOf)", "pages \(feedsPages)",
                     "pseudonym \(pseudonymCheck ?? "-")"]
        func field(_ s: String) -> String { "\(s.utf8.count):\(s)" }
        // Every input but the officials' files (projected below), the exports
        // (below, in order) and static files (copied, never read by the stage).
        for path in p.inputFiles.sorted() where !path.hasPrefix("officials/") && !path.hasPrefix("static/")
            && !BuildKey.isFeedbackExport(path) {
            guard let d = p.inputBytes.hash(path) ?? SHA256.hex(fileAt: p.root + "/" + path) else { return nil }
            lines.append("input \(field(path)) \(d)")
        }
        for l in p.localities { lines.append("locality \(field(l.id))") }
        for o in p.officials {
            lines.append("official \(field(o.locality)) \(field(o.id)) " + o.commitments.map { field($0.id) }.joined(separator: " "))
        }
        for f in p.feedbackFiles {
            guard let d = feedbackDigest(f) else { return nil }
            lines.append("feedback \(field(f)) \(d)")
        }
        return SHA256.hex(Array(lines.joined(separator: "\n").utf8))
    }

    // MARK: - File

    /// Sealed beside the site (`SealedFile`): the cache decides published
    /// numbers, so only a build holding the installation's pseudonym key can
    /// make one a later build reads.
    func write(to path: String, sealKey: [UInt8]) {
        SealedFile.write(to: path, sealKey: sealKey) { w in
            w.string(FeedbackCache.format)
            w.string(key)
            w.int(tally.ratings.count)
            w.int(tally.localitySummaries.count)
            tally.encode(into: &w)
            w.int(quarantinedCount)
            w.int(quarantined.count)
            for q in quarantined { w.string(q.file); w.int(q.line); w.string(q.id); w.string(q.reason) }
            w.int(rowsRead)
            w.int(bytesRead)
            w.int(hashes.count)
            for (f, h) in hashes.sorted(by: { UTF8Order.precedes($0.key, $1.key) }) { w.string(f); w.string(h) }
            w.int(diagnostics.count)
            for d in diagnostics { d.encode(into: &w) }
            w.int(exports.count)
            for e in exports { w.string(e.path); w.string(e.digest) }
        }
    }

    /// The cache at `path` when it is whole and its key is `key`, for a
    /// province of this many officials and localities; nil otherwise.
    static func read(_ path: String, key: String, province p: Province, sealKey: [UInt8]) -> FeedbackCache? {
        guard var r = SealedFile.read(path, prefix: [format, key], sealKey: sealKey) else { return nil }
        do {
            guard try r.int() == p.officials.count, try r.int() == p.localities.count else { return nil }
            let tally = try FeedbackTally(decoding: &r, officials: p.officials.count, localities: p.localities.count)
            let quarantinedCount = try r.int()
            let quarantined = try (0..<r.count(minimumBytes: 4)).map { _ in
                QuarantinedRow(file: try r.string(), line: try r.int(), id: try r.string(), reason: try r.string())
            }
            let rowsRead = try r.int(), bytesRead = try r.int()
            var hashes: [String: String] = [:]
            for _ in 0..<(try r.count(minimumBytes: 2)) { hashes[try r.string()] = try r.string() }
            let diagnostics = try (0..<r.count(minimumBytes: 5)).map { _ in try Diagnostic.decode(&r) }
            let exports = try (0..<r.count(minimumBytes: 2)).map { _ in Export(path: try r.string(), digest: try r.string()) }
            guard r.isAtEnd else { return nil }
            return FeedbackCache(key: key, tally: tally, quarantined: quarantined, quarantinedCount: quarantinedCount,
                                 rowsRead: rowsRead, bytesRead: bytesRead, hashes: hashes, diagnostics: diagnostics, exports: exports)
        } catch {
            return nil
        }
    }

    /// True when `output/data/feedback/` holds exactly these `.csv.gz` files
    /// with these digests (hashed now, on every core, but those `record`
    /// vouches for under their present signature, decision 124).
    static func published(_ exports: [Export], under output: String, trusting record: PublishedSignatures? = nil) -> Bool {
        let dir = output + "/data/feedback"
        let listed = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".csv.gz") }
        guard Set(listed.map { "data/feedback/" + $0 }) == Set(exports.map(\.path)), listed.count == exports.count else { return false }
        let same = Slots<Bool>(count: exports.count)
        DispatchQueue.concurrentPerform(iterations: exports.count) { i in
            let e = exports[i]
            same.set(i, record?.vouches(for: e.path, digest: e.digest, under: output) == true
                || SHA256.hex(fileAt: output + "/" + e.path) == e.digest)
        }
        let values = same.values
        return values.count == exports.count && values.allSatisfy { $0 }
    }
}
