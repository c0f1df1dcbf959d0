/// A set of byte strings (feedback row ids): the bytes in one pool, open
/// addressing over FNV hashes, no `String` kept or hashed per row. Swift's
/// `Set<String>` hashed every id with SipHash and stored a String each.
struct ByteSet {
    private var pool: [UInt8] = []
    private var slots: [(offset: Int, length: Int)] = Array(repeating: (0, -1), count: 64)
    private(set) var count = 0

    mutating func reserve(_ n: Int) {
        var capacity = slots.count
        while capacity < n * 2 { capacity *= 2 }
        if capacity > slots.count { rehash(capacity) }
    }

    /// True when the bytes were not in the set yet.
    mutating func insert<C: Collection>(_ key: C) -> Bool where C.Element == UInt8 {
        let mask = slots.count - 1
        let n = key.count
        var i = ByteTable.hash(key) & mask
        while slots[i].length >= 0 {
            let s = slots[i]
            if s.length == n && pool[s.offset..<(s.offset + n)].elementsEqual(key) { return false }
            i = (i + 1) & mask
        }
        slots[i] = (pool.count, n)
        pool.append(contentsOf: key)
        count += 1
        if count * 2 > slots.count { rehash(slots.count * 2) }
        return true
    }

    private mutating func rehash(_ capacity: Int) {
        let old = slots
        slots = Array(repeating: (0, -1), count: capacity)
        let mask = capacity - 1
        for s in old where s.length >= 0 {
            var i = ByteTable.hash(pool[s.offset..<(s.offset + s.length)]) & mask
            while slots[i].length >= 0 { i = (i + 1) & mask }
            slots[i] = s
        }
    }
}
