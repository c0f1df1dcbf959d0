import Foundation
import Testing
@testable import Congkhai

/// `Slug.fold` lowercases ASCII without making a `String` per scalar; it
/// must fold exactly as the first version (kept here) did — byte for byte
/// (`sameBytes`): search keys and URLs are compared and hashed as bytes.
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
        let pieces = ["Nguyễn", " Văn ", "ĐỨC", "đ", "AZaz09", "@[`{", "İ", "ß", "Σ", "K", "Ǆ", "ﬁ", "😀", "\u{301}", "\n", "ÀÉÎÕÜ", "Ω",
                      " – ", "—", "\u{2000}", "“…”"]
        var rng = SplitMix(seed: 11)
        for _ in 0..<2_000 {
            var s = ""
            for _ in 0..<Int.random(in: 0...6, using: &rng) { s += pieces[Int.random(in: 0..<pieces.count, using: &rng)] }
            #expect(sameBytes(Slug.fold(s), SlugTests.reference(s)), "\(s.debugDescription)")
        }
        #expect(Slug.fold("Nguyễn Văn Đức") == "nguyen van duc")
        #expect(Slug.make("Nguyễn Văn Đức") == "nguyen-van-duc")
    }
}

/// The table fold against the decomposition it must equal, scalar by
/// scalar and in text where marks are precomposed, decomposed and mixed.
@Suite struct SlugTableTests {
    @Test func everyScalarFoldsAsTheDecompositionDoes() {
        var differing: [UInt32] = []
        for v in UInt32(0)..<0x3000 {
            guard let scalar = Unicode.Scalar(v) else { continue }
            let s = String(scalar)
            if !sameBytes(Slug.fold(s), SlugTests.reference(s)) { differing.append(v) }
            // Between letters, and after a base letter as a combining mark would be.
            let t = "Ab" + s + "ê"
            if !sameBytes(Slug.fold(t), SlugTests.reference(t)) { differing.append(v) }
        }
        #expect(differing.isEmpty, "\(differing.prefix(20).map { String($0, radix: 16) })")
    }

    @Test func vietnameseTextFoldsAsTheDecompositionDoes() {
        let names = ["Nguyễn Thị Ánh Tuyết", "ĐẶNG VĂN ĐỨC", "Trương Mỹ Hạnh", "Huỳnh Phước Lộc", "Xã Hòa Lộc (mới)",
                     "Cứng hóa đường giao thông liên thôn", "Nạo vét kênh mương nội đồng trước mùa mưa", "Ỷ Lan", "Ngô Ỳ"]
        var rng = SplitMix(seed: 29)
        for _ in 0..<3_000 {
            var s = ""
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                let name = names[Int.random(in: 0..<names.count, using: &rng)]
                // Precomposed, decomposed, or a mix of both forms.
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: s += name
                case 1: s += name.decomposedStringWithCanonicalMapping
                default: s += name.prefix(3) + name.dropFirst(3).decomposedStringWithCanonicalMapping
                }
                s += [" ", ", ", "-", "\u{0300}", "\u{1DC4}", "ǅ"][Int.random(in: 0..<6, using: &rng)]
            }
            #expect(sameBytes(Slug.fold(s), SlugTests.reference(s)), "\(s.debugDescription)")
        }
    }
}
