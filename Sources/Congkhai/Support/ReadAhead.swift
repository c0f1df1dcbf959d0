import Foundation

/// Asks the kernel to start reading files that are about to be read, all
/// at once. Small files read one after another from a cold cache each wait
/// for the disk in turn — a country's 22,353 evidence files (15 MB) took
/// 3.0 s so — while reads asked for together are queued together: 0.3 s,
/// then 0.3 s to read them from memory (BENCHMARKS.md, forty-seventh
/// session). On a machine like ours nothing stays cached a minute unread,
/// so a build meets such files cold even when it read them itself earlier.
enum ReadAhead {
    /// `posix_fadvise(WILLNEED)` for each file; one that cannot be opened
    /// is skipped (its reader reports it). Opened without blocking, so a
    /// file swapped for a FIFO since it was listed cannot stall the build.
    static func files(_ paths: [String], root: String) {
        for path in paths {
            let fd = open(root + "/" + path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
            guard fd >= 0 else { continue }
            _ = posix_fadvise(fd, 0, 0, POSIX_FADV_WILLNEED)
            close(fd)
        }
    }
}
