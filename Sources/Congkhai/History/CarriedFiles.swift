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

    /// One carried file: its path and its SHA-256 as checked. Its bytes
    /// are read again when they are used (`bytes(of:in:)`): the score
    /// history once, merged with this build's rows; the rest one at a time
    /// as they are published (`HistoryStage.dataFiles`) — a frozen national
    /// period is the whole site, gigabytes, and each year adds a history file.
    struct File: Sendable {
        var path: String
        var digest: String
    }

    /// The carried files of the site at `output` (sorted by path), and
    /// what is wrong with them; `outputs`: the published manifest's
    /// (`PublishedFiles.outputs`).
    static func read(_ output: String, outputs: Result<[String: String], PublishedFiles.Problem>) -> (files: [File], problems: [PublishedFiles.Problem]) {
        var (paths, problems) = PublishedFiles.regularFiles(output, folders)
        paths.sort(by: UTF8Order.precedes)
        let listed: [String: String]
        switch outputs {
        case let .success(outputs): listed = outputs.filter { isCarried($0.key) }
        case let .failure(problem): return ([], problems + (paths.isEmpty ? [] : [problem]))
        }
        // Hashed on every core: a frozen period is a whole site.
        let found = paths, read = Slots<File>(count: found.count)
        DispatchQueue.concurrentPerform(iterations: found.count) { i in
            let path = found[i]
            if let digest = SHA256.hex(fileAt: output + "/" + path) { read.set(i, File(path: path, digest: digest)) }
        }
        let files = found.indices.compactMap { read.value($0) }
        problems += PublishedFiles.differences(found.indices.map { (found[$0], read.value($0)?.digest) }, listed: listed,
                                               named: Set(problems.map(\.path)))
        return (files, problems)
    }

    /// The bytes of `file` as published, read now and checked against the
    /// digest checked at the start (nil when they are no longer those).
    static func bytes(of file: File, in output: String) -> [UInt8]? {
        guard let data = FileManager.default.contents(atPath: output + "/" + file.path) else { return nil }
        let bytes = Array(data)
        return SHA256.hex(bytes) == file.digest ? bytes : nil
    }
}
