import Testing
@testable import Congkhai

/// An official's long profile is cut after a whole top-level block (decision 107).
@Suite struct BodyExcerptTests {
    /// cmark-gfm's HTML of a profile with every kind of block: lists inside
    /// lists, a table, a quote, code whose text holds `<` and `>`, a rule,
    /// a task list, an omitted raw-HTML comment.
    static let markdown = """
        Mở đầu có **chữ đậm** và [liên kết](https://example.org/a?b=1&c=2).

        - một
          - một a
          - một b
        - hai

        | Cột | Giá trị |
        |---|---|
        | a | 1 |

        > Trích dẫn
        > hai dòng

        ```
        if a < b && c > d { return }
        ```

        ---

        - [x] xong
        - [ ] chưa

        <div>raw</div>

        Đoạn cuối.
        """

    @Test func everyCutEndsAfterAWholeBlock() throws {
        let html = MarkdownRenderer.html(Self.markdown)
        let bytes = Array(html.utf8)
        // Where the blocks end, by cmark itself: each top-level block rendered alone.
        var ends: [Int] = []
        var offset = 0
        for block in ["Mở đầu có **chữ đậm** và [liên kết](https://example.org/a?b=1&c=2).", "- một\n  - một a\n  - một b\n- hai",
                      "| Cột | Giá trị |\n|---|---|\n| a | 1 |", "> Trích dẫn\n> hai dòng", "```\nif a < b && c > d { return }\n```",
                      "---", "- [x] xong\n- [ ] chưa", "<div>raw</div>", "Đoạn cuối."] {
            offset += MarkdownRenderer.html(block).utf8.count
            ends.append(offset)
        }
        #expect(ends.last == bytes.count, "the blocks rendered alone add up to the whole")
        for budget in 0...bytes.count {
            let end = BodyExcerpt.lastBlockEnd(bytes, within: budget)
            #expect(end == (ends.last { $0 <= budget } ?? 0), "budget \(budget)")
        }
        #expect(BodyExcerpt.cut(html, budget: bytes.count) == nil, "a body that fits is shown whole")
        let cut = try #require(BodyExcerpt.cut(html, budget: ends[2] + 5))
        #expect(cut.shown == String(decoding: bytes[..<ends[2]], as: UTF8.self) && cut.hidden == bytes.count - ends[2])
        #expect(BodyExcerpt.cut(html, budget: ends[0] - 1)?.shown == "", "a first block over the budget: nothing shown")
    }

    /// Profiles made of random blocks (each kind between two paragraphs, so
    /// no two blocks merge), with hostile text inside — `<`, `>`, `&`,
    /// quotes, a tag in a link title, raw HTML cmark omits: at every budget
    /// the cut is one of the block ends cmark gives the blocks rendered alone.
    @Test func randomProfilesAreCutAtTheirBlockEnds() {
        var rng = SplitMix(seed: 107)
        let text = ["a < b && c > d", "\"trích\" 'dẫn'", "<b>không</b> in đậm", "x &amp; y", "**đậm** _nghiêng_ `mã <x>`",
                    "[liên kết](https://example.org/?a=1&b=2 \"ti>tle\")", "ảnh ![a<b](/a.png)"]
        func pick() -> String { text[Int(rng.next() % UInt64(text.count))] }
        let kinds: [() -> String] = [
            { "- \(pick())\n  - \(pick())\n    1. \(pick())" },
            { "| \(pick()) | b |\n|---|---|\n| \(pick()) | 2 |" },
            { "> \(pick())\n>\n> - \(pick())" },
            { "```\n\(pick())\n</pre>\n```" },
            { "## \(pick())" },
            { "---" },
            { "- [x] \(pick())" },
            { "<div>\(pick())</div>" },
            { "    \(pick())" },
        ]
        for _ in 0..<150 {
            var blocks: [String] = []
            for _ in 0..<(2 + Int(rng.next() % 8)) {
                blocks.append("Đoạn: " + pick())
                blocks.append(kinds[Int(rng.next() % UInt64(kinds.count))]())
            }
            blocks.append("Đoạn cuối: " + pick())
            let html = Array(MarkdownRenderer.html(blocks.joined(separator: "\n\n")).utf8)
            var ends: [Int] = [], offset = 0
            for block in blocks {
                offset += MarkdownRenderer.html(block).utf8.count
                ends.append(offset)
            }
            guard ends.last == html.count else {
                Issue.record("blocks alone do not add up: \(blocks)")
                continue
            }
            for budget in stride(from: 0, through: html.count, by: 7) {
                let end = BodyExcerpt.lastBlockEnd(html, within: budget)
                if end != (ends.last { $0 <= budget } ?? 0) {
                    Issue.record("budget \(budget): cut at \(end), blocks end at \(ends): \(blocks)")
                    break
                }
            }
        }
    }
}
