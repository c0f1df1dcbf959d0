import Foundation

/// Reads every file of a content folder into typed values, reporting all
/// problems instead of stopping at the first.
public enum ContentLoader {
    static let maxFileBytes = 2 * 1024 * 1024

    /// Loads the folder; check `log.hasErrors` before trusting the result.
    public static func load(_ rootPath: String, log: DiagnosticLog) -> LoadedContent {
        load(rootPath, log: log, parsed: nil, recording: nil)
    }

    /// The same, for a build: `parsed` holds the last build's decoded
    /// officials, taken for files whose bytes did not change; `recording`
    /// is where this load's go for the next build (decision 111).
    static func load(_ rootPath: String, log: DiagnosticLog, parsed: ParsedOfficials?, recording: ParsedOfficials.Recorded?) -> LoadedContent {
        var content = LoadedContent(root: rootPath)
        guard let tree = ContentTree.scan(rootPath, log: log) else { return content }
        content.root = tree.root

        if let yaml = parseYAMLFile("site.yaml", tree: tree, log: log, inputs: &content.inputFiles) {
            content.site = SiteDecoder.decode(yaml, file: "site.yaml", log: log)
        }
        let frameworkFile = content.site?.frameworkFile ?? "framework.yaml"
        if SiteDecoder.isSafeRelativeYAML(frameworkFile) {
            if tree.kind(of: frameworkFile, log: log) == .file {
                if let yaml = parseYAMLFile(frameworkFile, tree: tree, log: log, inputs: &content.inputFiles) {
                    content.framework = FrameworkDecoder.decode(yaml, file: frameworkFile, log: log)
                }
            } else {
                log.error("site.yaml", 0, 0, "framework file \(frameworkFile) is missing")
            }
        }
        if tree.kind(of: "catalog.yaml", log: log) == .file,
           let yaml = parseYAMLFile("catalog.yaml", tree: tree, log: log, inputs: &content.inputFiles) {
            content.products = CatalogDecoder.decode(yaml, file: "catalog.yaml", log: log)
        }
        for (id, path) in tree.localityFiles {
            guard let yaml = parseYAMLFile(path, tree: tree, log: log, inputs: &content.inputFiles),
                  let locality = LocalityDecoder.decode(yaml, id: id, file: path, log: log) else {
                content.unloadedLocalities.insert(id)
                continue
            }
            content.localities.append(locality)
        }
        // Officials are independent files: parsed on every core (a national
        // tree has 50,000), each with its own log, merged in file order so
        // the diagnostics and the loaded list are the same as one by one.
        let files = tree.officialFiles
        let slots = Slots<LoadedOfficial>(count: files.count)
        // The bodies wait in one spool until their HTML is rendered (`ParkedText`).
        let bodies = Spool()
        DispatchQueue.concurrentPerform(iterations: files.count) { i in
            let local = DiagnosticLog()
            var inputs: [String] = []
            var official = loadOfficial(files[i], tree: tree, log: local, inputs: &inputs, parsed: parsed, recording: recording)
            official?.parkBody(in: bodies)
            slots.set(i, LoadedOfficial(official: official, diagnostics: local.items, inputs: inputs))
        }
        for (file, loaded) in zip(files, slots.values) {
            log.add(contentsOf: loaded.diagnostics)
            content.inputFiles.append(contentsOf: loaded.inputs)
            if let official = loaded.official {
                content.officials.append(official)
            } else {
                content.unloadedOfficials.insert(file.locality + "/" + file.id)
            }
        }
        for path in tree.auditFiles {
            guard let yaml = parseYAMLFile(path, tree: tree, log: log, inputs: &content.inputFiles) else { continue }
            content.audits.append(contentsOf: AuditDecoder.decode(yaml, file: path, log: log))
        }
        content.feedbackFiles = tree.feedbackFiles
        content.staticFiles = tree.staticFiles
        content.inputFiles.append(contentsOf: tree.feedbackFiles)
        content.inputFiles.append(contentsOf: tree.staticFiles)
        content.inputFiles.sort { UTF8Order.precedes($0, $1) }
        content.inputBytes = tree.bytesRead
        return content
    }

    static func readText(_ path: String, tree: ContentTree, log: DiagnosticLog) -> String? {
        guard let bytes = tree.read(path, limit: maxFileBytes, log: log) else { return nil }
        switch TextDecoding.decode(bytes) {
        case let .success(text):
            return text
        case let .failure(failure):
            let (line, message) = TextDecoding.message(for: failure)
            log.error(path, line, 0, message)
            return nil
        }
    }

    static func parseYAMLFile(_ path: String, tree: ContentTree, log: DiagnosticLog, inputs: inout [String]) -> YAMLValue? {
        inputs.append(path)
        guard let text = readText(path, tree: tree, log: log) else { return nil }
        switch YAMLParser.parse(text) {
        case let .success(value):
            guard let value else {
                log.error(path, 1, 1, "file is empty")
                return nil
            }
            return value
        case let .failure(f):
            log.error(path, f.line, f.column, f.message)
            return nil
        }
    }

    static func loadOfficial(_ file: ContentTree.OfficialFile, tree: ContentTree, log: DiagnosticLog,
                             inputs: inout [String], parsed: ParsedOfficials? = nil,
                             recording: ParsedOfficials.Recorded? = nil) -> Official? {
        inputs.append(file.path)
        guard let text = readText(file.path, tree: tree, log: log) else { return nil }
        // The digest the loader took of the bytes it read: the entry's key.
        let digest = parsed == nil && recording == nil ? nil : tree.bytesRead.hash(file.path)
        return decodeOfficial(file, text: text, digest: digest, log: log, parsed: parsed, recording: recording)
    }

    /// The official in `text` (the bytes whose SHA-256 is `digest`): from
    /// `parsed` when it holds them, else parsed and decoded; recorded for
    /// the next build either way.
    private static func decodeOfficial(_ file: ContentTree.OfficialFile, text: String, digest: String?, log: DiagnosticLog,
                                       parsed: ParsedOfficials?, recording: ParsedOfficials.Recorded?) -> Official? {
        // What is logged from here on depends on the bytes alone: the entry's diagnostics.
        let logged = log.items.count
        let parts: FrontMatter.Parts
        switch FrontMatter.split(text) {
        case let .success(p): parts = p
        case .failure(.missingOpening):
            log.error(file.path, 1, 1, "an official file must start with YAML front matter between --- lines")
            return nil
        case .failure(.missingClosing):
            log.error(file.path, 1, 1, "front matter is not closed by a --- line")
            return nil
        }
        if let digest, let hit = parsed?.official(file.path, digest: digest, body: parts.body) {
            log.add(contentsOf: hit.diagnostics)
            recording?.add(file.path, digest: digest, entry: hit.entry)
            return hit.official
        }
        switch YAMLParser.parse(parts.yaml, lineOffset: parts.yamlLineOffset) {
        case let .success(value):
            guard let value else {
                log.error(file.path, 2, 1, "front matter is empty")
                return nil
            }
            let official = OfficialDecoder.decode(value, id: file.id, locality: file.locality, body: parts.body,
                                                  file: file.path, log: log)
            if let official, let digest, let recording {
                recording.add(file.path, digest: digest, entry: ParsedOfficials.entry(official, diagnostics: Array(log.items[logged...])))
            }
            return official
        case let .failure(f):
            log.error(file.path, f.line, f.column, f.message)
            return nil
        }
    }
}

/// One official file's outcome, as a loading core left it.
private struct LoadedOfficial {
    var official: Official?
    var diagnostics: [Diagnostic]
    var inputs: [String]
}
