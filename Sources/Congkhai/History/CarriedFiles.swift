import Foundation

/// The published files a build carries forward without making them again —
/// the score history of earlier days and the frozen periods under `ky/` —
/// read back from the published site and checked against what was
/// published (decision 121).
///
/// Everything else a build publishes it makes again from the content, so
/// a page edited on the server is overwritten (or restored, decision 71).
/// These files it cannot make again: they are the past. Carried as found,
/// a frozen period's `scores.json` or a history row edited on the server
/// would enter the next build's manifest and the ledger would vouch for it
/// from then on — the past rewritten, verifiably. So each carried file
/// must be the one the published manifest lists, byte for byte, and that
/// manifest the one the ledger's last `build` entry names; any other file
/// under those folders, a missing one, a link, stops the build.
enum CarriedFiles {
    /// The folders carried forward, relative to the site.
    static let folders = ["data/history", "ky"]

    /// What is wrong with one file (relative to the site).
    struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        enum Kind: Sendable { case changed, added, missing, other }
        var path: String
        var message: String
        var kind = Kind.other
        var description: String { "\(path): \(message)" }
    }

    static func isCarried(_ path: String) -> Bool {
        folders.contains { path.hasPrefix($0 + "/") }
    }

    /// The carried files of the site at `output` (sorted by path), and
    /// what is wrong with them; `outputs`: the published manifest's
    /// (`publishedOutputs`).
    static func read(_ output: String, outputs: Result<[String: String], Problem>) -> (files: [OutputFile], problems: [Problem]) {
        var (paths, problems) = regularFiles(output, folders)
        var files: [OutputFile] = []
        for path in paths {
            guard let data = FileManager.default.contents(atPath: output + "/" + path) else {
                problems.append(Problem(path: path, message: "cannot be read"))
                continue
            }
            files.append(OutputFile(path: path, bytes: Array(data)))
        }
        files.sort { UTF8Order.precedes($0.path, $1.path) }
        let listed: [String: String]
        switch outputs {
        case let .success(outputs): listed = outputs.filter { isCarried($0.key) }
        case let .failure(problem): return (files, problems + (files.isEmpty ? [] : [problem]))
        }
        // Hashed on every core: a frozen period is a whole site.
        let read = files, digests = Slots<String>(count: read.count)
        DispatchQueue.concurrentPerform(iterations: read.count) { i in digests.set(i, SHA256.hex(read[i].bytes)) }
        problems += differences(read.indices.map { (read[$0].path, digests.value($0)) }, listed: listed, named: Set(problems.map(\.path)))
        return (files, problems)
    }

    /// The published manifest's outputs (path → SHA-256), when it can be
    /// trusted: it reads as a manifest and, when the ledger reads clean, it
    /// is the one the ledger's last `build` entry names. What a build takes
    /// from the published site is checked against it.
    static func publishedOutputs(_ output: String, ledger: LedgerFile) -> Result<[String: String], Problem> {
        guard let data = FileManager.default.contents(atPath: output + "/data/manifest.json") else {
            return .failure(Problem(path: "data/manifest.json", message: "missing, so what the site published cannot be checked"))
        }
        let manifest = Array(data)
        if ledger.problems.isEmpty, let last = ledger.lastBuild, last.new?["manifest"]?.stringValue != SHA256.hex(manifest) {
            return .failure(Problem(path: "data/manifest.json", message: "not the manifest the ledger's last build entry (seq \(last.seq)) names"))
        }
        return Manifest.outputs(manifest).mapError { Problem(path: "data/manifest.json", message: $0.description) }
    }

    /// The regular files under `folders` of `root` (relative paths, in
    /// `FileWalk`'s order), and a problem for anything else found there.
    static func regularFiles(_ root: String, _ folders: [String]) -> (paths: [String], problems: [Problem]) {
        var paths: [String] = [], problems: [Problem] = []
        for folder in folders {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root + "/" + folder, isDirectory: &isDir) else { continue }
            guard isDir.boolValue, let entries = FileWalk.entries(under: root + "/" + folder) else {
                problems.append(Problem(path: folder, message: "cannot be read as a folder"))
                continue
            }
            for entry in entries {
                let path = folder + "/" + entry.path
                if entry.kind == .file { paths.append(path) }
                else { problems.append(Problem(path: path, message: "not a regular file (a build publishes none)")) }
            }
        }
        return (paths, problems)
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
        for path in listed.keys.sorted(by: UTF8Order.precedes) where !seen.contains(path) && !named.contains(path) {
            problems.append(Problem(path: path, message: "listed in data/manifest.json but missing (removed since it was published)", kind: .missing))
        }
        return problems
    }
}
