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

    /// Everything but the digests of files the build will hash as it reads
    /// them (the feedback exports): a first build has no key to compare with,
    /// so it need not read 2.7 GB of CSV twice (~14 s nationally from a cold
    /// cache) — the key is completed with the ingest's digests of the bytes it
    /// scored, which are the bytes the output is made of.
    struct Partial {
        var lines: [String]
        /// Content files in listing order: path, digest (nil = deferred), listing line prefix.
        var files: [(path: String, digest: String?, prefix: String)]
        /// The content folder the paths are relative to.
        var root: String
        /// Each content file's `FileWalk.signature` and status-change time
        /// when the content was listed, before anything read it.
        var stats: [String: (signature: String, ctime: Int)] = [:]
        /// When the listing started (ns since the epoch, the clock file times use).
        var listedAt: Int = 0

        /// One SHA-256 of everything but the deferred files' bytes (their
        /// paths are in it). When it differs from the last build's, so does
        /// the key: a build whose as_of or content changed need not hash
        /// gigabytes of exports only to learn that (`BuildState.partial`).
        var digest: String {
            SHA256.hex(Array((lines + files.map { $0.prefix + ($0.digest ?? "deferred") }).joined(separator: "\n").utf8))
        }

        /// The program's own digest (`/proc/self/exe`), which decides how
        /// content is parsed (`ParsedOfficials`); nil before it is known.
        var program: String? {
            lines.count > 1 && lines[1].hasPrefix("program ") && lines[1] != "program -" ? String(lines[1].dropFirst("program ".count)) : nil
        }

        /// One SHA-256 of the lines before the content: program, options,
        /// as_of, keys and theme. When it differs from the last build's, so
        /// does the key, whatever the content holds: a first or nightly build
        /// need not read 48,000 content files only to learn that; they are
        /// hashed as the loader reads them (`filled`, decision 87).
        var header: String { SHA256.hex(Array(lines.joined(separator: "\n").utf8)) }

        /// The same parts with each deferred file's digest that `digest(path)`
        /// gives, except the files `keepDeferred` names; nil when one is missing.
        ///
        /// Computed on every core: the files the loader did not read are
        /// mostly `static/` (a country's 22,000 evidence files, 101 MB),
        /// each opened, read and hashed — 3.5 s of one core with the other
        /// idle in a national first build (`perf`), most of it waiting for
        /// the disk when the files were not in memory.
        func filled(_ digest: @Sendable (String) -> String?, keepDeferred: (String) -> Bool) -> Partial? {
            let todo = files.indices.filter { files[$0].digest == nil && !keepDeferred(files[$0].path) }
            let paths = todo.map { files[$0].path }
            let slots = Slots<String>(count: paths.count)
            DispatchQueue.concurrentPerform(iterations: paths.count) { k in
                if let d = digest(paths[k]) { slots.set(k, d) }
            }
            var out = self
            for (k, i) in todo.enumerated() {
                guard let d = slots.value(k) else { return nil }
                out.files[i].digest = d
            }
            return out
        }

        /// The same parts with the deferred files hashed now (on every
        /// core), except those `deferring` names and those `trusted`
        /// recorded with the signature they had when listed (decision 92);
        /// nil when one cannot be read. The listing is this one's: a rebuild
        /// lists the content once, not once to learn it must compare and
        /// again to compare.
        func hashing(except deferring: (String) -> Bool, trusting trusted: [String: BuildState.TrustedFile]) -> Partial? {
            let files = self.files, stats = self.stats, root = self.root
            let todo = files.indices.filter { files[$0].digest == nil && !deferring(files[$0].path) }
            let slots = Slots<String>(count: todo.count)
            DispatchQueue.concurrentPerform(iterations: todo.count) { k in
                let path = files[todo[k]].path
                if let t = trusted[path], let now = stats[path], t.signature == now.signature {
                    slots.set(k, t.digest)
                } else {
                    slots.set(k, SHA256.hex(fileAt: root + "/" + path) ?? "unreadable")
                }
            }
            var out = self
            for (k, i) in todo.enumerated() {
                guard let d = slots.value(k), d != "unreadable" else { return nil }
                out.files[i].digest = d
            }
            return out
        }

        /// The whole key, hashing the deferred files now (on every core) —
        /// except those `trusted` recorded with the signature they have now
        /// (decision 92); nil when one cannot be read.
        func completed(trusting trusted: [String: BuildState.TrustedFile] = [:]) -> Value? {
            var hashes: [String: String] = [:]
            for f in files where f.digest == nil {
                if let t = trusted[f.path], let now = stats[f.path], t.signature == now.signature { hashes[f.path] = t.digest }
            }
            let deferred = files.filter { $0.digest == nil && hashes[$0.path] == nil }.map(\.path)
            let slots = Slots<String>(count: deferred.count)
            let root = self.root
            DispatchQueue.concurrentPerform(iterations: deferred.count) { i in
                if let d = SHA256.hex(fileAt: root + "/" + deferred[i]) { slots.set(i, d) }
            }
            for (i, path) in deferred.enumerated() { hashes[path] = slots.value(i) }
            return value(filling: hashes)
        }

        /// The key, with each deferred digest from `hashes`; nil when one is missing.
        func value(filling hashes: [String: String]) -> Value? {
            var lines = self.lines
            var digests: [String: String] = [:]
            for f in files {
                guard let d = f.digest ?? hashes[f.path] else { return nil }
                lines.append(f.prefix + d)
                if digests[f.path] == nil { digests[f.path] = d }
            }
            return Value(key: SHA256.hex(Array(lines.joined(separator: "\n").utf8)), digests: digests)
        }
    }

    /// Nil when something cannot be read: the build then simply runs in full.
    static func compute(_ inputs: Inputs) -> Value? {
        prepare(inputs, deferring: { _ in false })?.value(filling: [:])
    }

    /// The feedback exports a build reads and hashes itself (`FeedbackIngest`).
    /// Same rule as `ContentTree`: a `.csv` (any case) directly in `feedback/`.
    static func isFeedbackExport(_ path: String) -> Bool {
        guard path.hasPrefix("feedback/") else { return false }
        let name = path.dropFirst("feedback/".count)
        return !name.contains("/") && name.lowercased().hasSuffix(".csv")
    }

    /// The key's parts, without hashing the content files `deferring` names.
    static func prepare(_ inputs: Inputs, deferring: (String) -> Bool) -> Partial? {
        // The program (~23 MB) is hashed on a thread of its own while the content is listed.
        let programDigest = BackgroundValue { SHA256.hex(fileAt: "/proc/self/exe") }
        var lines = ["congkhai-build-key 1", "program -", "version \(CongkhaiVersion.string) \(CongkhaiVersion.rules)"]
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
            var walked: [FileWalk.Entry] = []
            guard let theme = tree(path, deferring: { _ in false }, walked: &walked, skipping: { _ in false }) else { return nil }
            lines.append("theme \(path)")
            lines += theme.map { $0.prefix + ($0.digest ?? "") }
        }
        guard let content = ContentTree.realPath(inputs.content) else { return nil }
        let output = ContentTree.realPath(inputs.output) ?? inputs.output
        // An output folder inside the content folder is not content (nor what a build keeps beside it).
        let skipped: String? = output.hasPrefix(content + "/") ? String(output.dropFirst(content.count + 1)) : nil
        let outputName = (output as NSString).lastPathComponent
        let outputParent = skipped.map { ($0 as NSString).deletingLastPathComponent } ?? ""
        var walked: [FileWalk.Entry] = []
        let listedAt = Int(Date().timeIntervalSince1970 * 1_000_000_000)
        guard let files = tree(content, deferring: deferring, walked: &walked, skipping: { rel in
            guard let skipped else { return false }
            if rel == skipped || rel.hasPrefix(skipped + "/") { return true }
            let name = (rel as NSString).lastPathComponent
            // Its lock, state and staging folders, and the build report written beside it.
            return (rel as NSString).deletingLastPathComponent == outputParent
                && (name.hasPrefix("." + outputName + ".congkhai") || name == outputName + ".build-report.json")
        }) else { return nil }
        lines.append("content \(content)")
        guard let program = programDigest.value else { return nil }
        lines[1] = "program \(program)"
        var stats: [String: (signature: String, ctime: Int)] = [:]
        for e in walked where e.kind == .file {
            stats[e.path] = (FileWalk.signature(size: e.size, mtime: e.mtime, ctime: e.ctime, inode: e.inode), e.ctime)
        }
        return Partial(lines: lines, files: files, root: content, stats: stats, listedAt: listedAt)
    }

    /// Path and digest of every entry under `root`, files hashed on every
    /// core; the digest is nil for the files `deferring` names.
    private static func tree(_ root: String, deferring: (String) -> Bool, walked: inout [FileWalk.Entry],
                             skipping: @Sendable (String) -> Bool) -> [(path: String, digest: String?, prefix: String)]? {
        guard let entries = FileWalk.entries(under: root, skipping: skipping) else { return nil }
        walked = entries
        let deferred = entries.map { $0.kind == .file && deferring($0.path) }
        let digests = Slots<String>(count: entries.count)
        DispatchQueue.concurrentPerform(iterations: entries.count) { i in
            let e = entries[i]
            if deferred[i] { digests.set(i, ""); return }
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
            (entries[i].path, deferred[i] ? nil : values[i], "\(entries[i].path.utf8.count):\(entries[i].path) ")
        }
    }
}
