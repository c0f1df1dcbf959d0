/// A read-only map from short byte strings to integers, looked up straight
/// from CSV field bytes: no `String` is built for the ids and enum values
/// every feedback row names (measured: building and hashing those Strings
/// was most of the ingest time).
struct ByteTable: Sendable {
    private var pool: [UInt8] = []
    /// Open addressing: (offset in pool, length, value); length -1 = empty.
    private var slots: [(offset: Int, length: Int, value: Int)]
    private let mask: Int

    init(_ entries: [(String, Int)]) {
        var capacity = 8
        while capacity < entries.count * 2 { capacity *= 2 }
        slots = Array(repeating: (0, -1, 0), count: capacity)
        mask = capacity - 1
        for (key, value) in entries { insert(Array(key.utf8), value) }
    }

    private mutating func insert(_ key: [UInt8], _ value: Int) {
        var i = ByteTable.hash(key) & mask
        while slots[i].length >= 0 {
            if slots[i].length == key.count && pool[slots[i].offset..<(slots[i].offset + key.count)].elementsEqual(key) {
                slots[i].value = value
                return
            }
            i = (i + 1) & mask
        }
        slots[i] = (pool.count, key.count, value)
        pool.append(contentsOf: key)
    }

    func lookup(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = ByteTable.hash(key) & mask
        while slots[i].length >= 0 {
            let s = slots[i]
            if s.length == key.count {
                var equal = true
                var k = 0
                while k < s.length {
                    if pool[s.offset + k] != key[k] { equal = false; break }
                    k += 1
                }
                if equal { return s.value }
            }
            i = (i + 1) & mask
        }
        return nil
    }

    static func hash<C: Collection>(_ bytes: C) -> Int where C.Element == UInt8 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01B3
        }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }
}

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
