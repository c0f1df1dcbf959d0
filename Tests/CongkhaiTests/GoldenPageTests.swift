import Foundation
import Testing
@testable import Congkhai

/// Rendered pages of a small fixed province against committed golden files.
/// After an intended theme change: `CONGKHAI_UPDATE_GOLDEN=1 swift test --filter Golden`,
/// then review the diff of Tests/CongkhaiTests/Golden/ like any other change.
@Suite struct GoldenPageTests {
    static let goldenDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden").path

    static func content() -> TestContent {
        var c = TestContent(measure: "{ metric: commitment_delivery }")
        c["site.yaml"] = TestContent.site + "\nfeedback_channels: { hotline: \"1022\", portal: \"https://dichvucong.example.gov.vn/\" }\ndemo: true\n"
        c["officials/xa-an-binh/nguyen-van-an.md"] = """
        ---
        name: "Nguyễn Văn An"
        position: "Chủ tịch UBND xã"
        role: chairman
        commitments:
          - id: cap-so-do
            title: "Cấp giấy chứng nhận quyền sử dụng đất"
            group: B
            product: ho-so-dat-dai
            actual: 150
            deadline: 2026-09-30
            status: in_progress
            updates:
              - { on: 2026-10-15, progress: 50, note: "Đã cấp 150 hồ sơ", evidence: "https://example.gov.vn/a.pdf" }
        ---
        Giới thiệu **ngắn**.
        """
        c["feedback/a.csv"] = TestContent.feedbackHeader
            + "1,2026-03-01,hotline,xa-an-binh,nguyen-van-an,,complaint,citizen,r1,,đất đai,resolved,2026-03-31,2026-03-20,\"Đã xử lý, gọi 0912345678\",yes\n"
        return c
    }

    @Test(arguments: ["index.html", "dia-phuong/xa-an-binh/index.html", "dia-phuong/xa-an-binh/nguyen-van-an/index.html",
                      "en/dia-phuong/xa-an-binh/nguyen-van-an/index.html", "data/scores.csv", "data/feedback-summary.csv",
                      "feed.xml", "dia-phuong/xa-an-binh/nguyen-van-an/feed.xml", "thay-doi/feed.xml", "data/criteria.csv",
                      "data/explanations/xa-an-binh/nguyen-van-an.json"])
    func pageMatchesGolden(path: String) throws {
        let root = try GoldenPageTests.content().write()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let (out, report, log) = try SiteFixture.build(content: root)
        defer { try? FileManager.default.removeItem(atPath: out) }
        guard case .built = report.outcome else { Issue.record("\(log.items)"); return }
        let produced = try String(contentsOfFile: out + "/" + path, encoding: .utf8)
        let golden = GoldenPageTests.goldenDir + "/" + path.replacingOccurrences(of: "/", with: "__")
        if ProcessInfo.processInfo.environment["CONGKHAI_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(atPath: GoldenPageTests.goldenDir, withIntermediateDirectories: true)
            try produced.write(toFile: golden, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOfFile: golden, encoding: .utf8)
        #expect(sameBytes(produced, expected), "\(path) differs from its golden file; regenerate with CONGKHAI_UPDATE_GOLDEN=1 if intended")
    }
}
