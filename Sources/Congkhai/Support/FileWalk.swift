import Foundation

/// Every entry under a folder with its `lstat`, found with `readdir` and
/// `fstatat` — Foundation's enumerator allocates a URL per entry, which at
/// 200,000 published files costs seconds where this costs a fraction of one.
enum FileWalk {
    struct Entry: Sendable {
        /// Relative to the walked folder, `/`-separated.
        var path: String
        var kind: Kind
        var size: Int
        /// Modification time in nanoseconds since the epoch.
        var mtime: Int
        var inode: UInt64
        /// Status-change time in nanoseconds: a restored mtime does not restore it.
        var ctime: Int
    }

    enum Kind: UInt8, Sendable { case file, link, other }

    /// What a later `lstat` must find again for the file to be the same
    /// one, untouched: size, modification and status-change times, inode.
    static func signature(size: Int, mtime: Int, ctime: Int, inode: UInt64) -> String {
        "\(size) \(mtime) \(ctime) \(inode)"
    }

    /// `signature` of one path now, with its status-change time; nil when it
    /// cannot be read.
    static func signature(of path: String) -> (signature: String, ctime: Int)? {
        var st = stat()
        guard lstat(path, &st) == 0 else { return nil }
        let (mtime, ctime) = times(st)
        return (signature(size: Int(st.st_size), mtime: mtime, ctime: ctime, inode: UInt64(st.st_ino)), ctime)
    }

    /// Modification and status-change times in nanoseconds since the epoch.
    private static func times(_ st: stat) -> (mtime: Int, ctime: Int) {
        (Int(st.st_mtim.tv_sec) * 1_000_000_000 + Int(st.st_mtim.tv_nsec),
         Int(st.st_ctim.tv_sec) * 1_000_000_000 + Int(st.st_ctim.tv_nsec))
    }

    /// Entries in a fixed order — each folder's names sorted by their bytes,
    /// a folder's entries where its name sorts (directories themselves are
    /// not listed); nil when the folder cannot be read. Sorting names per
    /// folder, not whole paths at the end, halved a walk of 400,000 files.
    ///
    /// Folders are listed a level at a time, every folder of a level on any
    /// core (a walk is one `fstatat` per entry: ~1.4 s on one core for a
    /// national site's 319,000 files, taken after every build and before
    /// every rebuild), then put together in that fixed order.
    static func entries(under root: String, skipping skip: @Sendable (String) -> Bool = { _ in false }) -> [Entry]? {
        var listings: [[Item]] = []
        var level: [(path: String, prefix: String)] = [(root, "")]
        while !level.isEmpty {
            let found = Slots<Listing>(count: level.count), folders = level
            DispatchQueue.concurrentPerform(iterations: folders.count) { i in
                if let listing = list(folders[i].path, prefix: folders[i].prefix, skip: skip) { found.set(i, listing) }
            }
            var next: [(path: String, prefix: String)] = []
            // Listings are numbered in the order their folders were queued: this level's, then the next one's.
            let firstOfNext = listings.count + level.count
            for i in level.indices {
                guard let listing = found.value(i) else { return nil }
                let shift = firstOfNext + next.count
                listings.append(listing.items.map { item in
                    if case let .folder(k) = item { return .folder(shift + k) }
                    return item
                })
                next.append(contentsOf: listing.folders)
            }
            level = next
        }
        var out: [Entry] = []
        func add(_ listing: Int) {
            for item in listings[listing] {
                switch item {
                case let .entry(e): out.append(e)
                case let .folder(k): add(k)
                }
            }
        }
        add(0)
        return out
    }

    /// The entries `entries(under:)` gives when the folder holds exactly
    /// `files` (relative, `/`-separated paths of files, in any order) and
    /// nothing else: each `lstat`ed, none listed with `readdir`. Made for a
    /// folder whose contents the caller wrote itself (a site just swapped
    /// in), where a walk's ~6,300 `opendir`s of a province were a third of
    /// its cost. Nil when a path cannot be `lstat`ed or is a folder. What
    /// the list leaves out is missing from the entries: a later walk of the
    /// folder then differs from them, never the other way round.
    static func entries(under root: String, listing files: [String]) -> [Entry]? {
        entries(under: root, walkOrdered: files.sorted(by: walkPrecedes))
    }

