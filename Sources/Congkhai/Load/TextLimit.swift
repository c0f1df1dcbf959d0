/// How long one text field of the content may be before the editor is
/// warned (decision 107).
///
/// Pages show a field whole wherever it appears — a commitment's title on
/// its card, on lists of 100, in search results, feeds and printed notices —
/// so one very long field makes pages that pass ~200 KB and load slowly on a
/// phone. The profile (the Markdown body) is cut on the page instead; a
/// field is the editor's to shorten, so it is warned about at its own line
/// and published as written (its whole text stays in the content file, the
/// ledger and the open data).
enum TextLimit {
    /// Names and titles, which lists repeat.
    static let short = 300
    /// Any other text field (acceptance criteria, notes, reasons).
    static let long = 3_000
    static let shortKeys: Set<String> = ["title", "name", "position"]

    static func limit(for key: String) -> Int { shortKeys.contains(key) ? short : long }

    /// Warns at the value when it is over its limit, in characters.
    static func check(_ s: YAMLScalar, key: String, fields: YAMLFields) {
        let limit = limit(for: key)
        // Bytes first: characters are counted only for text that may be over.
        guard s.text.utf8.count > limit else { return }
        let characters = s.text.count
        guard characters > limit else { return }
        fields.warning(.scalar(s), "\(key) is \(characters) characters long (keep it under \(limit)): pages show it whole "
                       + "wherever it appears, and a page past ~200 KB loads slowly on phones; put long text in the profile (the body)")
    }
}
