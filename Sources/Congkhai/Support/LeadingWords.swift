extension UnsafeBufferPointer where Element == UInt8 {
    /// The first 16 bytes as two little-endian words (byte `i` at bits
    /// `8i`), zero past the end: how `ByteTable` keeps a short key in its
    /// slot and how a `TemplateTree` names a field, so either compares a
    /// key of up to 16 bytes as two integers.
    ///
    /// Whole words are loaded where there are eight bytes, and the rest as
    /// four, two and one: no `memcpy` call (~3 % of writing a page's tree
    /// looped over every byte), and nothing read past the end.
    @inline(__always)
    var leadingWords: (UInt64, UInt64) {
        guard let p = baseAddress else { return (0, 0) }
        let raw = UnsafeRawPointer(p)
        func word(at offset: Int) -> UInt64 { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
        switch count {
        case 16...: return (word(at: 0), word(at: 8))
        // Bytes 8 ..< n: the word ending at n, its bytes before 8 shifted out.
        case 9...: return (word(at: 0), word(at: count - 8) >> (8 * UInt64(16 - count)))
        case 8: return (word(at: 0), 0)
        default:
            var w: UInt64 = 0, at = 0
            if count & 4 != 0 { w = UInt64(UInt32(littleEndian: raw.loadUnaligned(as: UInt32.self))); at = 4 }
            if count & 2 != 0 {
                w |= UInt64(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt16.self))) << (8 * UInt64(at))
                at += 2
            }
            if count & 1 != 0 { w |= UInt64(p[at]) << (8 * UInt64(at)) }
            return (w, 0)
        }
    }
}
