import Foundation
import Mustache

/// A theme folder: Mustache templates, UI strings in vi/en, static assets.
///
/// Compiled once per build; a province edits the folder, never Swift code.
public struct Theme: Sendable {
    public var name: String
    public var path: String
    public var library: MustacheLibrary
    /// key → language → text.
    public var strings: [String: [String: String]]
    /// Asset file name → bytes, copied verbatim under `assets/`.
    public var assets: [(name: String, bytes: [UInt8])]

    static let requiredTemplates = ["layout", "home", "localities", "locality", "official", "peer-groups", "peer-group",
                                    "commitments", "feedback", "methodology", "open-data", "search", "notice", "not-found"]

    /// Finds `themes/<name>` next to the content folder, then in the working directory.
    public static func locate(name: String, contentRoot: String) -> String? {
        let candidates = [
            (contentRoot as NSString).deletingLastPathComponent + "/themes/" + name,
            FileManager.default.currentDirectoryPath + "/themes/" + name,
        ]
        return candidates.first { var d: ObjCBool = false; return FileManager.default.fileExists(atPath: $0, isDirectory: &d) && d.boolValue }
    }

    /// Loads and compiles; template or strings errors are logged with file, line and column.
    public static func load(path: String, name: String, log: DiagnosticLog) -> Theme? {
        let display = "themes/" + name
        var library = MustacheLibrary()
        let templatesDir = path + "/templates"
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: templatesDir)) ?? [])
            .filter { $0.hasSuffix(".mustache") && !$0.hasPrefix(".") }
            .sorted()
        for file in names {
            let templateName = String(file.dropLast(".mustache".count))
            guard let data = FileManager.default.contents(atPath: templatesDir + "/" + file),
                  let text = String(data: data, encoding: .utf8) else {
                log.error(display + "/templates/" + file, 0, 0, "cannot read template")
                continue
            }
            do {
                try library.register(text, named: templateName)
            } catch let error as MustacheTemplate.ParserError {
                log.error(display + "/templates/" + file, error.context.lineNumber, error.context.columnNumber,
                          "template error: \(error.error)")
            } catch {
                log.error(display + "/templates/" + file, 0, 0, "template error: \(error)")
            }
        }
        for required in requiredTemplates where library.getTemplate(named: required) == nil && !names.contains(required + ".mustache") {
            log.error(display + "/templates/" + required + ".mustache", 0, 0, "the theme lacks this template")
        }

        var strings: [String: [String: String]] = [:]
        let stringsFile = display + "/strings.yaml"
        if let data = FileManager.default.contents(atPath: path + "/strings.yaml") {
            switch TextDecoding.decode([UInt8](data)) {
            case let .success(text):
                switch YAMLParser.parse(text) {
                case let .success(value?):
                    if case let .mapping(pairs, _, _) = value {
                        for pair in pairs {
                            guard case let .mapping(langs, _, _) = pair.value else {
                                log.error(stringsFile, pair.value.line, pair.value.column, "\(pair.key.text) must be { vi: …, en: … }")
                                continue
                            }
                            var m: [String: String] = [:]
                            for l in langs { if case let .scalar(s) = l.value { m[l.key.text] = s.text } }
                            strings[pair.key.text] = m
                        }
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
        if log.hasErrors { return nil }
        return Theme(name: name, path: path, library: library, strings: strings, assets: assets)
    }

    /// The strings of one language (falling back to Vietnamese, then the key).
    public func strings(for language: String) -> [String: String] {
        var out: [String: String] = [:]
        for (key, m) in strings { out[key] = m[language] ?? m["vi"] ?? key }
        return out
    }

    public func render(_ context: [String: Any], template: String) -> String {
        library.render(context, withTemplate: template) ?? ""
    }
}
