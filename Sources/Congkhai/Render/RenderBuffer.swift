/// Where rendering writes bytes: a page's buffer, or any byte array.
protocol ByteSink {
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>)
}

extension Array: ByteSink where Element == UInt8 {
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) { append(contentsOf: bytes) }
}

/// The bytes of one rendered page, written at a cursor into a buffer
/// allocated at its expected size.
///
/// A page is ~1,600 appends of a few bytes (template text between tags,
/// escaped values), and `Array.append(contentsOf:)` spent ~90 instructions
/// on each around the copy: ~11 % of the demo's page rendering (callgrind,
/// fifty-second session). Here an append is a bounds check and a copy. The
/// buffer grows by doubling past its guess, and `finish` cuts it to the
/// bytes written without copying them.
struct RenderBuffer: ByteSink {
    private var bytes: [UInt8]
    private(set) var count = 0

    init(capacity: Int) {
        // Not zero-filled: a memset of every page's 64 KB guess cost more
        // than the appends saved. The bytes past `count` are never read
        // (`finish` cuts them) and a byte has no invalid values.
        bytes = [UInt8](unsafeUninitializedCapacity: max(capacity, 64)) { buffer, initialized in initialized = buffer.count }
    }

    @inline(__always)
    mutating func append(_ b: UnsafeBufferPointer<UInt8>) {
        let n = b.count
        guard n > 0, let source = b.baseAddress else { return }
        if count + n > bytes.count { grow(to: count + n) }
        let at = count
        bytes.withUnsafeMutableBufferPointer { d in
            guard let base = d.baseAddress else { return }
            UnsafeMutableRawPointer(base + at).copyShort(from: UnsafeRawPointer(source), count: n)
        }
        count += n
    }

    /// At least doubled, so a page that outgrows its guess is copied a few times, not once an append.
    private mutating func grow(to needed: Int) {
        bytes.append(contentsOf: repeatElement(0, count: max(needed, 2 * bytes.count) - bytes.count))
    }

    /// The bytes written, read in place.
    func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[..<count])) }
    }

    /// The bytes written.
    consuming func finish() -> [UInt8] {
        bytes.removeLast(bytes.count - count)
        return bytes
    }
}
