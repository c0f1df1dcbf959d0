import Foundation

/// What a build notes of each file it writes into its staging folder — the
/// fingerprints of kept and made pages, how many were kept, the pages
/// counted, the scores' bytes the ledger names — under a lock: the pages
/// and the province-wide files made beside them (`SiteRenderer.render`)
/// are written from two threads.
final class EmittedFiles: @unchecked Sendable {
    // `@unchecked`: every stored `var` is read and written only under `lock`.
    private let lock = NSLock()
    private let staging: Staging
    private var scoresBytes: [UInt8] = []
    private var pages = 0
    private var prints: [String: String] = [:]
    private var kept = 0

    init(staging: Staging) { self.staging = staging }

    /// Writes `file` into the staging folder and notes it.
    func emit(_ file: OutputFile) throws {
        try staging.write(file)
        lock.withLock {
            if let fingerprint = file.fingerprint { prints[file.path] = fingerprint }
            // Pages kept for their inputs (decision 99); not the carried
            // past or replayed exports linked on the record's word (decision 124).
            if file.published != nil, file.fingerprint != nil { kept += 1 }
            if file.path == "data/scores.json" { scoresBytes = file.bytes }
            if file.path.hasSuffix(".html") { pages += 1 }
        }
    }

    /// A page written another way (a frozen period's copy).
    func countPage() { lock.withLock { pages += 1 } }

    var scores: [UInt8] { lock.withLock { scoresBytes } }
    var pageCount: Int { lock.withLock { pages } }
    var fingerprints: [String: String] { lock.withLock { prints } }
    var keptFiles: Int { lock.withLock { kept } }
}
