import Foundation

/// The time dimension of a build (DESIGN.md, "History and the ledger"): reads
/// what the previous build published, refuses a broken ledger, publishes the
/// data that lets anyone recompute the scores, carries the score history and
/// frozen periods forward, and appends this build's entries to the ledger.
struct HistoryStage {
    struct Options: Sendable {
        /// `--new-ledger`: start a new chain (recorded as `ledger_started`).
        var newLedger = false
        var newLedgerReason: String?
        /// `serve`: a preview is not a publication; it neither reads nor extends a ledger.
        var preview = false
        /// Where the ledger as the last build checked it is kept (decision
        /// 112); nil where the build has no program digest or seal key.
        var checkedLedger: CheckedLedger.Place?
        /// Bytes at which a ledger segment is sealed (decision 117).
        var segmentBytes = LedgerSegments.defaultBytes
        /// Where the published files the build reads back are recorded as
        /// the last build left them (decision 124); nil as `checkedLedger`.
        var signatures: PublishedSignatures.Place?
    }

    /// The public demo key (documented in docs/van-hanh.md): pseudonyms made
    /// with it can be reversed by guessing, so real sites set their own.
    static let demoPseudonymKey = "congkhai-demo-pseudonym-key"

    private(set) var previous: PreviousSite
    let options: Options
    /// The output folder as an absolute path (for messages).
    let output: String

    /// Nil (with errors in `log`) when a previous site's ledger does not verify
    /// and no new ledger was asked for: nothing may be published then.
    static func open(output: String, options: Options, log: DiagnosticLog) -> HistoryStage? {
        let previous = options.preview ? PreviousSite(root: output) : PreviousSite.read(output, checked: options.checkedLedger, signatures: options.signatures)
        let output = output.hasPrefix("/") ? output : FileManager.default.currentDirectoryPath + "/" + output
        if previous.exists, !previous.ledger.problems.isEmpty, !options.newLedger {
            for problem in previous.ledger.problems.prefix(20) { log.error(output + "/data/ledger", 0, 0, problem) }
            log.error(output + "/data/ledger", 0, 0,
                      "the published site's ledger is missing or does not verify: nothing is published; "
                      + "restore it from a mirror, or start a new chain with --new-ledger (recorded publicly)")
            return nil
        }
        if previous.exists, !previous.carriedProblems.isEmpty {
            // Checked with --new-ledger too: a new chain must not start from an altered past.
            for problem in previous.carriedProblems.prefix(20) { log.error(output + "/" + problem.path, 0, 0, problem.message) }
            log.error(output + "/data/manifest.json", 0, 0,
                      "the published score history or frozen periods are not what was published: nothing is published; "
                      + "restore them from a mirror or a kept release (congkhai rollback), or move the published folder away to start a new site")
            return nil
        }
        return HistoryStage(previous: previous, options: options, output: output)
    }

    /// True when this build appends to the previous chain (not a first build, not `--new-ledger`).
    var continues: Bool {
        previous.exists && !options.newLedger && previous.ledger.problems.isEmpty && previous.ledger.exists
    }

    /// This period's score history: the previous one with this build's rows.
    /// The published file is read here, once, and checked again against the
    /// digest checked at the start (its bytes are not kept from then: every
    /// period's file was held through the build).
    func scoreHistory(run: ScoringRun) throws -> ScoreHistory {
        let path = ScoreHistory.path(period: run.province.site.period)
        guard let file = previous.carried.first(where: { $0.path == path }) else {
            return ScoreHistory.merged(previous: ScoreHistory(), run: run)
        }
        guard let bytes = CarriedFiles.bytes(of: file, in: output) else { throw ReplayError(path: path) }
        return ScoreHistory.merged(previous: ScoreHistory.parse(bytes), run: run)
    }

    /// What pages show of the ledger and the score history.
    func siteHistory(run: ScoringRun, pending: [LedgerEntry], scores: ScoreHistory) -> SiteHistory {
        let changes = continues ? SiteHistory.changes(previous.ledger) : []
        if continues, let place = options.checkedLedger { CheckedLedger.write(place, ledger: previous.ledger, changes: changes) }
        var h = SiteHistory(previousChanges: changes, pending: pending, asOf: run.scoreboard.asOf, scores: scores)
        var ids = Set(previous.carried.compactMap { f -> String? in
            let parts = f.path.split(separator: "/")
            return parts.count > 2 && parts[0] == "ky" ? String(parts[1]) : nil
        })
        let period = run.province.site.period
        if run.scoreboard.asOf >= period.end { ids.insert(period.id) }
        h.frozenPeriods = ids.sorted()
        return h
    }

