import CDeflate
import CZlib

/// Deterministic gzip (RFC 1952): no file name, mtime 0, a fixed level, so
/// the same rows always give the same bytes (builds stay byte-identical and
/// mirrors can compare hashes). Written with libdeflate, which compresses a
/// whole buffer at once: at level 6 it took 1.72 s where zlib took 3.97 s
/// for the 245 MB of a 4,802-official tree's exports, and its files were
/// 3 % smaller (decision 89). Compressed at `level`. Read back whole with
/// libdeflate when the member's own size field is believable, else with
/// zlib's streaming inflate, which stops at a size limit.
enum Gzip {
    /// libdeflate's level 1 (decision 89, amended twice): on 357 MB of
    /// national exports 368 MB/s for 16.9 % of the input, where level 5
    /// ran at 174 MB/s for 14.8 % — half the CPU (~8 CPU-seconds of a
    /// national build, most of its data stage) for files 14 % larger.
    static let level: Int32 = 1

    static func compress(_ input: [UInt8], level: Int32 = Gzip.level) -> [UInt8] {
        guard let compressor = libdeflate_alloc_compressor(level) else { return [] }
        defer { libdeflate_free_compressor(compressor) }
        var output = [UInt8](repeating: 0, count: libdeflate_gzip_compress_bound(compressor, input.count))
        let produced = input.withUnsafeBytes { inBuf in
            output.withUnsafeMutableBytes { outBuf in
                libdeflate_gzip_compress(compressor, inBuf.baseAddress, inBuf.count, outBuf.baseAddress, outBuf.count)
            }
        }
        // 0: the bound was not enough, which libdeflate rules out; nothing rather than a cut file.
        return produced == 0 && !input.isEmpty ? [] : Array(output.prefix(produced))
    }

    /// Inflates a gzip member; nil when the bytes are not valid gzip or would
    /// exceed `limit` bytes (a published file is read from a possibly hostile mirror).
    ///
    /// A nightly build inflates every published feedback file to compare it
    /// with what it publishes (2.9 GB nationally): libdeflate does it in one
    /// call at about twice zlib's speed (BENCHMARKS.md, fifteenth session),
    /// into a buffer sized by the member's trailer. What it cannot take —
    /// a size field that lies, trailing members, a corrupt stream — goes to
    /// zlib, whose answer (the first member, or nil) is the same either way.
    static func decompress(_ input: [UInt8], limit: Int = 4 << 30) -> [UInt8]? {
        if let whole = decompressWhole(input, limit: limit) { return whole }
        return inflate(input, limit: limit)
    }

    /// libdeflate, when the trailer's size (ISIZE: the size modulo 2³²) is
    /// within `limit` and within what deflate can expand `input` to (1,032
    /// to 1), so a hostile trailer cannot make it reserve gigabytes. Nil
    /// when the member does not inflate to exactly that size with a good CRC.
    static func decompressWhole(_ input: [UInt8], limit: Int) -> [UInt8]? {
        guard input.count >= 18 else { return nil }
        let n = input.count
        let size = Int(input[n - 4]) | Int(input[n - 3]) << 8 | Int(input[n - 2]) << 16 | Int(input[n - 1]) << 24
        guard size <= limit, size <= n * 1_032 else { return nil }
        guard let decompressor = libdeflate_alloc_decompressor() else { return nil }
        defer { libdeflate_free_decompressor(decompressor) }
        var ok = false
        let out = [UInt8](unsafeUninitializedCapacity: max(1, size)) { buffer, count in
            var consumed = 0
            var produced = 0
            let result = input.withUnsafeBytes { inBuf in
                libdeflate_gzip_decompress_ex(decompressor, inBuf.baseAddress, inBuf.count, buffer.baseAddress, size,
                                              &consumed, &produced)
            }
            ok = result == LIBDEFLATE_SUCCESS && produced == size && consumed == n
            count = ok ? produced : 0
        }
        return ok ? out : nil
    }

    /// zlib's streaming inflate of the first gzip member, stopping at `limit`.
    static func inflate(_ input: [UInt8], limit: Int) -> [UInt8]? {
        var stream = z_stream()
        guard inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var status: Int32 = Z_OK
        input.withUnsafeBufferPointer { inBuf in
            stream.next_in = UnsafeMutablePointer(mutating: inBuf.baseAddress)
            stream.avail_in = uInt(inBuf.count)
            repeat {
                chunk.withUnsafeMutableBufferPointer { c in
                    stream.next_out = c.baseAddress
                    stream.avail_out = uInt(c.count)
                    status = CZlib.inflate(&stream, Z_NO_FLUSH)
                    out.append(contentsOf: c.prefix(c.count - Int(stream.avail_out)))
                }
            } while status == Z_OK && out.count <= limit && (stream.avail_in > 0 || stream.avail_out == 0)
        }
        return status == Z_STREAM_END && out.count <= limit ? out : nil
    }
}
