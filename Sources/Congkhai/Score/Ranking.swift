import Foundation

/// Competition ranking (1, 2, 2, 4) on rounded totals; ties ordered by
/// Vietnamese collation of the name, then id.
public enum Ranking {
    static let vietnamese = Locale(identifier: "vi_VN")

    /// Vietnamese alphabetical order: Anh < Ân < Ba < Dũng < Đức < Ôn < Ơn.
    public static func collates(_ a: String, before b: String) -> Bool {
        let r = a.compare(b, options: [], range: nil, locale: vietnamese)
        if r != .orderedSame { return r == .orderedAscending }
        return a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// Orders entries for display and gives each its shared rank.
    public static func rank<T>(_ items: [T], score: (T) -> Double, name: (T) -> String, id: (T) -> String) -> [(item: T, rank: Int)] {
        let sorted = items.sorted { x, y in
            let sx = score(x), sy = score(y)
            if sx != sy { return sx > sy }
            let nx = name(x), ny = name(y)
            if nx != ny { return collates(nx, before: ny) }
            return id(x).utf8.lexicographicallyPrecedes(id(y).utf8)
        }
        var out: [(T, Int)] = []
        var rank = 0
        var previous: Double?
        for (i, item) in sorted.enumerated() {
            let s = score(item)
            if previous != s { rank = i + 1; previous = s }
            out.append((item, rank))
        }
        return out
    }

    static func assignRanks(_ results: inout [OfficialResult], province: Province) {
        var byLocality: [String: [Int]] = [:]
        var byPeer: [String: [Int]] = [:]
        var contextOf: [String: String] = [:]
        for l in province.localities { contextOf[l.id] = l.context.rawValue }
        for (i, r) in results.enumerated() {
            let o = province.officials[r.official]
            byLocality[o.locality, default: []].append(i)
            byPeer[o.role.rawValue + "|" + (contextOf[o.locality] ?? ""), default: []].append(i)
        }
        let snapshot = results
        func name(_ i: Int) -> String { province.officials[snapshot[i].official].name }
        func key(_ i: Int) -> String { province.officials[snapshot[i].official].key }
        for (_, members) in byLocality {
            for (i, rank) in rank(members, score: { snapshot[$0].total }, name: name, id: key) {
                results[i].rankInLocality = rank
            }
        }
        for (_, members) in byPeer {
            for (i, rank) in rank(members, score: { snapshot[$0].total }, name: name, id: key) {
                results[i].rankInPeerGroup = rank
            }
        }
    }
}
