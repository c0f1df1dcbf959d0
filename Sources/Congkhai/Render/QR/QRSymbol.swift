/// A QR code for some bytes — byte mode, error-correction level M — module
/// by module. It draws, bit for bit, what libqrencode's
/// `QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M)` drew for every earlier
/// build (same version, same mask), so no published notice changes; it
/// exists because libqrencode scored its eight masks at ~0.9 M instructions
/// a code, a tenth of a national build (decision 101). `QRSymbolTests`
/// compares the two on thousands of texts of every version.
struct QRSymbol: Sendable {
    /// Modules per side, without the quiet zone.
    let width: Int
    /// 1 for a dark module, 0 for a light one, row by row.
    let modules: [UInt8]
    let version: QRVersion
    /// The data mask chosen, 0–7.
    let mask: Int

    /// Nil for no bytes or more than version 40 holds at level M (2,331 bytes).
    init?(_ bytes: [UInt8]) {
        guard !bytes.isEmpty, let version = QRSymbol.version(byteCount: bytes.count) else { return nil }
        let codewords = QRSymbol.interleaved(QRSymbol.dataCodewords(bytes, version), version)
        var frame = QRFrame(version)
        frame.place(codewords)
        width = version.width
        self.version = version
        (mask, modules) = QRMask.best(frame)
    }

    /// The version libqrencode settles on: an estimate counting one segment
    /// header per 2¹ᶜ bytes, then grown until the stream as written (one
    /// header per 2¹ᶜ − 1 bytes) fits. Both only ever grow, so this is the
    /// smallest version that holds the bytes except, possibly, just past a
    /// capacity boundary above 255 bytes — kept as it is so the codes of
    /// earlier builds do not change.
    static func version(byteCount n: Int) -> QRVersion? {
        func smallest(holding bytes: Int) -> Int {
            QRVersion.all.firstIndex { $0.dataCodewords >= bytes }.map { $0 + 1 } ?? 40
        }
        func countBits(_ v: Int) -> Int { QRVersion.all[max(v, 1) - 1].countBits }
        func estimatedBits(_ v: Int) -> Int {
            let c = countBits(v)
            return 8 * n + (n + (1 << c) - 1) / (1 << c) * (4 + c)
        }
        var v = 0, previous = 0
        repeat {
            previous = v
            v = smallest(holding: (estimatedBits(previous) + 7) / 8)
        } while v > previous
        while true {
            let grown = smallest(holding: (streamBits(n, QRVersion.all[v - 1]) + 7) / 8)
            if grown > v { v = grown } else { break }
        }
        let chosen = QRVersion.all[v - 1]
        return streamBits(n, chosen) <= chosen.dataCodewords * 8 ? chosen : nil
    }

    /// Bits of `n` bytes in byte-mode segments of at most 2ᶜ − 1 bytes.
    static func streamBits(_ n: Int, _ version: QRVersion) -> Int {
        let most = (1 << version.countBits) - 1
        return 8 * n + (n + most - 1) / most * (4 + version.countBits)
    }

    /// The data codewords: segments (mode 0100, count, bytes), a terminator
    /// of up to four zero bits, zeros to the byte, then 0xEC 0x11 alternately.
    static func dataCodewords(_ bytes: [UInt8], _ version: QRVersion) -> [UInt8] {
        var out = QRBitWriter(capacity: version.dataCodewords)
        let most = (1 << version.countBits) - 1
        var start = 0
        while start < bytes.count {
            let end = min(start + most, bytes.count)
            out.append(0b0100, bits: 4)
            out.append(end - start, bits: version.countBits)
            for b in bytes[start..<end] { out.append(Int(b), bits: 8) }
            start = end
        }
        let capacity = version.dataCodewords * 8
        if capacity - out.bitCount <= 4 {
            out.append(0, bits: capacity - out.bitCount)
        } else {
            out.append(0, bits: (out.bitCount + 4 + 7) / 8 * 8 - out.bitCount)
            var pad: UInt8 = 0xEC
            while out.bitCount < capacity {
                out.append(Int(pad), bits: 8)
                pad = pad == 0xEC ? 0x11 : 0xEC
            }
        }
        return out.bytes
    }

    /// Data codewords split into blocks, each block's error correction
    /// computed, then both read across the blocks column by column.
    static func interleaved(_ data: [UInt8], _ version: QRVersion) -> [UInt8] {
        let short = version.shortBlockData, eccCount = version.eccPerBlock
        var blocks: [ArraySlice<UInt8>] = []
        var eccs: [[UInt8]] = []
        var start = 0
        for b in 0..<version.blocks {
            let length = b < version.shortBlocks ? short : short + 1
            let block = data[start..<start + length]
            blocks.append(block)
            eccs.append(QRReedSolomon.ecc(block, count: eccCount))
            start += length
        }
        var out: [UInt8] = []
        out.reserveCapacity(version.codewords)
        for column in 0...short {
            for block in blocks where column < block.count { out.append(block[block.startIndex + column]) }
        }
        for column in 0..<eccCount {
            for ecc in eccs { out.append(ecc[column]) }
        }
        return out
    }
}

/// Bits appended most significant first into bytes.
struct QRBitWriter {
    private(set) var bytes: [UInt8]
    private(set) var bitCount = 0

    init(capacity: Int) { bytes = []; bytes.reserveCapacity(capacity) }

    mutating func append(_ value: Int, bits: Int) {
        var i = bits - 1
        while i >= 0 {
            if bitCount & 7 == 0 { bytes.append(0) }
            if (value >> i) & 1 == 1 { bytes[bytes.count - 1] |= 0x80 >> UInt8(bitCount & 7) }
            bitCount += 1
            i -= 1
        }
    }
}
