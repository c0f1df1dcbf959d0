import Foundation

/// The files a build reads back from the published site — the carried past
/// (`data/history/`, `ky/`) and the copies the ledger compares with
/// (`data/content/`, `data/feedback/`) — as the last build left them: each
/// path's signature (inode, size, modification and status-change times)
/// and SHA-256, kept beside the site (`.NAME.congkhai.published`, never
/// published) and sealed like the other caches (decision 124).
///
/// Decisions 121 and 122 check each of those files against the published
/// manifest before a build believes it, and a frozen period is a whole
/// site: the province's first build of a new year hashed its 200 MB of
/// `ky/2026/` and then read and checked every file again to publish it, a
/// one-file rebuild 1.3 → 2.25 s; a country's is 7 GB, twice, every night,
/// for ever, and another each year. A file whose signature is the one the
/// last build recorded after publishing it has the bytes it published (a
/// write changes the status-change time, which only root can set back, by
/// changing the system clock), so its recorded digest is taken without
/// reading it, and it is published by a hard link after one more `lstat`.
/// A file with any other signature is hashed and checked as before. The
/// same trust, in the same terms, as the published folder's fingerprint
/// the state and the page cache keep (decisions 71, 99): a write in the
/// same clock tick as the build's own last change of that file, while the
/// build holds its lock, would go unnoticed, as it would there.
struct PublishedSignatures: Sendable {
    static let format = "congkhai-published-signatures 1"

    /// Where a build finds and leaves the file, and what keys it.
    typealias Place = SealedFile.Place

    struct Entry: Sendable, Equatable {
        var signature: String
        var digest: String
    }

    var entries: [String: Entry] = [:]

    /// The recorded digest of `path` when its signature is still `signature`.
    func digest(_ path: String, signature: String) -> String? {
        guard let e = entries[path], e.signature == signature else { return nil }
        return e.digest
    }

    /// Whether the file at `path` under `output` is, by its present
    /// signature, the one recorded with `digest` (one `lstat`, no read).
    func vouches(for path: String, digest: String, under output: String) -> Bool {
        guard let now = FileWalk.signature(of: output + "/" + path) else { return false }
        return self.digest(path, signature: now.signature) == digest
    }

    /// The entries of the paths `keep` accepts.
    func keeping(_ keep: (String) -> Bool) -> PublishedSignatures {
        PublishedSignatures(entries: entries.filter { keep($0.key) })
    }

    /// Whether a published file at `path` is one this record covers.
    static func covers(_ path: String) -> Bool {
        CarriedFiles.isCarried(path) || ComparisonBasis.isBasis(path)
    }

    static func read(_ place: Place) -> PublishedSignatures? {
        guard var r = SealedFile.read(place.path, prefix: [format, place.program], sealKey: place.sealKey) else { return nil }
        do {
            var entries: [String: Entry] = [:]
            for _ in 0..<(try r.count(minimumBytes: 3)) {
                let path = try r.string()
                entries[path] = Entry(signature: try r.string(), digest: try r.string())
            }
            guard r.isAtEnd else { return nil }
            return PublishedSignatures(entries: entries)
        } catch {
            return nil
        }
    }

    /// Records the covered files of the published site as `walked` (its
    /// listing taken after the swap, once the replaced site's names are
    /// gone) with the digests this build published (`digests`: the staged
    /// ones, which the published manifest lists). Files without a digest
    /// are left out; with nothing to record, the file is removed.
    static func write(_ place: Place, walked: [FileWalk.Entry], digests: [String: String]) {
        var kept: [(path: String, entry: Entry)] = []
        for e in walked where e.kind == .file && covers(e.path) {
            guard let digest = digests[e.path] else { continue }
            kept.append((e.path, Entry(signature: FileWalk.signature(size: e.size, mtime: e.mtime, ctime: e.ctime, inode: e.inode),
                                       digest: digest)))
        }
        guard !kept.isEmpty else {
            unlink(place.path)
            return
        }
        kept.sort { UTF8Order.precedes($0.path, $1.path) }
        SealedFile.write(to: place.path, sealKey: place.sealKey) { w in
            w.string(format)
            w.string(place.program)
            w.int(kept.count)
            for (path, e) in kept {
                w.string(path)
                w.string(e.signature)
                w.string(e.digest)
            }
        }
    }
}
