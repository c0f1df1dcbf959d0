/// The first byte of a small set in a buffer, eight bytes at a time: the
/// bytes that make an exported cell quoted. (The CSV scanner's delimiters
/// are found by `congkhai_csv_whole_record`, in C with SSE2.)
///
/// A byte equal to `c` is a zero byte of `word ^ c·0x0101…`, and the lowest
/// byte flagged by `(v − 0x0101…) & ~v & 0x8080…` is always a true zero (a
/// borrow can flag only bytes above a zero), so the first match is exact.
/// Bytes near the end are read one by one.
enum ByteSearch {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    @inline(__always)
    private static func zeros(_ v: UInt64) -> UInt64 { (v &- ones) & ~v & highs }

    /// The index of the first byte in `buf[from..<to]` equal to one of
    /// `a`, `b`, `c`, `d` (repeat one to look for fewer); `to` when none.
    @inline(__always)
    static func first(_ buf: UnsafeBufferPointer<UInt8>, from: Int, to: Int,
                      _ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) -> Int {
        var j = from
        if let base = buf.baseAddress {
            let raw = UnsafeRawPointer(base)
            let (wa, wb, wc, wd) = (UInt64(a) &* ones, UInt64(b) &* ones, UInt64(c) &* ones, UInt64(d) &* ones)
            while j + 8 <= to {
                let w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: j, as: UInt64.self))
                let hit = zeros(w ^ wa) | zeros(w ^ wb) | zeros(w ^ wc) | zeros(w ^ wd)
                if hit != 0 { return j + hit.trailingZeroBitCount >> 3 }
                j += 8
            }
        }
        while j < to {
            let x = buf[j]
            if x == a || x == b || x == c || x == d { return j }
            j += 1
        }
        return to
    }

    /// The first byte that makes a CSV cell quoted (`CSVBytes.needsQuotes`:
    /// comma, quote, line feed, carriage return).
    @inline(__always)
    static func firstNeedingQuotes(_ buf: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int {
        first(buf, from: from, to: to, 0x2C, 0x22, 0x0A, 0x0D)
    }
}
