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

    /// The strings of one language (falling back to Vietnamese, then the key).
    public func strings(for language: String) -> [String: String] { ThemeFiles.strings(strings, for: language) }

    static func strings(_ table: [String: [String: String]], for language: String) -> [String: String] {
        var out: [String: String] = [:]
        for (key, m) in table { out[key] = m[language] ?? m["vi"] ?? key }
        return out
    }

    /// Finds `themes/<name>` next to the content folder, then in the working directory.
    public static func locate(name: String, contentRoot: String) -> String? {
        let candidates = [
            (contentRoot as NSString).deletingLastPathComponent + "/themes/" + name,
            FileManager.default.currentDirectoryPath + "/themes/" + name,
        ]
        return candidates.first { var d: ObjCBool = false; return FileManager.default.fileExists(atPath: $0, isDirectory: &d) && d.boolValue }
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

        var strings: [String: [String: String]] = [:]
        let stringsFile = display + "/strings.yaml"
        if let data = FileManager.default.contents(atPath: path + "/strings.yaml") {
            switch TextDecoding.decode([UInt8](data)) {
            case let .success(text):
                switch YAMLParser.parse(text) {
                case let .success(value?):
                    guard case let .mapping(pairs, _, _) = value else {
                        log.error(stringsFile, value.line, value.column, "strings.yaml must map keys to { vi: …, en: … }")
                        break
                    }
                    for pair in pairs {
                        guard case let .mapping(langs, _, _) = pair.value else {
                            log.error(stringsFile, pair.value.line, pair.value.column, "\(pair.key.text) must be { vi: …, en: … }")
                            continue
                        }
                        var m: [String: String] = [:]
                        for l in langs { if case let .scalar(s) = l.value { m[l.key.text] = s.text } }
                        strings[pair.key.text] = m
                    }
                case .success(nil):
                    log.error(stringsFile, 1, 1, "strings file is empty")
                case let .failure(f):
                    log.error(stringsFile, f.line, f.column, f.message)
                }
            case .failure:
                log.error(stringsFile, 0, 0, "strings file is not UTF-8")
            }
        } else {
            log.error(stringsFile, 0, 0, "the theme lacks strings.yaml")
        }

        var assets: [(String, [UInt8])] = []
        let assetsDir = path + "/assets"
        for file in ((try? FileManager.default.contentsOfDirectory(atPath: assetsDir)) ?? []).sorted() where !file.hasPrefix(".") {
            if let data = FileManager.default.contents(atPath: assetsDir + "/" + file) { assets.append((file, [UInt8](data))) }
        }
        return ThemeFiles(name: name, templates: templates, strings: strings, assets: assets)
    }
}
