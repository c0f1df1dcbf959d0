import Testing
@testable import Congkhai

/// `FrontMatter.split` cuts by byte offsets; it must cut where splitting
/// every line and joining them again (its first version, kept here) did.
@Suite struct FrontMatterTests {
    static func reference(_ text: String) -> (yaml: String, body: String)? {
        var lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        func isFence(_ line: Substring.UTF8View.SubSequence, _ fence: String) -> Bool {
            var l = line
            while let last = l.last, last == UInt8(ascii: "\r") || last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") {
                l = l.dropLast()
            }
            return l.elementsEqual(fence.utf8)
        }
        guard let first = lines.first, isFence(first, "---") else { return nil }
        lines.removeFirst()
        guard let close = lines.firstIndex(where: { isFence($0, "---") || isFence($0, "...") }) else { return nil }
        func join(_ slice: ArraySlice<String.UTF8View.SubSequence>) -> String {
            String(decoding: Array(slice.map { Array($0) }.joined(separator: [UInt8(ascii: "\n")])), as: UTF8.self)
        }
        return (join(lines[..<close]), join(lines[(close + 1)...]))
    }

    @Test func cutsWhereSplittingEveryLineCut() {
        let pieces = ["---", "...", "--- ", "---\r", "---\t", "... \t", "----", " ---", "a: 1", "tên: Đặng", "", "\r", "-- -", ".. .", "x\t"]
        var rng = SplitMix(seed: 99)
        var cases = ["", "---", "---\n", "---\n---", "---\n---\n", "---\na\n...\nbody", "---\r\na: 1\r\n---\r\nbody\r\n"]
        for _ in 0..<4000 {
            let n = Int.random(in: 1...7, using: &rng)
            var t = (0..<n).map { _ in pieces.randomElement(using: &rng) ?? "" }.joined(separator: "\n")
            if Bool.random(using: &rng) { t += "\n" }
            cases.append(t)
        }
        var split = 0
        for t in cases {
            let want = FrontMatterTests.reference(t)
            switch FrontMatter.split(t) {
            case let .success(p):
                split += 1
                #expect(want?.yaml == p.yaml && want?.body == p.body, "\(Array(t.utf8))")
            case .failure:
                #expect(want == nil, "\(Array(t.utf8))")
            }
        }
        #expect(split > 500 && split < cases.count - 500)
    }
}
