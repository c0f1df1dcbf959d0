/// The positions of a list's items grouped by a small integer key (an
/// official's or a locality's index), each group in ascending order, held
/// as two flat arrays filled by a counting sort.
///
/// The published comments of a country were grouped as `[Int: [Int]]` twice
/// (by official, by locality): a dictionary entry and a growable array per
/// group, 8 bytes a position plus the arrays' slack — ~130 MB for the 6.5
/// million comments of a tree publishing a third of its rows, held from the
/// start of the pages to the end of the build, its memory peak. Here: 4
/// bytes a position and 4 a group.
struct GroupedIndex: Sendable {
    /// Group g's positions are `items[starts[g]..<starts[g + 1]]`.
    private let starts: [UInt32]
    private let items: [UInt32]

    /// `count` items; `group(i)` is item i's group in `0..<groups`, or nil
    /// for an item in none (left out).
    init(count: Int, groups: Int, group: (Int) -> Int?) {
        precondition(count < Int(UInt32.max), "GroupedIndex holds fewer than 2^32 items")
        var sizes = [UInt32](repeating: 0, count: groups + 1)
        for i in 0..<count {
            if let g = group(i), g >= 0, g < groups { sizes[g + 1] += 1 }
        }
        for g in 0..<groups { sizes[g + 1] += sizes[g] }
        var next = sizes
        var items = [UInt32](repeating: 0, count: Int(sizes[groups]))
        for i in 0..<count {
            guard let g = group(i), g >= 0, g < groups else { continue }
            items[Int(next[g])] = UInt32(i)
            next[g] += 1
        }
        starts = sizes
        self.items = items
    }

    /// The positions in group `g`, ascending (empty for a group out of range).
    subscript(_ g: Int) -> ArraySlice<UInt32> {
        guard g >= 0, g + 1 < starts.count else { return [] }
        return items[Int(starts[g])..<Int(starts[g + 1])]
    }
}
