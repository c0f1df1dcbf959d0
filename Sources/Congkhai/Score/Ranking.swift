import Foundation

/// Competition ranking (1, 2, 2, 4) on rounded totals; ties ordered by
/// Vietnamese collation of the name, then id.
public enum Ranking {
    static let vietnamese = Locale(identifier: "vi_VN")

    /// Vietnamese alphabetical order: Anh < Ân < Ba < Dũng < Đức < Ôn < Ơn.
    public static func collates(_ a: String, before b: String) -> Bool {
        let r = a.compare(b, options: [], range: nil, locale: vietnamese)
        if r != .orderedSame { return r == .orderedAscending }
        return UTF8Order.precedes(a, b)
    }

    /// Orders entries for display and gives each its shared rank.
    public static func rank<T>(_ items: [T], score: (T) -> Rational, name: (T) -> String, id: (T) -> String) -> [(item: T, rank: Int)] {
        let keyed = items.map { (item: $0, score: score($0), name: name($0), id: id($0)) }
        let sorted = keyed.sorted { x, y in
            if x.score != y.score { return x.score > y.score }
            if x.name != y.name { return collates(x.name, before: y.name) }
            return UTF8Order.precedes(x.id, y.id)
        }
        var out: [(T, Int)] = []
        out.reserveCapacity(sorted.count)
        var rank = 0
        var previous: Rational?
        for (i, entry) in sorted.enumerated() {
            if previous != entry.score { rank = i + 1; previous = entry.score }
            out.append((entry.item, rank))
        }
        return out
    }
}
