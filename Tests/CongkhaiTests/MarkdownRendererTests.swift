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
    /// The printable-ASCII shortcut answers exactly as the general rules do.
    @Test func asciiShortcutAgreesWithTheGeneralRules() {
        let pieces = ["https://", "HTTP://", "http:/", "hTTpS://", "mailto:", "MAILTO:", "tel:", "TEL:", "/", "//", "a", "x.pdf", "?q=1",
                      "#f", "\"", "<", ">", "\\", "@", ":", ".", "-", "~", " ", "\t", "\r\n", "é", "\u{301}", "K"]
        var rng = SplitMix(seed: 7)
        var asciiAnswered = 0
        for _ in 0..<5_000 {
            var s = ""
            for _ in 0..<Int.random(in: 0...5, using: &rng) { s += pieces[Int.random(in: 0..<pieces.count, using: &rng)] }
            for (mail, phone) in [(true, true), (false, false), (true, false)] {
                let general = LinkPolicy.generalHref(s, allowMail: mail, allowPhone: phone)
                if case let .some(answer) = LinkPolicy.asciiHref(s, allowMail: mail, allowPhone: phone) {
                    asciiAnswered += 1
                    #expect(answer == general, "\(s.debugDescription) mail \(mail) phone \(phone)")
                }
                #expect(LinkPolicy.href(s, allowMail: mail, allowPhone: phone) == general)
            }
        }
        #expect(asciiAnswered > 3_000)
    }

    @Test func markdownLinksAreLimitedToSafeSchemes() {
        let html = MarkdownRenderer.html("[a](ftp://x.example/f) [b](file:///etc/passwd) [c](https://ok.example) [d](/minh-chung/a.pdf) [e](mailto:a@b.vn) ![i](data:image/png;base64,AAAA) [f](JAVASCRIPT:alert(1))\n")
        #expect(html.contains("href=\"https://ok.example\""))
        #expect(html.contains("href=\"/minh-chung/a.pdf\""))
        #expect(html.contains("href=\"mailto:a@b.vn\""))
        #expect(!html.contains("ftp:") && !html.contains("file:") && !html.contains("data:") && !html.lowercased().contains("javascript"))
    }

    @Test func hrefsAndEvidenceLinks() {
        #expect(LinkPolicy.href(" https://a.example/x.pdf ") == "https://a.example/x.pdf")
        #expect(LinkPolicy.href("/minh-chung/a.pdf") == "/minh-chung/a.pdf")
        #expect(LinkPolicy.href("mailto:a@b.vn") == "mailto:a@b.vn")
        #expect(LinkPolicy.href("tel:1022") == "tel:1022")
        for bad in ["javascript:alert(1)", "//evil.example/x", "https://", "data:text/html,x", "https://a.example/\"x",
                    "ftp://a.example", "relative/path", "\\\\server\\share"] {
            #expect(LinkPolicy.href(bad) == nil, "\(bad)")
        }
        #expect(LinkPolicy.isEvidenceLink("https://a.example/x.pdf") && LinkPolicy.isEvidenceLink("/x.pdf"))
        #expect(!LinkPolicy.isEvidenceLink("mailto:a@b.vn") && !LinkPolicy.isEvidenceLink("tel:1022"))
        #expect(LinkPolicy.isAllowedInMarkdown("#phan-2", image: false) && !LinkPolicy.isAllowedInMarkdown("#x", image: true))
        #expect(LinkPolicy.isAllowedInMarkdown("tai-lieu.pdf", image: false))
        #expect(!LinkPolicy.isAllowedInMarkdown("mailto:a@b.vn", image: true))
    }

    @Test func slugsAndSearchFolding() {
        #expect(Slug.make("Nguyễn Văn Đức") == "nguyen-van-duc")
        #expect(Slug.make("  Xã Hòa Lộc (mới) ") == "xa-hoa-loc-moi")
        #expect(Slug.fold("Hà Nội") == "ha noi")
        #expect(Slug.fold("ĐẶNG") == "dang")
    }
}
