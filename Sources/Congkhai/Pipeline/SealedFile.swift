import Foundation

/// A file a build leaves beside the site for the next one (the feedback
/// stage's results, the pages' fingerprints), never published: written to a
/// temporary name and renamed, sealed at its end with an HMAC-SHA-256 under
/// `sealKey` of the SHA-256 of every byte before it. A torn, truncated or
/// altered file is not read, nor one made by anyone without the
/// installation's pseudonym key: these files decide what is published, so
/// being able to write the folder beside the site is not enough.
enum SealedFile {
    /// Where a build finds and leaves a sealed file keyed by the program
    /// that wrote it (another binary reads nothing from it), and the seal's key.
    struct Place: Sendable {
        var path: String
        var program: String
        var sealKey: [UInt8]
    }

    /// Writes what `body` encodes; on any failure nothing is left at `path`'s
    /// temporary name and `path` keeps what it held.
    static func write(to path: String, sealKey: [UInt8], _ body: (inout ByteWriter) -> Void) {
        let tmp = path + ".tmp"
        let fd = open(tmp, O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        let digest = SHA256.Stream()
        var failed = false
        func put(_ bytes: [UInt8]) {
            guard !failed else { return }
            bytes.withUnsafeBytes { raw in
                digest.update(raw)
                do { try Publisher.writeAll(fd, raw, path: tmp) } catch { failed = true }
            }
        }
        var w = ByteWriter(sink: { put($0) })
        body(&w)
        w.flush()
        put(seal(digest.finish(), key: sealKey))
        let synced = !failed && fsync(fd) == 0
        close(fd)
        if !synced || rename(tmp, path) != 0 { unlink(tmp) }
    }

    /// A reader over the body of the file at `path` when its seal holds, and
    /// its first strings are `prefix` (checked on the file's first bytes
    /// before the rest is read: a nightly need not read and hash a national
    /// cache of ~100 MB to learn it is another build's); nil otherwise.
    static func read(_ path: String, prefix: [String], sealKey: [UInt8]) -> ByteReader? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        let head = Array((try? handle.read(upToCount: 64 + prefix.reduce(0) { $0 + $1.utf8.count + 10 })) ?? Data())
        try? handle.close()
        var start = ByteReader(head)
        for expected in prefix { guard (try? start.string()) == expected else { return nil } }
        guard let data = FileManager.default.contents(atPath: path), data.count > 64 else { return nil }
        let bytes = Array(data)
        let body = bytes.count - 64
        let digest = SHA256.Stream()
        bytes.withUnsafeBytes { digest.update(UnsafeRawBufferPointer(rebasing: $0[..<body])) }
        guard seal(digest.finish(), key: sealKey) == Array(bytes[body...]) else { return nil }
        var r = ByteReader(bytes, end: body)
        for expected in prefix { guard (try? r.string()) == expected else { return nil } }
        return r
    }

    /// The last 64 bytes of a sealed file: hex HMAC of its body's digest.
    static func seal(_ digest: String, key: [UInt8]) -> [UInt8] {
        Array(SHA256.hexString(Crypto.hmacSHA256(key: key, message: Array(digest.utf8))).utf8)
    }
}
