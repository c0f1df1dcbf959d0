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
    /// written as bytes into a buffer sized for the worst case (20 bytes a
    /// run, a run every other module): building it by string interpolation
    /// cost as much as the encoding, and appending byte by byte to an array
    /// a third of it.
    static func modules(_ text: String) -> Modules? {
        guard let symbol = QRSymbol(Array(text.utf8)) else { return nil }
        let width = symbol.width
        let capacity = width * (width + 1) / 2 * 20
        let path = symbol.modules.withUnsafeBufferPointer { data in
            [UInt8](unsafeUninitializedCapacity: capacity) { out, count in
                var at = 0
                @inline(__always) func put(_ byte: UInt8) { out[at] = byte; at &+= 1 }
                for y in 0..<width {
                    let row = y &* width
                    var x = 0
                    while x < width {
                        guard data[row &+ x] == 1 else { x &+= 1; continue }
                        var run = 1
                        while x &+ run < width, data[row &+ x &+ run] == 1 { run &+= 1 }
                        put(UInt8(ascii: "M")); at = putDecimal(x &+ 4, into: out, at: at)
                        put(UInt8(ascii: " ")); at = putDecimal(y &+ 4, into: out, at: at)
                        put(UInt8(ascii: "h")); at = putDecimal(run, into: out, at: at)
                        put(UInt8(ascii: "v")); put(UInt8(ascii: "1")); put(UInt8(ascii: "h")); put(UInt8(ascii: "-"))
                        at = putDecimal(run, into: out, at: at)
                        put(UInt8(ascii: "z"))
                        x &+= run
                    }
                }
                count = at
            }
        }
        return Modules(path: path, size: width + 8)
    }

    /// `n` in 0..<1000 in decimal at `at` (a coordinate or run of a code at
    /// most 177 wide, offset by 4); returns the offset after it.
    @inline(__always)
    static func putDecimal(_ n: Int, into out: UnsafeMutableBufferPointer<UInt8>, at: Int) -> Int {
        var at = at
        if n >= 100 { out[at] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: n / 100 % 10); at &+= 1 }
        if n >= 10 { out[at] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: n / 10 % 10); at &+= 1 }
        out[at] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: n % 10)
        return at &+ 1
    }
}
