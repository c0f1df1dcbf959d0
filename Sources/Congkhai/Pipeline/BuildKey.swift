import Foundation

/// One SHA-256 over everything a build's output depends on besides the
/// published site itself: the program (its own executable, which holds the
/// built-in theme and framework), the options, the keys from the environment,
/// the theme folder and every byte of the content folder, feedback included.
///
/// Two builds with the same key, run over the same published site, produce the
/// same manifest — the build is deterministic (DESIGN.md) — so a build whose
/// key matches the last one's can stop before reading a single feedback row
/// (decision 71). Hashing is the whole cost: about 1.5 GB/s per core here.
enum BuildKey {
    struct Inputs {
        var content: String
        var output: String
        var theme: ThemeFiles.Source
        var asOf: Day?
        var baseURL: String?
        var strict: Bool
        var firstLanguageOnly: Bool
        var environment: [String: String]
    }

    struct Value {
        var key: String
        /// Content-relative path → SHA-256 of the bytes hashed: after the build,
        /// the manifest's inputs must agree, or a file changed while it ran.
        var digests: [String: String]
    }

    /// Nil when something cannot be read: the build then simply runs in full.
    static func compute(_ inputs: Inputs) -> Value? {
        guard let program = SHA256.hex(fileAt: "/proc/self/exe") else { return nil }
        var lines = ["congkhai-build-key 1", "program \(program)", "version \(CongkhaiVersion.string) \(CongkhaiVersion.rules)"]
        lines.append("as_of \(inputs.asOf?.description ?? "-")")
        lines.append("base_url \(inputs.baseURL ?? "-")")
        lines.append("strict \(inputs.strict) first_language_only \(inputs.firstLanguageOnly)")
        // Keys change pseudonyms and signatures: only their digests enter the key.
        let env = inputs.environment
        lines.append("pseudonym_key \(env["CONGKHAI_PSEUDONYM_KEY"].map { SHA256.hex(Array($0.utf8)) } ?? "-")")
        for name in ["CONGKHAI_PSEUDONYM_KEY_FILE", "CONGKHAI_SIGNING_KEY"] {
            guard let path = env[name], !path.isEmpty else { lines.append("\(name) -"); continue }
            lines.append("\(name) \(SHA256.hex(fileAt: path) ?? "unreadable")")
        }
        switch inputs.theme {
        case .embedded: lines.append("theme built-in")
        case let .folder(path):
            guard let theme = tree(path, skipping: { _ in false }) else { return nil }
            lines.append("theme \(path)")
            lines += theme.map(\.line)
        }
        guard let content = ContentTree.realPath(inputs.content) else { return nil }
        let output = ContentTree.realPath(inputs.output) ?? inputs.output
        // An output folder inside the content folder is not content (nor what a build keeps beside it).
        var skipped: String?
        if output.hasPrefix(content + "/") {
            let rel = String(output.dropFirst(content.count + 1))
            skipped = rel
        }
        let outputName = (output as NSString).lastPathComponent
        let outputParent = skipped.map { ($0 as NSString).deletingLastPathComponent } ?? ""
        guard let files = tree(content, skipping: { rel in
            guard let skipped else { return false }
            if rel == skipped || rel.hasPrefix(skipped + "/") { return true }
            let name = (rel as NSString).lastPathComponent
            // Its lock, state and staging folders, and the build report written beside it.
            return (rel as NSString).deletingLastPathComponent == outputParent
                && (name.hasPrefix("." + outputName + ".congkhai") || name == outputName + ".build-report.json")
        }) else { return nil }
        lines.append("content \(content)")
        lines += files.map(\.line)
        return Value(key: SHA256.hex(Array(lines.joined(separator: "\n").utf8)),
                     digests: Dictionary(files.map { ($0.path, $0.digest) }, uniquingKeysWith: { a, _ in a }))
    }

    /// Path and digest of every entry under `root`, files hashed on every core.
    private static func tree(_ root: String, skipping: (String) -> Bool) -> [(path: String, digest: String, line: String)]? {
        guard let entries = FileWalk.entries(under: root, skipping: skipping) else { return nil }
        let digests = Slots<String>(count: entries.count)
        DispatchQueue.concurrentPerform(iterations: entries.count) { i in
            let e = entries[i]
            switch e.kind {
            case .file: digests.set(i, SHA256.hex(fileAt: root + "/" + e.path) ?? "unreadable")
            case .link: digests.set(i, "link:" + ((try? FileManager.default.destinationOfSymbolicLink(atPath: root + "/" + e.path)) ?? "?"))
            case .other: digests.set(i, "other")
            }
        }
        let values = digests.values
        guard !values.contains("unreadable") else { return nil }
        // The path's length first: no file name can make two listings read alike.
        return entries.indices.map { i in
            (entries[i].path, values[i], "\(entries[i].path.utf8.count):\(entries[i].path) \(values[i])")
        }
    }
}
