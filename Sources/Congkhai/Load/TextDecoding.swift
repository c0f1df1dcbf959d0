import CSupport
import Foundation

/// Turns file bytes into NFC text, or explains why they are not UTF-8.
enum TextDecoding {
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    enum Failure: Error {
        /// Line of the first invalid byte, and a guess at the legacy encoding.
        case notUTF8(line: Int, guess: LegacyEncoding.Guess?)
    }

    /// Strips a UTF-8 BOM, validates, normalises to NFC.
    static func decode(_ bytes: [UInt8]) -> Result<String, Failure> {
        var slice = bytes[...]
        if slice.starts(with: byteOrderMark) { slice = slice.dropFirst(3) }
        if let bad = UTF8Validation.firstInvalidOffset(slice) {
            let line = 1 + slice[slice.startIndex..<bad].count { $0 == 0x0A }
            return .failure(.notUTF8(line: line, guess: LegacyEncoding.guess(Array(slice))))
        }
        let text = String(decoding: slice, as: UTF8.self)
        return .success(nfc(text))
    }

    /// NFC only when needed: the conversion is costly and most text already is NFC.
    static func nfc(_ text: String) -> String {
        isCertainlyNFC(text) ? text : text.precomposedStringWithCanonicalMapping
    }

    /// A cheap sufficient test: scalars below U+0300 (ASCII, Latin-1, Latin
    /// Extended-A/B, which hold ă â đ ê ô ơ ư), precomposed Vietnamese letters
    /// (U+1EA0–U+1EF9), and the punctuation and currency signs editors type
    /// (– — ‘ ’ “ ” • … ‰ ₫: U+2010–U+2027, U+2030–U+205E, U+20A0–U+20C0, none
    /// with a canonical decomposition) never change under NFC. Anything else
    /// goes the slow way. Without the punctuation, one dash sent every file
    /// through Foundation (15 % of loading 50,000 officials).
    ///
    /// Read as UTF-8 bytes (a published comment of a national ingest is
    /// checked this way, ~30 % of rows): a two-byte sequence led by C2–CB is
    /// below U+0300; a three-byte one is decoded and its range checked;
    /// anything else is not certain. `isCertainlyNFCScalars` is the same
    /// rule on scalars, kept as the reference the tests compare with.
    static func isCertainlyNFC(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { u in
            var i = 0
            let n = u.count
            while i < n {
                let b = u[i]
                if b < 0x80 { i += 1; continue }
                if b >= 0xC2 && b <= 0xCB { i += 2; continue }
                guard b >= 0xE0 && b < 0xF0, i + 2 < n else { return false }
                let v = (UInt32(b & 0x0F) << 12) | (UInt32(u[i + 1] & 0x3F) << 6) | UInt32(u[i + 2] & 0x3F)
                switch v {
                case 0x1EA0...0x1EF9, 0x2010...0x2027, 0x2030...0x205E, 0x20A0...0x20C0: i += 3
                default: return false
                }
            }
            return true
        }
    }

    static func isCertainlyNFCScalars(_ text: String) -> Bool {
        for s in text.unicodeScalars where s.value >= 0x300 {
            switch s.value {
            case 0x1EA0...0x1EF9, 0x2010...0x2027, 0x2030...0x205E, 0x20A0...0x20C0: continue
            default: return false
            }
        }
        return true
    }

    static func message(for failure: Failure) -> (line: Int, text: String) {
        switch failure {
        case let .notUTF8(line, guess):
            var text = "file is not valid UTF-8"
            if let guess { text += "; it looks like \(guess.rawValue) (legacy Vietnamese encoding)" }
            text += "; save it as UTF-8"
            return (line, text)
        }
    }
}

/// UTF-8 validation per RFC 3629 (no overlongs, no surrogates, ≤ U+10FFFF).
enum UTF8Validation {
    /// Buffers (every feedback chunk): sixteen bytes at a time in C
    /// (`congkhai_utf8_valid_prefix`, SSSE3) up to a sequence boundary
    /// before any error, then the rest a sequence at a time
    /// (`firstInvalidOffset(_:from:)`), which gives an error's exact
    /// offset. Offsets count from the buffer's start.
    static func firstInvalidOffset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        return firstInvalidOffset(bytes, from: congkhai_utf8_valid_prefix(base, bytes.count))
    }

    /// The reference, and the check of what the sixteen-byte pass leaves:
    /// from `start` (a sequence boundary), ASCII is skipped eight bytes at a
    /// time, and in a word with a high bit the check jumps to its first
    /// non-ASCII byte, which goes the byte-by-byte way below.
    static func firstInvalidOffset(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        let n = bytes.count
        var i = start
        while i < n {
            // ASCII words skipped whole; in a word with a high bit, straight
            // to its first non-ASCII byte (Vietnamese text has one every few bytes).
            while i + 8 <= n {
                let high = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) & 0x8080_8080_8080_8080
                if high != 0 {
                    i += high.trailingZeroBitCount >> 3
                    break
                }
                i += 8
            }
            guard i < n else { break }
            let b0 = bytes[i]
            if b0 < 0x80 { i += 1; continue }
            guard let length = sequenceLength(bytes, at: i) else { return i }
            i += length
        }
        return nil
    }

    /// The length of the well-formed sequence starting with a non-ASCII byte at `i`, nil if ill-formed.
    @inline(__always)
    private static func sequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        let need: Int
        var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
        switch bytes[i] {
        case 0xC2...0xDF: need = 1
        case 0xE0: need = 2; lo = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: need = 2
        case 0xED: need = 2; hi = 0x9F
        case 0xF0: need = 3; lo = 0x90
        case 0xF1...0xF3: need = 3
        case 0xF4: need = 3; hi = 0x8F
        default: return nil
        }
        if i + need >= bytes.count { return nil }
        let b1 = bytes[i + 1]
        if b1 < lo || b1 > hi { return nil }
        var k = 2
        while k <= need {
            let b = bytes[i + k]
            if b < 0x80 || b > 0xBF { return nil }
            k += 1
        }
        return need + 1
    }

    /// Any byte collection (decoded files, legacy conversion): through the
    /// buffer version, over a copy when the storage is not contiguous.
    static func firstInvalidOffset<C: Collection>(_ bytes: C) -> C.Index? where C.Element == UInt8, C.Index == Int {
        let offset = bytes.withContiguousStorageIfAvailable { firstInvalidOffset($0) }
            ?? Array(bytes).withUnsafeBufferPointer { firstInvalidOffset($0) }
        return offset.map { bytes.startIndex + $0 }
    }
}
