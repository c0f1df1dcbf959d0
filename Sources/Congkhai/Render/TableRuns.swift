import Foundation

/// The province's tables whose rows come a run per official
/// (`data/criteria.csv`, `data/commitments.csv`): where each official's run
/// lies in the published table and what it was made of, so a rebuild copies
/// the run of an official whose inputs are unchanged from the published
/// table instead of making it again (decision 105). Explaining every
/// official's result for `criteria.csv` was the largest piece of a
/// province's one-file rebuild once its pages were kept.
///
/// A run is named `TABLE#locality/official` and carries the fingerprint
/// of the official's inputs (`SiteRenderer.fingerprint`, the one its
/// explanation file is kept by) and its place in the table. The runs come
/// from the page cache only when the published folder is as the last
/// build left it, so the published table holds those bytes there.
final class TableRuns: @unchecked Sendable {
    struct Run: Sendable, Equatable {
        var fingerprint: String
        var offset: Int
        var length: Int
    }

    /// Run name → the run as the last build published it.
    let published: [String: Run]
    /// The published site, whose tables a kept run is read from.
    let output: String
    // `@unchecked`: `made` and `files` only under `lock`.
    private let lock = NSLock()
    private var made: [String: Run] = [:]
    private var files: [String: Int32] = [:]

    init(published: [String: Run], output: String) {
        self.published = published
        self.output = output
    }

    deinit {
        for fd in files.values where fd >= 0 { close(fd) }
    }

    static func name(_ table: String, official key: String) -> String { table + "#" + key }

    /// The published bytes of run `name` when the last build recorded it
    /// with `fingerprint`; nil otherwise (or when they cannot be read).
    func kept(_ table: String, _ name: String, fingerprint: String?) -> [UInt8]? {
        guard let fingerprint, let run = published[name], run.fingerprint == fingerprint else { return nil }
        let fd = lock.withLock { () -> Int32 in
            if let fd = files[table] { return fd }
            let fd = open(output + "/" + table, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
            files[table] = fd
            return fd
        }
        guard fd >= 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: run.length)
        let complete = bytes.withUnsafeMutableBytes { buffer -> Bool in
            var done = 0
            while done < run.length {
                guard let base = buffer.baseAddress else { return false }
                let n = pread(fd, base + done, run.length - done, off_t(run.offset + done))
                if n < 0, errno == EINTR { continue }
                if n <= 0 { return false }
                done += n
            }
            return true
        }
        return complete ? bytes : nil
    }

    /// Where run `name` lies in the table this build writes, for the next build.
    func note(_ name: String, _ run: Run) {
        lock.withLock { made[name] = run }
    }

    /// The runs noted, of the tables `written` names.
    func recorded(written: (String) -> Bool) -> [String: Run] {
        lock.withLock { made }.filter { name, _ in
            name.split(separator: "#", maxSplits: 1).first.map { written(String($0)) } ?? false
        }
    }
}
