import Testing
@testable import Congkhai

/// Summary counters stored inline: they behave like the `[Int]` they
/// replaced, and every list a summary keeps fits their fixed capacity (a
/// new channel or kind past it would trap at the first row otherwise).
@Suite struct SmallCountsTests {
    @Test func everySummaryListFits() {
        for n in [FeedbackKind.allCases.count, FeedbackChannel.allCases.count + 1, FeedbackTally.kindSlots, 5] {
            #expect(n <= SmallCounts.capacity)
        }
        let s = FeedbackTally.Summary()
        #expect(s.byKind.count == FeedbackKind.allCases.count && s.byChannel.count == FeedbackChannel.allCases.count + 1)
    }

    @Test func behavesLikeAnArray() {
        var c = SmallCounts(count: 5)
        c[0] += 2
        c[4] = 7
        #expect(Array(c) == [2, 0, 0, 0, 7] && c.last == 7 && c.map(String.init).joined() == "20007")
        var d = SmallCounts(count: 5)
        #expect(c != d)
        d[0] = 2
        d[4] = 7
        #expect(c == d && c.reduce(0, +) == 9)
    }
}
