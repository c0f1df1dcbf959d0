import Testing
@testable import Congkhai

/// The allocation-free sort gives the standard sort's order for total
/// orders, on every shape of input and through each of its three paths.
@Suite struct InPlaceSortTests {
    struct Item: Equatable { var key: Int; var seq: Int }
    static func less(_ a: Item, _ b: Item) -> Bool { a.key != b.key ? a.key < b.key : a.seq < b.seq }
    enum ItemOrder: InPlaceSort.Order {
        static func less(_ a: Item, _ b: Item) -> Bool { InPlaceSortTests.less(a, b) }
    }

    @Test func matchesTheStandardSort() {
        var random = SeededSequence(seed: 2026)
        func next(_ bound: Int) -> Int { random.next(bound) }
        var inputs: [[Item]] = []
        for n in [0, 1, 2, 3, 15, 16, 17, 31, 100, 1_000, 5_000] {
            for spread in [1, 3, n + 1] {
                inputs.append((0..<n).map { Item(key: next(max(1, spread)), seq: $0) })
            }
            inputs.append((0..<n).map { Item(key: $0, seq: $0) })              // sorted
            inputs.append((0..<n).map { Item(key: n - $0, seq: $0) })          // reversed
            inputs.append((0..<n).map { Item(key: $0 % 2 == 0 ? $0 : n - $0, seq: $0) })  // organ pipe
        }
        for input in inputs {
            let expected = input.sorted(by: InPlaceSortTests.less)
            for limit in [nil, 0, 1] as [Int?] {
                var a = input
                InPlaceSort.sort(&a, depthLimit: limit, by: InPlaceSortTests.less)
                #expect(a == expected, "n = \(input.count), depth limit \(String(describing: limit))")
            }
        }
    }

    /// Sorted on several threads: the serial order, on inputs large enough
    /// to take the parallel path (and one just under it), whatever the
    /// partitions' balance — keys of few values make the pivots' sides uneven.
    @Test func theParallelSortGivesTheSameOrder() {
        var random = SeededSequence(seed: 20)
        let n = InPlaceSort.parallelMinimum
        var inputs: [[Item]] = [(0..<(n - 1)).map { Item(key: random.next(1_000), seq: $0) }]
        for spread in [1, 3, 1_000, 4 * n] {
            inputs.append((0..<(n + 7)).map { Item(key: random.next(spread), seq: $0) })
        }
        inputs.append((0..<(n + 100)).map { Item(key: $0, seq: $0) })                // sorted
        inputs.append((0..<(n + 50)).map { Item(key: n - $0, seq: $0) })            // reversed
        for input in inputs {
            let expected = input.sorted(by: InPlaceSortTests.less)
            for lanes in [1, 2, 8] {
                var a = input
                InPlaceSort.sort(&a, lanes: lanes, by: ItemOrder.self)
                #expect(a == expected, "n = \(input.count), \(lanes) lanes")
            }
        }
    }
}
