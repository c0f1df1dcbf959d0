import Foundation

/// The two consumers of validated feedback rows, each on its own thread.
///
/// Claiming ids and numbering respondents must run in file order on one
/// thread (`FeedbackLanes`), but the accumulator and the export only read
/// rows, each keeping its own state. Handing them batches of rows
/// in order lets a second core do that work while the first scans the next
/// batch: each consumer still sees every row in exactly the order it was
/// validated, so tallies, export files and digests are identical to a
/// single-threaded run. At national size the accumulator (cold per-official
/// memory) and the export (one CSV line per row) were ~60 % of the ingest.
///
/// `@unchecked Sendable`: batches are handed over whole and never touched
/// again by the submitting thread; the accumulator is used only on
/// `tallyQueue`, the export only on `exportQueue`, until `finish` has
/// drained both queues.
final class FeedbackStages: @unchecked Sendable {
    /// Batches (a checked block's rows, `FeedbackLanes.blockSize`) queued
    /// per consumer before the ingest waits (bounded memory). The export's
    /// thread falls behind in bursts while five threads share two cores;
    /// with 8 the ingest then stopped, its lanes ran dry and one core idled:
    /// a national feedback stage used 1.78–1.79 cores, with 32 1.86–1.88
    /// (5–10 % shorter in each of five alternating pairs, ~12 MB more at
    /// most; 64 no better; tried before in the thirty-first and forty-first
    /// sessions, 2.7 % and 5.5 % faster on average, then read as noise;
    /// BENCHMARKS.md, forty-ninth session).
    static let depth = 32

    private let accumulator: FeedbackAccumulator
    private let export: FeedbackExport?
    /// Rows the export publishes: dated in [S, D] (none when D < S).
    private let start: Day
    private let asOf: Day
    private let tallyQueue = DispatchQueue(label: "congkhai.feedback.tally")
    private let exportQueue = DispatchQueue(label: "congkhai.feedback.export")
    private let tallySlots = DispatchSemaphore(value: FeedbackStages.depth)
    private let exportSlots = DispatchSemaphore(value: FeedbackStages.depth)
    init(accumulator: FeedbackAccumulator, export: FeedbackExport?, start: Day, asOf: Day) {
        self.accumulator = accumulator
        self.export = export
        self.start = start
        self.asOf = asOf
    }

    /// Makes the next file known to the export; ordered with its rows.
    func register(file: String) {
        guard export != nil else { return }
        exportSlots.wait()
        exportQueue.async { self.export?.register(file: file); self.exportSlots.signal() }
    }

    /// The next rows in file order (a checked block's), handed over whole:
    /// no copy per row.
    func add(batch rows: [FeedbackRow]) {
        guard !rows.isEmpty else { return }
        tallySlots.wait()
        // Through a buffer, not `for row in rows`: the consumers read the
        // rows where they are. (Each still copies a row once as it passes it
        // to a function — its strings retained and released — which only
        // rows without strings of their own would avoid; BENCHMARKS.md,
        // twentieth session.)
        tallyQueue.async {
            rows.withUnsafeBufferPointer { self.accumulator.add(rows: $0) }
            self.tallySlots.signal()
        }
        guard export != nil else { return }
        exportSlots.wait()
        exportQueue.async {
            if let export = self.export {
                rows.withUnsafeBufferPointer { export.add(rows: $0, from: self.start, to: self.asOf) }
            }
            self.exportSlots.signal()
        }
    }

    /// Every row handed over; the tally sorted, then the export sealed.
    ///
    /// One after the other, not at once: finishing the tally reads the
    /// published comments back and sorts them and the rating records (a
    /// transient of ~600 MB on a 2.6 GB tree where three rows in ten carry a
    /// published comment), while sealing a rebuild's export loads every
    /// row's ledger key (28 bytes a row), which stays until the ledger's
    /// comparison. Together they were a nightly's peak (1.87 GB on that
    /// tree); in turn, the sealed keys arrive after the transient is gone.
    /// A first build's seal does nothing, so it loses no time.
    func finish() -> FeedbackTally {
        exportQueue.sync {}
        export?.releaseBuffers()
        let tally = tallyQueue.sync { accumulator.finish() }
        export?.seal()
        return tally
    }
}
