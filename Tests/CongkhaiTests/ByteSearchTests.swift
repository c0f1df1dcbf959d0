import Testing
@testable import Congkhai

/// `ByteSearch`: an exported cell's quoting bytes, found a word at a time,
/// must be exactly the byte loop's.
@Suite struct ByteSearchTests {
    /// The word-at-a-time byte search finds the same first quoting byte
    /// as a byte loop, for bytes that differ from a delimiter by one bit or
    /// one unit (where a borrow could flag a wrong byte), at every offset
    /// and with every end.
    @Test func byteSearchAgreesWithAByteLoop() {
        let alphabet: [UInt8] = [0x2C, 0x22, 0x0A, 0x0C, 0x0E, 0x2B, 0x2D, 0x21, 0x23, 0x09, 0x0B, 0x0D, 0x00, 0x01, 0x80, 0xAC, 0xA2,
                                 0x8A, 0xFF, 0x61, 0x6C, 0x62]
        var rng = SplitMix(seed: 2_026)
        for _ in 0..<4_000 {
            let bytes = (0..<Int.random(in: 0...40, using: &rng)).map { _ in
                // Mostly ordinary bytes, so delimiters fall at every position of a word.
                Int.random(in: 0..<4, using: &rng) == 0 ? (alphabet.randomElement(using: &rng) ?? 0) : UInt8.random(in: 0x3A...0x7E, using: &rng)
            }
            bytes.withUnsafeBufferPointer { buf in
                let from = Int.random(in: 0...bytes.count, using: &rng)
                let to = Int.random(in: from...bytes.count, using: &rng)
                let quoting = buf[from..<to].firstIndex { CSVBytes.needsQuotes($0) } ?? to
                #expect(ByteSearch.firstNeedingQuotes(buf, from: from, to: to) == quoting, "\(bytes) \(from)..<\(to)")
            }
        }
    }
}
