import Foundation

/// One SHA-256 over the published folder's listing: every path with its size,
/// modification and status-change times and inode. Any file written, replaced,
/// added, removed or touched since the fingerprint was taken changes it —
/// without reading a byte of the site.
enum SiteFingerprint {
    static func of(_ folder: String) -> String? {
        walk(folder)?.fingerprint
    }

    /// The fingerprint and the listing it was taken of.
    static func walk(_ folder: String) -> (fingerprint: String, entries: [FileWalk.Entry])? {
        guard let entries = FileWalk.entries(under: folder) else { return nil }
        return (SHA256.hex(listing(entries)), entries)
    }

    /// The fingerprint a walk of `folder` would give when it holds exactly
    /// `files` (`FileWalk.entries(under:listing:)`): taken after a swap of
    /// a site whose every file the build wrote. Anything else in the folder
    /// makes the next build's walk differ from it (that build then trusts
    /// nothing of this one), never a fingerprint that hides a file.
    static func listed(_ folder: String, files: [String]) -> (fingerprint: String, entries: [FileWalk.Entry])? {
        listed(folder, walkOrdered: files.sorted(by: FileWalk.walkPrecedes))
    }

    /// `listed(_:files:)` for files already in the walk's order (`FileWalk.walkPrecedes`).
    static func listed(_ folder: String, walkOrdered files: [String]) -> (fingerprint: String, entries: [FileWalk.Entry])? {
        guard let entries = FileWalk.entries(under: folder, walkOrdered: files) else { return nil }
        return (SHA256.hex(listing(entries)), entries)
    }

    /// The hashed text, a line per entry: `length:path kind size mtime ctime
    /// inode`. Written as bytes: six string interpolations per entry were
    /// half a second of a national build's serial end.
    static func listing(_ entries: [FileWalk.Entry]) -> [UInt8] {
        var text: [UInt8] = []
        text.reserveCapacity(entries.count * 96)
        for e in entries {
            append(e.path.utf8.count, to: &text)
            text.append(UInt8(ascii: ":"))
            text.append(contentsOf: e.path.utf8)
            text.append(UInt8(ascii: " "))
            append(Int(e.kind.rawValue), to: &text)
            text.append(UInt8(ascii: " "))
            append(e.size, to: &text)
            text.append(UInt8(ascii: " "))
            append(e.mtime, to: &text)
            text.append(UInt8(ascii: " "))
            append(e.ctime, to: &text)
            text.append(UInt8(ascii: " "))
            append(e.inode, to: &text)
            text.append(UInt8(ascii: "\n"))
        }
        return text
    }

    private static func append(_ n: Int, to text: inout [UInt8]) {
        if n < 0 { text.append(UInt8(ascii: "-")) }
        append(n.magnitude, to: &text)
    }

    private static func append<T: UnsignedInteger & FixedWidthInteger>(_ n: T, to text: inout [UInt8]) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: UInt64.max has 20 digits
        withUnsafeMutableBytes(of: &digits) { b in
            var at = 24, v = UInt64(n)
            repeat {
                at -= 1
                b[at] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
            } while v != 0
            text.append(contentsOf: b[at...])
        }
    }
}
