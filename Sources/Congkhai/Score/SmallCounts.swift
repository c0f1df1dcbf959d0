/// A handful of counters (kinds, channels, stars) stored inside the value
/// that owns them.
///
/// Every in-window feedback row bumps four such lists in three summaries
/// (province, locality, official). As `[Int]` each list was its own heap
/// object, so a row cost a dozen uniqueness checks on cold memory: at
/// national size (58,000 summaries) `swift_isUniquelyReferenced` alone was
/// 15 % of the ingest. Inline, a summary's counters share its cache lines.
public struct SmallCounts: Sendable, RandomAccessCollection, MutableCollection, Equatable {
    public static let capacity = 8
    private var storage = InlineArray<8, Int>(repeating: 0)
    public let count: Int

    public init(count: Int) {
        precondition(count >= 0 && count <= SmallCounts.capacity, "SmallCounts holds at most \(SmallCounts.capacity)")
        self.count = count
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(position: Int) -> Int {
        get {
            precondition(position >= 0 && position < count, "SmallCounts index out of range")
            return storage[position]
        }
        set {
            precondition(position >= 0 && position < count, "SmallCounts index out of range")
            storage[position] = newValue
        }
    }

    public static func == (a: SmallCounts, b: SmallCounts) -> Bool { a.elementsEqual(b) }
}
