import CSupport
import Foundation

/// Writes a built site beside its destination and swaps it in atomically.
///
/// A build that fails or is killed leaves the published folder exactly as it
/// was; leftovers of a killed build are removed by the next one, under a lock
/// that keeps two builds from publishing at once.
public struct Publisher {
    public enum Failure: Error, CustomStringConvertible {
        case locked(String)
        case io(String)

        public var description: String {
            switch self {
            case let .locked(path): return "another congkhai build holds the lock \(path); try again when it has finished"
            case let .io(message): return message
            }
        }
    }

    public let destination: String
    let parent: String
    let name: String

    public init(destination: String) {
        let absolute = destination.hasPrefix("/") ? destination : FileManager.default.currentDirectoryPath + "/" + destination
        var trimmed = absolute
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.destination = trimmed
        parent = (trimmed as NSString).deletingLastPathComponent
        name = (trimmed as NSString).lastPathComponent
    }

    var lockPath: String { parent + "/." + name + ".congkhai.lock" }
    /// What the last build left for the next one (`BuildState`); never published.
    var statePath: String { parent + "/." + name + ".congkhai.state" }
    var stagingPrefix: String { parent + "/." + name + ".congkhai-" }
    /// What the last build's feedback stage found (`FeedbackCache`); never published.
    var feedbackCachePath: String { parent + "/." + name + ".congkhai.feedback" }
    /// The fingerprints of the last build's pages (`PageCache`); never published.
    var pageCachePath: String { parent + "/." + name + ".congkhai.pages" }
    /// The officials the last build decoded (`ParsedOfficials`); never published.
    var parsedOfficialsPath: String { parent + "/." + name + ".congkhai.officials" }
    /// The ledger as the last build checked it (`CheckedLedger`); never published.
    var checkedLedgerPath: String { parent + "/." + name + ".congkhai.ledger" }
    /// The published files a build reads back, as the last build left them (`PublishedSignatures`); never published.
    var publishedSignaturesPath: String { parent + "/." + name + ".congkhai.published" }
    /// The replaced site's folders, kept for the next staging folder (`SpareFolders`); never published.
    var spareFoldersPath: String { parent + "/." + name + ".congkhai.folders" }

