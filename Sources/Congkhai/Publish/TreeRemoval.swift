import Foundation

/// Removes a folder of ours and everything in it — or only the files in
/// it, keeping its folders (`empty`, for `SpareFolders`) — never following
/// a link, with the folders of each level emptied on every core.
///
/// Every build that publishes empties the site it replaced: 12,000 names
/// for a province, 320,000 for a country. On one core that was ~0.13 s of a
/// province's one-file rebuild (a tenth of it); the kernel unlinks names of
/// different folders side by side, so two cores take about two thirds of
/// that. Best effort: what cannot be removed stays for the next build's
/// `removeLeftovers`.
enum TreeRemoval {
    static func remove(_ path: String) {
        // The folders themselves go last, deepest level first.
        for folders in empty(path).levels.reversed() {
            DispatchQueue.concurrentPerform(iterations: folders.count) { i in _ = rmdir(folders[i]) }
        }
    }

    /// What `empty` left: the folders, a level (depth) at a time from
    /// `path` itself, and whether every other name under them went.
    struct Emptied {
        var levels: [[String]]
        var complete: Bool
    }

    /// Unlinks every name under `path` that is not a folder (a link is
    /// unlinked, not followed) and keeps the folders (`SpareFolders` reuses
    /// them). Each level's folders are emptied on any core, which finds the
    /// next level.
    static func empty(_ path: String) -> Emptied {
        var st = stat()
        guard lstat(path, &st) == 0 else { return Emptied(levels: [], complete: false) }
        guard st.st_mode & S_IFMT == S_IFDIR else {
            unlink(path)
            return Emptied(levels: [], complete: false)
        }
        var levels: [[String]] = []
        var level = [path]
        var complete = true
        while !level.isEmpty {
            levels.append(level)
            let found = Slots<(folders: [String], complete: Bool)>(count: level.count), folders = level
            DispatchQueue.concurrentPerform(iterations: folders.count) { i in
                found.set(i, emptyOfFiles(folders[i]))
            }
            level = folders.indices.flatMap { i -> [String] in
                let result = found.value(i)
                if result?.complete != true { complete = false }
                return result?.folders ?? []
            }
        }
        return Emptied(levels: levels, complete: complete)
    }

    /// Unlinks every entry of `folder` that is not a folder; returns its
    /// sub-folders, and whether every unlink (and the listing) succeeded.
    private static func emptyOfFiles(_ folder: String) -> (folders: [String], complete: Bool) {
        guard let d = opendir(folder) else { return ([], false) }
        defer { closedir(d) }
        let fd = dirfd(d)
        // Every name read before any is unlinked: a folder changed while
        // `readdir` walks it may skip names on some file systems.
        var entries: [(name: String, type: UInt8)] = []
        FileWalk.forEachName(d) { entries.append(($0, $1)) }
        var folders: [String] = []
        var complete = true
        for (name, type) in entries {
            var isFolder = type == UInt8(DT_DIR)
            if type == UInt8(DT_UNKNOWN) {
                var st = stat()
                isFolder = fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && st.st_mode & S_IFMT == S_IFDIR
            }
            if isFolder {
                folders.append(folder + "/" + name)
            } else if unlinkat(fd, name, 0) != 0 {
                complete = false
            }
        }
        return (folders, complete)
    }
}
