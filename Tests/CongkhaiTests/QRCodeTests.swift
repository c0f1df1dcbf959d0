import CQRencode
import Testing
@testable import Congkhai

/// The notice pages' QR codes are built from bytes and the portal's is made
/// once per build; both must draw exactly what the first, string-built
/// version drew (kept here as the reference).
@Suite struct QRCodeTests {
    static func reference(_ text: String, label: String) -> String? {
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

    @Test(arguments: [
        "https://example.org/",
        "https://congkhai.example.gov.vn/dia-phuong/xa-an-binh/nguyen-van-a/",
        "https://congkhai.example.gov.vn/en/dia-phuong/phuong-ben-thuy-12/tran-thi-bich-ngoc-hoang-le-minh-chau/",
        String(repeating: "https://a.example/", count: 40),  // a large version: coordinates past 99
    ])
    func drawsWhatTheStringVersionDrew(_ url: String) throws {
        let label = "Quét để xem: Nguyễn <Văn> \"A\" & 'B'"
        let ours = try #require(QRCode.svg(url, label: label))
        #expect(ours == QRCodeTests.reference(url, label: label))
        let modules = try #require(QRCode.modules(url))
        #expect(QRCode.svg(modules, label: "x") == QRCodeTests.reference(url, label: "x"))
    }

    @Test func decimalsAreWrittenLikeInterpolation() {
        for n in 0..<1000 {
            let text = [UInt8](unsafeUninitializedCapacity: 4) { out, count in
                count = QRCode.putDecimal(n, into: out, at: 1) - 1
                for i in 0..<count { out[i] = out[i + 1] }
            }
            #expect(String(decoding: text, as: UTF8.self) == "\(n)")
        }
    }
}
