import Foundation

/// QR codes for printed notices, drawn as SVG (crisp at any print size).
public enum QRCode {
    /// The dark modules of one encoded text: what every SVG of that text
    /// shares whatever its label, so a text shown on many pages (the feedback
    /// portal on every locality's notice, in every language) is encoded once.
    struct Modules: Sendable {
        /// One SVG path, one unit per module, offset by the 4-module quiet zone.
        var path: [UInt8]
        /// Width of the code with its quiet zone, in modules.
        var size: Int
    }

    /// An SVG of the QR code for `text`, or nil when it cannot be encoded.
    public static func svg(_ text: String, label: String) -> String? {
        modules(text).map { svg($0, label: label) }
    }

    static func svg(_ m: Modules, label: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(m.size) \(m.size)\" role=\"img\" aria-label=\"\(HTML.escape(label))\" class=\"qr\">"
            + "<rect width=\"\(m.size)\" height=\"\(m.size)\" fill=\"#fff\"/><path d=\""
            + String(decoding: m.path, as: UTF8.self) + "\" fill=\"#000\"/></svg>"
    }

    /// Each horizontal run of dark modules as `M{x} {y}h{run}v1h-{run}z`,
    /// written as bytes: building it by string interpolation cost as much as
    /// the encoding itself (one code per official per language).
    static func modules(_ text: String) -> Modules? {
        guard let symbol = QRSymbol(Array(text.utf8)) else { return nil }
        let width = symbol.width
        let data = symbol.modules
        var path: [UInt8] = []
        path.reserveCapacity(width * width * 2)
        for y in 0..<width {
            var x = 0
            while x < width {
                if data[y * width + x] == 1 {
                    var run = 1
                    while x + run < width, data[y * width + x + run] == 1 { run += 1 }
                    path.append(UInt8(ascii: "M"))
                    appendDecimal(x + 4, to: &path)
                    path.append(UInt8(ascii: " "))
                    appendDecimal(y + 4, to: &path)
                    path.append(UInt8(ascii: "h"))
                    appendDecimal(run, to: &path)
                    // Byte by byte: an array literal here was allocated for every run.
                    path.append(UInt8(ascii: "v")); path.append(UInt8(ascii: "1"))
                    path.append(UInt8(ascii: "h")); path.append(UInt8(ascii: "-"))
                    appendDecimal(run, to: &path)
                    path.append(UInt8(ascii: "z"))
                    x += run
                } else {
                    x += 1
                }
            }
        }
        return Modules(path: path, size: width + 8)
    }

    /// `n ≥ 0` in decimal (QR coordinates are under 200): three digits at
    /// most, without recursion (179,000 calls for the demo's 124 codes).
    @inline(__always)
    static func appendDecimal(_ n: Int, to out: inout [UInt8]) {
        guard n < 1000 else { out.append(contentsOf: String(n).utf8); return }
        if n >= 100 { out.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: n / 100 % 10)) }
        if n >= 10 { out.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: n / 10 % 10)) }
        out.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: n % 10))
    }
}
