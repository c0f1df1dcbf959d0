import Foundation

/// A set of byte strings: the bytes in one pool, open addressing over FNV
/// hashes, no `String` kept or hashed per entry. Swift's `Set<String>`
/// hashed every key with SipHash and stored a String each. Made for the
/// feedback's row ids and respondents, which have sets of their own now
/// (`RowIDSet`: the ids' bytes on disk; `RespondentNumbers`: digests, so
/// memory does not follow an id's length); the validation lanes' category
/// memos use it (`CategoryMemo`).
///
/// Sized for national exports (20 million ids): a slot is one 64-bit word —
/// the entry's pool offset (40 bits) and 24 more bits of its hash, so most
/// probes that miss never touch the pool — and each pooled id carries a
/// one- or more-byte length prefix. About 8 bytes a slot at load ≤ 3/4 plus
/// the ids' own bytes; the first version used 16-byte slots at load ≤ 1/2
/// (over 1 GB for 20 million ids).
struct ByteSet {
    /// `ByteSet.numbered()`: every entry also keeps its number (4 bytes), for `intern`.
    private var numbered = false
    private var pool: [UInt8] = []
    /// 0 = empty; else `(offset + 1) << 24 | tag`.
    private var slots = SlotTable(count: 64)
    private(set) var count = 0

    /// A set that numbers its entries in insertion order (0, 1, 2, …).
    static func numbered() -> ByteSet {
        var set = ByteSet()
        set.numbered = true
        return set
    }

    /// The number of `key` (a `numbered()` set), added when new.
    mutating func intern(_ key: UnsafeBufferPointer<UInt8>) -> Int {
        let (slot, found, tag) = probe(key, hash: ByteTable.hash(key))
        if let offset = found {
            let r = entry(at: offset)
            return Int(pool[r.lowerBound - 4]) | Int(pool[r.lowerBound - 3]) << 8 | Int(pool[r.lowerBound - 2]) << 16
                | Int(pool[r.lowerBound - 1]) << 24
        }
        let n = count
        add(key, slot: slot, tag: tag)
        return n
    }

    mutating func intern<C: Collection>(_ key: C) -> Int where C.Element == UInt8 {
        Array(key).withUnsafeBufferPointer { intern($0) }
    }

    /// Where `key` is (its pool offset) or would go (the empty slot), with
    /// its hash tag. Unchecked buffers and `memcmp`: every feedback row's id
    /// is probed on the ingest's ordered thread (a generic byte loop over
    /// `String.UTF8View` was a fifth of it).
    private func probe(_ key: UnsafeBufferPointer<UInt8>, hash h: Int) -> (slot: Int, offset: Int?, tag: UInt64) {
        let tag = UInt64(truncatingIfNeeded: h >> 40) & 0xFF_FFFF
        let mask = slots.count - 1
        let numbered = numbered
        let slots = slots
        return pool.withUnsafeBufferPointer { pool in
            var i = h & mask
            while slots[i] != 0 {
                let s = slots[i]
                if s & 0xFF_FFFF == tag {
                    let offset = Int(s >> 24) - 1
                    let r = ByteSet.entry(pool, at: offset, numbered: numbered)
                    if r.count == key.count {
                        if r.isEmpty { return (i, offset, tag) }
                        if let p = pool.baseAddress, let k = key.baseAddress, memcmp(p + r.lowerBound, k, r.count) == 0 {
                            return (i, offset, tag)
                        }
                    }
                }
                i = (i + 1) & mask
            }
            return (i, nil, tag)
        }
    }

    mutating func reserve(_ n: Int) {
        // ~16 bytes an id: the pool then rarely doubles (untouched pages cost nothing).
        pool.reserveCapacity(n * 16)
        var capacity = slots.count
        while capacity * 3 < n * 4 { capacity *= 2 }
        if capacity > slots.count { rehash(capacity) }
    }

    /// True when the bytes were not in the set yet.
    mutating func insert(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let (slot, found, tag) = probe(key, hash: ByteTable.hash(key))
        if found != nil { return false }
        add(key, slot: slot, tag: tag)
        return true
    }

    mutating func insert<C: Collection>(_ key: C) -> Bool where C.Element == UInt8 {
        Array(key).withUnsafeBufferPointer { insert($0) }
    }

    /// Stores a key `probe` did not find, in the empty slot it returned.
    private mutating func add(_ key: UnsafeBufferPointer<UInt8>, slot: Int, tag: UInt64) {
        if !isKnownUniquelyReferenced(&slots) { slots = slots.copy() }
        slots[slot] = UInt64(pool.count + 1) << 24 | tag
        var n = key.count
        while n >= 0x80 { pool.append(UInt8(n & 0x7F) | 0x80); n >>= 7 }
        pool.append(UInt8(n))
        if numbered {
            let number = UInt32(truncatingIfNeeded: count)
            pool.append(UInt8(number & 0xFF))
            pool.append(UInt8(number >> 8 & 0xFF))
            pool.append(UInt8(number >> 16 & 0xFF))
            pool.append(UInt8(number >> 24))
        }
        pool.append(contentsOf: key)
        count += 1
        if count * 4 > slots.count * 3 { rehash(slots.count * 2) }
    }

    /// The pooled entry at `offset`: its bytes' range.
    private func entry(at offset: Int) -> Range<Int> {
        pool.withUnsafeBufferPointer { ByteSet.entry($0, at: offset, numbered: numbered) }
    }

    private static func entry(_ pool: UnsafeBufferPointer<UInt8>, at offset: Int, numbered: Bool) -> Range<Int> {
        var o = offset, n = 0, shift = 0
        while pool[o] & 0x80 != 0 { n |= Int(pool[o] & 0x7F) << shift; shift += 7; o += 1 }
        n |= Int(pool[o]) << shift
        let start = o + 1 + (numbered ? 4 : 0)
        return start..<(start + n)
    }

    /// Rebuilds the slots at `capacity`, reading the pool's entries in the
    /// order they were added: the pool is read front to back, not at the
    /// old slots' random offsets (a set of millions grows from 64 slots).
    private mutating func rehash(_ capacity: Int) {
        let fresh = SlotTable(count: capacity)
        let mask = capacity - 1
        let numbered = numbered
        pool.withUnsafeBufferPointer { pool in
            var offset = 0
            while offset < pool.count {
                let r = ByteSet.entry(pool, at: offset, numbered: numbered)
                let h = ByteTable.hash(UnsafeBufferPointer(rebasing: pool[r]))
                var i = h & mask
                while fresh[i] != 0 { i = (i + 1) & mask }
                fresh[i] = UInt64(offset + 1) << 24 | UInt64(truncatingIfNeeded: h >> 40) & 0xFF_FFFF
                offset = r.upperBound
            }
        }
        slots = fresh
    }
}
