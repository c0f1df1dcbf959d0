import Foundation

/// Row checks on every core, answers in file order.
///
/// The scanner hands blocks of records to `lanes` serial queues in turn
/// (block n to lane n mod lanes); each lane runs `FeedbackRowChecker` with a
/// category memo of its own. The ingest takes blocks back oldest first, so
/// whatever the number of lanes and however threads are scheduled, the rows
/// reach `FeedbackValidator.claim` — duplicate ids, respondent numbers — and
/// the tally and export in exactly the order of the files. The checks were
/// ~60 % of the ingest's one ordered thread, the part no other core could
/// share (decision 80).
///
/// `@unchecked Sendable`: `pending` and `submitted` are touched only by the
/// ingest's thread; a block's answers are written on its lane and read after
/// its semaphore is signalled.
final class FeedbackLanes: @unchecked Sendable {
    /// Records per block: big enough that queue traffic is noise, small
    /// enough that the blocks in flight stay a few megabytes.
    static let blockSize = 2048

    final class Block: @unchecked Sendable {
        let records = CSVRecordBlock(capacity: FeedbackLanes.blockSize)
        fileprivate(set) var file: String
        /// `file`'s place in `Province.feedbackFiles`, which each row keeps.
        fileprivate(set) var fileIndex: Int
        fileprivate(set) var columns: FeedbackValidator.Columns
        /// The rows that passed the checks, in order.
        var rows: [FeedbackRow] = []
        /// Per row: `ByteTable.hash` of its id, computed on the lane so the
        /// ordered thread can prefetch the row-id slot of rows ahead.
        fileprivate(set) var idHashes: [Int] = []
        /// Per row: `FeedbackValidator.respondentDigest` (nil: no respondent to number).
        fileprivate(set) var respondents: [RespondentNumbers.Digest?] = []
        /// Per record, in order: its index in `rows`, or −1 − its index in `rejects`.
        fileprivate(set) var outcomes: [Int32] = []
        fileprivate(set) var rejects: [QuarantinedRow] = []
        fileprivate let done = DispatchSemaphore(value: 0)

        fileprivate init(file: String, fileIndex: Int, columns: FeedbackValidator.Columns) {
            self.file = file
            self.fileIndex = fileIndex
            self.columns = columns
        }
    }

    private final class Lane: @unchecked Sendable {
        let queue: DispatchQueue
        /// Touched only on `queue`.
        var categories = CategoryMemo()
        /// The block's `FeedbackRowChecker.IDHashes`, room kept between blocks.
        var idHashes: [FeedbackRowChecker.IDHashes] = []
        init(_ n: Int) { queue = DispatchQueue(label: "congkhai.feedback.check.\(n)") }
    }

    private let checker: FeedbackRowChecker
    private let lanes: [Lane]
    private var pending: [Block] = []
    private var spare: [Block] = []
    private var submitted = 0
    /// Blocks in flight before `next` waits for the oldest (bounded memory).
    let depth: Int
    /// The most blocks ever in flight at once: what the ingest's memory
    /// grows with, bounded by `depth` + 1 whatever the exports' sizes.
    private(set) var mostInFlight = 0

    init(checker: FeedbackRowChecker, lanes: Int) {
        self.checker = checker
        self.lanes = (0..<max(1, lanes)).map(Lane.init)
        depth = 2 * self.lanes.count + 2
    }

    /// One lane per core: the ingest's own thread scans and claims, the
    /// tally and export consume, and the lanes fill what time is left. At
    /// most 8: past a few lanes the ordered thread is the limit, and every
    /// lane adds blocks in flight (~1 MB each) to the ingest's memory.
    static let maxLanes = 8
    static var defaultLanes: Int { min(maxLanes, max(1, ProcessInfo.processInfo.activeProcessorCount)) }

    func submit(_ block: Block) {
        guard block.records.count > 0 else { return }
        let lane = lanes[submitted % lanes.count]
        submitted += 1
        pending.append(block)
        mostInFlight = max(mostInFlight, pending.count)
        let checker = self.checker
        lane.queue.async {
            // The answers are built in locals and stored once: appending to
            // the block's properties cost a runtime exclusivity check each.
            var rows = block.rows, outcomes = block.outcomes, idHashes = block.idHashes, rejects = block.rejects
            var respondents = block.respondents
            (block.rows, block.outcomes, block.idHashes, block.rejects, block.respondents) = ([], [], [], [], [])
            var categories = lane.categories
            lane.categories = CategoryMemo()  // the memo's buffers stay uniquely held: no copy on write
            let columns = block.columns, file = block.file, fileIndex = block.fileIndex, records = block.records
            rows.reserveCapacity(records.count)
            // Every row's ids hashed first, then each row's table slots asked
            // for `ahead` rows before it is checked: the lookups found their
            // slots in cache instead of waiting on three dependent misses a
            // row (decision 134).
            var hashes = lane.idHashes
            lane.idHashes = []
            hashes.removeAll(keepingCapacity: true)
            records.forEach { _, r in hashes.append(checker.idHashes(r, columns: columns)) }
            let ahead = 12
            for i in 0..<min(ahead, hashes.count) { checker.prefetch(hashes[i]) }
            records.forEach { i, r in
                if i + ahead < hashes.count { checker.prefetch(hashes[i + ahead]) }
                let kept = rows.count
                if let q = checker.check(r, columns: columns, file: file, fileIndex: fileIndex, hashes: hashes[i],
                                         categories: &categories, into: &rows) {
                    outcomes.append(-1 - Int32(rejects.count))
                    rejects.append(q)
                } else {
                    respondents.append(FeedbackValidator.respondentDigest(kind: rows[kept].kind, r, columns: columns))
                    outcomes.append(Int32(kept))
                    idHashes.append(rows[kept].id.withUTF8 { ByteTable.hash($0) })
                }
            }
            lane.categories = categories
            lane.idHashes = hashes
            (block.rows, block.outcomes, block.idHashes, block.rejects) = (rows, outcomes, idHashes, rejects)
            block.respondents = respondents
            block.done.signal()
        }
    }

    /// An empty block for `file`'s records: a used one when there is one
    /// (its buffers keep their capacity; a fresh megabyte per block cost
    /// page faults on every core).
    func block(file: String, fileIndex: Int, columns: FeedbackValidator.Columns) -> Block {
        guard let block = spare.popLast() else { return Block(file: file, fileIndex: fileIndex, columns: columns) }
        block.file = file
        block.fileIndex = fileIndex
        block.columns = columns
        return block
    }

    /// A block whose rows have been taken: emptied and kept for `block`.
    func recycle(_ block: Block) {
        block.records.removeAll()
        block.rows = []
        block.idHashes.removeAll(keepingCapacity: true)
        block.respondents.removeAll(keepingCapacity: true)
        block.outcomes.removeAll(keepingCapacity: true)
        block.rejects.removeAll(keepingCapacity: true)
        spare.append(block)
    }

    /// The oldest block, checked, once more than `limit` are in flight
    /// (`limit` 0: any block still pending); nil otherwise.
    func next(beyond limit: Int) -> Block? {
        guard pending.count > limit else { return nil }
        let block = pending.removeFirst()
        block.done.wait()
        return block
    }
}
