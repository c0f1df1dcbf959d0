import Foundation
import Testing
@testable import Congkhai

/// The NFC fast path may only skip text that NFC leaves as it is.
@Suite struct NFCTests {
    @Test func everyScalarTheFastPathTrustsIsStableUnderNFC() {
        let trusted = Array(0xA0..<0x300) + Array(0x1EA0...0x1EF9) + Array(0x2010...0x2027) + Array(0x2030...0x205E)
            + Array(0x20A0...0x20C0)
        for v in trusted {
            guard let scalar = Unicode.Scalar(v) else { continue }
            let text = "Xã An Bình " + String(Character(scalar))
            if TextDecoding.isCertainlyNFC(text) {
                #expect(text.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(text.unicodeScalars),
                        "U+\(String(v, radix: 16)) changes under NFC")
            }
        }
    }

    @Test func decomposedAndSingletonTextGoesTheSlowWay() {
        for text in ["Bi\u{0300}nh", "Ohm \u{2126}", "angstrom \u{212B}", "\u{2329}", "en quad\u{2000}"] {
            #expect(!TextDecoding.isCertainlyNFC(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(TextDecoding.nfc(text).unicodeScalars.elementsEqual(text.precomposedStringWithCanonicalMapping.unicodeScalars))
        }
        #expect(TextDecoding.isCertainlyNFC("Đường – “kênh” … 500.000 ₫"))
    }

    /// The byte-level test must answer exactly as the rule on scalars does:
    /// every scalar up to U+FFFF and a few beyond, alone and between
    /// Vietnamese text, and random mixes of the ranges' edges.
    @Test func theByteTestAgreesWithTheScalarRule() {
        var disagree: [UInt32] = []
        for v in Array(UInt32(0)..<0x1_0000) + [0x1_0000, 0x1_F600, 0x10_FFFF] {
            guard let scalar = Unicode.Scalar(v) else { continue }
            for text in [String(Character(scalar)), "Xã An Bình " + String(Character(scalar)) + " ơ"]
                where TextDecoding.isCertainlyNFC(text) != TextDecoding.isCertainlyNFCScalars(text) {
                disagree.append(v)
            }
        }
        #expect(disagree.isEmpty, "first: \(disagree.prefix(5).map { String($0, radix: 16) })")
        let edges: [UInt32] = [0x41, 0x7F, 0x80, 0x2FF, 0x300, 0x36F, 0x1E9F, 0x1EA0, 0x1EF9, 0x1EFA, 0x200F, 0x2010, 0x2027,
                               0x2028, 0x202F, 0x2030, 0x205E, 0x205F, 0x209F, 0x20A0, 0x20C0, 0x20C1, 0xFFFD, 0x1_F600]
        var generator = SplitMix(seed: 7)
        var mixed = 0
        for _ in 0..<5_000 {
            let text = String(String.UnicodeScalarView((0..<Int.random(in: 0...12, using: &generator)).compactMap { _ in
                edges.randomElement(using: &generator).flatMap(Unicode.Scalar.init)
            }))
            if TextDecoding.isCertainlyNFC(text) != TextDecoding.isCertainlyNFCScalars(text) { mixed += 1 }
        }
        #expect(mixed == 0)
    }
}
