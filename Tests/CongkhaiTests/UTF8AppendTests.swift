import Testing
@testable import Congkhai

/// `[UInt8].append(contentsOf: String.UTF8View)` (`Support/UTF8Append.swift`)
/// is chosen over the standard library's generic append wherever a
/// string's bytes are appended: it must append exactly those bytes, for
/// strings held inline (up to 15 bytes) and on the heap, ASCII or not.
@Suite struct UTF8AppendTests {
    @Test func appendsExactlyTheStringsBytes() {
        let texts = ["", "a", "fact_", "exactly 15 byte", "sixteen bytes !!", "Hồ Quốc Tuấn", "Σ w·c·t",
                     String(repeating: "Phản ánh, khiếu nại ", count: 40), "\u{0}\u{7F}\u{80}\u{10FFFF}"]
        var all: [UInt8] = [0xFF]
        var expected: [UInt8] = [0xFF]
        for s in texts {
            var one: [UInt8] = []
            one.append(contentsOf: s.utf8)
            #expect(one == Array(s.utf8), "\(s)")
            all.append(contentsOf: s.utf8)
            expected += Array(s.utf8)
            // A substring's view is the generic path's; the same bytes either way.
            all.append(contentsOf: s.dropFirst().utf8)
            expected += Array(s.dropFirst().utf8)
        }
        #expect(all == expected)
    }
}
