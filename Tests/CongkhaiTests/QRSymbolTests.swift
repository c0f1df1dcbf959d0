import CQRencode
import Testing
@testable import Congkhai

/// The notices' QR encoder against libqrencode (which drew every code until
/// decision 101): the same modules for the same bytes, at every version, at
/// every capacity boundary, under every mask.
@Suite struct QRSymbolTests {
    /// libqrencode's modules (bit 0 of each byte) for `bytes`, nil when it refuses.
    static func reference(_ bytes: [UInt8]) -> (width: Int, modules: [UInt8])? {
        var text = bytes
        text.append(0)
        let made = text.withUnsafeBufferPointer { p in
            p.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: text.count) { QRcode_encodeString8bit($0, 0, QR_ECLEVEL_M) }
            }
        }
        guard let code = made else { return nil }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        guard let data = code.pointee.data else { return nil }
        return (width, (0..<width * width).map { data[$0] & 1 })
    }

    /// Where two module lists first differ (a short failure message), nil when equal.
    static func firstDifference(_ a: [UInt8], _ b: [UInt8]) -> Int? {
        guard a != b else { return nil }
        return zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
    }

    /// Deterministic bytes without NUL (libqrencode reads a C string).
    static func bytes(_ count: Int, seed: UInt64) -> [UInt8] {
        var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
        return (0..<count).map { _ in
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return UInt8(truncatingIfNeeded: state % 255 + 1)
        }
    }

    /// Lengths 1–300 (versions 1–13, where the notices' addresses fall), and
    /// around every version's capacity: the last length it holds and the
    /// first it does not.
    static var lengths: [Int] {
        var boundaries = Set<Int>()
        for v in QRVersion.all {
            let most = (v.dataCodewords * 8 - 4 - v.countBits) / 8
            boundaries.formUnion([most - 1, most, most + 1].filter { $0 > 300 })
        }
        return Array(1...300) + boundaries.sorted()
    }

    @Test func drawsWhatLibqrencodeDrew() throws {
        var masks = Set<Int>(), versions = Set<Int>()
        for (i, n) in QRSymbolTests.lengths.enumerated() {
            let input = QRSymbolTests.bytes(n, seed: UInt64(i))
            let expected = QRSymbolTests.reference(input)
            let ours = QRSymbol(input)
            #expect((ours == nil) == (expected == nil), "length \(n)")
            guard let ours, let expected else { continue }
            #expect(ours.width == expected.width, "length \(n)")
            #expect(QRSymbolTests.firstDifference(ours.modules, expected.modules) == nil,
                    "length \(n), version \(ours.version.number), mask \(ours.mask)")
            masks.insert(ours.mask)
            versions.insert(ours.version.number)
        }
        #expect(masks == Set(0..<8))
        #expect(versions == Set(1...40))
    }

    @Test(arguments: [
        "https://example.org/",
        "https://congkhai.example.gov.vn/dia-phuong/xa-an-binh/nguyen-van-a/",
        "https://congkhai.example.gov.vn/en/dia-phuong/phuong-ben-thuy-12/tran-thi-bich-ngoc-hoang-le-minh-chau/",
        "https://cổng.example/phản-hồi?q=ý kiến&x=\"<>\"",
    ])
    func drawsTheAddressesLibqrencodeDrew(_ url: String) throws {
        let expected = try #require(QRSymbolTests.reference(Array(url.utf8)))
        let ours = try #require(QRSymbol(Array(url.utf8)))
        #expect(QRSymbolTests.firstDifference(ours.modules, expected.modules) == nil)
    }

    /// Texts where the dark share's rounding decides the mask (found by
    /// comparing 20,000 random texts with a truncating variant: 15 differed).
    @Test(arguments: [(14, 100_853), (7, 103_846), (55, 105_694), (7, 105_886), (32, 106_391)])
    func roundsTheDarkShareAsLibqrencodeDid(_ length: Int, _ seed: UInt64) throws {
        let input = QRSymbolTests.bytes(length, seed: seed)
        let expected = try #require(QRSymbolTests.reference(input))
        let ours = try #require(QRSymbol(input))
        #expect(QRSymbolTests.firstDifference(ours.modules, expected.modules) == nil)
    }

    @Test func refusesNothingAndTooMuch() {
        #expect(QRSymbol([]) == nil)
        #expect(QRSymbol(QRSymbolTests.bytes(2331, seed: 1)) != nil)
        #expect(QRSymbol(QRSymbolTests.bytes(2332, seed: 1)) == nil)
    }

    /// The tables' own arithmetic: every version's blocks hold its data, and
    /// the version information is the standard's for 7 and 40.
    @Test func tablesAddUp() {
        for v in QRVersion.all {
            #expect(v.shortBlocks * v.shortBlockData + v.longBlocks * (v.shortBlockData + 1) == v.dataCodewords, "version \(v.number)")
            #expect(v.eccPerBlock * v.blocks == v.eccCodewords, "version \(v.number)")
            #expect(v.alignmentCentres.last.map { $0 == v.width - 7 } ?? (v.number == 1), "version \(v.number)")
        }
        #expect(QRVersion.all[6].versionInformation == 0x07C94)
        #expect(QRVersion.all[39].versionInformation == 0x28C69)
        #expect(QRMask.formats == [0x5412, 0x5125, 0x5E7C, 0x5B4B, 0x45F9, 0x40CE, 0x4F97, 0x4AA0])
    }
}

