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

    static func isCarried(_ path: String) -> Bool {
        folders.contains { path.hasPrefix($0 + "/") }
    }

    /// The carried files of the site at `output` (sorted by path), and
    /// what is wrong with them; `outputs`: the published manifest's
    /// (`PublishedFiles.outputs`).
    static func read(_ output: String, outputs: Result<[String: String], PublishedFiles.Problem>) -> (files: [OutputFile], problems: [PublishedFiles.Problem]) {
        var (paths, problems) = PublishedFiles.regularFiles(output, folders)
        var files: [OutputFile] = []
        for path in paths {
            guard let data = FileManager.default.contents(atPath: output + "/" + path) else {
                problems.append(PublishedFiles.Problem(path: path, message: "cannot be read"))
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
        problems += PublishedFiles.differences(read.indices.map { (read[$0].path, digests.value($0)) }, listed: listed, named: Set(problems.map(\.path)))
        return (files, problems)
    }
}
