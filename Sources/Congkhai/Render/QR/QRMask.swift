/// The eight data masks and the choice among them. A mask inverts the data
/// modules where its pattern holds, so a code has no large blocks, long
/// runs or finder look-alikes; each is scored and the lowest kept. The
/// scoring is libqrencode's (`Mask_mask` and `Mask_evaluateSymbol`), which
/// departs from ISO/IEC 18004 §7.8.3 in small ways: its finder look-alike
/// test reads the runs either side of a 1:1:3:1:1 pattern with its own edge
/// cases, and its dark-proportion step rounds. It is followed exactly so
/// the codes match every earlier build's.
enum QRMask {
    /// The 15-bit format information at level M (indicator 00) for each mask:
    /// a BCH(15,5) code under 0x537, XORed with 0x5412.
    static let formats: [Int] = (0..<8).map { mask in
        var rest = mask << 10
        for bit in stride(from: 14, through: 10, by: -1) where rest & (1 << bit) != 0 {
            rest ^= 0x537 << (bit - 10)
        }
        return (mask << 10 | rest) ^ 0x5412
    }

    /// Whether `mask` inverts the module at column `x`, row `y`.
    @inline(__always)
    static func inverts(_ mask: Int, _ x: Int, _ y: Int) -> Bool {
        switch mask {
        case 0: return (x + y) & 1 == 0
        case 1: return y & 1 == 0
        case 2: return x % 3 == 0
        case 3: return (x + y) % 3 == 0
        case 4: return (y / 2 + x / 3) & 1 == 0
        case 5: return ((x * y) & 1) + (x * y) % 3 == 0
        case 6: return (((x * y) & 1) + (x * y) % 3) & 1 == 0
        default: return ((x * y) % 3 + ((x + y) & 1)) & 1 == 0
        }
    }

    /// Lines (rows or columns) are bit sets, module x at bit x % 64 of word
    /// x / 64; three words hold the widest symbol (177).
    static let lineWords = 3

    /// `inverts(mask, x, y)` as bit sets: each pattern repeats every 12 rows
    /// and every 12 columns, so row y's is `rowPatterns[mask][y % 12]` (bits
    /// x) and column x's is `columnPatterns[mask][x % 12]` (bits y).
    static let rowPatterns: [UInt64] = patterns { mask, line, i in inverts(mask, i, line) }
    static let columnPatterns: [UInt64] = patterns { mask, line, i in inverts(mask, line, i) }

    private static func patterns(_ inverts: (Int, Int, Int) -> Bool) -> [UInt64] {
        var table = [UInt64](repeating: 0, count: 8 * 12 * lineWords)
        for mask in 0..<8 {
            for line in 0..<12 {
                for i in 0..<(64 * lineWords) where inverts(mask, line, i) {
                    table[(mask * 12 + line) * lineWords + i >> 6] |= 1 << UInt64(i & 63)
                }
            }
        }
        return table
    }

    /// The modules the format information is written to, two per bit, bit 0
    /// first: `cells[2i]` and `cells[2i + 1]` as (x, y).
    static func formatCells(width w: Int) -> [(x: Int, y: Int)] {
        var cells: [(x: Int, y: Int)] = []
        cells.reserveCapacity(30)
        for i in 0..<8 {
            cells.append((w - 1 - i, 8)); cells.append((8, i < 6 ? i : i + 1))
        }
        for i in 0..<7 {
            cells.append((8, w - 7 + i)); cells.append((i == 0 ? 7 : 6 - i, 8))
        }
        return cells
    }

    /// The finished symbol, dark 1 and light 0, and its mask: the frame under
    /// each mask with its format information, the first of the lowest demerit.
    /// Every mask is scored on bit sets of rows and of columns, built from
    /// the frame's once, not module by module.
    static func best(_ frame: QRFrame) -> (mask: Int, modules: [UInt8]) {
        let w = frame.width, L = lineWords, words = (w + 63) >> 6
        let base = Lines(frame)
        let cells = formatCells(width: w)
        var rows = base.dark, columns = base.dark
        var runs = [Int32](repeating: 0, count: w + 1)
        var lowest = Int.max, chosen = 0
        for mask in 0..<8 {
            base.apply(mask, cells: cells, rows: &rows, columns: &columns)
            let demerit = rows.withUnsafeBufferPointer { r in
                columns.withUnsafeBufferPointer { c in
                    runs.withUnsafeMutableBufferPointer { runs in score(rows: r, columns: c, width: w, words: words, runs: runs) }
                }
            }
            if demerit < lowest { lowest = demerit; chosen = mask }
        }
        base.apply(chosen, cells: cells, rows: &rows, columns: &columns)
        let modules = [UInt8](unsafeUninitializedCapacity: w * w) { out, done in
            for y in 0..<w {
                for x in 0..<w { out[y &* w &+ x] = UInt8(truncatingIfNeeded: rows[y &* L &+ x >> 6] >> UInt64(x & 63)) & 1 }
            }
            done = w * w
        }
        return (chosen, modules)
    }

