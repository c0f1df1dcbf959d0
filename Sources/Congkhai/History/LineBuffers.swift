import CSupport

/// One growable byte buffer per locality, for the export's lines until they
/// are spilled (`FeedbackExport`).
///
/// Each row's line goes to the buffer of its locality — any of a country's
/// ~3,300, in no order — so as `[[UInt8]]` every append first touched a
/// cold array header to check its uniqueness and capacity (~a fifth of the
/// export's thread at national size, `perf`). Here the buffers' bounds lie
/// together in one small table, appends are plain copies, and the ingest
/// can ask for a buffer's end a few rows before it is written to.
///
/// A class for its `deinit`; the table pointer is a constant, so no access
/// is checked at run time. Used by one thread at a time (the export's).
final class LineBuffers {
    private struct Bounds {
        var base: UnsafeMutablePointer<UInt8>?
        var count: Int
        var capacity: Int
    }

    private let table: UnsafeMutablePointer<Bounds>
    /// How many buffers (localities) there are.
    let count: Int

    init(count: Int) {
        self.count = max(0, count)
        table = .allocate(capacity: max(1, self.count))
        table.initialize(repeating: Bounds(base: nil, count: 0, capacity: 0), count: self.count)
    }

    deinit {
        for i in 0..<count { table[i].base?.deallocate() }
        table.deinitialize(count: count)
        table.deallocate()
    }

    @inline(__always)
    private func check(_ i: Int) { precondition(i >= 0 && i < count, "line buffer out of range") }

    /// Bytes in buffer `i`.
    func byteCount(_ i: Int) -> Int {
        check(i)
        return table[i].count
    }

    func isEmpty(_ i: Int) -> Bool { byteCount(i) == 0 }

    /// Buffer `i`'s bytes, valid until it is next changed.
    func bytes(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        check(i)
        return UnsafeBufferPointer(start: table[i].base, count: table[i].count)
    }

    /// Appends `bytes` to buffer `i`.
    @inline(__always)
    func append(_ i: Int, _ bytes: UnsafeBufferPointer<UInt8>) {
        check(i)
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        let end = table[i].count + bytes.count
        if end > table[i].capacity { grow(i, to: end) }
        guard let base = table[i].base else { return }
        (base + table[i].count).update(from: source, count: bytes.count)
        table[i].count = end
    }

    /// Starts loading the two cache lines where buffer `i`'s next bytes go.
    @inline(__always)
    func prefetchEnd(_ i: Int) {
        guard i >= 0, i < count, let base = table[i].base else { return }
        let end = base + table[i].count
        congkhai_prefetch(end)
        congkhai_prefetch(end + 64)
    }

    private func grow(_ i: Int, to needed: Int) {
        let capacity = max(needed, 2 * table[i].capacity, 256)
        let fresh = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        if let old = table[i].base {
            fresh.update(from: old, count: table[i].count)
            old.deallocate()
        }
        table[i].base = fresh
        table[i].capacity = capacity
    }

    /// Empties buffer `i`, keeping its memory for the locality's next lines.
    func clear(_ i: Int) {
        check(i)
        table[i].count = 0
    }

    /// Empties buffer `i` and gives its memory back.
    func free(_ i: Int) {
        check(i)
        table[i].base?.deallocate()
        table[i] = Bounds(base: nil, count: 0, capacity: 0)
    }
}
