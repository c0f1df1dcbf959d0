import CSupport
import Foundation

/// Streams every feedback file through validation into the accumulator.
///
/// The only place where the scanner (load), the validator (validate) and the
/// accumulator (score) meet, so rows flow through without being stored (a
/// few batches in flight to the accumulator's and export's threads,
/// `FeedbackStages`).
public enum FeedbackIngest {
    public struct Result: Sendable {
        public var tally: FeedbackTally
        public var quarantined: [QuarantinedRow]
        /// Quarantined rows beyond those listed (the list is capped).
        public var quarantinedCount: Int
        public var rowsRead: Int
        public var bytesRead: Int
        /// SHA-256 of each feedback file as it was scanned (the manifest's,
        /// never re-read); empty when the run asked for none (`check`).
        public var hashes: [String: String] = [:]
        /// The most blocks of records in flight at once (`FeedbackLanes.mostInFlight`).
        var blocksInFlight = 0
    }

    /// Rows listed in the report at most; the count stays exact beyond it.
    public static let quarantineListLimit = 1_000_000

    public static func run(_ province: Province, asOf: Day, log: DiagnosticLog) -> Result {
        run(province, asOf: asOf, log: log, export: nil)
    }

    /// With `export`, each valid row dated in [S, D] is also written for publication.
    /// `lanes`: threads checking rows (`FeedbackLanes`); the result is the same for any number.
    /// `feedsPages` false: no page will be rendered, so the tally collects
    /// no published comment, category or summary (`ScoringRun.Options.feedsPages`).
    static func run(_ province: Province, asOf: Day, log: DiagnosticLog, export: FeedbackExport?,
                    feedsPages: Bool = true, hashes hashing: Bool = true,
                    lanes laneCount: Int = FeedbackLanes.defaultLanes) -> Result {
        let start = province.site.period.start
        // The id set is sized once, from a guess of the rows (growing it reads its spooled ids back).
        let paths = province.feedbackFiles.map { province.root + "/" + $0 }
        let expected = ExpectedRows.estimate(paths: paths, sizes: paths.map(FileSize.of))
        let accumulator = FeedbackAccumulator(province: province, asOf: asOf, feedsPages: feedsPages)
        let stages = FeedbackStages(accumulator: accumulator, export: export, start: start, asOf: asOf)
        var quarantined: [QuarantinedRow] = []
        var quarantinedCount = 0
        var rows = 0
        var bytes = 0
        var hashes: [String: String] = [:]
        var blocksInFlight = 0
        // The validator (and its id set, the largest structure of a national
        // ingest) is gone before the tallies and digests are sorted.
        do {
            let validator = FeedbackValidator(province: province, expectedRows: expected,
                                              keepsText: feedsPages || export != nil)
            let lanes = FeedbackLanes(checker: validator.checker, lanes: laneCount)
            // A checked block's rows, in order: ids claimed, then to the tally and export.
            var taken = 0
            func take(_ block: FeedbackLanes.Block) {
                var duplicates: [Int] = []
                // Row-id and respondent slots are random in large tables: ask
                // for the slots of the row `ahead`, and for the respondent's
                // stored digest of the row `near` (whose slot is by then in
                // cache), while this one is claimed.
                let ahead = 8, near = 4
                let hashes = block.idHashes, respondents = block.respondents, file = block.file
                // The rows claimed in a local, not through the block: an
                // inout access to a class's stored property is checked for
                // exclusivity at run time, once a row (~2 % of a `score`,
                // all on this thread; fifty-sixth session).
                var rows = block.rows
                block.rows = []
                for i in 0..<min(ahead, hashes.count) {
                    validator.prefetchClaim(idHash: hashes[i], respondent: respondents[i])
                }
                for i in 0..<min(near, hashes.count) { validator.prefetchStoredDigest(respondent: respondents[i]) }
                for outcome in block.outcomes {
                    let q: QuarantinedRow
                    if outcome >= 0 {
                        let i = Int(outcome)
                        if i + ahead < hashes.count {
                            validator.prefetchClaim(idHash: hashes[i + ahead], respondent: respondents[i + ahead])
                        }
                        if i + near < hashes.count { validator.prefetchStoredDigest(respondent: respondents[i + near]) }
                        guard let duplicate = validator.claim(&rows[i], file: file, idHash: hashes[i],
                                                              respondent: respondents[i]) else { continue }
                        duplicates.append(i)
                        q = duplicate
                    } else {
                        q = block.rejects[Int(-1 - outcome)]
                    }
                    quarantinedCount += 1
                    if quarantined.count < quarantineListLimit { quarantined.append(q) }
                }
                // Duplicates are rare: the block's rows go on as they are when there are none.
                if duplicates.isEmpty {
                    stages.add(batch: rows)
                } else {
                    let dropped = Set(duplicates)
                    stages.add(batch: rows.indices.filter { !dropped.contains($0) }.map { rows[$0] })
                }
                lanes.recycle(block)
                // Rows are made on the lanes' threads and freed on the tally's
                // and export's: jemalloc keeps the freed pages of each
                // thread's arena for seconds, which raised the national peak
                // by ~80 MB (4,802-official tree: 314 → 286 MB with this,
                // 278 MB on one thread). Every ~half a million rows they go back.
                taken += 1
                if taken % 256 == 0 { congkhai_release_free_memory() }
            }
            // A block goes to the lanes; the oldest come back once more than
            // `depth` are out — also after a file's last block: with exports
            // smaller than a block (one per commune, per month) none ever
            // filled, nothing was taken until the last file, and every
            // file's records and rows were in memory at once (1,629 small
            // exports: peak 285 MB → 1.4 GB).
            func hand(_ block: FeedbackLanes.Block) {
                lanes.submit(block)
                while let done = lanes.next(beyond: lanes.depth) { take(done) }
            }
            for (fileIndex, file) in province.feedbackFiles.enumerated() {
                let path = province.root + "/" + file
                let size = FileSize.of(path)
                bytes += size
                stages.register(file: file)
                let scanner = CSVScanner(path: path)
                // Only a build needs the digests (its manifest, its key and
                // caches): `check` and `score` do not hash 2.6 GB.
                let digest = hashing ? SHA256.Stream() : nil
                var block: FeedbackLanes.Block?
                var sawHeader = false
                var headerFailed = false
                let failure = scanner.scan(onChunk: { digest?.update($0) }) { record in
                    if headerFailed { return }
                    guard sawHeader else {
                        sawHeader = true
                        if let columns = validator.columns(header: record, file: file, log: log) {
                            block = lanes.block(file: file, fileIndex: fileIndex, columns: columns)
                        } else {
                            headerFailed = true
                        }
                        return
                    }
                    // `block` holds the block; each record reaches it
                    // without a reference count of its own (read from the
                    // closure's box it was retained and released twice a
                    // record, ~2 million pairs of atomic operations on 1 M rows).
                    guard let held = block.map(Unmanaged.passUnretained) else { return }
                    rows += 1
                    if held._withUnsafeGuaranteedRef({ $0.records.append(record) }) == FeedbackLanes.blockSize {
                        let current = held.takeUnretainedValue()
                        hand(current)
                        block = lanes.block(file: file, fileIndex: fileIndex, columns: current.columns)
                    }
                }
                if let block { hand(block) }
                if let digest { hashes[file] = digest.finish() }
                switch failure {
                case .none:
                    if !sawHeader { log.error(file, 1, 0, "feedback file is empty: it needs at least a header row") }
                case .cannotOpen?:
                    log.error(file, 0, 0, "cannot read file")
                case let .notUTF8(line, guess)?:
                    let (l, message) = TextDecoding.message(for: .notUTF8(line: line, guess: guess))
                    log.error(file, l, 0, message)
                }
            }
            validator.finishHeaders(log: log)
            while let done = lanes.next(beyond: 0) { take(done) }
            blocksInFlight = lanes.mostInFlight
            if validator.lostRowIDs, let file = province.feedbackFiles.last {
                log.error(file, 0, 0, "cannot read back the row ids this build set aside to find duplicates (temporary folder removed or full?); nothing was published")
            }
        }
        // The id set's pages go back before the tallies are sorted and the
        // row digests built (a rebuild's peak was both at once).
        congkhai_release_free_memory()
        let tally = stages.finish()
        if tally.commentsLost, let file = province.feedbackFiles.last {
            log.error(file, 0, 0, "cannot read back the published comments this build set aside (temporary folder removed or full?); nothing was published")
        }
        var result = Result(tally: tally, quarantined: quarantined, quarantinedCount: quarantinedCount,
                            rowsRead: rows, bytesRead: bytes, hashes: hashes)
        result.blocksInFlight = blocksInFlight
        return result
    }
}

enum FileSize {
    static func of(_ path: String) -> Int {
        var st = stat()
        return stat(path, &st) == 0 ? Int(st.st_size) : 0
    }
}
