import Foundation

/// The bytes of every content file as the loader read them: what is scored is
/// what the manifest hashes and `data/content/` publishes, even if a file
/// changes on disk during the build. Files no stage scores (`static/`) are
/// read once, by the renderer that copies them: only their digests are
/// recorded here (`recordCopied`, decision 136).
///
/// Parked in a `Spool` rather than memory: a national tree's 48,000
/// official files are ~220 MB that stayed resident from loading to the last
/// stage, to be read once, when `data/content/` is written. Only each file's
/// place and its SHA-256 stay in memory; the copy read back is checked
/// against that hash.
public final class ContentBytes: @unchecked Sendable {
    private struct Entry {
        var offset: Int
        var count: Int
        var hash: String
    }

    private var entries: [String: Entry] = [:]
    /// Digests of files the loader leaves unread (`static/`), taken from the
    /// bytes the renderer copied into the site (their hashes only: those
    /// bytes are published as they are, and nothing reads them again).
    private var copied: [String: String] = [:]
    private let lock = NSLock()
    private let spool = Spool()

    public init() {}

    /// Records the bytes of `path` as read.
    func record(_ path: String, _ bytes: [UInt8]) {
        let hash = SHA256.hex(bytes)
        let offset = spool.append(bytes)
        lock.lock()
        entries[path] = Entry(offset: offset, count: bytes.count, hash: hash)
        lock.unlock()
    }

    /// Records the SHA-256 of the bytes copied for `path` into the site.
    func recordCopied(_ path: String, hash: String) {
        lock.lock()
        copied[path] = hash
        lock.unlock()
    }

    /// SHA-256 (hex) of the bytes copied for `path` (`recordCopied`); nil if none were.
    /// The manifest's digest of a static file: read again there, a
    /// country's ~22,000 evidence files kept the build's serial end 1–2 s
    /// waiting for the disk (`perf`, fifty-third session), and could have
    /// named bytes other than the ones published.
    public func copiedHash(_ path: String) -> String? {
        lock.lock()
        defer { lock.unlock() }
        return copied[path]
    }

    /// SHA-256 (hex) of the bytes read for `path`; nil if it was not read.
    public func hash(_ path: String) -> String? {
        lock.lock()
        defer { lock.unlock() }
        return entries[path]?.hash
    }

    /// The bytes read for `path`, exactly; nil if it was not read, or if the
    /// copy cannot be read back intact (the caller fails the build).
    public func bytes(_ path: String) -> [UInt8]? {
        lock.lock()
        let entry = entries[path]
        lock.unlock()
        guard let entry, let bytes = spool.read(entry.offset, entry.count), SHA256.hex(bytes) == entry.hash else { return nil }
        return bytes
    }
}