    /// The unmasked symbol as bit sets by row and by column: its dark modules
    /// and its data modules (the ones a mask inverts).
    struct Lines {
        let width: Int
        let dark: [UInt64], data: [UInt64], darkColumns: [UInt64], dataColumns: [UInt64]

        init(_ frame: QRFrame) {
            let w = frame.width, L = QRMask.lineWords
            width = w
            var dark = [UInt64](repeating: 0, count: w * L), data = dark
            frame.modules.withUnsafeBufferPointer { m in
                for y in 0..<w {
                    for k in 0..<(w + 63) >> 6 {
                        var darkWord: UInt64 = 0, dataWord: UInt64 = 0
                        for x in (64 &* k)..<min(64 &* k &+ 64, w) {
                            let v = m[y &* w &+ x], bit = UInt64(x & 63)
                            darkWord |= UInt64(v & 1) << bit
                            dataWord |= UInt64(~v >> 7 & 1) << bit
                        }
                        dark[y &* L &+ k] = darkWord
                        data[y &* L &+ k] = dataWord
                    }
                }
            }
            self.dark = dark
            self.data = data
            darkColumns = QRMask.transposed(dark, width: w)
            dataColumns = QRMask.transposed(data, width: w)
        }

        /// Rows and columns under `mask`: the data modules inverted where the
        /// pattern holds, then the format information (never masked) set.
        func apply(_ mask: Int, cells: [(x: Int, y: Int)], rows: inout [UInt64], columns: inout [UInt64]) {
            let L = QRMask.lineWords
            let words = (width + 63) >> 6
            let rowPatterns = QRMask.rowPatterns, columnPatterns = QRMask.columnPatterns
            for line in 0..<width {
                let p = (mask &* 12 &+ line % 12) &* L
                for k in 0..<words {
                    let i = line &* L &+ k
                    rows[i] = dark[i] ^ (rowPatterns[p &+ k] & data[i])
                    columns[i] = darkColumns[i] ^ (columnPatterns[p &+ k] & dataColumns[i])
                }
            }
            var format = QRMask.formats[mask], bit = 0
            while format != 0 {
                if format & 1 == 1 {
                    for (x, y) in cells[(2 * bit)...(2 * bit + 1)] {
                        rows[y * L + x >> 6] |= 1 << UInt64(x & 63)
                        columns[x * L + y >> 6] |= 1 << UInt64(y & 63)
                    }
                }
                format >>= 1
                bit += 1
            }
        }
    }

    /// Rows as columns: bit x of row y becomes bit y of column x. A symbol of
    /// up to 64 modules is one 64×64 bit matrix, transposed by swapping ever
    /// smaller blocks (6 rounds of 32 word pairs); a wider one bit by bit.
    static func transposed(_ rows: [UInt64], width w: Int) -> [UInt64] {
        let L = lineWords
        var out = [UInt64](repeating: 0, count: w * L)
        guard w <= 64 else {
            for y in 0..<w {
                for x in 0..<w where rows[y * L + x >> 6] >> UInt64(x & 63) & 1 == 1 {
                    out[x * L + y >> 6] |= 1 << UInt64(y & 63)
                }
            }
            return out
        }
        var m = [UInt64](repeating: 0, count: 64)
        for y in 0..<w { m[y] = rows[y * L] }
        var j = 32, mask: UInt64 = 0x0000_0000_FFFF_FFFF
        while j != 0 {
            var k = 0
            while k < 64 {
                // Swap the upper j bits of row k with the lower j bits of row k + j.
                let t = ((m[k] >> UInt64(j)) ^ m[k &+ j]) & mask
                m[k] ^= t << UInt64(j)
                m[k &+ j] ^= t
                k = (k &+ j &+ 1) & ~j
            }
            j >>= 1
            mask ^= mask << UInt64(j)
        }
        for x in 0..<w { out[x * L] = m[x] }
        return out
    }

