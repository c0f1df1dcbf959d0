import Foundation
import Testing
@testable import Congkhai

@Suite struct PrivacyMaskTests {
    @Test(arguments: [
        "0912345678", "0912 345 678", "0912.345.678", "0912-345-678", "+84 912 345 678", "(+84) 912-345-678",
        "+84912345678", "024 3825 1234", "(024) 3825 1234", "0243.825.1234", "001203004567", "123456789",
    ])
    func masksNumbers(number: String) {
        let masked = PrivacyMask.mask("Gọi \(number) nhé")
        #expect(masked == "Gọi \(PrivacyMask.phoneMask) nhé")
    }

    @Test func masksEmails() {
        #expect(PrivacyMask.mask("Email nguoidan.demo@example.com, cảm ơn") == "Email \(PrivacyMask.emailMask), cảm ơn")
        #expect(PrivacyMask.mask("a.b+c@mail.gov.vn.") == "\(PrivacyMask.emailMask).")
    }

    @Test func keepsDatesAmountsAndText() {
        #expect(PrivacyMask.mask("Hạn 2026-10-15, 2 tháng, 300 hồ sơ, 45%") == "Hạn 2026-10-15, 2 tháng, 300 hồ sơ, 45%")
        #expect(PrivacyMask.mask("@ hội nghị") == "@ hội nghị")
    }

    /// The byte-level mask (decision 85) must mask exactly what the
    /// Unicode-scalar version it replaced masked: random text over the
    /// characters the rules look at, Vietnamese letters and the no-break space.
    @Test func masksExactlyLikeTheScalarVersion() {
        let alphabet: [String] = ["0", "1", "5", "9", " ", ".", "-", "(", ")", "+", "@", "_", "%", "a", "Z", "x",
                                  "ệ", "ơ", "\u{00A0}", "\u{2009}", "😀", ",", "\n", "e.com", "gov.vn", "0912"]
        var generator = SplitMix(seed: 85)
        var differences: [String] = []
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...40, using: &generator)
            let text = (0..<length).map { _ in alphabet.randomElement(using: &generator) ?? "" }.joined()
            if PrivacyMask.mask(text) != ScalarMask.mask(text) { differences.append(text) }
        }
        #expect(differences.count == 0, "first: \(differences.prefix(3))")
    }
}

/// The mask as it was before decision 85, on Unicode scalars: the reference.
private enum ScalarMask {
    static func mask(_ text: String) -> String {
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
                    out.append(contentsOf: PrivacyMask.emailMask.unicodeScalars)
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
                out.append(contentsOf: PrivacyMask.phoneMask.unicodeScalars)
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
