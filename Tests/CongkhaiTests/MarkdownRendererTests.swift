import Testing
@testable import Congkhai

/// cmark-gfm through the system-library target: GFM tables, safe mode.
@Suite struct MarkdownRendererTests {
    @Test func rendersATable() {
        let html = MarkdownRenderer.html("| Lĩnh vực | Đầu mối |\n|---|---|\n| Đất đai | Văn phòng |\n")
        #expect(html.contains("<table>"))
        #expect(html.contains("<th>Lĩnh vực</th>"))
        #expect(html.contains("<td>Đất đai</td>"))
    }

    @Test func rawHTMLAndUnsafeLinksAreDropped() {
        let html = MarkdownRenderer.html("<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>\n")
        #expect(!html.contains("<script"))
        #expect(!html.contains("javascript:"))
        #expect(!html.contains("onerror"))
    }
}