    /// libqrencode's demerit: 10 points per 5 % the dark share (rounded to a
    /// whole per cent) strays from half, 3 per 2×2 block of one colour, and
    /// on every row and column the runs' points (`runDemerit`).
    static func score(rows: UnsafeBufferPointer<UInt64>, columns: UnsafeBufferPointer<UInt64>, width w: Int, words: Int,
                      runs: UnsafeMutableBufferPointer<Int32>) -> Int {
        if words == 1 { return narrowScore(rows: rows, columns: columns, width: w, runs: runs) }
        return runScore(rows: rows, columns: columns, width: w, words: words, runs: runs)
    }

    /// `score` line by line from each line's runs: any width.
    static func runScore(rows: UnsafeBufferPointer<UInt64>, columns: UnsafeBufferPointer<UInt64>, width w: Int, words: Int,
                         runs: UnsafeMutableBufferPointer<Int32>) -> Int {
        let L = lineWords, count = w * w
        var darkModules = 0
        for y in 0..<w {
            for k in 0..<words { darkModules += rows[y * L + k].nonzeroBitCount }
        }
        let percent = (200 * darkModules + count) / count / 2
        var demerit = abs(percent - 50) / 5 * 10
        // A block's top-left corner x runs over 0..<w − 1.
        var blocks = 0
        for y in 1..<w {
            for k in 0..<words {
                let a = rows[y * L + k], b = rows[(y - 1) * L + k]
                let next = k + 1 < words
                let na = next ? rows[y * L + k + 1] : 0, nb = next ? rows[(y - 1) * L + k + 1] : 0
                let both = a & b, neither = ~(a | b)
                let bothRight = (both >> 1) | ((na & nb) << 63), neitherRight = (neither >> 1) | (~(na | nb) << 63)
                let corners = w - 1 - 64 * k
                let valid: UInt64 = corners >= 64 ? ~0 : (1 << UInt64(corners)) - 1
                blocks += (((both & bothRight) | (neither & neitherRight)) & valid).nonzeroBitCount
            }
        }
        demerit += 3 * blocks
        for line in 0..<w {
            demerit += runDemerit(runs, count: lineRuns(rows, start: line * L, words: words, width: w, into: runs))
            demerit += runDemerit(runs, count: lineRuns(columns, start: line * L, words: words, width: w, into: runs))
        }
        return demerit
    }

    /// `score` for symbols of up to 64 modules a side (versions 1–11, every
    /// notice's address), each line one word: long runs and 1:1:3:1:1
    /// look-alikes found with shifts instead of run by run.
    static func narrowScore(rows: UnsafeBufferPointer<UInt64>, columns: UnsafeBufferPointer<UInt64>, width w: Int,
                            runs: UnsafeMutableBufferPointer<Int32>) -> Int {
        let L = lineWords, count = w * w
        let full: UInt64 = w == 64 ? ~0 : (1 << UInt64(w)) - 1
        var darkModules = 0, blocks = 0, demerit = 0
        var above: UInt64 = 0
        for y in 0..<w {
            let row = rows[y &* L]
            darkModules &+= row.nonzeroBitCount
            if y > 0 {
                // Corners x in 0..<w − 1 of 2×2 blocks of one colour.
                let both = row & above, neither = ~(row | above) & full
                blocks &+= ((both & (both >> 1)) | (neither & (neither >> 1))).nonzeroBitCount
            }
            above = row
            demerit &+= narrowLine(row, width: w, full: full, runs: runs)
            demerit &+= narrowLine(columns[y &* L], width: w, full: full, runs: runs)
        }
        let percent = (200 * darkModules + count) / count / 2
        return demerit &+ abs(percent - 50) / 5 * 10 &+ 3 &* blocks
    }

