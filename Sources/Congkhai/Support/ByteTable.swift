import Foundation

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

    /// Unchecked buffers and `memcmp`: the validator looks up a locality,
    /// an official and often a commitment for every row, on the ingest's
    /// critical thread (8 % of it with checked indexing and a byte loop).
    func lookup(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
        let start = ByteTable.hash(key) & mask
        return slots.withUnsafeBufferPointer { slots in
            pool.withUnsafeBufferPointer { pool in
                var i = start
                while slots[i].length >= 0 {
                    let s = slots[i]
                    if s.length == key.count {
                        if s.length == 0 { return s.value }
                        if let p = pool.baseAddress, let k = key.baseAddress, memcmp(p + s.offset, k, s.length) == 0 { return s.value }
                    }
                    i = (i + 1) & mask
                }
                return nil
            }
        }
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