    /// Files published for recomputation and history, added before the manifest.
    /// (A period that ends with this build is frozen by the caller: `freezing`.)
    /// This run's own feedback exports are not among them: the build makes
    /// those beside the pages (`SiteBuild`, `IdleWork`); a replayed feedback
    /// stage's, read back from the published site, are.
    /// `emit` is called from every core: each file is read back, checked
    /// and written on its own (a province's 2,600 content copies and its
    /// replayed exports were ~60 ms of one core in a one-file rebuild).
    func dataFiles(run: ScoringRun, history: ScoreHistory, emit: @Sendable (OutputFile) throws -> Void) throws {
        var out: [OutputFile] = []
        let p = run.province
        // The content as scored, byte for byte, one file at a time (from the
        // loader's spool, not from the content folder, which may have changed).
        // A published copy the last build's record vouches for under its
        // present signature, with this build's digest, is linked unread
        // (decision 124): a province rebuild read, hashed and compared its
        // ~1,700 copies every time.
        let paths = p.inputFiles.filter { !$0.hasPrefix("feedback/") && !$0.hasPrefix("static/") }
        let output = self.output, contentRecord = previous.contentSignatures
        try EveryCore.forEach(paths.count) { i in
            let path = paths[i], copy = SitePaths.contentFile(path)
            if let digest = p.inputBytes.hash(path) {
                if contentRecord?.vouches(for: copy, digest: digest, under: output) == true {
                    try emit(OutputFile(path: copy, published: output + "/" + copy, digest: digest))
                    return
                }
                guard let bytes = p.inputBytes.bytes(path) else { throw SpoolError(path: path) }
                try emit(OutputFile(path: copy, bytes: bytes))
            } else if let data = FileManager.default.contents(atPath: p.root + "/" + path) {
                try emit(OutputFile(path: copy, bytes: Array(data)))
            }
        }
        if let replayed = run.replayedExports {
            // The feedback stage was replayed (decision 98): its exports are
            // the published files, each linked while the last build's record
            // vouches for it under its present signature (decision 124),
            // else checked again as it is read.
            let record = previous.exportSignatures
            try EveryCore.forEach(replayed.count) { i in
                let e = replayed[i], source = output + "/" + e.path
                if record?.vouches(for: e.path, digest: e.digest, under: output) == true {
                    try emit(OutputFile(path: e.path, published: source, digest: e.digest))
                    return
                }
                guard let data = FileManager.default.contents(atPath: source),
                      SHA256.hex(Array(data)) == e.digest else { throw ReplayError(path: e.path) }
                try emit(OutputFile(path: e.path, bytes: Array(data)))
            }
        }
        // Score history: this period's file updated, every other carried forward.
        let historyPath = ScoreHistory.path(period: p.site.period)
        out.append(OutputFile(path: historyPath, bytes: history.csv))
        for file in out { try emit(file) }
        // The other periods' history and the frozen periods: kept unchanged,
        // each linked while it has the signature it was checked with, else
        // read and checked again against its digest (decision 124).
        let kept = previous.carried.filter { $0.path != historyPath }, root = output
        try EveryCore.forEach(kept.count) { i in
            guard let file = CarriedFiles.output(of: kept[i], in: root) else { throw ReplayError(path: kept[i].path) }
            try emit(file)
        }
    }

    /// The spooled copy of a content file could not be read back intact.
    struct SpoolError: Error, CustomStringConvertible {
        var path: String
        var description: String {
            "cannot read back the copy of \(path) taken when it was scored (temporary folder full or changed?); nothing was published"
        }
    }

    /// A published export changed between the cache's check and its reading.
    struct ReplayError: Error, CustomStringConvertible {
        var path: String
        var description: String {
            "the published \(path) changed while this build was running; nothing was published (build again)"
        }
    }

    /// `ky/<period>/` when this build reaches the period's end and the period
    /// is not frozen yet: the caller copies every page and data file there.
    func freezing(run: ScoringRun) -> String? {
        let p = run.province
        let frozen = "ky/\(p.site.period.id)/"
        guard run.scoreboard.asOf >= p.site.period.end, !previous.carried.contains(where: { $0.path.hasPrefix(frozen) }) else { return nil }
        return frozen
    }

    /// What a frozen copy holds: the site as built, without other frozen
    /// periods, the live ledger, or robots.txt (it only means something at the root).
    static func belongsInFrozenCopy(_ path: String) -> Bool {
        !path.hasPrefix("ky/") && !path.hasPrefix("data/ledger/") && path != "robots.txt"
    }

