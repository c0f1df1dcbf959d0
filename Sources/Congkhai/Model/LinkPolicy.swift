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
        let t = url.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !hasUnsafeCharacters(t) else { return nil }
        let lower = t.lowercased()
        if lower.hasPrefix("https://") { return t.count > 8 ? t : nil }
        if lower.hasPrefix("http://") { return t.count > 7 ? t : nil }
        if allowMail && lower.hasPrefix("mailto:") && t.count > 7 { return t }
        if allowPhone && lower.hasPrefix("tel:") && t.count > 4 { return t }
        if t.hasPrefix("/") && !t.hasPrefix("//") { return t }
        return nil
    }

    /// Evidence links: http(s) URLs or site-relative paths (`/files/x.pdf`).
    public static func isEvidenceLink(_ link: String) -> Bool {
        href(link, allowMail: false, allowPhone: false) != nil
    }

    /// Markdown links: the `href` rules plus fragments and scheme-less
    /// relative references; images: http(s) and site paths only.
    public static func isAllowedInMarkdown(_ url: String, image: Bool) -> Bool {
        let t = url.trimmingCharacters(in: .whitespacesAndNewlines)
        if t.isEmpty { return true }
        if href(t, allowMail: !image, allowPhone: false) != nil { return true }
        if t.hasPrefix("//") || t.hasPrefix("\\") { return false }
        if t.hasPrefix("#") { return !image }
        // A relative reference: no scheme before the first `/`, `?` or `#`.
        let head = t.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return !head.contains(":")
    }
}
