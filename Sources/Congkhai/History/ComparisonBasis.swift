import Foundation

/// The published copies a build compares its content and feedback with to
/// write the ledger — `data/content/` and `data/feedback/` — checked against
/// what was published before they are believed (decision 122).
///
/// The ledger records what changed between the last build's content and
/// this one's, read from those copies. Edited on the server to match a
/// change the next build brings (a deadline moved), they would make that
/// change invisible: no entry, a chain that still extends every mirror's.
/// Edited otherwise, they would make the ledger record changes nobody
/// made. A copy whose published digest is this build's file's is taken
/// as unchanged without reading it (a build whose content is unchanged
/// then restores the copies, decision 71); any other altered copy stops
/// the build.
enum ComparisonBasis {
    static let folders = ["data/content", "data/feedback"]

    /// What the comparison needs of this build to take a published copy
    /// as its own: the SHA-256 of a content file as read (content-relative
    /// path; nil when it has none), the framework's file, an audit file's entries.
    struct Current {
        var digest: (String) -> String?
        var frameworkFile: String
        var audits: (String) -> [AuditEntry]
    }

    static func isBasis(_ path: String) -> Bool {
        folders.contains { path.hasPrefix($0 + "/") }
    }

    /// What differs between the copies under `root` and `listed` (the
    /// published manifest's outputs under `folders`); every file hashed,
    /// on every core (a national site: ~150 MB of content, ~400 MB of
    /// feedback, ~0.5 s of CPU), but those `record` vouches for (decision 124).
    static func problems(_ root: String, listed: [String: String], trusting record: PublishedSignatures? = nil) -> [PublishedFiles.Problem] {
        let (files, problems) = PublishedFiles.regularFiles(root, folders)
        let digests = PublishedFiles.digests(root, files, trusting: record)
        return problems + PublishedFiles.differences(files.indices.map { (files[$0].path, digests[$0]) }, listed: listed,
                                                   named: Set(problems.map(\.path)))
    }
}