    /// Holds an exclusive lock for the duration of `body`; fails at once if held.
    @discardableResult
    public func withLock<T>(_ body: () throws -> T) throws -> T {
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        let fd = open(lockPath, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failure.io("cannot create lock file \(lockPath): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { throw Failure.locked(lockPath) }
        defer { flock(fd, LOCK_UN) }
        removeLeftovers()
        return try body()
    }

    /// Removes the destination and all congkhai keeps beside it (state,
    /// caches, kept folders, leftovers, the lock), after any build of it
    /// running now has finished: for an output nobody publishes — the
    /// preview's, in the temporary folder, which `serve` used to leave
    /// behind at every stop. Never follows a link.
    public func removeAll() {
        let fd = open(lockPath, O_RDWR | O_CLOEXEC | O_NOFOLLOW)
        if fd >= 0 { _ = flock(fd, LOCK_EX) }  // waits for a build in progress, even this process's
        defer { if fd >= 0 { close(fd) } }
        Publisher.removeTree(destination)
        Publisher.removeTree(spareFoldersPath)
        for path in [statePath, feedbackCachePath, pageCachePath, parsedOfficialsPath, checkedLedgerPath, publishedSignaturesPath] {
            unlink(path)
        }
        removeLeftovers()
        unlink(lockPath)
    }

    /// Staging and old folders of killed builds (only ever touched under the lock).
    func removeLeftovers() {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return }
        for entry in entries where entry.hasPrefix("." + name + ".congkhai-") {
            Publisher.removeTree(parent + "/" + entry)
        }
    }

    /// Writes every file into a fresh staging folder, then swaps it in.
    public func publish(_ files: [OutputFile]) throws {
        let staging = try stage()
        do {
            for file in files { try staging.write(file) }
            try commit(staging)
        } catch {
            discard(staging)
            throw error
        }
    }

    /// A fresh staging folder beside the destination, for a build to write
    /// into as it goes (call under `withLock`; then `commit` or `discard`).
    public func stage() throws -> Staging {
        let dir = stagingPrefix + "new-\(getpid())"
        Publisher.removeTree(dir)
        if let folders = SpareFolders.take(spareFoldersPath, as: dir) {
            return Staging(publisher: self, dir: dir, spare: folders)
        }
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: false)
        } catch {
            throw Failure.io("cannot write the site beside \(destination): \(error.localizedDescription)")
        }
        return Staging(publisher: self, dir: dir)
    }

    /// Swaps a complete staging folder in (atomically); removes it on failure.
    public func commit(_ staging: Staging) throws {
        staging.finishEarlyFlush()
        do {
            staging.removeUnusedFolders()
            // A repository's placeholder (`output/.gitkeep`) survives the swap.
            if FileManager.default.fileExists(atPath: destination + "/.gitkeep") {
                try write([], to: staging.dir + "/.gitkeep")
                staging.notePlaceholder(".gitkeep")
            }
            if try !swapIn(staging.dir) {
                // A first build: its folders made again for the next one.
                SpareFolders.prepare(staging.folders, at: spareFoldersPath, scratch: stagingPrefix + "folders-\(getpid())")
            }
        } catch let failure as Failure {
            discard(staging)
            throw failure
        } catch {
            discard(staging)
            throw Failure.io("cannot write the site beside \(destination): \(error.localizedDescription)")
        }
    }

    /// Drops a staging folder (a failed or unchanged build): the site stays
    /// as it was, and the folders are kept for the next build.
    public func discard(_ staging: Staging) {
        staging.finishEarlyFlush()
        SpareFolders.keep(staging.dir, at: spareFoldersPath)
    }

    /// Removes a folder of ours (a previous site, a staging folder, a killed
    /// build's leftovers) and everything in it, never following a link. Best
    /// effort: what cannot be removed is left for the next build. (A
    /// hand-written `unlinkat` walk in inode order, on one core, was measured
    /// against Foundation on a national site: the same time; `TreeRemoval`
    /// empties the folders of a level on every core.)
    static func removeTree(_ path: String) {
        TreeRemoval.remove(path)
    }

    /// True when the published site already holds exactly these bytes at `path`.
    ///
    /// Read a piece at a time and compared with `memcmp`: Foundation's `Data`
    /// compared with `elementsEqual` went through a byte iterator, ~2 % of
    /// a nightly build's page stage.
    func isUnchanged(_ bytes: [UInt8], at path: String) -> Bool {
        var st = stat()
        guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, Int(st.st_size) == bytes.count else { return false }
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        let piece = 1 << 16
        var buffer = [UInt8](repeating: 0, count: min(piece, max(1, bytes.count)))
        return bytes.withUnsafeBytes { want in
            buffer.withUnsafeMutableBytes { got in
                guard let g = got.baseAddress else { return false }
                var offset = 0
                while offset < want.count {
                    let n = read(fd, g, min(got.count, want.count - offset))
                    if n < 0 && errno == EINTR { continue }
                    guard n > 0, let w = want.baseAddress, memcmp(w + offset, g, n) == 0 else { return false }
                    offset += n
                }
                // Nothing after the expected end (the file grew since the `lstat`).
                return read(fd, g, 1) == 0
            }
        }
    }

    func write(_ bytes: [UInt8], to path: String) throws {
        let fd = try Publisher.create(path)
        defer { close(fd) }
        try bytes.withUnsafeBytes { try Publisher.writeAll(fd, $0, path: path) }
    }

    /// A new (or emptied) file for writing.
    static func create(_ path: String) throws -> Int32 {
        let fd = open(path, O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failure.io("cannot create \(path): \(String(cString: strerror(errno)))") }
        return fd
    }

    /// All of `bytes` to `fd`, through short writes and interruptions.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws {
        var offset = 0
        while offset < bytes.count {
            guard let base = bytes.baseAddress else { return }
            let n = Foundation.write(fd, base + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure.io("cannot write \(path): \(String(cString: strerror(errno)))")
            }
            offset += n
        }
    }

    /// Writes out the filesystem that holds `path` (the staging folder, and
    /// so the published one: a rename never crosses filesystems) — not every
    /// filesystem of the machine, as `sync()` does, which on a server with a
    /// busy database on another disk could hold the build for as long as
    /// that disk takes. `sync()` where the folder cannot be opened.
    static func flush(filesystemOf path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { sync(); return }
        defer { close(fd) }
        if congkhai_syncfs(fd) != 0 { sync() }
    }

    /// Swaps `staging` in; true when it replaced a published site (whose
    /// folders are then kept for the next build).
    @discardableResult
    func swapIn(_ staging: String) throws -> Bool {
        var isDir: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: destination, isDirectory: &isDir)
        if exists && !isDir.boolValue { throw Failure.io("\(destination) exists and is not a folder") }
        // Everything is on disk before the swap: a crash after it must not leave empty files.
        Publisher.flush(filesystemOf: staging)
        FaultHook.reach("before-swap")
        defer { FaultHook.reach("after-swap") }
        if !exists {
            guard rename(staging, destination) == 0 else {
                throw Failure.io("cannot move the site into \(destination): \(String(cString: strerror(errno)))")
            }
            return false
        }
        if congkhai_exchange_paths(staging, destination) == 0 {
            SpareFolders.keep(staging, at: spareFoldersPath)  // now holds the previous site
            return true
        }
        // No atomic exchange here: two renames, the old site kept until the new one is in place.
        let old = stagingPrefix + "old-\(getpid())"
        guard rename(destination, old) == 0 else {
            throw Failure.io("cannot replace \(destination): \(String(cString: strerror(errno)))")
        }
        guard rename(staging, destination) == 0 else {
            _ = rename(old, destination)
            throw Failure.io("cannot move the site into \(destination): \(String(cString: strerror(errno)))")
        }
        SpareFolders.keep(old, at: spareFoldersPath)
        return true
    }
}

