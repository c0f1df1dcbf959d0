import Testing
@testable import Congkhai

/// The published feedback files' gzip (DESIGN.md: deterministic, no name,
/// no mtime): the same rows always give the same bytes, and they come back.
@Suite struct GzipTests {
    @Test func deterministicHeaderAndExactRoundTrip() throws {
        // Rows like an export's, cut to each size.
        let rows = (0..<6_000).map { "pa-\($0),2026-03-\(10 + $0 % 19),survey,xa-an-binh,nguyen-van-an,,rating,citizen,\($0 % 97),\(1 + $0 % 5),giáo dục,,,,,\r\n" }
        let all = Array(rows.joined().utf8)
        for size in [0, 1, 4_096, 300_000] {
            let input = Array(all.prefix(size))
            let gz = Gzip.compress(input)
            // Magic, deflate, no flags (no name, comment or extra field), mtime 0.
            #expect(Array(gz.prefix(8)) == [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00], "\(size) bytes")
            #expect(Gzip.compress(input) == gz)
            #expect(try #require(Gzip.decompress(gz)) == input)
            if size == 300_000 { #expect(gz.count < size / 2) }
        }
    }

    /// The one-call path (libdeflate) and the streaming one (zlib) give the
    /// same answer on every input, the hostile ones included: a trailer
    /// whose size lies, a bad CRC, a second member, a size over the limit.
    @Test func bothInflatersAgreeOnGoodAndHostileMembers() throws {
        let input = Array((0..<20_000).map { "r\($0),2026-03-\(10 + $0 % 19),xa-an-binh,\($0 % 5 + 1)\r\n" }.joined().utf8)
        let gz = Gzip.compress(input)
        #expect(Gzip.decompressWhole(gz, limit: 1 << 30) == input)
        #expect(Gzip.inflate(gz, limit: 1 << 30) == input)
        #expect(Gzip.decompress(Gzip.compress([])) == [])

        func withTrailerSize(_ size: UInt32) -> [UInt8] {
            var g = gz
            for i in 0..<4 { g[g.count - 4 + i] = UInt8(truncatingIfNeeded: size >> (8 * UInt32(i))) }
            return g
        }
        var badCRC = gz
        badCRC[badCRC.count - 8] ^= 0xFF
        let hostile: [(String, [UInt8])] = [
            ("size too large", withTrailerSize(UInt32(input.count + 1))),
            ("size too small", withTrailerSize(UInt32(input.count - 1))),
            ("size past what deflate can expand to", withTrailerSize(UInt32.max)),
            ("bad CRC", badCRC),
            ("cut short", Array(gz.dropLast(9))),
            ("not gzip", Array("id,date\r\n".utf8)),
        ]
        for (name, bytes) in hostile {
            #expect(Gzip.decompressWhole(bytes, limit: 1 << 30) == nil, "\(name)")
            #expect(Gzip.decompress(bytes) == nil, "\(name)")
        }
        // Two members: the first, as zlib reads it (libdeflate leaves it to zlib).
        let two = gz + Gzip.compress(Array("more".utf8))
        #expect(Gzip.decompressWhole(two, limit: 1 << 30) == nil)
        #expect(Gzip.decompress(two) == input)
        // Over the limit: nil from both.
        #expect(Gzip.decompress(gz, limit: input.count - 1) == nil)
        #expect(Gzip.inflate(gz, limit: input.count - 1) == nil)
        #expect(Gzip.decompress(gz, limit: input.count) == input)
    }
}
