/// Gives each distinct string a small integer, hashing its UTF-8 bytes:
/// Swift's own String hashing normalises non-ASCII text on every call,
/// which cost more than the rest of feedback ingest together.
struct ByteInterner {
    private(set) var names: [String] = []
    private var pool: [UInt8] = []
    private var slots: [(offset: Int, length: Int, value: Int)] = Array(repeating: (0, -1, 0), count: 64)

    /// The id of `text`, adding it when new (nil once `limit` distinct strings are known).
    mutating func id(_ text: String, limit: Int = .max) -> Int? {
        let mask = slots.count - 1
        var i = ByteTable.hash(text.utf8) & mask
        while slots[i].length >= 0 {
            let s = slots[i]
            if s.length == text.utf8.count && pool[s.offset..<(s.offset + s.length)].elementsEqual(text.utf8) { return s.value }
            i = (i + 1) & mask
        }
        guard names.count < limit else { return nil }
        let value = names.count
        names.append(text)
        slots[i] = (pool.count, text.utf8.count, value)
        pool.append(contentsOf: text.utf8)
        if names.count * 2 > slots.count { grow() }
        return value
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: (0, -1, 0), count: old.count * 2)
        let mask = slots.count - 1
        for s in old where s.length >= 0 {
            var i = ByteTable.hash(pool[s.offset..<(s.offset + s.length)]) & mask
            while slots[i].length >= 0 { i = (i + 1) & mask }
            slots[i] = s
        }
    }
}
