/// A symbol before masking: the function patterns (finders, separators,
/// timing, alignment, version information, the dark module, the format
/// area kept light) and the codewords placed in the two-column zigzag.
/// Each module is a byte: `function` set for a pattern module (never
/// masked), bit 0 for dark.
struct QRFrame {
    /// A computed constant: a stored `static let` is reached through a
    /// lazy-initialisation check on every module.
    @inline(__always) static var function: UInt8 { 0x80 }
    let version: QRVersion
    let width: Int
    var modules: [UInt8]

    init(_ version: QRVersion) {
        self.version = version
        let w = version.width
        width = w
        modules = [UInt8](repeating: 0, count: w * w)
        let f = QRFrame.function
        // Finders with their light separators.
        for (ox, oy) in [(0, 0), (w - 7, 0), (0, w - 7)] {
            for y in -1...7 {
                for x in -1...7 {
                    let (px, py) = (ox + x, oy + y)
                    guard px >= 0, px < w, py >= 0, py < w else { continue }
                    let ring = max(abs(x - 3), abs(y - 3))
                    set(px, py, f | (ring == 2 || ring == 4 ? 0 : 1))
                }
            }
        }
        // The format area: light until the chosen mask writes it.
        for i in 0...8 {
            set(i, 8, f); set(8, i, f)
        }
        for i in 0..<8 {
            set(w - 1 - i, 8, f)
            if i < 7 { set(8, w - 1 - i, f) }
        }
        // Timing lines, dark on even coordinates.
        for i in 8..<(w - 8) {
            set(i, 6, f | UInt8(1 - i & 1)); set(6, i, f | UInt8(1 - i & 1))
        }
        let centres = version.alignmentCentres
        for cy in centres {
            for cx in centres {
                let onFinder = (cx == 6 && cy == 6) || (cx == 6 && cy == w - 7) || (cx == w - 7 && cy == 6)
                guard !onFinder else { continue }
                for y in -2...2 {
                    for x in -2...2 { set(cx + x, cy + y, f | (max(abs(x), abs(y)) == 1 ? 0 : 1)) }
                }
            }
        }
        let info = version.versionInformation
        if info != 0 {
            // Bit i at (i / 3, w − 11 + i % 3) and its mirror.
            for i in 0..<18 {
                let bit = UInt8((info >> i) & 1)
                set(i / 3, w - 11 + i % 3, f | bit)
                set(w - 11 + i % 3, i / 3, f | bit)
            }
        }
        set(8, w - 8, f | 1)
    }

    @inline(__always) private mutating func set(_ x: Int, _ y: Int, _ v: UInt8) { modules[y * width + x] = v }

    /// Codeword bits, most significant first, up and down column pairs from
    /// the right edge, the pair's right column first, stepping over column 6
    /// (the vertical timing line) and over every function module; the data
    /// modules left after the last codeword are the version's remainder
    /// bits, light.
    mutating func place(_ codewords: [UInt8]) {
        let w = width
        let bits = codewords.count * 8
        var n = 0
        var right = w - 1
        var upward = true
        codewords.withUnsafeBufferPointer { c in
            modules.withUnsafeMutableBufferPointer { m in
                while right > 0 {
                    if right == 6 { right = 5 }
                    for step in 0..<w {
                        let row = (upward ? w &- 1 &- step : step) &* w
                        var x = right
                        while x >= right &- 1 {
                            if m[row &+ x] & QRFrame.function == 0 {
                                // Past the codewords: a remainder bit, left light.
                                if n < bits { m[row &+ x] = (c[n >> 3] >> UInt8(7 &- n & 7)) & 1 }
                                n &+= 1
                            }
                            x &-= 1
                        }
                    }
                    upward.toggle()
                    right &-= 2
                }
            }
        }
    }
}
