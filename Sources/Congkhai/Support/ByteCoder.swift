/// Compact binary values for files only congkhai reads back (the feedback
/// cache, decision 98): integers as zigzag LEB128 varints, strings as their
/// length and UTF-8 bytes.
///
/// Why not JSON or `Codable`: a national tally is ~60,000 summaries of a few
/// dozen counters and histograms each; as varints most numbers take one or
/// two bytes, and neither side builds a tree of values.
struct ByteWriter {
    private(set) var bytes: [UInt8] = []
    /// Called with the buffered bytes once they pass `flushAt` (and by
    /// `flush`): a large value is written out as it is encoded.
    private let sink: (([UInt8]) -> Void)?
    private let flushAt: Int

    init(sink: (([UInt8]) -> Void)? = nil, flushAt: Int = 1 << 20) {
        self.sink = sink
        self.flushAt = flushAt
    }

    mutating func int(_ value: Int) {
        var v = UInt64(bitPattern: Int64(value) << 1 ^ Int64(value) >> 63)
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
        if bytes.count >= flushAt { flush() }
    }

    mutating func uint64(_ value: UInt64) {
        for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(i)))) }
    }

    mutating func bool(_ value: Bool) { int(value ? 1 : 0) }

    mutating func string(_ value: String) {
        var s = value
        s.withUTF8 { b in
            int(b.count)
            bytes.append(contentsOf: b)
        }
        if bytes.count >= flushAt { flush() }
    }

    /// Bytes as they are (their length written before them by the caller).
    mutating func raw(_ value: [UInt8]) {
        bytes.append(contentsOf: value)
        if bytes.count >= flushAt { flush() }
    }

    /// Hands what is buffered to the sink (nothing without one).
    mutating func flush() {
        guard let sink, !bytes.isEmpty else { return }
        sink(bytes)
        bytes.removeAll(keepingCapacity: true)
    }
}

/// Reads what `ByteWriter` wrote; throws `Malformed` on anything else, never
/// traps: a torn or foreign file only costs the work it would have saved.
struct ByteReader {
    struct Malformed: Error {}

    private let bytes: [UInt8]
    private(set) var position: Int
    private let end: Int

    /// Reads `bytes[start..<end]`.
    init(_ bytes: [UInt8], start: Int = 0, end: Int? = nil) {
        self.bytes = bytes
        self.end = min(end ?? bytes.count, bytes.count)
        position = min(max(0, start), self.end)
    }

    var isAtEnd: Bool { position == end }

    /// The whole buffer read from (positions index it), without copying it.
    var allBytes: [UInt8] { bytes }

    /// Passes over `n` bytes.
    mutating func skip(_ n: Int) throws {
        guard n >= 0, n <= end - position else { throw Malformed() }
        position += n
    }

    mutating func int() throws -> Int {
        var v: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < end, shift < 64 else { throw Malformed() }
            let b = bytes[position]
            position += 1
            v |= UInt64(b & 0x7F) << shift
            if b < 0x80 { break }
            shift += 7
        }
        return Int(Int64(bitPattern: v >> 1) ^ -Int64(bitPattern: v & 1))
    }

    mutating func uint64() throws -> UInt64 {
        guard end - position >= 8 else { throw Malformed() }
        var v: UInt64 = 0
        for i in 0..<8 { v |= UInt64(bytes[position + i]) << (8 * UInt64(i)) }
        position += 8
        return v
    }

    mutating func bool() throws -> Bool {
        switch try int() {
        case 0: return false
        case 1: return true
        default: throw Malformed()
        }
    }

    mutating func string() throws -> String {
        let n = try int()
        guard n >= 0, n <= end - position else { throw Malformed() }
        let s = bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[position..<(position + n)]), as: UTF8.self) }
        position += n
        return s
    }

    /// A count of items that follow, each at least `minimumBytes` long:
    /// a corrupt count cannot make the reader reserve gigabytes.
    mutating func count(minimumBytes: Int = 1) throws -> Int {
        let n = try int()
        guard n >= 0, n <= (end - position) / max(1, minimumBytes) else { throw Malformed() }
        return n
    }

    /// A value that must be one of `allowed`.
    mutating func int(in allowed: ClosedRange<Int>) throws -> Int {
        let v = try int()
        guard allowed.contains(v) else { throw Malformed() }
        return v
    }
}
