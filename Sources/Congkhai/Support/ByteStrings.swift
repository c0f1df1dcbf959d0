import CSupport
/// A list of strings kept as one byte pool with end offsets, read as bytes
/// without retaining or copying a `String`: for cells written once per row
/// (the export's locality and official ids, 20 million times nationally).
struct ByteStrings: Sendable {
    private var pool: [UInt8] = []
    private var ends: [Int] = []

    /// Empty; filled by `append` (`ExportLine.cells`).
    init() {}

    /// One more string: `bytes`.
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        pool.append(contentsOf: bytes)
        ends.append(pool.count)
    }

    var count: Int { ends.count }

    /// Byte length of string `i`.
    func length(_ i: Int) -> Int { ends[i] - (i == 0 ? 0 : ends[i - 1]) }

    /// Starts loading where string `i`'s bounds are (`prefetchBytes` once they have arrived).
    @inline(__always)
    func prefetchBounds(_ i: Int) {
        ends.withUnsafeBufferPointer { e in
            if let base = e.baseAddress, i >= 0, i < e.count { congkhai_prefetch(base + max(0, i - 1)) }
        }
    }

    /// Starts loading string `i`'s bytes (its bounds read, best already loaded).
    @inline(__always)
    func prefetchBytes(_ i: Int) {
        guard i >= 0, i < ends.count else { return }
        let start = i == 0 ? 0 : ends[i - 1]
        pool.withUnsafeBufferPointer { p in
            if let base = p.baseAddress, start < p.count { congkhai_prefetch(base + start) }
        }
    }

    /// Calls `body` with the bytes of string `i`.
    func withBytes<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let start = i == 0 ? 0 : ends[i - 1]
        return pool.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<ends[i]])) }
    }
}
