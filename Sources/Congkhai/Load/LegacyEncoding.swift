/// Guesses which pre-Unicode Vietnamese encoding a non-UTF-8 file uses, so the
/// error can tell an editor what to convert from.
///
/// The three encodings leave distinct fingerprints: Windows-1258 writes tone
/// marks as separate combining bytes (0xCC, 0xEC, 0xD2, 0xDE, 0xF2) after a
/// vowel; VNI writes a plain ASCII vowel followed by a modifier byte from a
/// small set (and đ as 0xF1); TCVN3 (ABC) uses precomposed letters in 0xA1–0xFE
/// with its own positions for ă â ê ô ơ ư đ (0xA8–0xAE).
public enum LegacyEncoding {
    public enum Guess: String, Sendable {
        case windows1258 = "Windows-1258"
        case tcvn3 = "TCVN3 (ABC)"
        case vni = "VNI"
        case utf16 = "UTF-16"
    }

    public static func guess(_ bytes: [UInt8]) -> Guess? {
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            return .utf16
        }
        let sample = bytes.prefix(1 << 20)
        var cp1258 = 0, vni = 0, tcvn = 0, high = 0
        var prev: UInt8 = 0
        let vowels = Set("aeiouyAEIOUY".utf8)
        let cp1258Tones: Set<UInt8> = [0xCC, 0xEC, 0xD2, 0xDE, 0xF2]
        let cp1258Letters: Set<UInt8> = [0xE2, 0xEA, 0xF4, 0xE3, 0xF5, 0xFD, 0xF0, 0xC2, 0xCA, 0xD4, 0xC3, 0xD5, 0xDD, 0xD0]
        let vniModifiers: Set<UInt8> = [0xF8, 0xF9, 0xFA, 0xFB, 0xFC, 0xF5, 0xEF, 0xE1, 0xE0, 0xE5, 0xE4, 0xE3, 0xE2,
                                        0xD8, 0xD9, 0xDA, 0xDB, 0xDC, 0xD5, 0xCF, 0xC1, 0xC0, 0xC5, 0xC4, 0xC3, 0xC2]
        for b in sample {
            if b >= 0x80 {
                high += 1
                if cp1258Tones.contains(b) && (vowels.contains(prev) || cp1258Letters.contains(prev)) { cp1258 += 2 }
                if cp1258Letters.contains(b) { cp1258 += 1 }
                if vowels.contains(prev) && vniModifiers.contains(b) { vni += 2 }
                if b == 0xF1 || b == 0xD1 { vni += 1 }
                if (0xA8...0xAE).contains(b) { tcvn += 2 }
                if (0xB5...0xFE).contains(b) && !vowels.contains(prev) { tcvn += 1 }
            }
            prev = b
        }
        guard high > 0 else { return nil }
        let best = max(cp1258, vni, tcvn)
        if best == 0 { return nil }
        if best == vni && vni > cp1258 { return .vni }
        if best == tcvn && tcvn > cp1258 { return .tcvn3 }
        return .windows1258
    }
}
