/// A compiled theme: Mustache templates, UI strings in vi/en, static assets.
///
/// Compiled once per build from `ThemeFiles`; a province edits the theme
/// folder, never Swift code.
public struct Theme: Sendable {
    public var name: String
    var library: TemplateLibrary
    /// Per language: `library` with that language's strings written in
    /// (`Template.resolving`); made for the languages a site renders.
    private var resolved: [String: TemplateLibrary] = [:]
    /// key → language → text.
    public var strings: [String: [String: String]]
    /// Asset file name → bytes, copied verbatim under `assets/`.
    public var assets: [(name: String, bytes: [UInt8])]
    /// Markdown pages the theme provides, name → language → text.
    public var pages: [String: [String: String]] = [:]
    /// SHA-256 of the templates and strings: what a rendered page depends on besides its model.
    public var fingerprint = ""

    static let requiredTemplates = ["layout", "home", "localities", "locality", "official", "peer-groups", "peer-group",
                                    "commitments", "feedback", "methodology", "open-data", "search", "notice", "not-found", "changes",
                                    "compare", "explainer", "data-files", "pager"]

    /// Compiles every template; syntax errors are logged with file, line and column.
    public static func compile(_ files: ThemeFiles, log: DiagnosticLog) -> Theme? {
        var library = TemplateLibrary()
        var failed = false
        for t in files.templates {
            do {
                try library.register(t.text, named: t.name)
            } catch {
                log.error(t.file, error.line, error.column, "template error: \(error.message)")
                failed = true
            }
        }
        let present = Set(files.templates.map(\.name))
        for required in requiredTemplates where !present.contains(required) {
            log.error("themes/\(files.name)/templates/\(required).mustache", 0, 0, "the theme lacks this template")
            failed = true
        }
        if failed || log.hasErrors { return nil }
        var theme = Theme(name: files.name, library: library, strings: files.strings, assets: files.assets)
        theme.pages = files.pages
        var bytes: [UInt8] = []
        for t in files.templates { bytes += Array((t.name + "\u{1F}" + t.text + "\u{1E}").utf8) }
        for key in files.strings.keys.sorted() {
            for (lang, text) in (files.strings[key] ?? [:]).sorted(by: { $0.key < $1.key }) { bytes += Array((key + lang + text + "\u{1E}").utf8) }
        }
        theme.fingerprint = SHA256.hex(bytes)
        return theme
    }

    /// The theme with each language's strings table written into its
    /// templates, for `renderBytes(_:template:language:)`: the tables must be
    /// the ones that language's pages are given as `t` (`Display.t`).
    func resolving(strings byLanguage: [String: [String: String]]) -> Theme {
        var theme = self
        for (language, table) in byLanguage { theme.resolved[language] = library.resolving(strings: table) }
        return theme
    }

    /// The strings of one language (falling back to Vietnamese, then the key).
    public func strings(for language: String) -> [String: String] {
        ThemeFiles.strings(strings, for: language)
    }

    /// A page that cannot be rendered, reported at the template's file.
    public struct RenderError: Error, Sendable {
        public var file: String
        public var line: Int
        public var message: String
    }

    /// Renders a template; a missing template is an error naming its file,
    /// never an empty page. With a `language` the theme was resolved for,
    /// the context's `t` must be the table it was resolved with.
    func render(_ context: TemplateValue, template: String, language: String? = nil) -> Result<String, RenderError> {
        renderBytes(TemplateTree(context), template: template, language: language).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The same as the bytes written to disk.
    func renderBytes(_ context: TemplateTree, template: String, language: String? = nil,
                     capacity: Int = 16 * 1024) -> Result<[UInt8], RenderError> {
        let library = language.flatMap { resolved[$0] } ?? self.library
        guard let html = library.renderBytes(context, template: template, capacity: capacity) else {
            return .failure(RenderError(file: "themes/\(name)/templates/\(template).mustache", line: 0,
                                        message: "template \"\(template)\" is missing from the theme; the page was not written"))
        }
        return .success(html)
    }
}
