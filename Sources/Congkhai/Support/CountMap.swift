/// A small histogram (key → count) kept as one sorted array of pairs.
///
/// Feedback summaries keep four histograms for every official and locality
/// (categories, months, days to resolve, and days to resolve per category):
/// as `Dictionary`s they were ~4.5 KB a summary, ~260 MB for a country's
/// 58,000 summaries at the end of the ingest, its memory peak. Keys are few
/// (tens) and rows add to existing keys far more often than they make new
/// ones, so a binary search over a contiguous array is as fast and about
/// half the size, with no per-map hashing state.
public struct CountMap: Sendable, Equatable {
    struct Entry: Sendable, Equatable {
        var key: Int
        var count: Int
    }

    private var entries: [Entry] = []

    public init() {}

    /// The map with these pairs (the feedback cache's copy); nil unless the
    /// keys are strictly ascending and every count positive, as `add` keeps them.
    init?(ascending pairs: [(key: Int, count: Int)]) {
        for i in pairs.indices where pairs[i].count <= 0 || (i > 0 && pairs[i - 1].key >= pairs[i].key) { return nil }
        entries = pairs.map { Entry(key: $0.key, count: $0.count) }
    }

    public var isEmpty: Bool { entries.isEmpty }
    public var count: Int { entries.count }

    /// The count of `key`, 0 when absent.
    public subscript(_ key: Int) -> Int {
        let i = index(of: key)
        return i < entries.count && entries[i].key == key ? entries[i].count : 0
    }

    public mutating func add(_ key: Int, _ n: Int = 1) {
        let i = index(of: key)
        if i < entries.count && entries[i].key == key {
            entries[i].count += n
        } else {
            entries.insert(Entry(key: key, count: n), at: i)
        }
    }

    /// Adds every count of `other` (a merge of two sorted lists).
    public mutating func add(_ other: CountMap) {
        guard !other.entries.isEmpty else { return }
        guard !entries.isEmpty else { entries = other.entries; return }
        var merged: [Entry] = []
        merged.reserveCapacity(entries.count + other.entries.count)
        var i = 0, j = 0
        while i < entries.count || j < other.entries.count {
            if j == other.entries.count || (i < entries.count && entries[i].key < other.entries[j].key) {
                merged.append(entries[i]); i += 1
            } else if i == entries.count || other.entries[j].key < entries[i].key {
                merged.append(other.entries[j]); j += 1
            } else {
                merged.append(Entry(key: entries[i].key, count: entries[i].count + other.entries[j].count)); i += 1; j += 1
            }
        }
        entries = merged
    }

    /// Keys in ascending order, with their counts.
    public var pairs: [(key: Int, count: Int)] { entries.map { ($0.key, $0.count) } }
    public var keys: [Int] { entries.map(\.key) }
    public var total: Int { entries.reduce(0) { $0 + $1.count } }

    /// The pairs whose keys lie in `range`, in ascending order.
    func pairs(in range: Range<Int>) -> ArraySlice<Entry> {
        entries[index(of: range.lowerBound)..<index(of: range.upperBound)]
    }

    /// The first position whose key is ≥ `key`: by a scan while the map is
    /// short (most are: a summary's months and categories), whose compares
    /// the processor predicts where a binary search's it cannot.
    private func index(of key: Int) -> Int {
        if entries.count <= 16 {
            return entries.withUnsafeBufferPointer { e in
                var i = 0
                while i < e.count, e[i].key < key { i += 1 }
                return i
            }
        }
        var lo = 0, hi = entries.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if entries[mid].key < key { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The median key counted with multiplicity (mean of the two middle
    /// ones), nil when empty: the median of days to resolve.
    public var median: Rational? { CountMap.median(entries[...]) }

    /// The median of `entries`' keys less `base` (the per-category part of a combined key).
    static func median(_ entries: ArraySlice<Entry>, base: Int = 0) -> Rational? {
        let n = entries.reduce(0) { $0 + $1.count }
        guard n > 0 else { return nil }
        func value(at position: Int) -> Int {
            var seen = 0
            for e in entries {
                seen += e.count
                if seen > position { return e.key - base }
            }
            return 0
        }
        return Rational(value(at: (n - 1) / 2) + value(at: n / 2), 2)
    }
}
