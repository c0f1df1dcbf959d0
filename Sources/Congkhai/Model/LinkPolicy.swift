import Foundation

/// Which URLs may reach the output, decided in one place for evidence links
/// (checked at load), channel links and Markdown links (checked at render).
public enum LinkPolicy {
    /// Characters that never appear in a link we publish.
    static func hasUnsafeCharacters(_ s: String) -> Bool {
        s.contains { $0 == "\"" || $0 == "<" || $0 == ">" || $0 == " " || $0 == "\\" || $0 == "\n" || $0 == "\t" }
    }

    /// `url` trimmed, when it is http(s) with a host, a site path (`/…`, not
    /// `//…`), or — when allowed — `mailto:` / `tel:`; nil otherwise.
    public static func href(_ url: String, allowMail: Bool = true, allowPhone: Bool = true) -> String? {
        if case let .some(decided) = asciiHref(url, allowMail: allowMail, allowPhone: allowPhone) { return decided }
        return generalHref(url, allowMail: allowMail, allowPhone: allowPhone)
    }

    /// `href` for any text: trimmed of Unicode white space, characters compared as characters.
    static func generalHref(_ url: String, allowMail: Bool, allowPhone: Bool) -> String? {
        let t = Whitespace.trimmed(url, newlines: true)
        guard !hasUnsafeCharacters(t) else { return nil }
        let lower = t.lowercased()
        if lower.hasPrefix("https://") { return t.count > 8 ? t : nil }
        if lower.hasPrefix("http://") { return t.count > 7 ? t : nil }
        if allowMail && lower.hasPrefix("mailto:") && t.count > 7 { return t }
        if allowPhone && lower.hasPrefix("tel:") && t.count > 4 { return t }
        if t.hasPrefix("/") && !t.hasPrefix("//") { return t }
        return nil
    }

    /// The same rules for the usual link, printable ASCII only (`!`…`~`):
    /// there, a character is a byte, nothing needs trimming and no byte is
    /// unsafe but `"`, `<`, `>` and `\\`, so the answer is found without
    /// Foundation's trimming, lowercasing or grapheme counting (a commitment
    /// card's evidence links were 3 % of a build). `.some(answer)` when the
    /// link is printable ASCII; nil when the general path must decide.
    static func asciiHref(_ url: String, allowMail: Bool, allowPhone: Bool) -> String?? {
        var bytes = url
        return bytes.withUTF8 { u -> String?? in
            for b in u where b < 0x21 || b > 0x7E { return nil }
            for b in u where b == UInt8(ascii: "\"") || b == UInt8(ascii: "<") || b == UInt8(ascii: ">") || b == UInt8(ascii: "\\") {
                return .some(nil)
            }
            func hasPrefix(_ p: StaticString) -> Bool {
                guard u.count >= p.utf8CodeUnitCount else { return false }
                for i in 0..<p.utf8CodeUnitCount where u[i] | 0x20 != p.utf8Start[i] { return false }
                return true
            }
            if hasPrefix("https://") { return .some(u.count > 8 ? url : nil) }
            if hasPrefix("http://") { return .some(u.count > 7 ? url : nil) }
            if allowMail && hasPrefix("mailto:") && u.count > 7 { return .some(url) }
            if allowPhone && hasPrefix("tel:") && u.count > 4 { return .some(url) }
            if u.first == UInt8(ascii: "/") && !(u.count > 1 && u[1] == UInt8(ascii: "/")) { return .some(url) }
            return .some(nil)
        }
    }

    /// Evidence links: http(s) URLs or site-relative paths (`/files/x.pdf`).
    public static func isEvidenceLink(_ link: String) -> Bool {
        href(link, allowMail: false, allowPhone: false) != nil
    }

    /// Markdown links: the `href` rules plus fragments and scheme-less
    /// relative references; images: http(s) and site paths only.
    public static func isAllowedInMarkdown(_ url: String, image: Bool) -> Bool {
        let t = Whitespace.trimmed(url, newlines: true)
        if t.isEmpty { return true }
        if href(t, allowMail: !image, allowPhone: false) != nil { return true }
        if t.hasPrefix("//") || t.hasPrefix("\\") { return false }
        if t.hasPrefix("#") { return !image }
        // A relative reference: no scheme before the first `/`, `?` or `#`.
        let head = t.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return !head.contains(":")
    }
}
