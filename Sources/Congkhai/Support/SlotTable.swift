import CSupport

/// A fixed number of 64-bit hash slots, zeroed, for the ingest's large open-
/// addressing sets (`RowIDSet`, `RespondentNumbers`, `ByteSet`).
///
/// A national ingest probes ~300 MB of row-id slots and ~130 MB of
/// respondent slots at random; on 4 KB pages nearly every probe missed the
/// TLB as well as the cache, and the ordered thread stalled on the
/// prefetches meant to hide it (`perf`). Tables of 2 MB and more are mapped
/// from the kernel with huge pages asked for (`congkhai_map_zeroed`; advice
/// only, the same table on ordinary pages where the kernel declines) and
/// come zeroed without a pass over them; smaller ones are ordinary memory.
///
/// A class for its `deinit`; the words are reached through a constant
/// pointer, so no access is checked at run time. The sets that hold one keep
/// value semantics by copying it before a write when it is shared
/// (`isKnownUniquelyReferenced`), which is what makes `@unchecked Sendable`
/// sound: a table reachable from two values is never written.
final class SlotTable: @unchecked Sendable {
    let count: Int
    private let base: UnsafeMutablePointer<UInt64>
    private let mappedBytes: Int
    /// The thread making a large table resident (`populateFrom`), if any.
    private let populating: OpaquePointer?

    static let hugeFrom = 2 << 20

    /// Tables this large have their pages made resident on another thread
    /// as soon as they are mapped. A national ingest's row-id table (~300 MB)
    /// was otherwise zeroed page by page in its first few thousand inserts —
    /// random slots touch every huge page at once — on the ingest's ordered
    /// thread, while the checking lanes waited for it: ~0.6 s with one core
    /// idle (`perf`, fifty-seventh session). The work is the same; it moves
    /// to the core that was idle. Smaller tables fault in a few milliseconds.
    static let populateFrom = 16 << 20

    init(count: Int) {
        let n = max(1, count)
        self.count = n
        let bytes = n * MemoryLayout<UInt64>.stride
        if bytes >= SlotTable.hugeFrom, let p = congkhai_map_zeroed(bytes, 1) {
            base = p.bindMemory(to: UInt64.self, capacity: n)
            mappedBytes = bytes
            populating = bytes >= SlotTable.populateFrom ? congkhai_populate_start(p, bytes) : nil
        } else {
            base = .allocate(capacity: n)
            base.initialize(repeating: 0, count: n)
            mappedBytes = 0
            populating = nil
        }
    }

    deinit {
        // The thread must be done with the mapping before it goes.
        congkhai_populate_finish(populating)
        if mappedBytes > 0 {
            congkhai_unmap(UnsafeMutableRawPointer(base), mappedBytes)
        } else {
            base.deallocate()
        }
    }

    /// Slot `i`. Callers index with their mask, so the check never fails;
    /// it stays so that a wrong mask stops the build instead of writing
    /// outside the table.
    @inline(__always)
    subscript(i: Int) -> UInt64 {
        get {
            precondition(i >= 0 && i < count, "slot out of range")
            return base[i]
        }
        set {
            precondition(i >= 0 && i < count, "slot out of range")
            base[i] = newValue
        }
    }

    /// A table with the same slots (for a set about to write to a shared one).
    func copy() -> SlotTable {
        let fresh = SlotTable(count: count)
        fresh.base.update(from: base, count: count)
        return fresh
    }

    /// Starts loading slot `i`.
    @inline(__always)
    func prefetch(_ i: Int) { congkhai_prefetch(base + i) }
}
