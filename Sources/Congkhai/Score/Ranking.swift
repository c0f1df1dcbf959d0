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
        let scores = items.map(score), names = items.map(name), ids = items.map(id)
        // Positions are sorted, not the entries: moving an entry (a score
        // box and two strings) retained and released its parts at every
        // step of the sort (~0.5 s on one core for a country's peer groups).
        let order = scores.indices.sorted { x, y in
            if scores[x] != scores[y] { return scores[x] > scores[y] }
            if names[x] != names[y] { return collates(names[x], before: names[y]) }
            return UTF8Order.precedes(ids[x], ids[y])
        }
        var out: [(T, Int)] = []
        out.reserveCapacity(order.count)
        var rank = 0
        var previous: Rational?
        for (i, k) in order.enumerated() {
            if previous != scores[k] { rank = i + 1; previous = scores[k] }
            out.append((items[k], rank))
        }
        return out
    }
}
