import Testing
@testable import Congkhai

/// The export's per-locality buffers hold exactly what an array per
/// locality would, through growth, clearing and freeing.
@Suite struct LineBuffersTests {
    @Test func buffersMatchAnArrayPerLocality() {
        var rng = SplitMix(seed: 77)
        let n = 13
        let buffers = LineBuffers(count: n)
        var reference = Array(repeating: [UInt8](), count: n)
        for step in 0..<6_000 {
            let l = Int.random(in: 0..<n, using: &rng)
            switch Int.random(in: 0..<40, using: &rng) {
            case 0:
                buffers.clear(l)
                reference[l] = []
            case 1:
                buffers.free(l)
                reference[l] = []
            default:
                // Lines from empty to longer than a buffer's first size.
                let line = (0..<Int.random(in: 0...300, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
                buffers.prefetchEnd(l)
                line.withUnsafeBufferPointer { buffers.append(l, $0) }
                reference[l] += line
            }
            if step % 97 == 0 || step == 5_999 {
                for i in 0..<n {
                    #expect(Array(buffers.bytes(i)) == reference[i], "buffer \(i) at step \(step)")
                    #expect(buffers.byteCount(i) == reference[i].count && buffers.isEmpty(i) == reference[i].isEmpty)
                }
            }
        }
    }
}