/// A build being written beside the published site, file by file: each file
/// is hashed as it is written (the manifest never re-reads outputs), and a file
/// whose bytes equal the published one is hard-linked from it instead.
///
/// Files may be written from two threads at once (the pages, and the
/// feedback exports compressed beside them: `IdleWork`); what they record
/// is kept under a lock, and nothing recorded depends on which came first.
public final class Staging: @unchecked Sendable {
    // `@unchecked`: `made`, `recorded`, `rewritten` and `firstRewrittenPath`
    // are read and written only under `lock`.
    let publisher: Publisher
    public let dir: String
    private let lock = NSLock()
    /// Every folder known to exist here, and whether a file went into it
    /// (or it was made for one): the spare folders start unused.
    private var made: [String: Bool]
    /// The folders taken from `SpareFolders`, `dir` first, a level at a time.
    private let spare: [String]
    private var recorded: [String: String] = [:]
    private var rewritten = 0
    private var firstRewrittenPath: String?
    private var placeholders: [String] = []
    private var earlyFlush: BackgroundValue<Bool>?

    /// Output path → SHA-256 (hex) of the bytes written there.
    public var hashes: [String: String] { lock.withLock { recorded } }
    /// Files whose published copy was missing or held other bytes (written
    /// anew, not linked), and the first of them in byte order (not in the
    /// order written, which threads may change): a count, not a list,
    /// since a first build writes every file.
    public var rewrittenCount: Int { lock.withLock { rewritten } }
    /// Every file written here, relative: the site's (`hashes`) and the
    /// placeholder kept beside it.
    public var files: [String] { lock.withLock { Array(recorded.keys) + placeholders } }
    /// The files written here that are not part of the site (`notePlaceholder`).
    var placeholderFiles: [String] { lock.withLock { placeholders } }
    public var firstRewritten: String? { lock.withLock { firstRewrittenPath } }

    /// Files in the published site that this staging folder does not hold
    /// (relative paths, sorted): what a swap would remove — but those
    /// `staysOut` says are written into staging later or not at all (the
    /// ledger's own files, written only when a build publishes), the
    /// placeholder `.gitkeep` (kept by every swap) and a `.git` folder at
    /// the top.
    func unlistedPublished(staysOut: (String) -> Bool) -> [String] {
        let staged = hashes
        let published = FileWalk.entries(under: publisher.destination, skipping: { $0 == ".git" }) ?? []
        return published.map(\.path).filter { staged[$0] == nil && $0 != ".gitkeep" && !staysOut($0) }
    }
    /// A published site was there when staging began: only then is each
    /// file compared with its published copy. A first build asked the file
    /// system for every one of a country's ~216,000 files, each missing
    /// (~0.6 s of system time). The build holds the publish lock, so no
    /// site appears at the destination meanwhile.
    let comparesWithPublished: Bool

