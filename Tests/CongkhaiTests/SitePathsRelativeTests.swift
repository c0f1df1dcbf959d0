import Testing
@testable import Congkhai

/// `SitePaths.relative` counts folders on the bytes; it must give what the
/// split-based count gave (kept here as the reference) for every shape of
/// page path: empty, a file, folders, doubled and leading slashes.
@Suite struct SitePathsRelativeTests {
    static func reference(from: String, to: String) -> String {
        let depth = from.split(separator: "/", omittingEmptySubsequences: true).count
            - (from.hasSuffix("/") || from.isEmpty ? 0 : 1)
        let target = String(repeating: "../", count: max(0, depth)) + to
        return target.isEmpty ? "./" : target
    }

    @Test func matchesTheSplitCount() {
        let froms = ["", "/", "//", "a", "a/", "/a", "/a/", "a//b/", "a/b", "a/b/", "404.html", "en/", "en/404.html",
                     "dia-phuong/xa-an-binh/nguyen-van-an/", "en/dia-phuong/xa-an-binh/nguyen-van-an/trang-2/",
                     "dia-phuong/xã-ăn/", "a/b/c.html", "a///b///c"]
        for from in froms {
            for to in ["", "assets/style.css", "dia-phuong/"] {
                #expect(SitePaths.relative(from: from, to: to) == SitePathsRelativeTests.reference(from: from, to: to), "\(from) → \(to)")
            }
        }
        #expect(SitePaths.relative(from: "dia-phuong/x/y/", to: "") == "../../../")
        #expect(SitePaths.relative(from: "", to: "") == "./")
    }
}
