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
    static func entries(under root: String, skipping skip: (String) -> Bool = { _ in false }) -> [Entry]? {
        var out: [Entry] = []
        guard walk(root, prefix: "", into: &out, skip: skip) else { return nil }
        return out
    }

    private static func walk(_ dir: String, prefix: String, into out: inout [Entry], skip: (String) -> Bool) -> Bool {
        guard let d = opendir(dir) else { return false }
        defer { closedir(d) }
        let fd = dirfd(d)
        var names: [String] = []
        while let ent = readdir(d) {
            let name = withUnsafePointer(to: ent.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            names.append(name)
        }
        names.sort { UTF8Order.precedes($0, $1) }
        for name in names {
            let rel = prefix.isEmpty ? name : prefix + "/" + name
            if skip(rel) { continue }
            var st = stat()
            guard fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 else { return false }
            let (mtime, ctime) = times(st)
            switch st.st_mode & S_IFMT {
            case S_IFDIR:
                guard walk(dir + "/" + name, prefix: rel, into: &out, skip: skip) else { return false }
            case S_IFREG:
                out.append(Entry(path: rel, kind: .file, size: Int(st.st_size), mtime: mtime, inode: UInt64(st.st_ino), ctime: ctime))
            case S_IFLNK:
                out.append(Entry(path: rel, kind: .link, size: Int(st.st_size), mtime: mtime, inode: UInt64(st.st_ino), ctime: ctime))
            default:
                out.append(Entry(path: rel, kind: .other, size: Int(st.st_size), mtime: mtime, inode: UInt64(st.st_ino), ctime: ctime))
            }
        }
        return true
    }
}
