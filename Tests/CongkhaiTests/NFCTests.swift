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
}