    /// One line's run points (`runDemerit`) from its bits: module x at bit x.
    @inline(__always)
    static func narrowLine(_ dark: UInt64, width w: Int, full: UInt64, runs: UnsafeMutableBufferPointer<Int32>) -> Int {
        let light = ~dark & full
        // Bit x: modules x and x + 1 alike (x < w − 1); then x…x + 4 alike.
        let alike = ~(dark ^ (dark >> 1)) & (full >> 1)
        let five = alike & (alike >> 1) & (alike >> 2) & (alike >> 3)
        // A run of n ≥ 5 has n − 4 such starts and one first start: n − 2 points.
        var demerit = sparseCount(five) &+ 2 &* sparseCount(five & ~(five << 1))
        // Six dark in a row may be the centre of a look-alike of k ≥ 2 (3k
        // dark): rare enough to count such a line from its runs.
        let six = dark & (dark >> 1) & (dark >> 2) & (dark >> 3) & (dark >> 4) & (dark >> 5)
        if six != 0 {
            let n = withUnsafePointer(to: dark) { lineRuns(UnsafeBufferPointer(start: $0, count: 1), start: 0, words: 1, width: w, into: runs) }
            return demerit &+ lookAlikes(runs, count: n)
        }
        // k = 1: dark, light, dark ×3, light, dark from bit p, light or the
        // edge either side (so each run is exactly as long as the pattern says).
        var p = dark & (light >> 1) & (dark >> 2) & (dark >> 3) & (dark >> 4) & (light >> 5) & (dark >> 6)
        p &= ((light << 1) | 1) & ((light >> 7) | (1 << UInt64(w &- 7)))
        guard p != 0 else { return demerit }  // so `dark` is not 0 below
        // Either side: four light modules, or no dark module beyond the pattern.
        let fourLight = light & (light >> 1) & (light >> 2) & (light >> 3)
        let firstDark = dark & (~dark &+ 1)
        let lastDark: UInt64 = 1 << UInt64(63 &- dark.leadingZeroBitCount)
        p &= (fourLight << 4) | firstDark | (fourLight >> 7) | (lastDark >> 6)
        demerit &+= 40 &* sparseCount(p)
        return demerit
    }

    /// Set bits of a word that has few: one step a bit (the build targets
    /// x86-64 without the `popcnt` instruction, where `nonzeroBitCount` is a
    /// dozen instructions whatever the word).
    @inline(__always)
    static func sparseCount(_ word: UInt64) -> Int {
        var w = word, n = 0
        while w != 0 { w &= w &- 1; n &+= 1 }
        return n
    }

    /// One line's run lengths, light first (a run of −1 stands for the
    /// missing light run when the line starts dark), from its colour changes;
    /// returns how many.
    @inline(__always)
    static func lineRuns(_ lines: UnsafeBufferPointer<UInt64>, start: Int, words: Int, width w: Int,
                         into r: UnsafeMutableBufferPointer<Int32>) -> Int {
        var head = 0
        var carry = lines[start] & 1
        if carry == 1 { r[0] = -1; head = 1 }
        var runStart = 0
        for k in 0..<words {
            let word = lines[start + k]
            // Bit i set where module 64k + i differs from the one before it.
            var changes = word ^ ((word << 1) | carry)
            let left = w - 64 * k
            if left < 64 { changes &= (1 << UInt64(left)) - 1 }
            while changes != 0 {
                let x = 64 &* k &+ changes.trailingZeroBitCount
                r[head] = Int32(truncatingIfNeeded: x &- runStart)
                head &+= 1
                runStart = x
                changes &= changes &- 1
            }
            carry = word >> 63
        }
        r[head] = Int32(truncatingIfNeeded: w - runStart)
        return head + 1
    }

    /// 3 + (n − 5) for each run of n ≥ 5, and the look-alikes' points.
    @inline(__always)
    static func runDemerit(_ r: UnsafeMutableBufferPointer<Int32>, count n: Int) -> Int {
        var demerit = 0
        for i in 0..<n where r[i] >= 5 { demerit &+= Int(r[i]) &- 2 }
        return demerit &+ lookAlikes(r, count: n)
    }

    /// 40 for each dark run of 3k between runs of k (light, dark | dark,
    /// light) with a light run of at least 4k on one side — or, as
    /// libqrencode reads it, with no dark run before it or none after it.
    @inline(__always)
    static func lookAlikes(_ r: UnsafeMutableBufferPointer<Int32>, count n: Int) -> Int {
        var demerit = 0
        // Dark runs sit at odd indexes; a pattern's centre needs two runs either side.
        var i = 3
        while i < n - 2 {
            let run = r[i], k = run / 3
            if k &* 3 == run, r[i - 2] == k, r[i - 1] == k, r[i + 1] == k, r[i + 2] == k,
               i == 3 || r[i - 3] >= 4 &* k || i + 4 >= n || r[i + 3] >= 4 &* k {
                demerit &+= 40
            }
            i &+= 2
        }
        return demerit
    }
}