    /// This build's entries (without the closing `build` entry); nil (with
    /// an error in `log`) when the published feedback cannot be read back,
    /// since rows removed from it could not be recorded.
    mutating func changes(run: ScoringRun, log: DiagnosticLog) -> [LedgerEntry]? {
        let p = run.province
        previous.loadComparison(current: ComparisonBasis.Current(
            digest: { p.inputBytes.hash($0) }, frameworkFile: p.framework.file,
            audits: { file in p.auditEntries.filter { $0.file == file } }))
        defer { previous.dropComparison() }
        if options.newLedger, !previous.basisProblems.isEmpty {
            for problem in previous.basisProblems.prefix(20) {
                log.warning(output + "/" + problem.path, 0, 0, problem.message + "; the new chain compares this build with nothing in its place")
            }
            previous.setAsideBasisProblems()
        }
        // A replayed feedback stage publishes the published exports again,
        // byte for byte: no row of them can have changed (decision 98).
        if run.replayedExports != nil { previous.feedbackFiles = [] }
        let framework = p.inputBytes.bytes(p.framework.file)
            ?? FileManager.default.contents(atPath: p.root + "/" + p.framework.file).map { Array($0) } ?? []
        var current = ChangeSet.Current(province: p, frameworkBytes: framework, feedback: run.export?.rows ?? RowDigests())
        if let export = run.export { current.exported = { export.sharedPrefix(locality: $0, with: $1) } }
        var compared = ChangeSet.entries(previous: previous, current: current)
        if compared == nil {
            if previous.exists, !options.newLedger {
                log.error(output + "/data/feedback", 0, 0, "a published feedback file cannot be read: nothing is published (use --new-ledger to start over)")
                return nil
            }
            // A new chain starts anyway: compared with nothing published.
            previous.feedbackFiles = []
            compared = ChangeSet.entries(previous: previous, current: current)
        }
        var entries = compared ?? []
        if !previous.exists || options.newLedger || !previous.ledger.exists {
            var reason = previous.exists ? "new ledger requested" : "first publication of this site"
            if let r = options.newLedgerReason, !r.isEmpty { reason = r }
            else if previous.exists, let problem = previous.ledger.problems.first { reason += " (previous ledger: \(problem))" }
            var head: JSONValue?
            if let h = previous.ledger.head {
                head = .object([("seq", .integer(h.seq)), ("hash", .string(h.hash)), ("as_of", .string(h.asOf))])
            }
            entries.insert(LedgerEntry(kind: .ledgerStarted, reason: reason, previousHead: head), at: 0)
        }
        return entries
    }

    /// Where the published content and feedback this build compared with
    /// are not what was published (`ComparisonBasis`): unless the build
    /// publishes the same manifest (then they are restored), it stops —
    /// its entries would not be what changed. Known after `changes`.
    func comparisonProblems(log: DiagnosticLog) -> Bool {
        guard previous.exists, !previous.basisProblems.isEmpty else { return false }
        for problem in previous.basisProblems.prefix(20) { log.error(output + "/" + problem.path, 0, 0, problem.message) }
        log.error(output + "/data/manifest.json", 0, 0,
                  "the published content or feedback copies are not what was published, so this build cannot record what changed: "
                  + "nothing is published; restore them from a mirror or a kept release (congkhai rollback), "
                  + "or move the published folder away to start a new site")
        return true
    }

    /// True when the previous build published exactly this manifest: nothing to append, nothing to rewrite.
    func isUnchanged(manifest: [UInt8]) -> Bool {
        guard previous.exists, !options.newLedger, previous.ledger.problems.isEmpty,
              let last = previous.ledger.lastBuild, let m = last.new?["manifest"]?.stringValue else { return false }
        return m == SHA256.hex(manifest)
    }

    /// The published `data/ledger/` as it is (a build that publishes no new entry).
    func publishedLedger() -> [OutputFile] {
        (LedgerFile.entryFiles(site: previous.root).files + ["data/ledger/head.json", "data/ledger/head.sig"]).compactMap { path in
            FileManager.default.contents(atPath: previous.root + "/" + path).map { OutputFile(path: path, bytes: Array($0)) }
        }
    }

