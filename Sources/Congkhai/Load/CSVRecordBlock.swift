/// Scanned records kept for another thread: a `CSVRecord` is borrowed for
/// the scanner's callback only, so a block copies records' bytes and field
/// bounds back to back (a few hundred KB for a few thousand rows) and lends
/// each one out again later as the same borrowed record.
///
/// `@unchecked Sendable`: a block is filled by one thread, then handed over
/// (through a queue and a semaphore) and only read from then on.
final class CSVRecordBlock: @unchecked Sendable {
    private struct Entry {
        var byteStart: Int
        var byteCount: Int
        var boundStart: Int
        var fieldCount: Int
        var line: Int
        var oversized: Bool
        var unterminated: Bool
    }

    /// One stored property, changed by one mutating call per record: the
    /// class's separate arrays cost a runtime exclusivity check each per
    /// append (~1 % of a `check`, on the ingest's ordered thread).
    private struct Storage {
        var bytes: [UInt8] = []
        var bounds: [Int] = []
        var entries: [Entry] = []

        /// The bytes from the first field's start to the last one's end
        /// (with whatever lies between fields), the bounds moved to match.
        mutating func append(_ r: borrowing CSVRecord) -> Int {
            let first = r.bounds.first ?? 0, last = r.bounds.last ?? 0
            entries.append(Entry(byteStart: bytes.count, byteCount: last - first, boundStart: bounds.count, fieldCount: r.count,
                                 line: r.line, oversized: r.oversized, unterminated: r.unterminated))
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: r.bytes[first..<last]))
            // Copied at once, then moved in place (an append per bound was
            // ~700 instructions a record on the ingest's ordered thread).
            let at = bounds.count
            bounds.append(contentsOf: r.bounds)
            if first != 0 {
                bounds.withUnsafeMutableBufferPointer { b in
                    for k in at..<b.count { b[k] -= first }
                }
            }
            return entries.count
        }
    }

    /// `@exclusivity(unchecked)`: a block is filled by one thread, then
    /// read by one lane, never both at once (`FeedbackLanes`), and no
    /// method holds the storage while calling out. The one check left per
    /// record was ~1.4 % of a 1M-row `score`, on the ingest's ordered
    /// thread (fifty-sixth session).
    @exclusivity(unchecked) private var storage = Storage()

    init(capacity: Int) {
        storage.entries.reserveCapacity(capacity)
        storage.bytes.reserveCapacity(capacity * 160)
        storage.bounds.reserveCapacity(capacity * 32)
    }

    var count: Int { storage.entries.count }

    /// Returns the number of records now held: the caller asks after
    /// every record, and a second access to `storage` cost a runtime
    /// exclusivity check of its own.
    @discardableResult
    func append(_ r: borrowing CSVRecord) -> Int {
        storage.append(r)
    }

    /// Empty again, its buffers keeping their capacity.
    func removeAll() {
        storage.bytes.removeAll(keepingCapacity: true)
        storage.bounds.removeAll(keepingCapacity: true)
        storage.entries.removeAll(keepingCapacity: true)
    }

    /// Every record in order, as the scanner lent it (same fields, line and
    /// flags), with the block's buffers pinned once for all of them: pinned
    /// per record, each record retained and released the two arrays (~a
    /// tenth of a lane's time was `swift_retain`/`swift_release`, `perf
    /// annotate`).
    func forEach(_ body: (Int, borrowing CSVRecord) -> Void) {
        storage.entries.withUnsafeBufferPointer { entries in
            storage.bytes.withUnsafeBufferPointer { b in
                storage.bounds.withUnsafeBufferPointer { f in
                    for (i, e) in entries.enumerated() {
                        body(i, CSVRecord(line: e.line, oversized: e.oversized, unterminated: e.unterminated,
                                          bytes: UnsafeBufferPointer(rebasing: b[e.byteStart..<(e.byteStart + e.byteCount)]),
                                          bounds: UnsafeBufferPointer(rebasing: f[e.boundStart..<(e.boundStart + 2 * e.fieldCount)])))
                    }
                }
            }
        }
    }
}
