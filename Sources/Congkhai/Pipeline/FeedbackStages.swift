import Foundation

/// The two consumers of validated feedback rows, each on its own thread.
///
/// Scanning and validating must run in file order on one thread (the id set
/// and respondent numbers depend on it), but the accumulator and the export
/// only read rows, each keeping its own state. Handing them batches of rows
/// in order lets a second core do that work while the first scans the next
/// batch: each consumer still sees every row in exactly the order it was
/// validated, so tallies, export files and digests are identical to a
/// single-threaded run. At national size the accumulator (cold per-official
/// memory) and the export (one CSV line per row) were ~60 % of the ingest.
///
/// `@unchecked Sendable`: `batch` is touched only by the submitting thread;
/// the accumulator only on `tallyQueue`, the export only on `exportQueue`,
/// until `finish` has drained both queues.
final class FeedbackStages: @unchecked Sendable {
    /// Rows per hand-off: large enough that queue traffic is noise, small
    /// enough that the batches in flight stay a few megabytes.
    static let batchSize = 4096
    /// Batches queued per consumer before the scanner waits (bounded memory).
    static let depth = 4

    private let accumulator: FeedbackAccumulator
    private let export: FeedbackExport?
    /// Rows the export publishes: dated in [S, D] (none when D < S).
    private let start: Day
    private let asOf: Day
    private var batch: [FeedbackRow] = []
    private let tallyQueue = DispatchQueue(label: "congkhai.feedback.tally")
    private let exportQueue = DispatchQueue(label: "congkhai.feedback.export")
    private let tallySlots = DispatchSemaphore(value: FeedbackStages.depth)
    private let exportSlots = DispatchSemaphore(value: FeedbackStages.depth)
    /// The sorted tally, written on `tallyQueue` by `finish`.
    private var finished: FeedbackTally?

    init(accumulator: FeedbackAccumulator, export: FeedbackExport?, start: Day, asOf: Day) {
        self.accumulator = accumulator
        self.export = export
        self.start = start
        self.asOf = asOf
        batch.reserveCapacity(FeedbackStages.batchSize)
    }

    func add(_ row: FeedbackRow) {
        batch.append(row)
        if batch.count == FeedbackStages.batchSize { flush() }
    }

    /// Sizes the export's buffers for the next file; ordered with its rows.
    func reserve(file: String, rows: Int) {
        guard export != nil else { return }
        flush()
        exportSlots.wait()
        exportQueue.async { self.export?.reserve(file: file, rows: rows); self.exportSlots.signal() }
    }

    private func flush() {
        guard !batch.isEmpty else { return }
        let rows = batch
        batch = []
        batch.reserveCapacity(FeedbackStages.batchSize)
        tallySlots.wait()
        tallyQueue.async {
            for row in rows { self.accumulator.add(row) }
            self.tallySlots.signal()
        }
        guard export != nil else { return }
        exportSlots.wait()
        exportQueue.async {
            if let export = self.export {
                for row in rows where row.date >= self.start && row.date <= self.asOf { export.add(row) }
            }
            self.exportSlots.signal()
        }
    }

    /// Every row handed over; the tally sorted and the export sealed, the
    /// two at once (sorting ratings and reading back the export's digests
    /// are independent).
    func finish() -> FeedbackTally {
        flush()
        exportQueue.sync {}
        tallyQueue.async { self.finished = self.accumulator.finish() }
        export?.seal()
        // Read on the queue that wrote it, after the write; were it somehow
        // unset, finishing here gives the same tally (never an empty one).
        return tallyQueue.sync { finished } ?? accumulator.finish()
    }
}
