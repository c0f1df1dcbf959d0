/// Which links may reach the output.
public enum LinkPolicy {
    /// Evidence links: http(s) URLs or site-relative paths (`/files/x.pdf`).
    public static func isEvidenceLink(_ link: String) -> Bool {
        let l = link.lowercased()
        if l.hasPrefix("https://") || l.hasPrefix("http://") {
            return link.count > 8 && !link.contains(where: { $0 == " " || $0 == "\"" || $0 == "<" || $0 == ">" || $0 == "\\" })
        }
        if link.hasPrefix("/") && !link.hasPrefix("//") && !link.contains("\\") {
            return !link.contains(where: { $0 == " " || $0 == "\"" || $0 == "<" || $0 == ">" })
        }
        return false
    }
}
