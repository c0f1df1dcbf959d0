import Testing
@testable import Congkhai

/// Comments grouped by official and locality for the pages: the same
/// positions, in the same order, as grouping into a dictionary of arrays.
@Suite struct GroupedIndexTests {
    @Test func groupsLikeADictionaryOfArrays() {
        var random = SeededSequence(seed: 0x9E37_79B9_7F4A_7C15)
        for (count, groups) in [(0, 0), (0, 5), (1, 1), (50, 3), (10_000, 137)] {
            // Some items in no group, some with a key out of range: both left out.
            let keys: [Int?] = (0..<count).map { _ in
                let r = random.next(groups + 3)
                return r == groups ? nil : (r == groups + 1 ? -1 : (r == groups + 2 ? groups + 4 : r))
            }
            let index = GroupedIndex(count: count, groups: groups) { keys[$0] }
            var expected: [Int: [Int]] = [:]
            for (i, k) in keys.enumerated() { if let k, k >= 0, k < groups { expected[k, default: []].append(i) } }
            for g in -1...(groups + 1) {
                #expect(index[g].map { Int($0) } == (expected[g] ?? []), "count \(count) group \(g)")
            }
        }
    }
}
