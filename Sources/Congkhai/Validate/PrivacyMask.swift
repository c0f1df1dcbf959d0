import Foundation

/// Masks personal data in free text before it can travel further than the
/// validator: e-mail addresses, phone numbers and ID-card numbers.
///
/// Numbers are found as runs of digits joined by spaces, dots, dashes or
/// brackets (optionally after `+`): a run with 9–13 digits is a phone number
/// (10–11 digits, or +84 and 9–10), a CCCD (12) or a CMND (9) and is masked.
/// Dates (8 digits) and short numbers survive. Spelled-out digits are not
/// caught (see SECURITY.md).
public enum PrivacyMask {
    public static let phoneMask = "[số điện thoại/giấy tờ đã ẩn]"
    public static let emailMask = "[thư điện tử đã ẩn]"

    public static func mask(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { ("0"..."9").contains($0) || $0 == "@" }) else { return text }
        return maskNumbers(maskEmails(text))
    }

    static func maskEmails(_ text: String) -> String {
        guard text.contains("@") else { return text }
        let scalars = Array(text.unicodeScalars)
        func isLocal(_ c: Unicode.Scalar) -> Bool {
            c.isASCII && (CharacterSet.alphanumerics.contains(c) || "._%+-".unicodeScalars.contains(c))
        }
        func isDomain(_ c: Unicode.Scalar) -> Bool {
            c.isASCII && (CharacterSet.alphanumerics.contains(c) || ".-".unicodeScalars.contains(c))
        }
        var out = String.UnicodeScalarView()
        var i = 0
        var pendingStart = 0
        while i < scalars.count {
            if scalars[i] == "@" {
                var s = i
                while s > pendingStart, isLocal(scalars[s - 1]) { s -= 1 }
                var e = i + 1
                while e < scalars.count, isDomain(scalars[e]) { e += 1 }
                while e > i + 1, scalars[e - 1] == "." || scalars[e - 1] == "-" { e -= 1 }
                let domain = String(String.UnicodeScalarView(scalars[(i + 1)..<e]))
                if s < i, domain.contains("."), !domain.hasPrefix(".") {
                    out.append(contentsOf: scalars[pendingStart..<s])
                    out.append(contentsOf: emailMask.unicodeScalars)
                    pendingStart = e
                    i = e
                    continue
                }
            }
            i += 1
        }
        out.append(contentsOf: scalars[pendingStart...])
        return String(out)
    }

    static func maskNumbers(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }
        func isJoin(_ c: Unicode.Scalar) -> Bool { c == " " || c == "." || c == "-" || c == "(" || c == ")" || c == "\u{00A0}" }
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            let startsRun = isDigit(c) || ((c == "+" || c == "(") && i + 1 < scalars.count
                && (isDigit(scalars[i + 1]) || scalars[i + 1] == "+"))
            guard startsRun, i == 0 || !isDigit(scalars[i - 1]) else {
                out.append(c)
                i += 1
                continue
            }
            var j = i
            var digits = 0
            var lastDigitEnd = i
            while j < scalars.count {
                let d = scalars[j]
                if isDigit(d) {
                    digits += 1
                    lastDigitEnd = j + 1
                } else if !(isJoin(d) || (d == "+" && j == i) || (d == "+" && j == i + 1 && scalars[i] == "(")) {
                    break
                }
                // Two separators in a row end the run ("12 . 5" is not a phone number).
                if j > i, isJoin(d), isJoin(scalars[j - 1]), d != "(", scalars[j - 1] != ")" { break }
                j += 1
            }
            if digits >= 9 && digits <= 13 {
                out.append(contentsOf: phoneMask.unicodeScalars)
                i = lastDigitEnd
                // Keep a closing bracket that belongs to the text, drop one of the number.
            } else {
                out.append(contentsOf: scalars[i..<max(lastDigitEnd, i + 1)])
                i = max(lastDigitEnd, i + 1)
            }
        }
        return String(out)
    }
}
