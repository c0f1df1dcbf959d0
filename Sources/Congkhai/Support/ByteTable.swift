import Foundation

/// A read-only map from short byte strings to integers, looked up straight
/// from CSV field bytes: no `String` is built for the ids and enum values
/// every feedback row names (measured: building and hashing those Strings
/// was most of the ingest time).
///
/// A key may belong to a scope (an official's id within its locality, a
/// commitment's within its official): one table holds every scope, so a
/// row's lookups touch one slot and one key's bytes each, not a small table
/// per locality and per official (two arrays each, scattered over the heap:
/// on the national tree the lookups and their `memcmp` were ~14 % of
/// `check`, mostly cache misses). Each slot keeps 32 more bits of the hash,
/// so a probe compares bytes only when they very likely match.
struct ByteTable: Sendable {
    private struct Slot {
        var offset: UInt32
        /// `UInt32.max`: empty.
        var length: UInt32
        var scope: UInt32
        var tag: UInt32
        var value: Int
    }

    private var pool: [UInt8] = []
    private var slots: [Slot]
    private let mask: Int

    init(_ entries: [(String, Int)]) {
        self.init(scoped: entries.map { (0, $0.0, $0.1) })
    }

    /// Entries keyed by (scope, key); a repeated pair keeps the last value.
    init(scoped entries: [(scope: Int, key: String, value: Int)]) {
        var capacity = 8
        while capacity < entries.count * 2 { capacity *= 2 }
        slots = Array(repeating: Slot(offset: 0, length: .max, scope: 0, tag: 0, value: 0), count: capacity)
        mask = capacity - 1
        for (scope, key, value) in entries { insert(Array(key.utf8), scope: scope, value) }
    }

    private mutating func insert(_ key: [UInt8], scope: Int, _ value: Int) {
        let h = ByteTable.scoped(ByteTable.hash(key), scope)
        let tag = UInt32(truncatingIfNeeded: h >> 32)
        var i = h & mask
        while slots[i].length != .max {
            let s = slots[i]
            if Int(s.length) == key.count, Int(s.scope) == scope, pool[Int(s.offset)..<(Int(s.offset) + key.count)].elementsEqual(key) {
                slots[i].value = value
                return
            }
            i = (i + 1) & mask
        }
        slots[i] = Slot(offset: UInt32(pool.count), length: UInt32(key.count), scope: UInt32(scope), tag: tag, value: value)
        pool.append(contentsOf: key)
    }

    /// Unchecked buffers and `memcmp`: the validator looks up a locality,
    /// an official and often a commitment for every row, on every lane.
    func lookup(_ key: UnsafeBufferPointer<UInt8>, scope: Int = 0) -> Int? {
        guard key.count < Int(UInt32.max), scope >= 0, scope <= Int(UInt32.max) else { return nil }
        let h = ByteTable.scoped(ByteTable.hash(key), scope)
        let tag = UInt32(truncatingIfNeeded: h >> 32)
        let length = UInt32(key.count), wanted = UInt32(scope)
        return slots.withUnsafeBufferPointer { slots in
            pool.withUnsafeBufferPointer { pool in
                var i = h & mask
                while slots[i].length != .max {
                    let s = slots[i]
                    if s.tag == tag, s.length == length, s.scope == wanted {
                        if length == 0 { return s.value }
                        if let p = pool.baseAddress, let k = key.baseAddress, memcmp(p + Int(s.offset), k, key.count) == 0 { return s.value }
                    }
                    i = (i + 1) & mask
                }
                return nil
            }
        }
    }

    /// The key's hash moved by its scope (0 leaves it as it was).
    private static func scoped(_ h: Int, _ scope: Int) -> Int {
        guard scope != 0 else { return h }
        var x = UInt64(bitPattern: Int64(h)) &+ UInt64(scope) &* 0x9E37_79B9_7F4A_7C15
        x ^= x >> 31
        return Int(truncatingIfNeeded: x)
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
