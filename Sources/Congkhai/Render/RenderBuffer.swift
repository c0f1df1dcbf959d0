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
            RenderBuffer.copy(UnsafeRawPointer(source), to: UnsafeMutableRawPointer(base + at), n)
        }
        count += n
    }

    /// `memcpy`, whose call was most of the cost of copying the few bytes
    /// of a name, a label or a tag: up to 16 bytes are moved as two
    /// overlapping loads and stores of 8, 4 or 2 bytes.
    @inline(__always)
    static func copy(_ from: UnsafeRawPointer, to: UnsafeMutableRawPointer, _ n: Int) {
        func move<W>(_: W.Type) {
            let (a, b) = (from.loadUnaligned(as: W.self), from.loadUnaligned(fromByteOffset: n - MemoryLayout<W>.size, as: W.self))
            to.storeBytes(of: a, as: W.self)
            to.storeBytes(of: b, toByteOffset: n - MemoryLayout<W>.size, as: W.self)
        }
        switch n {
        case 17...: to.copyMemory(from: from, byteCount: n)
        case 8...: move(UInt64.self)
        case 4...: move(UInt32.self)
        case 2...: move(UInt16.self)
        case 1: to.storeBytes(of: from.load(as: UInt8.self), as: UInt8.self)
        default: break
        }
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