    init(publisher: Publisher, dir: String, spare: [String] = []) {
        self.publisher = publisher
        self.dir = dir
        self.spare = spare
        var st = stat()
        comparesWithPublished = stat(publisher.destination, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
        made = Dictionary(spare.map { ($0, false) }, uniquingKeysWith: { a, _ in a })
        made[dir] = true
    }

    /// Makes the folder `path` goes in, and any missing above it, with
    /// `mkdir` itself: Foundation's `createDirectory` walked every component
    /// through `NSString` paths, ~5 % of the national page stage for the
    /// ~180,000 folders of a country's pages.
    private func directory(for path: String) throws {
        let parent = Staging.parent(of: path)
        let (known, folderInTheWay) = lock.withLock { () -> (Bool, Bool) in
            // A spare folder where this site has a file (a page that was a
            // folder in the last site): nothing of this site goes under it.
            let inTheWay = made.removeValue(forKey: path) != nil
            guard let used = made[parent] else { return (false, inTheWay) }
            if !used { made[parent] = true }
            return (true, inTheWay)
        }
        if folderInTheWay { TreeRemoval.remove(path) }
        if !known { try make(parent) }
    }

    /// Every folder under `dir` this build has (made, or kept and used,
    /// with the folders holding them), relative, in no particular order.
    var folders: [String] {
        let skip = dir.utf8.count + 1
        let used = lock.withLock { made.compactMap { $0.value && $0.key != dir ? $0.key : nil } }
        var all = Set<String>()
        for folder in used {
            // Up to the first already listed: its own holders are listed with it.
            var f = folder
            while f != dir, f.utf8.count > skip, all.insert(f).inserted { f = Staging.parent(of: f) }
        }
        return all.map { String(decoding: $0.utf8.dropFirst(skip), as: UTF8.self) }
    }

    /// Removes the spare folders no file went into, deepest first (one that
    /// holds a used folder stays: `rmdir` leaves a folder with anything in
    /// it), so the site has exactly the folders a fresh one would.
    func removeUnusedFolders() {
        let unused = lock.withLock { spare.filter { made[$0] == false } }
        for folder in unused.reversed() { _ = rmdir(folder) }
    }

    private func make(_ folder: String) throws {
        if mkdir(folder, 0o755) != 0 {
            var failure = errno
            if failure == ENOENT, Staging.parent(of: folder) != folder {
                try make(Staging.parent(of: folder))
                failure = mkdir(folder, 0o755) == 0 ? 0 : errno
            }
            if failure == EEXIST {
                var st = stat()
                if stat(folder, &st) == 0, st.st_mode & S_IFMT == S_IFDIR { failure = 0 }
            }
            if failure != 0 { throw Publisher.Failure.io("cannot create \(folder): \(String(cString: strerror(failure)))") }
        }
        lock.withLock { made[folder] = true }
    }

    /// `path` up to its last "/" ("/" for a file at the root).
    static func parent(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "." }
        return slash == path.utf8.startIndex ? "/" : String(path[..<slash])
    }

    public func write(_ file: OutputFile) throws {
        if let produce = file.producer { return try write(path: file.path, links: true, produce) }
        if let kept = file.published {
            // A page whose inputs are unchanged (decision 99): its published
            // file, unread, under the digest the last build recorded for it.
            let path = dir + "/" + file.path
            try directory(for: path)
            if Foundation.link(kept.source, path) != 0 {
                // A file system without hard links: the published bytes are
                // copied, and must still be the ones recorded.
                guard let data = FileManager.default.contents(atPath: kept.source), SHA256.hex([UInt8](data)) == kept.digest else {
                    throw Publisher.Failure.io("cannot link or read \(kept.source) (a published file changed during the build?)")
                }
                try publisher.write([UInt8](data), to: path)
            }
            record(file.path, kept.digest)
            return
        }
        let path = dir + "/" + file.path
        try directory(for: path)
        record(file.path, SHA256.hex(file.bytes))
        // A file whose bytes did not change keeps its inode and mtime, so
        // rsync and CDNs move only real changes (the old name is a hard link).
        let published = publisher.destination + "/" + file.path
        if comparesWithPublished, publisher.isUnchanged(file.bytes, at: published), Foundation.link(published, path) == 0 { return }
        noteRewritten(file.path)
        try publisher.write(file.bytes, to: path)
    }

