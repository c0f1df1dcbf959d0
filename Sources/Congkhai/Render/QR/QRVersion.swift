/// One QR code version at error-correction level M — the only level the
/// notices print (a code still reads with ~15 % of it scuffed or folded):
/// the numbers of ISO/IEC 18004's capacity, block and alignment tables that
/// the encoder needs, for versions 1–40.
struct QRVersion: Sendable {
    /// 1…40.
    let number: Int
    /// Codewords in the symbol, data and error correction together.
    let codewords: Int
    /// Error-correction codewords at level M, over all blocks.
    let eccCodewords: Int
    /// Blocks of the shorter data length, then of the longer (one codeword more).
    let shortBlocks: Int
    let longBlocks: Int
    /// Bits left after the last codeword: placed light, then masked.
    let remainderBits: Int
    /// Centre of the first alignment pattern after the timing line, and the
    /// step to the next (0 for version 1, which has none).
    let alignmentFirst: Int
    let alignmentStep: Int

    var width: Int { 17 + 4 * number }
    var blocks: Int { shortBlocks + longBlocks }
    var dataCodewords: Int { codewords - eccCodewords }
    var eccPerBlock: Int { eccCodewords / blocks }
    var shortBlockData: Int { dataCodewords / blocks }
    /// Bits of a byte-mode segment's count: 8 up to version 9, 16 above.
    var countBits: Int { number <= 9 ? 8 : 16 }

    /// Centres of the alignment patterns on each axis (6, then every step up
    /// to `width - 7`); patterns are drawn at every pair of them except the
    /// three that fall on a finder pattern.
    var alignmentCentres: [Int] {
        guard alignmentFirst > 0 else { return [] }
        guard alignmentStep > 0 else { return [6, alignmentFirst] }
        return [6] + Array(stride(from: alignmentFirst, through: width - 7, by: alignmentStep))
    }

    /// The 18-bit version information (6 bits of version, a BCH(18,6) code
    /// under the generator 0x1F25), drawn from version 7 up; 0 below.
    var versionInformation: Int {
        guard number >= 7 else { return 0 }
        var rest = number << 12
        for bit in stride(from: 17, through: 12, by: -1) where rest & (1 << bit) != 0 {
            rest ^= 0x1F25 << (bit - 12)
        }
        return number << 12 | rest
    }

    /// Versions 1–40, `all[v - 1]`.
    static let all: [QRVersion] = {
        // ISO/IEC 18004 table 1 (codewords, remainder bits), table 9 (level M's
        // error correction and blocks) and annex E (alignment centres).
        let codewords = [26, 44, 70, 100, 134, 172, 196, 242, 292, 346, 404, 466, 532, 581, 655, 733, 815, 901, 991, 1085,
                         1156, 1258, 1364, 1474, 1588, 1706, 1828, 1921, 2051, 2185, 2323, 2465, 2611, 2761, 2876, 3034, 3196, 3362, 3532, 3706]
        let ecc = [10, 16, 26, 36, 48, 64, 72, 88, 110, 130, 150, 176, 198, 216, 240, 280, 308, 338, 364, 416,
                   442, 476, 504, 560, 588, 644, 700, 728, 784, 812, 868, 924, 980, 1036, 1064, 1120, 1204, 1260, 1316, 1372]
        let short = [1, 1, 1, 2, 2, 4, 4, 2, 3, 4, 1, 6, 8, 4, 5, 7, 10, 9, 3, 3,
                     17, 17, 4, 6, 8, 19, 22, 3, 21, 19, 2, 10, 14, 14, 12, 6, 29, 13, 40, 18]
        let long = [0, 0, 0, 0, 0, 0, 0, 2, 2, 1, 4, 2, 1, 5, 5, 3, 1, 4, 11, 13,
                    0, 0, 14, 14, 13, 4, 3, 23, 7, 10, 29, 23, 21, 23, 26, 34, 14, 32, 7, 31]
        let remainder = [0, 7, 7, 7, 7, 7, 0, 0, 0, 0, 0, 0, 0, 3, 3, 3, 3, 3, 3, 3,
                         4, 4, 4, 4, 4, 4, 4, 3, 3, 3, 3, 3, 3, 3, 0, 0, 0, 0, 0, 0]
        let second = [0, 18, 22, 26, 30, 34, 22, 24, 26, 28, 30, 32, 34, 26, 26, 26, 30, 30, 30, 34,
                      28, 26, 30, 28, 32, 30, 34, 26, 30, 26, 30, 34, 30, 34, 30, 24, 28, 32, 26, 30]
        let third = [0, 0, 0, 0, 0, 0, 38, 42, 46, 50, 54, 58, 62, 46, 48, 50, 54, 56, 58, 62,
                     50, 50, 54, 54, 58, 58, 62, 50, 54, 52, 56, 60, 58, 62, 54, 50, 54, 58, 54, 58]
        return (0..<40).map { i in
            QRVersion(number: i + 1, codewords: codewords[i], eccCodewords: ecc[i], shortBlocks: short[i], longBlocks: long[i],
                      remainderBits: remainder[i], alignmentFirst: second[i],
                      alignmentStep: third[i] > 0 ? third[i] - second[i] : 0)
        }
    }()
}
