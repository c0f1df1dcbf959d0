/// Reed–Solomon error correction over GF(256) with the QR polynomial
/// x⁸+x⁴+x³+x²+1 (0x11D): the codewords that let a reader rebuild a block
/// whose modules were damaged.
enum QRReedSolomon {
    /// αⁱ for i in 0..<510 (doubled so a product needs no `% 255`) and log α.
    private static let tables: (exp: [UInt8], log: [UInt8]) = {
        var exp = [UInt8](repeating: 0, count: 510)
        var log = [UInt8](repeating: 0, count: 256)
        var x = 1
        for i in 0..<255 {
            exp[i] = UInt8(x); exp[i + 255] = UInt8(x)
            log[x] = UInt8(i)
            x <<= 1
            if x & 0x100 != 0 { x ^= 0x11D }
        }
        return (exp, log)
    }()

    /// The generator (x − α⁰)(x − α¹)…(x − αⁿ⁻¹) for each n ≤ 30 (level M
    /// uses 10–28), as exponents of α, highest term first without its 1.
    private static let generators: [[UInt8]] = (0...30).map { n in
        let (exp, log) = tables
        var g: [UInt8] = [1]
        for i in 0..<n {
            var next = [UInt8](repeating: 0, count: g.count + 1)
            for (j, c) in g.enumerated() {
                next[j] ^= c
                if c != 0 { next[j + 1] ^= exp[Int(log[Int(c)]) + i] }
            }
            g = next
        }
        return g.dropFirst().map { log[Int($0)] }
    }

    /// The `count` error-correction codewords of `data`: the remainder of
    /// data·xⁿ divided by the generator, by the usual shift register.
    static func ecc(_ data: ArraySlice<UInt8>, count: Int) -> [UInt8] {
        let (exp, log) = tables
        let g = generators[count]
        var r = [UInt8](repeating: 0, count: count)
        let last = count - 1
        for d in data {
            let feedback = d ^ r[0]
            if feedback == 0 {
                for j in 0..<last { r[j] = r[j + 1] }
                r[last] = 0
            } else {
                let f = Int(log[Int(feedback)])
                for j in 0..<last { r[j] = r[j + 1] ^ exp[Int(g[j]) + f] }
                r[last] = exp[Int(g[last]) + f]
            }
        }
        return r
    }
}