/// The one-word scorer (symbols up to 64 wide) against the run-by-run one on
/// random symbols of every narrow width, with look-alikes of scale 1–4
/// planted at random places, edges included, and long runs of both colours.
@Suite struct QRMaskScoreTests {
    @Test func oneWordLinesScoreAsRuns() {
        var state: UInt64 = 0x5DEE_CE66_D1CE_4E5B
        func next() -> UInt64 { state ^= state << 13; state ^= state >> 7; state ^= state << 17; return state }
        let L = QRMask.lineWords
        for trial in 0..<3000 {
            let w = 21 + trial % 44
            var rows = [UInt64](repeating: 0, count: w * L)
            let full: UInt64 = w == 64 ? ~0 : (1 << UInt64(w)) - 1
            for y in 0..<w {
                // Dense, sparse or even rows, so long runs of both colours occur.
                var row = next()
                switch next() % 4 {
                case 0: row &= next()
                case 1: row |= next()
                default: break
                }
                // A look-alike of scale k at x, with a light margin of random width.
                if next() % 3 == 0 {
                    let k = Int(next() % 4) + 1
                    let x = Int(next() % UInt64(max(1, w - 7 * k + 1)))
                    var pattern: UInt64 = 0
                    for (i, dark) in [true, false, true, true, true, false, true].enumerated() where dark {
                        pattern |= ((1 << UInt64(k)) - 1) << UInt64(i * k)
                    }
                    let margin = Int(next() % UInt64(4 * k + 2))
                    let clear: UInt64 = ((1 << UInt64(min(63, 7 * k + 2 * margin))) - 1) << UInt64(max(0, x - margin))
                    row = (row & ~clear) | (pattern << UInt64(x))
                }
                rows[y * L] = row & full
            }
            let columns = QRMask.transposed(rows, width: w)
            var runs = [Int32](repeating: 0, count: w + 1)
            let (narrow, general) = rows.withUnsafeBufferPointer { r in
                columns.withUnsafeBufferPointer { c in
                    runs.withUnsafeMutableBufferPointer { runs in
                        (QRMask.narrowScore(rows: r, columns: c, width: w, runs: runs),
                         QRMask.runScore(rows: r, columns: c, width: w, words: 1, runs: runs))
                    }
                }
            }
            #expect(narrow == general, "trial \(trial), width \(w)")
        }
    }

    @Test func transposesBitForBit() {
        for w in [21, 37, 63, 64, 65, 101] {
            let L = QRMask.lineWords
            var rows = [UInt64](repeating: 0, count: w * L)
            for y in 0..<w { for x in 0..<w where (x * 7 + y * 13 + x * y) % 5 < 2 { rows[y * L + x >> 6] |= 1 << UInt64(x & 63) } }
            let columns = QRMask.transposed(rows, width: w)
            for y in 0..<w {
                for x in 0..<w {
                    #expect((rows[y * L + x >> 6] >> UInt64(x & 63)) & 1 == (columns[x * L + y >> 6] >> UInt64(y & 63)) & 1)
                }
            }
        }
    }
}
