/// This build's ledger entries, sealed and written out as lines (see
/// `HistoryStage.seal`): what the closing `build` entry links to.
struct SealedLedger: Sendable {
    /// Each entry's canonical line, newline-terminated, in `seq` order.
    let lines: Spool
    /// Each line's length in bytes, with its newline: where the ledger's
    /// files split (`LedgerSegments`) is known before the pages list them.
    let lengths: [Int]
    /// `seq` and hash of the last entry sealed (the previous chain's head
    /// when this build has no entries of its own).
    let seq: Int
    let hash: String
    let asOf: Day
}