    /// Seals this build's entries as soon as they are known: their `seq` and
    /// `prev` links do not depend on anything later (only the closing
    /// `build` entry names the manifest), so their lines go to a spool and
    /// the entries themselves — a first national build's 331,000, each with
    /// a commitment's whole state, ~400 MB as values — are not held through
    /// pages and data.
    func seal(_ pending: [LedgerEntry], asOf: Day, province: Province) -> SealedLedger {
        let continuing = continues
        var seq = continuing ? (previous.ledger.entries.last?.seq ?? 0) : 0
        var prev = continuing ? (previous.ledger.entries.last?.hash ?? LedgerEntry.genesis) : LedgerEntry.genesis
        let spool = Spool()
        var lengths: [Int] = []
        lengths.reserveCapacity(pending.count)
        // An added commitment's state and every member that does not depend
        // on the chain are made on every core; the links, in order, here
        // (one thread serialized a first national build's ~240,000 entries
        // with the other core idle; plan and ledger 7.9 → 5.7 s).
        PipelinedMap.run(count: pending.count, chunk: 1024, make: { i -> (LedgerEntry, LedgerEntry.Members) in
            var e = pending[i]
            if let (o, c) = e.deferredState { e.new = ChangeSet.state(province.officials[o].commitments[c]) }
            return (e, e.members(asOf: asOf))
        }) { _, prepared in
            var (e, members) = prepared
            seq += 1
            e.seal(seq: seq, prev: prev, members: members)
            prev = e.hash
            let line = e.lineBytes(newline: true)
            lengths.append(line.count)
            spool.append(line)
        }
        return SealedLedger(lines: spool, lengths: lengths, seq: seq, hash: prev, asOf: asOf)
    }

    /// `data/ledger/`: the previous entries unchanged, this build's appended,
    /// the closing `build` entry, the head (and its signature), in the
    /// files of `layout` (decisions 117, 118). The last build's sealed segments
    /// are linked; every other entry file is streamed into the staging
    /// folder (a country's ledger is ~200 MB, which joined in memory was
    /// the build's last peak); the small files are returned.
    func writeLedger(_ sealed: SealedLedger, layout: LedgerSegments, manifest: [UInt8], scores: [UInt8],
                     signingKey: Crypto.SigningKey?, staging: Staging) throws -> [OutputFile] {
        let build = HistoryStage.buildEntry(sealed, manifest: SHA256.hex(manifest), scores: SHA256.hex(scores))
        let buildLine = build.lineBytes(newline: true)
        let kept = continues ? previous.ledger : LedgerFile()
        let keptCount = kept.entries.count
        let total = keptCount + sealed.lengths.count + 1  // and the `build` entry
        // The layout the pages list was made with a stand-in build entry of the same length.
        guard layout.files.last?.entries.upperBound == total, buildLine.count == HistoryStage.buildLineLength(sealed) else {
            throw Publisher.Failure.io("the ledger's layout does not match its entries (an internal error); nothing was published")
        }
        // Where each of this build's lines starts in its spool.
        let starts = sealed.lengths.reduce(into: [0]) { $0.append($0[$0.count - 1] + $1) }
        let sealedCount = sealed.lengths.count
        let root = previous.root
        for file in layout.files {
            let range = file.entries
            // A sealed segment of the last build, unchanged since it was checked: linked unread.
            if file.sealed, range.upperBound <= keptCount,
               let segment = kept.keptSegment(site: root, path: file.path, entries: range) {
                try staging.write(OutputFile(path: file.path, published: segment.source, digest: segment.digest))
                continue
            }
            let produce: OutputFile.Producer = { sink in
                // The kept entries of this file, from the spool they were checked into.
                if range.lowerBound < keptCount {
                    try kept.lines.forEachChunk(in: kept.byteRange(range.lowerBound..<min(range.upperBound, keptCount)), sink)
                }
                // This build's entries of this file.
                let first = max(range.lowerBound, keptCount) - keptCount
                let last = min(range.upperBound, keptCount + sealedCount) - keptCount
                if first < last { try sealed.lines.forEachChunk(in: starts[first]..<starts[last], sink) }
                if range.upperBound == total { try sink(buildLine) }
            }
            // A sealed segment is compared with the published file as it is
            // written, and linked when equal (its mtime kept); the open file
            // changes with every build that appends.
            if file.sealed { try staging.write(OutputFile(path: file.path, streamed: produce)) }
            else { try staging.write(path: file.path, produce) }
        }
        let head = LedgerFile.headJSON(seq: build.seq, hash: build.hash, asOf: sealed.asOf)
        var out = [OutputFile(path: "data/ledger/head.json", text: head)]
        if let key = signingKey, let sig = key.sign(Array(head.utf8)) {
            out.append(OutputFile(path: "data/ledger/head.sig", text: Data(sig).base64EncodedString() + "\n"))
        }
        return out
    }

