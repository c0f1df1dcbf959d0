import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Blocks until something changes under a set of folders (content, theme):
/// inotify on Linux, a 250 ms polling scan where inotify is unavailable
/// (other systems, exhausted watch limits, network file systems).
final class ContentWatcher: @unchecked Sendable {
    let paths: [String]
    private var inotify: Int32 = -1
    private var fingerprint: [String: (Int, Int)] = [:]

    init(paths: [String]) {
        self.paths = paths
        #if canImport(Glibc)
        inotify = inotify_init1(Int32(IN_CLOEXEC))
        if inotify >= 0 && !addWatches() { close(inotify); inotify = -1 }
        #endif
        if inotify < 0 { fingerprint = scan() }
    }

    var usesInotify: Bool { inotify >= 0 }

    /// Returns after a change, once things have been quiet for ~40 ms (an
    /// editor's save is often several writes).
    func waitForChange() {
        #if canImport(Glibc)
        if inotify >= 0 {
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            while read(inotify, &buffer, buffer.count) <= 0 {}
            // Drain the burst, then watch any folder created meanwhile.
            var pfd = pollfd(fd: inotify, events: Int16(POLLIN), revents: 0)
            while poll(&pfd, 1, 40) > 0 { _ = read(inotify, &buffer, buffer.count) }
            _ = addWatches()
            return
        }
        #endif
        while true {
            Thread.sleep(forTimeInterval: 0.25)
            let now = scan()
            if changed(now) {
                fingerprint = now
                return
            }
        }
    }

    private func changed(_ now: [String: (Int, Int)]) -> Bool {
        for (k, v) in now { guard let old = fingerprint[k], old == v else { return true } }
        return now.count != fingerprint.count
    }

    /// Every file's size and modification time (ns), hidden files skipped.
    private func scan() -> [String: (Int, Int)] {
        var out: [String: (Int, Int)] = [:]
        for root in paths {
            guard let e = FileManager.default.enumerator(atPath: root) else { continue }
            while let rel = e.nextObject() as? String {
                if rel.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
                var st = stat()
                if stat(root + "/" + rel, &st) == 0 {
                    out[root + "/" + rel] = (Int(st.st_size), Int(st.st_mtim.tv_sec) * 1_000_000_000 + Int(st.st_mtim.tv_nsec))
                }
            }
        }
        return out
    }

    #if canImport(Glibc)
    /// Watches every folder under the paths (inotify is not recursive).
    private func addWatches() -> Bool {
        let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_MODIFY)
        for root in paths {
            var dirs = [root]
            if let e = FileManager.default.enumerator(atPath: root) {
                while let rel = e.nextObject() as? String {
                    var isDir: ObjCBool = false
                    if !rel.hasPrefix("."), FileManager.default.fileExists(atPath: root + "/" + rel, isDirectory: &isDir), isDir.boolValue {
                        dirs.append(root + "/" + rel)
                    }
                }
            }
            for d in dirs where inotify_add_watch(inotify, d, mask) < 0 { return false }
        }
        return true
    }
    #endif
}
