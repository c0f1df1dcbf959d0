/// SipHash with its 128-bit output (Aumasson and Bernstein's reference
/// `siphash.c` with `outlen` 16), keyed: the respondents' digests
/// (`RespondentNumbers.Digest`, decision 109).
///
/// Why not `Hasher` twice, as before: the two halves came from two runs of
/// the standard library's SipHash-1-3 over the same bytes, each through its
/// generic buffering — ~550 instructions for a 9-byte respondent, 5 % of a
/// 1M-row `score`, on the validation lanes. One pass here gives both halves
/// (~220, callgrind). The key is random for each run, as `Hasher`'s is, so nobody can
/// make two respondents collide on purpose.
enum SipHash128 {
    /// `compression` and `finalization` rounds: 1 and 3 in use (SipHash-1-3,
    /// as `Hasher`), 2 and 4 for the reference's test vectors.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>, key: (UInt64, UInt64),
                     compression: Int = 1, finalization: Int = 3) -> (UInt64, UInt64) {
        var v0: UInt64 = key.0 ^ 0x736F_6D65_7073_6575
        var v1: UInt64 = key.1 ^ 0x646F_7261_6E64_6F6D ^ 0xEE
        var v2: UInt64 = key.0 ^ 0x6C79_6765_6E65_7261
        var v3: UInt64 = key.1 ^ 0x7465_6462_7974_6573
        @inline(__always) func round() {
            v0 = v0 &+ v1; v1 = v1.rotated(13); v1 ^= v0; v0 = v0.rotated(32)
            v2 = v2 &+ v3; v3 = v3.rotated(16); v3 ^= v2
            v0 = v0 &+ v3; v3 = v3.rotated(21); v3 ^= v0
            v2 = v2 &+ v1; v1 = v1.rotated(17); v1 ^= v2; v2 = v2.rotated(32)
        }
        let n = bytes.count
        var last = UInt64(truncatingIfNeeded: n) << 56
        if n > 0, let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            var i = 0
            while n - i >= 8 {
                let m = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                v3 ^= m
                for _ in 0..<compression { round() }
                v0 ^= m
                i += 8
            }
            var shift: UInt64 = 0
            while i < n {
                last |= UInt64(base[i]) << shift
                shift += 8
                i += 1
            }
        }
        v3 ^= last
        for _ in 0..<compression { round() }
        v0 ^= last
        v2 ^= 0xEE
        for _ in 0..<finalization { round() }
        let first = v0 ^ v1 ^ v2 ^ v3
        v1 ^= 0xDD
        for _ in 0..<finalization { round() }
        return (first, v0 ^ v1 ^ v2 ^ v3)
    }
}

private extension UInt64 {
    @inline(__always)
    func rotated(_ by: UInt64) -> UInt64 { self << by | self >> (64 - by) }
}
