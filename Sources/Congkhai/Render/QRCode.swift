import CQRencode
import Foundation

/// QR codes for printed notices, drawn as SVG (crisp at any print size).
public enum QRCode {
    /// An SVG of the QR code for `text`, or nil when it cannot be encoded.
    /// One path, one unit per module, a 4-module quiet zone.
    public static func svg(_ text: String, label: String) -> String? {
        guard let code = text.withCString({ QRcode_encodeString8bit($0, 0, QR_ECLEVEL_M) }) else { return nil }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        guard width > 0, let data = code.pointee.data else { return nil }
        var path = ""
        for y in 0..<width {
            var x = 0
            while x < width {
                if data[y * width + x] & 1 == 1 {
                    var run = 1
                    while x + run < width, data[y * width + x + run] & 1 == 1 { run += 1 }
                    path += "M\(x + 4) \(y + 4)h\(run)v1h-\(run)z"
                    x += run
                } else {
                    x += 1
                }
            }
        }
        let size = width + 8
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(size) \(size)\" role=\"img\" aria-label=\"\(HTML.escape(label))\" class=\"qr\">"
            + "<rect width=\"\(size)\" height=\"\(size)\" fill=\"#fff\"/><path d=\"\(path)\" fill=\"#000\"/></svg>"
    }
}
