import Foundation

/// The digests of the content files no stage reads (`static/`: a country's
/// ~22,000 evidence files), taken for the build key from before the content
/// is loaded, in the idle scheduling class.
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
    // `@unchecked`: `slots` is written once per item (`Slots`) and read
    // after the work has finished or been stopped.
    private let paths: [String]
    private let slots: Slots<String>
    /// Item 0 asks for every file at once (`ReadAhead`); item `i` hashes
    /// file `i − 1`. In the idle class (`IdleWork`): loading and the
    /// feedback keep both cores busy, and on a normal thread these reads
    /// and hashes made the national load stage ~0.6 s longer.
    private let work: IdleWork

    init(root: String, paths: [String]) {
        let slots = Slots<String>(count: paths.count)
        self.paths = paths
        self.slots = slots
        work = IdleWork(count: paths.count + 1) { i in
            if i == 0 { ReadAhead.files(paths, root: root); return }
            // An unreadable file, or one that is no longer a regular file, is
            // left out: the key's own read finds it so, as before.
            if let d = SHA256.hex(fileAt: root + "/" + paths[i - 1], regularOnly: true) { slots.set(i - 1, d) }
        }
    }

    /// Whether the loader leaves `path` unread (its digest is then nobody else's to take).
    static func isUnread(_ path: String) -> Bool { path.hasPrefix("static/") }

    /// Every digest: what is left is hashed now on every core (or nothing
    /// more, after `stop`).
    var value: [String: String] {
        try? work.finish()  // the items throw nothing
        var out: [String: String] = [:]
        for (k, path) in paths.enumerated() {
            if let d = slots.value(k) { out[path] = d }
        }
        return out
    }

    /// Hashes no further file and returns when the thread has ended: no
    /// thread of a build outlives it (a build stopped by a content error).
    func stop() { work.cancel() }
}
