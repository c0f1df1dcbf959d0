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

    /// The finished symbol, dark 1 and light 0, and its mask: the frame under
    /// each mask with its format information, the first of the lowest demerit.
    static func best(_ frame: QRFrame) -> (mask: Int, modules: [UInt8]) {
        let w = frame.width, count = w * w
        var masked = [UInt8](repeating: 0, count: count)
        var best = masked, chosen = 0
        var lowest = Int.max
        var runs = [Int32](repeating: 0, count: w + 1)
        for mask in 0..<8 {
            var dark = 0
            frame.modules.withUnsafeBufferPointer { s in
                masked.withUnsafeMutableBufferPointer { d in
                    for y in 0..<w {
                        for x in 0..<w {
                            let v = s[y * w + x]
                            let flip: UInt8 = v & QRFrame.function == 0 && inverts(mask, x, y) ? 1 : 0
                            let c = (v & 1) ^ flip
                            d[y * w + x] = c
                            dark += Int(c)
                        }
                    }
                }
            }
            dark += writeFormat(mask, into: &masked, width: w)
            // The dark share in whole per cent, rounded; 10 points per 5 from 50.
            let percent = (200 * dark + count) / count / 2
            var demerit = abs(percent - 50) / 5 * 10
            demerit += masked.withUnsafeBufferPointer { m in
                runs.withUnsafeMutableBufferPointer { r in penalty(m, width: w, runs: r) }
            }
            if demerit < lowest {
                lowest = demerit
                best = masked
                chosen = mask
            }
        }
        return (chosen, best)
    }

    /// Writes the format information of `mask` (unmasked) beside the finders;
    /// returns the dark modules written.
    static func writeFormat(_ mask: Int, into m: inout [UInt8], width w: Int) -> Int {
        var format = formats[mask], dark = 0
        for i in 0..<8 {
            let b = UInt8(format & 1)
            dark += 2 * Int(b)
            m[8 * w + w - 1 - i] = b
            m[(i < 6 ? i : i + 1) * w + 8] = b
            format >>= 1
        }
        for i in 0..<7 {
            let b = UInt8(format & 1)
            dark += 2 * Int(b)
            m[(w - 7 + i) * w + 8] = b
            m[8 * w + (i == 0 ? 7 : 6 - i)] = b
            format >>= 1
        }
        return dark
    }

    /// Blocks of 2×2 of one colour (3 each) and, on every row and column,
    /// long runs and finder look-alikes.
    static func penalty(_ m: UnsafeBufferPointer<UInt8>, width w: Int, runs: UnsafeMutableBufferPointer<Int32>) -> Int {
        var blocks = 0
        for y in 1..<w {
            let row = y * w, above = row - w
            for x in 1..<w {
                let a = m[row + x], b = m[row + x - 1], c = m[above + x], e = m[above + x - 1]
                blocks += Int(((a & b & c & e) | ((a | b | c | e) ^ 1)) & 1)
            }
        }
        var demerit = 3 * blocks
        for y in 0..<w { demerit += line(m, start: y * w, step: 1, width: w, runs: runs) }
        for x in 0..<w { demerit += line(m, start: x, step: w, width: w, runs: runs) }
        return demerit
    }

    /// One row or column as run lengths, light first (a run of −1 stands for
    /// the missing light run when the line starts dark), then scored.
    @inline(__always)
    static func line(_ m: UnsafeBufferPointer<UInt8>, start: Int, step: Int, width w: Int,
                     runs r: UnsafeMutableBufferPointer<Int32>) -> Int {
        var head = 0
        var previous = m[start]
        if previous == 1 { r[0] = -1; head = 1 }
        r[head] = 1
        var at = start + step
        for _ in 1..<w {
            let c = m[at]
            if c != previous { head += 1; r[head] = 1; previous = c } else { r[head] += 1 }
            at += step
        }
        return runDemerit(r, count: head + 1)
    }

    /// 3 + (n − 5) for each run of n ≥ 5; 40 for a dark run of 3k between
    /// runs of k (light, dark | dark, light) with a light run of at least 4k
    /// on one side — or, as libqrencode reads it, at the line's first
    /// pattern position or its last.
    @inline(__always)
    static func runDemerit(_ r: UnsafeMutableBufferPointer<Int32>, count n: Int) -> Int {
        var demerit = 0
        for i in 0..<n {
            let run = r[i]
            if run >= 5 { demerit += 3 + Int(run) - 5 }
            guard i & 1 == 1, i >= 3, i < n - 2, run % 3 == 0 else { continue }
            let k = run / 3
            guard r[i - 2] == k, r[i - 1] == k, r[i + 1] == k, r[i + 2] == k else { continue }
            if i == 3 || r[i - 3] >= 4 * k || i + 4 >= n || r[i + 3] >= 4 * k { demerit += 40 }
        }
        return demerit
    }
}
