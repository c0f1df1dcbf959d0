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
}
