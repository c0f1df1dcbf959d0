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
    struct Problem: Sendable, Equatable, CustomStringConvertible {
        var path: String
        var message: String
        var description: String { "\(path): \(message)" }
    }

    static func isCarried(_ path: String) -> Bool {
        folders.contains { path.hasPrefix($0 + "/") }
    }

    /// The carried files of the site at `output` (sorted by path), and
    /// what is wrong with them.
    /// `ledger`: the site's ledger as read; when it has no problem, the
    /// manifest must be the one its last `build` entry names.
    static func read(_ output: String, ledger: LedgerFile) -> (files: [OutputFile], problems: [Problem]) {
        var files: [OutputFile] = [], problems: [Problem] = []
        for folder in folders {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: output + "/" + folder, isDirectory: &isDir) else { continue }
            guard isDir.boolValue, let entries = FileWalk.entries(under: output + "/" + folder) else {
                problems.append(Problem(path: folder, message: "cannot be read as a folder"))
                continue
            }
            for entry in entries {
                let path = folder + "/" + entry.path
                guard entry.kind == .file else {
                    problems.append(Problem(path: path, message: "not a regular file (a build publishes none)"))
                    continue
                }
                guard let data = FileManager.default.contents(atPath: output + "/" + path) else {
                    problems.append(Problem(path: path, message: "cannot be read"))
                    continue
                }
                files.append(OutputFile(path: path, bytes: Array(data)))
            }
        }
        files.sort { UTF8Order.precedes($0.path, $1.path) }
        guard let manifestData = FileManager.default.contents(atPath: output + "/data/manifest.json") else {
            return (files, problems + (files.isEmpty ? [] : [Problem(path: "data/manifest.json", message: "missing, so the score history and frozen periods cannot be checked")]))
        }
        let manifest = Array(manifestData)
        if ledger.problems.isEmpty, let last = ledger.lastBuild, last.new?["manifest"]?.stringValue != SHA256.hex(manifest) {
            return (files, problems + [Problem(path: "data/manifest.json", message: "not the manifest the ledger's last build entry (seq \(last.seq)) names")])
        }
        let listed: [String: String]
        switch Manifest.outputs(manifest) {
        case let .success(outputs): listed = outputs.filter { isCarried($0.key) }
        case let .failure(invalid): return (files, problems + [Problem(path: "data/manifest.json", message: "\(invalid)")])
        }
        // Hashed on every core: a frozen period is a whole site.
        let read = files, digests = Slots<String>(count: read.count)
        DispatchQueue.concurrentPerform(iterations: read.count) { i in digests.set(i, SHA256.hex(read[i].bytes)) }
        var found = Set<String>()
        for (i, file) in files.enumerated() {
            found.insert(file.path)
            guard let want = listed[file.path] else {
                problems.append(Problem(path: file.path, message: "not in data/manifest.json (added since it was published)"))
                continue
            }
            if digests.value(i) != want { problems.append(Problem(path: file.path, message: "changed since it was published (not the SHA-256 data/manifest.json lists)")) }
        }
        let named = Set(problems.map(\.path))
        for path in listed.keys.sorted(by: UTF8Order.precedes) where !found.contains(path) && !named.contains(path) {
            problems.append(Problem(path: path, message: "listed in data/manifest.json but missing (removed since it was published)"))
        }
        return (files, problems)
    }
}
