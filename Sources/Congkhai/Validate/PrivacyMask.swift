/// Masks personal data in free text before it can travel further than the
/// validator: e-mail addresses, phone numbers and ID-card numbers.
///
/// Numbers are found as runs of digits joined by spaces, dots, dashes or
/// brackets (optionally after `+`): a run with 9–13 digits is a phone number
/// (10–11 digits, or +84 and 9–10), a CCCD (12) or a CMND (9) and is masked.
/// Dates (8 digits) and short numbers survive. Spelled-out digits are not
/// caught (see SECURITY.md).
///
/// Every character the rules look at is ASCII except the no-break space
/// (C2 A0), so the mask walks UTF-8 bytes and copies everything else through
/// untouched: it runs on every comment and category of a national ingest,
/// where the Unicode-scalar version (and Foundation's `contains`) took ~7 %
/// of `check` (decision 85).
public enum PrivacyMask {
    public static let phoneMask = "[số điện thoại/giấy tờ đã ẩn]"
    public static let emailMask = "[thư điện tử đã ẩn]"

    /// Read through the text's own UTF-8 buffer, not `text.utf8`'s
    /// iterator, and without a copy into an array first: the test for a
    /// digit or `@` alone was ~1.4 % of a build whose rows carry published
    /// comments (fifty-seventh session).
    public static func mask(_ text: String) -> String {
        var text = text
        let masked: [UInt8]? = text.withUTF8 { u in
            guard u.contains(where: { isDigit($0) || $0 == at }) else { return nil }
            guard u.contains(at) else { return maskNumbers(u) }
            return maskEmails(u).withUnsafeBufferPointer { maskNumbers($0) }
        }
        return masked.map { String(decoding: $0, as: UTF8.self) } ?? text
    }

    private static let at = UInt8(ascii: "@")
    private static let dot = UInt8(ascii: ".")
    private static let dash = UInt8(ascii: "-")
    private static let plus = UInt8(ascii: "+")
    private static let open = UInt8(ascii: "(")
    private static let close = UInt8(ascii: ")")
    private static let phoneBytes = Array(phoneMask.utf8)
    private static let emailBytes = Array(emailMask.utf8)

    private static func isDigit(_ b: UInt8) -> Bool { b &- UInt8(ascii: "0") < 10 }

    private static func isAlphanumeric(_ b: UInt8) -> Bool {
        isDigit(b) || (b | 0x20) &- UInt8(ascii: "a") < 26
    }

    /// ASCII letters, digits and `._%+-`: what may stand before the `@`.
    private static func isLocal(_ b: UInt8) -> Bool {
        isAlphanumeric(b) || b == dot || b == UInt8(ascii: "_") || b == UInt8(ascii: "%") || b == plus || b == dash
    }

    /// ASCII letters, digits and `.-`: what may stand after the `@`.
    private static func isDomain(_ b: UInt8) -> Bool { isAlphanumeric(b) || b == dot || b == dash }

    static func maskEmails(_ u: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(u.count + emailBytes.count)
        var i = 0
        var pendingStart = 0
        while i < u.count {
            if u[i] == at {
                var s = i
                while s > pendingStart, isLocal(u[s - 1]) { s -= 1 }
                var e = i + 1
                while e < u.count, isDomain(u[e]) { e += 1 }
                while e > i + 1, u[e - 1] == dot || u[e - 1] == dash { e -= 1 }
                if s < i, e > i + 1, u[i + 1] != dot, u[(i + 1)..<e].contains(dot) {
                    out.append(contentsOf: u[pendingStart..<s])
                    out.append(contentsOf: emailBytes)
                    pendingStart = e
                    i = e
                    continue
                }
            }
            i += 1
        }
        out.append(contentsOf: u[pendingStart...])
        return out
    }

    /// Bytes in the character starting at `p` (its lead byte says).
    private static func width(_ u: UnsafeBufferPointer<UInt8>, _ p: Int) -> Int {
        let b = u[p]
        let w = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
        return min(w, u.count - p)
    }

    /// Space, `.`, `-`, brackets or the no-break space, starting at `p`.
    private static func isJoin(_ u: UnsafeBufferPointer<UInt8>, _ p: Int) -> Bool {
        let b = u[p]
        if b == UInt8(ascii: " ") || b == dot || b == dash || b == open || b == close { return true }
        return b == 0xC2 && p + 1 < u.count && u[p + 1] == 0xA0
    }

    static func maskNumbers(_ u: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(u.count)
        var i = 0
        while i < u.count {
            let c = u[i]
            let startsRun = isDigit(c) || ((c == plus || c == open) && i + 1 < u.count
                && (isDigit(u[i + 1]) || u[i + 1] == plus))
            // A continuation byte is never a digit, so the byte before is the character before.
            guard startsRun, i == 0 || !isDigit(u[i - 1]) else {
                // Copied up to the next character that could start a run, in
                // one piece: a copy per character was most of the mask's time.
                var k = i + width(u, i)
                while k < u.count, !isDigit(u[k]), u[k] != plus, u[k] != open { k += width(u, k) }
                out.append(contentsOf: u[i..<k])
                i = k
                continue
            }
            var j = i
            var previous = i
            var digits = 0
            var lastDigitEnd = i
            while j < u.count {
                let d = u[j]
                if isDigit(d) {
                    digits += 1
                    lastDigitEnd = j + 1
                } else if !(isJoin(u, j) || (d == plus && j == i) || (d == plus && j == i + 1 && c == open)) {
                    break
                }
                // Two separators in a row end the run ("12 . 5" is not a phone number).
                if j > i, isJoin(u, j), isJoin(u, previous), d != open, u[previous] != close { break }
                previous = j
                j += width(u, j)
            }
            if digits >= 9 && digits <= 13 {
                out.append(contentsOf: phoneBytes)
                i = lastDigitEnd
                // Keep a closing bracket that belongs to the text, drop one of the number.
            } else {
                let end = max(lastDigitEnd, i + 1)
                out.append(contentsOf: u[i..<end])
                i = end
            }
        }
        return out
    }
}
