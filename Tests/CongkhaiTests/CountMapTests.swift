import Testing
@testable import Congkhai

/// The summaries' histograms: they answer as the dictionaries they replaced,
/// and the per-category medians read only their own category's days.
@Suite struct CountMapTests {
    @Test func answersLikeADictionary() {
        var map = CountMap()
        var dict: [Int: Int] = [:]
        // A fixed scramble of keys, with repeats, negative and large ones.
        for i in 0..<2_000 {
            let key = (i * 7_919) % 613 - 50 + (i % 3 == 0 ? 1 << 40 : 0)
            map.add(key)
            dict[key, default: 0] += 1
        }
        #expect(map.count == dict.count)
        #expect(map.keys == dict.keys.sorted())
        for (k, v) in dict { #expect(map[k] == v) }
        #expect(map[123_456] == 0 && map.total == 2_000)
        #expect(map.pairs.map(\.count) == dict.keys.sorted().map { dict[$0] ?? -1 })
    }

    /// Adding one map to another counts as adding every key again.
    @Test func addingAMapMergesItsCounts() {
        var a = CountMap(), b = CountMap(), both = CountMap()
        for i in 0..<500 {
            let k = (i * 37) % 101 - 20
            if i % 3 == 0 { a.add(k, i % 5 + 1) } else { b.add(k * 2, 2) }
            if i % 3 == 0 { both.add(k, i % 5 + 1) } else { both.add(k * 2, 2) }
        }
        var merged = a
        merged.add(b)
        #expect(merged == both)
        var fromEmpty = CountMap()
        fromEmpty.add(b)
        #expect(fromEmpty == b)
        merged.add(CountMap())
        #expect(merged == both)
    }

    @Test func medianCountsEveryRow() {
        var map = CountMap()
        #expect(map.median == nil)
        for (days, n) in [(3, 2), (10, 1), (1, 1)] { map.add(days, n) }
        // 1, 3, 3, 10 → (3 + 3) / 2.
        #expect(map.median == Rational(3))
        map.add(20)
        map.add(20)
        // 1, 3, 3, 10, 20, 20 → (3 + 10) / 2.
        #expect(map.median == Rational(13, 2))
    }

    @Test func medianOfOneCategoryIgnoresTheOthers() throws {
        var s = FeedbackTally.Summary()
        let received = try #require(Day(iso: "2026-03-01"))
        let asOf = try #require(Day(iso: "2026-12-31"))
        func resolved(_ category: Int, days: Int) {
            var row = FeedbackRow(id: "x", date: received, channel: nil, locality: 0, official: 0,
                                  commitment: nil, kind: .complaint, respondentKind: nil, respondent: "", rating: nil,
                                  category: "", status: .resolved, due: nil, resolvedOn: nil, comment: "", publish: false,
                                  file: 0, line: 2, respondentNumber: -1)
            row.resolvedOn = received.adding(days: days)
            s.add(row, category: category, asOf: asOf)
        }
        resolved(0, days: 5)
        resolved(2, days: 40)
        resolved(2, days: 60)
        resolved(7, days: 1)
        #expect(s.medianResolveDays(category: 0) == Rational(5))
        #expect(s.medianResolveDays(category: 2) == Rational(50))
        #expect(s.medianResolveDays(category: 7) == Rational(1))
        #expect(s.medianResolveDays(category: 1) == nil)
        #expect(s.medianResolveDays == Rational(45, 2))
        #expect(s.categories.pairs.map(\.key) == [0, 2, 7] && s.categories[2] == 2)
    }

    /// The tally prefetches a summary's month and category histograms by
    /// reading their buffer references as plain words: both fields must be
    /// found, and each word must change with its own map's storage alone.
    @Test func theTallysPrefetchFindsBothHistograms() {
        let offsets = FeedbackAccumulator.histogramOffsets
        #expect(offsets.count == 2)
        func words(_ s: FeedbackTally.Summary) -> [UInt] {
            withUnsafeBytes(of: s) { raw in offsets.map { raw.load(fromByteOffset: $0, as: UInt.self) } }
        }
        var summary = FeedbackTally.Summary()
        summary.byMonth.add(24_311)
        let before = words(summary)
        summary.categories.add(3)
        let after = words(summary)
        #expect(before[0] == after[0] && before[1] != after[1] && after[0] != after[1] && after.allSatisfy { $0 != 0 })
    }
}
