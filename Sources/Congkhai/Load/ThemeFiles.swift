import Foundation

/// A theme folder read from disk: template sources, UI strings, assets.
/// Render compiles it into a `Theme`; loading stays with the other loaders.
public struct ThemeFiles: Sendable {
    public struct Template: Sendable {
        public var name: String
        /// `themes/<name>/templates/<file>`, for messages.
        public var file: String
        public var text: String
    }

    public var name: String
    public var templates: [Template]
    /// key → language → text.
    public var strings: [String: [String: String]]
    public var assets: [(name: String, bytes: [UInt8])]
    /// `pages/<name>.<language>.md`: Markdown pages the theme provides (the
    /// plain-words explainer of the scoring), keyed by name then language.
    public var pages: [String: [String: String]] = [:]

    /// The strings of one language (falling back to Vietnamese, then the key).
    public func strings(for language: String) -> [String: String] { ThemeFiles.strings(strings, for: language) }

    static func strings(_ table: [String: [String: String]], for language: String) -> [String: String] {
        var out: [String: String] = [:]
        for (key, m) in table { out[key] = m[language] ?? m["vi"] ?? key }
        return out
    }

    /// Where a theme comes from: a folder beside the content, one in the
    /// working directory, or (for `default` only) the copy built into the binary.
    public enum Source: Sendable, Equatable {
        case folder(String)
        case embedded
    }

    /// Finds `themes/<name>` next to the content folder, then in the working
    /// directory; the default theme falls back to the one built into the binary,
    /// so an installed `congkhai` works from any directory (decision 63).
    public static func locate(name: String, contentRoot: String) -> Source? {
        let candidates = [
            (contentRoot as NSString).deletingLastPathComponent + "/themes/" + name,
            FileManager.default.currentDirectoryPath + "/themes/" + name,
        ]
        if let folder = candidates.first(where: { var d: ObjCBool = false; return FileManager.default.fileExists(atPath: $0, isDirectory: &d) && d.boolValue }) {
            return .folder(folder)
        }
        return name == "default" ? .embedded : nil
    }

    /// Reads a located theme.
    public static func load(_ source: Source, name: String, log: DiagnosticLog) -> ThemeFiles? {
        switch source {
        case let .folder(path): return load(path: path, name: name, log: log)
        case .embedded: return embeddedDefault(log: log)
        }
    }

    /// The default theme as built into the binary (`EmbeddedTheme.swift`,
    /// generated from `themes/default` by `scripts/embed_theme.py`).
    public static func embeddedDefault(log: DiagnosticLog) -> ThemeFiles? {
        let display = "themes/default"
        let templates = EmbeddedTheme.templates.map { Template(name: $0.name, file: display + "/templates/" + $0.name + ".mustache", text: $0.text) }
        let strings = parseStrings(EmbeddedTheme.strings, file: display + "/strings.yaml", log: log)
        var files = ThemeFiles(name: "default", templates: templates, strings: strings,
                               assets: EmbeddedTheme.assets.map { ($0.name, Array($0.text.utf8)) })
        for page in EmbeddedTheme.pages { files.add(page: page.file, text: page.text) }
        return files
    }

    /// Reads the folder; problems are logged with file, line and column.
    public static func load(path: String, name: String, log: DiagnosticLog) -> ThemeFiles? {
        let display = "themes/" + name
        var templates: [Template] = []
        let templatesDir = path + "/templates"
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: templatesDir)) ?? [])
            .filter { $0.hasSuffix(".mustache") && !$0.hasPrefix(".") }
            .sorted()
        for file in files {
            let shown = display + "/templates/" + file
            guard let data = FileManager.default.contents(atPath: templatesDir + "/" + file),
                  case let .success(text) = TextDecoding.decode([UInt8](data)) else {
                log.error(shown, 0, 0, "cannot read template (it must be a UTF-8 file)")
                continue
            }
            templates.append(Template(name: String(file.dropLast(".mustache".count)), file: shown, text: text))
        }

        let stringsFile = display + "/strings.yaml"
        var strings: [String: [String: String]] = [:]
        if let data = FileManager.default.contents(atPath: path + "/strings.yaml") {
            switch TextDecoding.decode([UInt8](data)) {
            case let .success(text): strings = parseStrings(text, file: stringsFile, log: log)
            case .failure: log.error(stringsFile, 0, 0, "strings file is not UTF-8")
            }
        } else {
            log.error(stringsFile, 0, 0, "the theme lacks strings.yaml")
        }

        var assets: [(String, [UInt8])] = []
        let assetsDir = path + "/assets"
        for file in ((try? FileManager.default.contentsOfDirectory(atPath: assetsDir)) ?? []).sorted() where !file.hasPrefix(".") {
            if let data = FileManager.default.contents(atPath: assetsDir + "/" + file) { assets.append((file, [UInt8](data))) }
        }
        var theme = ThemeFiles(name: name, templates: templates, strings: strings, assets: assets)
        let pagesDir = path + "/pages"
        for file in ((try? FileManager.default.contentsOfDirectory(atPath: pagesDir)) ?? []).sorted() where file.hasSuffix(".md") && !file.hasPrefix(".") {
            guard let data = FileManager.default.contents(atPath: pagesDir + "/" + file), case let .success(text) = TextDecoding.decode([UInt8](data)) else {
                log.error(display + "/pages/" + file, 0, 0, "cannot read page (it must be a UTF-8 file)")
                continue
            }
            theme.add(page: file, text: text)
        }
        return theme
    }

    /// `cach-tinh-diem.vi.md` → pages["cach-tinh-diem"]["vi"].
    mutating func add(page file: String, text: String) {
        let parts = file.dropLast(".md".count).split(separator: ".")
        guard parts.count == 2 else { return }
        pages[String(parts[0]), default: [:]][String(parts[1])] = text
    }

    /// A page's Markdown in a language, falling back to Vietnamese.
    public func page(_ name: String, language: String) -> String? {
        pages[name].flatMap { $0[language] ?? $0["vi"] }
    }

    /// `key: { vi: …, en: … }` lines; problems at their line and column.
    static func parseStrings(_ text: String, file: String, log: DiagnosticLog) -> [String: [String: String]] {
        var strings: [String: [String: String]] = [:]
        switch YAMLParser.parse(text) {
        case let .success(value?):
            guard case let .mapping(pairs, _, _) = value else {
                log.error(file, value.line, value.column, "strings.yaml must map keys to { vi: …, en: … }")
                return [:]
            }
            for pair in pairs {
                guard case let .mapping(langs, _, _) = pair.value else {
                    log.error(file, pair.value.line, pair.value.column, "\(pair.key.text) must be { vi: …, en: … }")
                    continue
                }
                var m: [String: String] = [:]
                for l in langs { if case let .scalar(s) = l.value { m[l.key.text] = s.text } }
                strings[pair.key.text] = m
            }
        case .success(nil):
            log.error(file, 1, 1, "strings file is empty")
        case let .failure(f):
            log.error(file, f.line, f.column, f.message)
        }
        return strings
    }
}
