import Foundation
import Testing
@testable import Congkhai

/// The respondents' digest function is SipHash's 128-bit output: checked
/// against the reference implementation's test vectors (SipHash-2-4-128,
/// key 00 01 … 0f, messages 00 01 … of each length), and its 1-3 rounds
/// (the ones in use) against the same algorithm in Python's long-hand.
@Suite struct SipHash128Tests {
    static let key = (UInt64(0x0706_0504_0302_0100), UInt64(0x0F0E_0D0C_0B0A_0908))

    /// The 16 output bytes, low half first, as the reference prints them.
    static func hex(_ bytes: [UInt8], compression: Int, finalization: Int) -> String {
        let (a, b) = bytes.withUnsafeBufferPointer {
            SipHash128.hash($0, key: key, compression: compression, finalization: finalization)
        }
        func le(_ x: UInt64) -> String { (0..<8).map { String(format: "%02x", (x >> (8 * UInt64($0))) & 0xFF) }.joined() }
        return le(a) + le(b)
    }

    @Test func matchesTheReferenceVectors() {
        #expect(SipHash128Tests.hex([], compression: 2, finalization: 4) == "a3817f04ba25a8e66df67214c7550293")
        #expect(SipHash128Tests.hex(Array(0..<15), compression: 2, finalization: 4) == "5493e99933b0a8117e08ec0f97cfc3d9")
    }

    @Test func matchesSipHash13LongHand() {
        #expect(SipHash128Tests.hex(Array("nguoi-phan-anh-1".utf8), compression: 1, finalization: 3)
                == "d179e2b80be97aa9f7609fe3c6dc4940")
        #expect(SipHash128Tests.hex(Array(0..<9), compression: 1, finalization: 3) == "81ddb8042cf33994f4720e0094137c42")
    }

    /// Every length from 0 to 40 bytes: the tail (0–7 bytes after whole
    /// words) and the length byte change the digest.
    @Test func everyLengthDiffers() {
        var seen = Set<String>()
        for n in 0...40 { seen.insert(SipHash128Tests.hex(Array(repeating: 0, count: n), compression: 1, finalization: 3)) }
        #expect(seen.count == 41)
    }
}
