import Foundation

/// One SHA-256 over the published folder's listing: every path with its size,
/// modification and status-change times and inode. Any file written, replaced,
/// added, removed or touched since the fingerprint was taken changes it —
/// without reading a byte of the site.
enum SiteFingerprint {
    static func of(_ folder: String) -> String? {
        guard let entries = FileWalk.entries(under: folder) else { return nil }
        var text = ""
        text.reserveCapacity(entries.count * 96)
        for e in entries {
            text += "\(e.path.utf8.count):\(e.path) \(e.kind.rawValue) \(e.size) \(e.mtime) \(e.ctime) \(e.inode)\n"
        }
        return SHA256.hex(Array(text.utf8))
    }
}
