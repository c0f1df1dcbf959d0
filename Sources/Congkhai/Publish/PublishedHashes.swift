import Foundation

/// The published site's output hashes, read from its `data/manifest.json`,
/// standing in for the published files themselves when a build decides
/// which files to hard-link (decision 91).
///
/// A build keeps a file's inode and mtime when its bytes did not change
/// (decision 69). Deciding that by reading every published file back cost a
/// national nightly build ~7 GB of reads — most of its page stage's extra
/// ~45 s over a first build, the published site being cold in the page cache
/// a day later. The manifest already holds the SHA-256 of every one of those
/// files, and the build hashes every file it writes; the two are compared
/// instead — but only when the published folder is exactly as the last build
/// left it (`SiteFingerprint`: every path, size, mtime, ctime and inode) and
/// its manifest is the one that build wrote (`BuildState.manifest`). A file
/// edited in place since, even with its mtime put back, changes its ctime,
/// so the fingerprint differs and every file is compared byte for byte.
struct PublishedHashes {
    struct Key: Hashable {
        var a: UInt64
        var b: UInt64
    }

    /// Output path (as `key(path:)`) → the first 128 bits of its SHA-256.
    private var table: [Key: Key] = [:]

    var count: Int { table.count }

    /// Two FNV-1a lanes over the path: a 128-bit key (a collision would need
    /// ~2^64 paths), so the table holds no `String` per published file.
    static func key<S: Sequence>(path: S) -> Key where S.Element == UInt8 {
        var a: UInt64 = 0xcbf29ce484222325, b: UInt64 = 0x84222325cbf29ce4
        for byte in path {
            a = (a ^ UInt64(byte)) &* 0x100000001b3
            b = (b ^ UInt64(byte) ^ 0x5bd1e995) &* 0x100000001b3
        }
        return Key(a: a, b: b)
    }

    /// The first 128 bits of a hex SHA-256 (lowercase, as the manifest and
    /// `SHA256.hex` write it); nil for anything else.
    static func digest<C: Collection>(hex: C) -> Key? where C.Element == UInt8 {
        guard hex.count == 64 else { return nil }
        var words: [UInt64] = [0, 0]
        for (i, c) in hex.prefix(32).enumerated() {
            let v: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): v = c - UInt8(ascii: "a") + 10
            default: return nil
            }
            words[i / 16] = words[i / 16] << 4 | UInt64(v)
        }
        return Key(a: words[0], b: words[1])
    }

    /// True when the published manifest gave `path` the hash `hex`.
    func matches(path: String, hex: String) -> Bool {
        guard let want = PublishedHashes.digest(hex: Array(hex.utf8)) else { return false }
        return table[PublishedHashes.key(path: path.utf8)] == want
    }

    /// The `outputs` of a manifest as `Manifest.file` writes it (one
    /// `"path": "hash"` a line); nil when the text is not of that shape.
    /// A path written with a JSON escape is left out: its file is then
    /// compared byte for byte, as without this table.
    static func parse(manifest bytes: [UInt8]) -> PublishedHashes? {
        var out = PublishedHashes()
        var inOutputs = false
        var closed = false
        var start = 0
        bytes.withUnsafeBufferPointer { all in
            while start < all.count && !closed {
                var end = start
                while end < all.count && all[end] != 0x0A { end += 1 }
                let line = UnsafeBufferPointer(rebasing: all[start..<end])
                start = end + 1
                var i = 0
                while i < line.count && line[i] == 0x20 { i += 1 }
                let text = UnsafeBufferPointer(rebasing: line[i...])
                if !inOutputs {
                    if text.elementsEqual(Array("\"outputs\": {".utf8)) { inOutputs = true }
                    continue
                }
                if text.first == UInt8(ascii: "}") { closed = true; continue }
                // "path": "64 hex digits" and an optional comma.
                var body = text[...]
                if body.last == UInt8(ascii: ",") { body = body.dropLast() }
                guard body.count >= 2 + 4 + 64 + 2, body.first == 0x22, body.last == 0x22 else { continue }
                let hex = body.dropLast().suffix(64)
                let separator = body.dropLast(65).suffix(4)
                guard separator.elementsEqual(Array("\": \"".utf8)) else { continue }
                let path = body.dropFirst().dropLast(69)
                guard !path.contains(UInt8(ascii: "\\")), !path.contains(0x22), let digest = digest(hex: hex) else { continue }
                out.table[key(path: path)] = digest
            }
        }
        return closed ? out : nil
    }

    /// The published site's hashes when they may stand in for its files:
    /// the folder's fingerprint and its manifest's SHA-256 are those the last
    /// build recorded (`state`); nil otherwise (then every file is compared).
    static func trusted(destination: String, state: BuildState?) -> PublishedHashes? {
        guard let state, let data = FileManager.default.contents(atPath: destination + "/data/manifest.json") else { return nil }
        let bytes = [UInt8](data)
        guard SHA256.hex(bytes) == state.manifest, SiteFingerprint.of(destination) == state.site else { return nil }
        return parse(manifest: bytes)
    }
}
