import Testing
@testable import Congkhai

/// `Slug.fold` lowercases ASCII without making a `String` per scalar; it
/// must fold exactly as the first version (kept here) did.
@Suite struct SlugTests {
    static func reference(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for s in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            if (0x300...0x36F).contains(s.value) { continue }
            switch s {
            case "đ", "Đ": out.append("d")
            default: out.append(contentsOf: String(s).lowercased().unicodeScalars)
            }
        }
        return String(out)
    }

    @Test func foldsAsTheFirstVersionDid() {
        let pieces = ["Nguyễn", " Văn ", "ĐỨC", "đ", "AZaz09", "@[`{", "İ", "ß", "Σ", "K", "Ǆ", "ﬁ", "😀", "\u{301}", "\n", "ÀÉÎÕÜ", "Ω"]
        var rng = SplitMix(seed: 11)
        for _ in 0..<2_000 {
            var s = ""
            for _ in 0..<Int.random(in: 0...6, using: &rng) { s += pieces[Int.random(in: 0..<pieces.count, using: &rng)] }
            #expect(Slug.fold(s) == SlugTests.reference(s), "\(s.debugDescription)")
        }
        #expect(Slug.fold("Nguyễn Văn Đức") == "nguyen van duc")
        #expect(Slug.make("Nguyễn Văn Đức") == "nguyen-van-duc")
    }
}
