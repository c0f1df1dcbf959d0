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

@Suite struct LinkPolicyTests {
    @Test func markdownLinksAreLimitedToSafeSchemes() {
        let html = MarkdownRenderer.html("[a](ftp://x.example/f) [b](file:///etc/passwd) [c](https://ok.example) [d](/minh-chung/a.pdf) [e](mailto:a@b.vn) ![i](data:image/png;base64,AAAA) [f](JAVASCRIPT:alert(1))\n")
        #expect(html.contains("href=\"https://ok.example\""))
        #expect(html.contains("href=\"/minh-chung/a.pdf\""))
        #expect(html.contains("href=\"mailto:a@b.vn\""))
        #expect(!html.contains("ftp:") && !html.contains("file:") && !html.contains("data:") && !html.lowercased().contains("javascript"))
    }

    @Test func slugsAndSearchFolding() {
        #expect(Slug.make("Nguyễn Văn Đức") == "nguyen-van-duc")
        #expect(Slug.make("  Xã Hòa Lộc (mới) ") == "xa-hoa-loc-moi")
        #expect(Slug.fold("Hà Nội") == "ha noi")
        #expect(Slug.fold("ĐẶNG") == "dang")
    }
}
