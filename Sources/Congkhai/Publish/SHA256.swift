import CLibCrypto
import Foundation

/// SHA-256 through OpenSSL's libcrypto (no hashing ships with the Linux
/// toolchain; a pure-Swift version measured 92 MB/s, too slow for gigabytes
/// of feedback every night).
public enum SHA256 {
    public static func hex(_ bytes: [UInt8]) -> String {
        digest { ctx in
            bytes.withUnsafeBufferPointer { _ = EVP_DigestUpdate(ctx, $0.baseAddress, $0.count) }
            return true
        } ?? ""
    }

    /// The raw 32-byte digest.
    public static func bytes(_ input: [UInt8]) -> [UInt8] {
        guard let ctx = EVP_MD_CTX_new() else { return [] }
        defer { EVP_MD_CTX_free(ctx) }
        var out = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        guard EVP_DigestInit_ex(ctx, EVP_sha256(), nil) == 1 else { return [] }
        input.withUnsafeBufferPointer { _ = EVP_DigestUpdate(ctx, $0.baseAddress, $0.count) }
        guard out.withUnsafeMutableBufferPointer({ EVP_DigestFinal_ex(ctx, $0.baseAddress, &length) }) == 1 else { return [] }
        return out
    }

    /// Hashes a file in 4 MiB chunks; nil when it cannot be read. With
    /// `regularOnly`, nil also for anything but a regular file, found
    /// without blocking: a FIFO put where a listed file was would otherwise
    /// hold the reader until a writer came (`EarlyDigests`, whose thread a
    /// build stopped by a content error waits for).
    public static func hex(fileAt path: String, regularOnly: Bool = false) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC | (regularOnly ? O_NONBLOCK : 0))
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        if regularOnly {
            var info = stat()
            guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        }
        // One buffer reused for the whole file (a `Data` per chunk cost more than the hashing).
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: 1 << 22, alignment: 64)
        defer { buffer.deallocate() }
        return digest { ctx in
            while true {
                let n = read(fd, buffer, 1 << 22)
                if n < 0 && errno == EINTR { continue }
                if n < 0 { return false }
                if n == 0 { return true }
                _ = EVP_DigestUpdate(ctx, buffer, n)
            }
        }
    }

    /// A digest fed as bytes arrive (a feedback file while it is scanned).
    final class Stream {
        private let ctx: OpaquePointer?

        init() {
            ctx = EVP_MD_CTX_new()
            if let ctx { EVP_DigestInit_ex(ctx, EVP_sha256(), nil) }
        }

        deinit { if let ctx { EVP_MD_CTX_free(ctx) } }

        func update(_ bytes: UnsafeRawBufferPointer) {
            guard let ctx else { return }
            _ = EVP_DigestUpdate(ctx, bytes.baseAddress, bytes.count)
        }

        func finish() -> String {
            guard let ctx else { return "" }
            var out = [UInt8](repeating: 0, count: 32)
            var length: UInt32 = 0
            guard out.withUnsafeMutableBufferPointer({ EVP_DigestFinal_ex(ctx, $0.baseAddress, &length) }) == 1 else { return "" }
            return SHA256.hexString(Array(out.prefix(Int(length))))
        }
    }

    private static func digest(_ feed: (OpaquePointer) -> Bool) -> String? {
        guard let ctx = EVP_MD_CTX_new() else { return nil }
        defer { EVP_MD_CTX_free(ctx) }
        guard EVP_DigestInit_ex(ctx, EVP_sha256(), nil) == 1, feed(ctx) else { return nil }
        var out = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        guard out.withUnsafeMutableBufferPointer({ EVP_DigestFinal_ex(ctx, $0.baseAddress, &length) }) == 1 else { return nil }
        return hexString(Array(out.prefix(Int(length))))
    }

    static func hexString(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
