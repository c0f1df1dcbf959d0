import Foundation

/// Gives each distinct string a small integer, hashing its UTF-8 bytes:
/// Swift's own String hashing normalises non-ASCII text on every call,
/// which cost more than the rest of feedback ingest together.
struct ByteInterner {
    private(set) var names: [String] = []
    private var pool: [UInt8] = []
    private var slots: [(offset: Int, length: Int, value: Int)] = Array(repeating: (0, -1, 0), count: 64)

    /// The id of `text`, adding it when new (nil once `limit` distinct strings are known).
    mutating func id(_ text: String, limit: Int = .max) -> Int? {
        let utf8 = text.utf8
        let (i, found) = utf8.withContiguousStorageIfAvailable { find($0) } ?? Array(utf8).withUnsafeBufferPointer { find($0) }
        if let found { return found }
        guard names.count < limit else { return nil }
        let value = names.count
        names.append(text)
        slots[i] = (pool.count, text.utf8.count, value)
        pool.append(contentsOf: text.utf8)
        if names.count * 2 > slots.count { grow() }
        return value
    }

    /// `key`'s value, or the empty slot it would take. Unchecked buffers
    /// and `memcmp`: the tally interns every row's category (a generic
    /// comparison of an array slice with a `String.UTF8View` was ~1 % of `check`).
    private func find(_ key: UnsafeBufferPointer<UInt8>) -> (slot: Int, value: Int?) {
        let mask = slots.count - 1
        var i = ByteTable.hash(key) & mask
        return pool.withUnsafeBufferPointer { pool in
            while slots[i].length >= 0 {
                let s = slots[i]
                if s.length == key.count {
                    if s.length == 0 { return (i, s.value) }
                    if let p = pool.baseAddress, let k = key.baseAddress, memcmp(p + s.offset, k, s.length) == 0 { return (i, s.value) }
                }
                i = (i + 1) & mask
            }
            return (i, nil)
        }
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