    /// `entries(under:listing:)` for a list already in the walk's order
    /// (`walkPrecedes`), which a build sorts on another core while its
    /// site is swapped in.
    static func entries(under root: String, walkOrdered sorted: [String]) -> [Entry]? {
        let chunk = 512
        let found = Slots<[Entry]>(count: (sorted.count + chunk - 1) / chunk)
        DispatchQueue.concurrentPerform(iterations: (sorted.count + chunk - 1) / chunk) { c in
            var out: [Entry] = []
            out.reserveCapacity(chunk)
            for rel in sorted[(c * chunk)..<min(sorted.count, (c + 1) * chunk)] {
                var st = stat()
                guard lstat(root + "/" + rel, &st) == 0 else { return }
                let (mtime, ctime) = times(st)
                let kind: Kind
                switch st.st_mode & S_IFMT {
                case S_IFDIR: return
                case S_IFREG: kind = .file
                case S_IFLNK: kind = .link
                default: kind = .other
                }
                out.append(Entry(path: rel, kind: kind, size: Int(st.st_size), mtime: mtime, inode: UInt64(st.st_ino), ctime: ctime))
            }
            found.set(c, out)
        }
        var out: [Entry] = []
        out.reserveCapacity(sorted.count)
        for c in 0..<(sorted.count + chunk - 1) / chunk {
            guard let entries = found.value(c) else { return nil }
            out.append(contentsOf: entries)
        }
        return out
    }

    /// `sorted` (in the walk's order) with `more` put in their places.
    static func merging(_ more: [String], into sorted: [String]) -> [String] {
        var out = sorted
        for path in more {
            var low = 0, high = out.count
            while low < high {
                let mid = (low + high) / 2
                if walkPrecedes(out[mid], path) { low = mid + 1 } else { high = mid }
            }
            out.insert(path, at: low)
        }
        return out
    }

    /// The walk's order on whole paths: folder by folder, names by their
    /// bytes — the bytes of the paths with `/` below every other byte
    /// (`a/b` before `a-c`, which a plain byte order puts first).
    ///
    /// Over the strings' contiguous bytes, eight at a time to the first that
    /// differs: sorting a national site's 320,000 paths byte by byte through
    /// `UTF8View` iterators was ~0.8 s on the build's serial tail.
    static func walkPrecedes(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in b.withUTF8 { y in walkPrecedes(x, y) } }
    }

    static func walkPrecedes(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = Swift.min(x.count, y.count)
        var i = 0
        if let px = x.baseAddress.map(UnsafeRawPointer.init), let py = y.baseAddress.map(UnsafeRawPointer.init) {
            while i + 8 <= n {
                let d = px.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ py.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if d != 0 {
                    i += UInt64(littleEndian: d).trailingZeroBitCount / 8
                    break
                }
                i += 8
            }
        }
        while i < n && x[i] == y[i] { i += 1 }
        // One a prefix of the other (or equal): the shorter first.
        guard i < n else { return x.count < y.count }
        let p = x[i], q = y[i]
        if p == UInt8(ascii: "/") { return true }
        if q == UInt8(ascii: "/") { return false }
        return p < q
    }

    /// A folder's own entries in order, its sub-folders as places to fill.
    private enum Item {
        case entry(Entry)
        /// The index of the sub-folder's listing (first local to its folder's `Listing`).
        case folder(Int)
    }

    private struct Listing {
        var items: [Item] = []
        var folders: [(path: String, prefix: String)] = []
    }

    /// Each name `readdir` finds in the open folder `d` but `.` and `..`,
    /// with its `d_type` (`DT_UNKNOWN` where the file system does not say).
    static func forEachName(_ d: OpaquePointer, _ body: (String, UInt8) -> Void) {
        while let ent = readdir(d) {
            let name = withUnsafePointer(to: ent.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            body(name, ent.pointee.d_type)
        }
    }

    /// One folder's entries (`readdir`, then `fstatat` of each); nil when it cannot be read.
    private static func list(_ dir: String, prefix: String, skip: (String) -> Bool) -> Listing? {
        guard let d = opendir(dir) else { return nil }
        defer { closedir(d) }
        let fd = dirfd(d)
        var names: [String] = []
        forEachName(d) { name, _ in names.append(name) }
        names.sort { UTF8Order.precedes($0, $1) }
        var listing = Listing()
        listing.items.reserveCapacity(names.count)
        for name in names {
            let rel = prefix.isEmpty ? name : prefix + "/" + name
            if skip(rel) { continue }
            var st = stat()
            guard fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
            let (mtime, ctime) = times(st)
            let kind: Kind
            switch st.st_mode & S_IFMT {
            case S_IFDIR:
                listing.items.append(.folder(listing.folders.count))
                listing.folders.append((dir + "/" + name, rel))
                continue
            case S_IFREG: kind = .file
            case S_IFLNK: kind = .link
            default: kind = .other
            }
            listing.items.append(.entry(Entry(path: rel, kind: kind, size: Int(st.st_size), mtime: mtime, inode: UInt64(st.st_ino), ctime: ctime)))
        }
        return listing
    }
}
