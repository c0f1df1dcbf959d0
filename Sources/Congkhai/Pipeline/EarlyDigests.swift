import Foundation

/// The digests of the content files no stage reads (`static/`: a country's
/// ~22,000 evidence files, ~100 MB), taken for the build key on a thread of
/// their own from before the content is loaded.
///
/// A first build completes its key after scoring (decision 87); hashed
/// there, these files cost a national build ~2 s with both cores mostly
/// idle, waiting for the disk: a tree's page cache does not outlive a minute
/// unread on a machine like ours (BENCHMARKS.md, forty-seventh session).
/// Here the waits fall while the content and the feedback keep the cores
/// busy. A file read now rather than a minute later is the same file: the
/// key names the bytes of some moment of the build either way, and the
/// output's manifest hashes the bytes it copies.
final class EarlyDigests: @unchecked Sendable {
    // `@unchecked`: `digests` and `stopped` are touched only under `lock`.
    private let lock = NSLock()
    private var stopped = false
    private var digests: [String: String] = [:]
    private let done = DispatchSemaphore(value: 0)

    init(root: String, paths: [String]) {
        Thread.detachNewThread { [self] in
            ReadAhead.files(paths, root: root)
            for path in paths {
                if lock.withLock({ stopped }) { break }
                // An unreadable file is left out: the key's own read finds it so.
                if let d = SHA256.hex(fileAt: root + "/" + path) { lock.withLock { digests[path] = d } }
            }
            done.signal()
        }
    }

    /// Whether the loader leaves `path` unread (its digest is then nobody else's to take).
    static func isUnread(_ path: String) -> Bool { path.hasPrefix("static/") }

    /// Every digest taken, once all are (or once `stop` ended the thread early).
    var value: [String: String] {
        done.wait()
        defer { done.signal() }
        return lock.withLock { digests }
    }

    /// Hashes no further file and returns when the thread has ended: no
    /// thread of a build outlives it (a build stopped by a content error).
    func stop() {
        lock.withLock { stopped = true }
        done.wait()
        done.signal()
    }
}
