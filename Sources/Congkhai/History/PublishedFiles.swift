import Foundation

/// What a build takes back from the published site, held against what
/// was published: the manifest the ledger names, and the files it lists
/// (decisions 121, 122). `CarriedFiles` and `ComparisonBasis` check
/// their folders with these.
enum PublishedFiles {
    /// What is wrong with one file (relative to the site).
    struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        enum Kind: Sendable { case changed, added, missing, other }
        var path: String
        var message: String
        var kind = Kind.other
        var description: String { "\(path): \(message)" }
    }

    /// The published manifest's outputs (path → SHA-256), when it can be
    /// trusted: it reads as a manifest and, when the ledger reads clean, it
    /// is the one the ledger's last `build` entry names. What a build takes
    /// from the published site is checked against it.
    static func outputs(_ output: String, ledger: LedgerFile, keeping keep: (String) -> Bool) -> Result<[String: String], Problem> {
        guard let data = FileManager.default.contents(atPath: output + "/data/manifest.json") else {
            return .failure(Problem(path: "data/manifest.json", message: "missing, so what the site published cannot be checked"))
        }
        let manifest = Array(data)
        if ledger.problems.isEmpty, let last = ledger.lastBuild, last.new?["manifest"]?.stringValue != SHA256.hex(manifest) {
            return .failure(Problem(path: "data/manifest.json", message: "not the manifest the ledger's last build entry (seq \(last.seq)) names"))
        }
        return Manifest.outputs(manifest, keeping: keep).mapError { Problem(path: "data/manifest.json", message: $0.description) }
    }

    /// A regular file found, with its signature (`FileWalk.signature`) as listed.
    struct Found: Sendable {
        var path: String
        var signature: String
    }

    /// The regular files under `folders` of `root` (relative paths, in
    /// `FileWalk`'s order), and a problem for anything else found there.
    static func regularFiles(_ root: String, _ folders: [String]) -> (files: [Found], problems: [Problem]) {
        var files: [Found] = [], problems: [Problem] = []
        for folder in folders {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root + "/" + folder, isDirectory: &isDir) else { continue }
            guard isDir.boolValue, let entries = FileWalk.entries(under: root + "/" + folder) else {
                problems.append(Problem(path: folder, message: "cannot be read as a folder"))
                continue
            }
            for entry in entries {
                let path = folder + "/" + entry.path
                if entry.kind == .file {
                    files.append(Found(path: path, signature: FileWalk.signature(size: entry.size, mtime: entry.mtime, ctime: entry.ctime,
                                                                                inode: entry.inode)))
                } else {
                    problems.append(Problem(path: path, message: "not a regular file (a build publishes none)"))
                }
            }
        }
        return (files, problems)
    }

    /// Each found file's SHA-256 (nil when unreadable): the one the last
    /// build recorded where the file's signature is still the recorded one
    /// (`PublishedSignatures`, decision 124), else hashed now, on every core.
    static func digests(_ root: String, _ files: [Found], trusting record: PublishedSignatures?) -> [String?] {
        let digests = Slots<String>(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { i in
            let f = files[i]
            if let d = record?.digest(f.path, signature: f.signature) ?? SHA256.hex(fileAt: root + "/" + f.path) { digests.set(i, d) }
        }
        return files.indices.map { digests.value($0) }
    }

    /// Files found (path, SHA-256 or nil when unreadable) against the
    /// manifest's `listed` ones: what was changed, added or removed since
    /// it was published. `named`: paths already reported, not again.
    static func differences(_ found: [(path: String, digest: String?)], listed: [String: String], named: Set<String>) -> [Problem] {
        var problems: [Problem] = [], seen = Set<String>()
        for (path, digest) in found {
            seen.insert(path)
            guard let want = listed[path] else {
                problems.append(Problem(path: path, message: "not in data/manifest.json (added since it was published)", kind: .added))
                continue
            }
            guard let digest else {
                problems.append(Problem(path: path, message: "cannot be read"))
                continue
            }
            if digest != want {
                problems.append(Problem(path: path, message: "changed since it was published (not the SHA-256 data/manifest.json lists)", kind: .changed))
            }
        }
        for path in listed.keys.filter({ !seen.contains($0) && !named.contains($0) }).sorted(by: UTF8Order.precedes) {
            problems.append(Problem(path: path, message: "listed in data/manifest.json but missing (removed since it was published)", kind: .missing))
        }
        return problems
    }
}