    /// The closing `build` entry after `sealed`, naming the manifest's and
    /// the scores' digests.
    static func buildEntry(_ sealed: SealedLedger, manifest: String, scores: String) -> LedgerEntry {
        var build = LedgerEntry(kind: .build, new: .object([("manifest", .string(manifest)), ("scores", .string(scores))]))
        build.seal(seq: sealed.seq + 1, asOf: sealed.asOf, prev: sealed.hash)
        return build
    }

    /// The length of the `build` line after `sealed`, known before the
    /// manifest is: its digests are 64 hex digits whatever they are.
    static func buildLineLength(_ sealed: SealedLedger) -> Int {
        let zeros = String(repeating: "0", count: 64)
        return buildEntry(sealed, manifest: zeros, scores: zeros).line.utf8.count + 1
    }

    /// Which entries the ledger's files will hold once this build's
    /// entries and its `build` entry are appended (decision 117).
    func ledgerLayout(_ sealed: SealedLedger) -> LedgerSegments {
        var lengths: [Int] = continues ? previous.ledger.entries.map { $0.length + 1 } : []
        lengths += sealed.lengths
        lengths.append(HistoryStage.buildLineLength(sealed))
        return LedgerSegments(lengths: lengths, limit: options.segmentBytes)
    }

    /// The pseudonym key from `CONGKHAI_PSEUDONYM_KEY` or the file named by
    /// `CONGKHAI_PSEUDONYM_KEY_FILE`; else the public demo key, with a warning
    /// when the site is not a demo.
    static func pseudonymKey(environment: [String: String], demo: Bool, log: DiagnosticLog) -> [UInt8] {
        if let k = environment["CONGKHAI_PSEUDONYM_KEY"], !k.isEmpty { return Array(k.utf8) }
        if let path = environment["CONGKHAI_PSEUDONYM_KEY_FILE"], !path.isEmpty {
            if let data = FileManager.default.contents(atPath: path), !data.isEmpty {
                return Array(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).utf8)
            }
            log.error("CONGKHAI_PSEUDONYM_KEY_FILE", 0, 0, "cannot read the pseudonym key file \(path)")
        }
        if !demo {
            log.warning("site.yaml", 0, 0, "no pseudonym key (CONGKHAI_PSEUDONYM_KEY or CONGKHAI_PSEUDONYM_KEY_FILE): respondent pseudonyms in data/feedback/ use the public demo key and can be reversed by guessing")
        }
        return Array(demoPseudonymKey.utf8)
    }

    /// A value that changes with the pseudonym key and tells nothing about
    /// it (HMAC-SHA-256 of a fixed text under the key): kept beside the
    /// published site, never published (decision 97).
    static func pseudonymCheck(key: [UInt8]) -> String {
        SHA256.hexString(Crypto.hmacSHA256(key: key, message: Array("congkhai pseudonym key check 1".utf8)))
    }

    /// The key the feedback cache is sealed with (decision 98): derived from
    /// the pseudonym key, so that only whoever holds that key can make a
    /// cache a build will use; nil when its key file cannot be read.
    static func cacheSealKey(environment: [String: String]) -> [UInt8]? {
        let log = DiagnosticLog()
        let key = pseudonymKey(environment: environment, demo: true, log: log)
        return log.hasErrors ? nil : Crypto.hmacSHA256(key: key, message: Array("congkhai feedback cache seal 1".utf8))
    }

    /// The check of the key `environment` gives; nil when its key file
    /// cannot be read (the build reports that error itself).
    static func pseudonymCheck(environment: [String: String]) -> String? {
        let log = DiagnosticLog()
        let key = pseudonymKey(environment: environment, demo: true, log: log)
        return log.hasErrors ? nil : pseudonymCheck(key: key)
    }

    /// The signing key from the file named by `CONGKHAI_SIGNING_KEY`, checked
    /// against `site.yaml: signing_key` when the site publishes one.
    static func signingKey(environment: [String: String], site: SiteConfig, log: DiagnosticLog) -> Crypto.SigningKey? {
        guard let path = environment["CONGKHAI_SIGNING_KEY"], !path.isEmpty else { return nil }
        guard let data = FileManager.default.contents(atPath: path),
              let key = Crypto.SigningKey(fileContents: String(decoding: data, as: UTF8.self)) else {
            log.error("CONGKHAI_SIGNING_KEY", 0, 0, "cannot read an Ed25519 private key from \(path) (PEM, or base64 of the 32-byte seed)")
            return nil
        }
        if let published = site.signingKey, published != key.publicKeyBase64 {
            log.error("site.yaml", 0, 0, "signing_key does not match the key in CONGKHAI_SIGNING_KEY (its public key is \(key.publicKeyBase64))")
            return nil
        }
        return key
    }
}
