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

    /// One carried file: its path, its SHA-256 as checked, and its
    /// signature as listed before that (`FileWalk.signature`). Its bytes are
    /// read again only where they are used: the score history once, merged
    /// with this build's rows. The rest are linked as they are published
    /// (`output(of:in:)`) — a frozen national period is the whole site,
    /// gigabytes, and each year adds one — after an `lstat` finds the
    /// signature they were checked with (decision 124).
    struct File: Sendable {
        var path: String
        var digest: String
        var signature: String
    }

    /// The carried files of the site at `output` (sorted by path), and
    /// what is wrong with them; `outputs`: the published manifest's
    /// (`PublishedFiles.outputs`).
    static func read(_ output: String, outputs: Result<[String: String], PublishedFiles.Problem>,
                     trusting record: PublishedSignatures? = nil) -> (files: [File], problems: [PublishedFiles.Problem]) {
        var (found, problems) = PublishedFiles.regularFiles(output, folders)
        found.sort { UTF8Order.precedes($0.path, $1.path) }
        let listed: [String: String]
        switch outputs {
        case let .success(outputs): listed = outputs.filter { isCarried($0.key) }
        case let .failure(problem): return ([], problems + (found.isEmpty ? [] : [problem]))
        }
        // Hashed on every core (a frozen period is a whole site), but what `record` vouches for.
        let digests = PublishedFiles.digests(output, found, trusting: record)
        let files = found.indices.compactMap { i in digests[i].map { File(path: found[i].path, digest: $0, signature: found[i].signature) } }
        problems += PublishedFiles.differences(found.indices.map { (found[$0].path, digests[$0]) }, listed: listed,
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

    /// `file` as this build publishes it: the published file itself, linked
    /// unread, while it still has the signature it was checked with; else
    /// its bytes read again and checked against its digest (nil when they
    /// are no longer those).
    static func output(of file: File, in output: String) -> OutputFile? {
        let source = output + "/" + file.path
        if FileWalk.signature(of: source)?.signature == file.signature {
            return OutputFile(path: file.path, published: source, digest: file.digest)
        }
        return bytes(of: file, in: output).map { OutputFile(path: file.path, bytes: $0) }
    }
}