    /// Writes a file too large to hold whole, from the pieces `produce`
    /// hands to its sink, hashing as it goes. Always written anew (no hard
    /// link): its one user, the ledger's entries, changes with every build.
    public func write(path relative: String, _ produce: (_ sink: ([UInt8]) throws -> Void) throws -> Void) throws {
        try write(path: relative, links: false, produce)
    }

    /// `produce`'s pieces written, hashed and (with `links`) compared with
    /// the published file as they come; when every byte matched, the
    /// written file is replaced by a hard link to the published one, as a
    /// file made whole would have been.
    private func write(path relative: String, links: Bool, _ produce: (_ sink: ([UInt8]) throws -> Void) throws -> Void) throws {
        let path = dir + "/" + relative
        try directory(for: path)
        let fd = try Publisher.create(path)
        defer { close(fd) }
        let digest = SHA256.Stream()
        let published = links && comparesWithPublished ? PublishedFile(path: publisher.destination + "/" + relative) : nil
        try produce { bytes in
            try bytes.withUnsafeBytes { raw in
                digest.update(raw)
                published?.compare(raw)
                try Publisher.writeAll(fd, raw, path: path)
            }
        }
        record(relative, digest.finish())
        if let published, published.matchedToEnd(), Staging.relink(published.path, over: path) { return }
        noteRewritten(relative)
    }

    /// `path` replaced by a hard link to `published` (a link under a
    /// temporary name renamed over it: `path` is never missing); false, and
    /// `path` as written, when the link cannot be made.
    static func relink(_ published: String, over path: String) -> Bool {
        let temporary = path + ".congkhai-link"
        guard Foundation.link(published, temporary) == 0 else { return false }
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            return false
        }
        return true
    }

    private func record(_ path: String, _ digest: String) {
        lock.withLock { recorded[path] = digest }
    }

    /// Starts writing out to disk what is already here (the pages), on a
    /// thread of its own, while the build makes its last files: the swap's
    /// own flush, still required, then waits only for what came since. A
    /// one-file rebuild's links touch every one of a province's ~6,000
    /// folders, and writing them out took 60–80 ms before the swap, most
    /// of it the disk's time, not the CPU's.
    public func startEarlyFlush() {
        let dir = self.dir
        lock.withLock {
            if earlyFlush == nil { earlyFlush = BackgroundValue { Publisher.flush(filesystemOf: dir); return true } }
        }
    }

    /// Waits for `startEarlyFlush`'s thread, if any: none outlives the build.
    func finishEarlyFlush() {
        _ = lock.withLock { earlyFlush }?.value
    }

    /// A file written here that is not part of the site (no digest, not in the manifest).
    func notePlaceholder(_ relative: String) {
        lock.withLock { placeholders.append(relative) }
    }

    private func noteRewritten(_ relative: String) {
        lock.withLock {
            rewritten += 1
            if firstRewrittenPath.map({ UTF8Order.precedes(relative, $0) }) ?? true { firstRewrittenPath = relative }
        }
    }

    /// Another name for a file already written here (a frozen period's copy).
    public func copy(_ existing: String, to path: String) throws {
        guard let hash = lock.withLock({ recorded[existing] }) else { return }
        let target = dir + "/" + path
        try directory(for: target)
        if Foundation.link(dir + "/" + existing, target) != 0 {
            guard let data = FileManager.default.contents(atPath: dir + "/" + existing) else {
                throw Publisher.Failure.io("cannot read \(dir)/\(existing)")
            }
            try publisher.write([UInt8](data), to: target)
        }
        record(path, hash)
    }
}

