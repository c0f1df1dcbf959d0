import Foundation

/// The replaced site's folders, emptied of files and kept beside the output
/// (`.NAME.congkhai.folders`) for the next build's staging folder, instead
/// of removed and made again.
///
/// On ext4 without a journal (this machine's disks), making a folder scans
/// past every inode freed in the last seconds to minutes
/// (`recently_deleted`), so a build that made the 6,600 folders of a
/// province just after the last one removed 6,300 spent ~1.5 s of CPU in
/// `mkdir` alone: half of a one-file rebuild on disk (`perf`, decision
/// 106). A site's folders barely change between builds; the ones the new
/// site does not use are removed before the swap
/// (`Staging.removeUnusedFolders`).
///
/// The kept tree is emptied twice: when it is kept (the published files it
/// shares lose a name before the published folder's fingerprint is taken),
/// and again when a build takes it, which also lists its folders — so a
/// file put there between two builds is never published, and nothing
/// about the tree is taken on trust. A killed build leaves it under a
/// staging name, which the next build removes as leftovers.
enum SpareFolders {
    /// Empties `tree` of files and keeps its folders at `spare`; removes
    /// `tree` where a name could not be unlinked.
    static func keep(_ tree: String, at spare: String) {
        guard TreeRemoval.empty(tree).complete else {
            TreeRemoval.remove(tree)
            return
        }
        TreeRemoval.remove(spare)  // a spare no build took (none was staged since)
        if rename(tree, spare) != 0 { TreeRemoval.remove(tree) }
    }

    /// After a first build (nothing replaced, so nothing to keep): the
    /// same folders made empty at `spare`, in `scratch` first (a staging
    /// name: a killed build's is removed as leftovers), so the first
    /// rebuild also writes into folders it has. `folders` are relative, in
    /// any order (made a depth at a time). Best effort: on any failure
    /// nothing is kept.
    static func prepare(_ folders: [String], at spare: String, scratch: String) {
        TreeRemoval.remove(scratch)
        guard mkdir(scratch, 0o755) == 0 else { return }
        // A level at a time, each level's folders on every core.
        var levels: [[String]] = []
        for folder in folders {
            let depth = folder.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "/") ? 1 : 0) }
            while levels.count <= depth { levels.append([]) }
            levels[depth].append(scratch + "/" + folder)
        }
        for level in levels {
            let failed = Slots<Bool>(count: level.count)
            DispatchQueue.concurrentPerform(iterations: level.count) { i in
                if mkdir(level[i], 0o755) != 0 { failed.set(i, true) }
            }
            if level.indices.contains(where: { failed.value($0) == true }) {
                TreeRemoval.remove(scratch)
                return
            }
        }
        TreeRemoval.remove(spare)
        if rename(scratch, spare) != 0 { TreeRemoval.remove(scratch) }
    }

    /// The kept tree moved to `dir` and emptied of anything put there since,
    /// with its folders (`dir` first, a level at a time); nil, and nothing
    /// at `dir`, when there is none or it cannot be emptied.
    static func take(_ spare: String, as dir: String) -> [String]? {
        var st = stat()
        guard lstat(spare, &st) == 0 else { return nil }
        // Another user's tree (a build run once as root) is not written into.
        guard st.st_mode & S_IFMT == S_IFDIR, st.st_uid == geteuid(), rename(spare, dir) == 0 else {
            TreeRemoval.remove(spare)
            return nil
        }
        let emptied = TreeRemoval.empty(dir)
        guard emptied.complete else {
            TreeRemoval.remove(dir)
            return nil
        }
        return Array(emptied.levels.joined())
    }
}
