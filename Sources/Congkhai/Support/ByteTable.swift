import CSupport
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
/// so a probe compares keys only when they very likely match, and keeps a
/// short key itself, so most lookups read nothing but their slot.
///
/// A scope moves its keys' hashes by the scope's own hash, which a caller
/// can compute from bytes too (a locality's id, then an official's id
/// within it): a row's three lookups are hashed before any of them is made,
/// so their slots are asked for rows ahead (`prefetch`) instead of each
/// lookup waiting on a cache miss that the previous one had to resolve
/// first (75 % of the lookups' samples were that wait, 16 % of a national
/// `check`; decision 134).
struct ByteTable: Sendable {
    /// 32 bytes, so a slot of a large table never straddles two cache lines
    /// (storage of more than a page starts 32 bytes into a page-aligned
    /// allocation). A key of up to 16 bytes — nearly every official's and
    /// commitment's id — is kept in the slot itself: a row's lookup reads
    /// one line, where reading the key from the pool was a second miss
    /// (`memcmp` was ~5 % of a national ingest's samples, all of it waiting
    /// on that line).
    private struct Slot {
        var tag: UInt32
        /// `UInt32.max`: empty.
        var length: UInt32
        var scope: UInt32
        var value: Int32
        /// The key's bytes, zero-padded, when it has at most 16; else the
        /// key's offset in `pool` (in `first`).
        var first: UInt64
        var second: UInt64
    }

    /// Keys longer than a slot holds.
    private var pool: [UInt8] = []
    private var slots: [Slot]
    private let mask: Int
    /// Each scope's hash, by scope number; nil: a scope's hash is its number.
    private let scopeHashes: [Int]?
    /// Every key hashed alike (tests only): each lookup then compares its
    /// key with every other key of its scope, which a real hash and the
    /// slot's tag would almost never let it do.
    private let collide: Bool

    init(_ entries: [(String, Int)]) {
        self.init(scoped: entries.map { (0, $0.0, $0.1) })
    }

    /// Entries keyed by (scope, key); a repeated pair keeps the last value.
    /// Scopes and values are positions in the province's arrays (below 2³¹).
    /// `scopeHashes[s]`: the hash scope `s` moves its keys' by (`hash(_:in:)`);
    /// a scope without one (or every scope when nil) is moved by its number.
    init(scoped entries: [(scope: Int, key: String, value: Int)], scopeHashes: [Int]? = nil, collide: Bool = false) {
        self.collide = collide
        self.scopeHashes = scopeHashes
        var capacity = 8
        while capacity < entries.count * 2 { capacity *= 2 }
        slots = Array(repeating: Slot(tag: 0, length: .max, scope: 0, value: 0, first: 0, second: 0), count: capacity)
        mask = capacity - 1
        for (scope, key, value) in entries {
            precondition(scope >= 0 && scope < Int(UInt32.max) && Int32(exactly: value) != nil, "ByteTable holds positions below 2^31")
            Array(key.utf8).withUnsafeBufferPointer { insert($0, scope: scope, value) }
        }
    }

    private mutating func insert(_ key: UnsafeBufferPointer<UInt8>, scope: Int, _ value: Int) {
        guard key.count < Int(UInt32.max) else { return }
        let h = collide ? 0 : ByteTable.hash(key, in: scopeHash(scope))
        if let i = find(key, scope: scope, hash: h) {
            slots[i].value = Int32(truncatingIfNeeded: value)
            return
        }
        var i = h & mask
        while slots[i].length != .max { i = (i + 1) & mask }
        var slot = Slot(tag: UInt32(truncatingIfNeeded: h >> 32), length: UInt32(key.count), scope: UInt32(scope),
                        value: Int32(truncatingIfNeeded: value), first: UInt64(pool.count), second: 0)
        if key.count <= 16 {
            (slot.first, slot.second) = key.leadingWords
        } else {
            pool.append(contentsOf: key)
        }
        slots[i] = slot
    }

    /// Unchecked buffers, the key compared as two words when the slot holds
    /// it: the validator looks up a locality, an official and often a
    /// commitment for every row, on every lane.
    func lookup(_ key: UnsafeBufferPointer<UInt8>, scope: Int = 0) -> Int? {
        lookup(key, scope: scope, hash: ByteTable.hash(key, in: scopeHash(scope)))
    }

    /// The same with the key's `hash(_:in:)` already computed (and its slot
    /// perhaps already asked for): it must be the hash in `scope`'s own hash,
    /// or the key is not found.
    func lookup(_ key: UnsafeBufferPointer<UInt8>, scope: Int, hash: Int) -> Int? {
        guard key.count < Int(UInt32.max), scope >= 0, scope <= Int(UInt32.max) else { return nil }
        return find(key, scope: scope, hash: collide ? 0 : hash).map { Int(slots[$0].value) }
    }

    /// Starts loading the slot a key of this hash is looked for in first.
    @inline(__always)
    func prefetch(hash: Int) {
        slots.withUnsafeBufferPointer { slots in
            if let base = slots.baseAddress { congkhai_prefetch_read(base + (hash & mask)) }
        }
    }

    /// The hash scope `scope`'s keys are moved by.
    private func scopeHash(_ scope: Int) -> Int {
        guard let scopeHashes else { return scope }
        return scope >= 0 && scope < scopeHashes.count ? scopeHashes[scope] : 0
    }

    /// A key's hash in a scope of hash `scopeHash` (0: no scope). Chained, a
    /// key's hash in a scope is the scope's hash of the next table down: an
    /// official's in its locality's, a commitment's in its official's.
    static func hash(_ key: UnsafeBufferPointer<UInt8>, in scopeHash: Int) -> Int {
        scoped(hash(key), scopeHash)
    }

    /// The same for a key held as text (a scope's own id, when the scopes' hashes are made).
    static func hash(_ key: String, in scopeHash: Int) -> Int {
        var key = key
        return key.withUTF8 { hash($0, in: scopeHash) }
    }

    /// The slot holding (scope, key), if any.
    @inline(__always)
    private func find(_ key: UnsafeBufferPointer<UInt8>, scope: Int, hash h: Int) -> Int? {
        let tag = UInt32(truncatingIfNeeded: h >> 32)
        let length = UInt32(key.count), wanted = UInt32(scope)
        let inline = key.count <= 16
        let (first, second) = inline ? key.leadingWords : (0, 0)
        return slots.withUnsafeBufferPointer { slots in
            pool.withUnsafeBufferPointer { pool in
                var i = h & mask
                while slots[i].length != .max {
                    let s = slots[i]
                    if s.tag == tag, s.length == length, s.scope == wanted {
                        if inline {
                            if s.first == first, s.second == second { return i }
                        } else if let p = pool.baseAddress, let k = key.baseAddress, memcmp(p + Int(s.first), k, key.count) == 0 {
                            return i
                        }
                    }
                    i = (i + 1) & mask
                }
                return nil
            }
        }
    }

    /// The key's hash moved by its scope's hash (0 leaves it as it was).
    private static func scoped(_ h: Int, _ scope: Int) -> Int {
        guard scope != 0 else { return h }
        var x = UInt64(bitPattern: Int64(h)) &+ UInt64(bitPattern: Int64(scope)) &* 0x9E37_79B9_7F4A_7C15
        x ^= x >> 31
        return Int(truncatingIfNeeded: x)
    }

    /// A key's hash, eight bytes at a time (decision 141).
    ///
    /// Why not FNV-1a, as before: it multiplies once per byte, each multiply
    /// waiting on the one before, and every feedback row hashes four ids
    /// (its row id, locality, official and commitment) on the lanes and its
    /// row id again when its slot is probed. Here a word of eight bytes costs
    /// one multiply; the last bytes are read with the word that ends the key
    /// (or, below eight bytes, two overlapping reads of four, or three single
    /// bytes), and the length goes into the seed, so keys that those reads
    /// would confuse differ in length and hash apart. The end mixes every bit
    /// into the low bits (a slot) and the high 32 (a tag), as the tables use
    /// them. Not keyed: like FNV before it, a file made to collide can only
    /// make lookups slower (they compare the bytes), never wrong.
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> Int {
        let n = key.count
        var h: UInt64 = 0x243F_6A88_85A3_08D3 ^ (UInt64(truncatingIfNeeded: n) &* 0x9E37_79B9_7F4A_7C15)
        guard n > 0, let base = key.baseAddress else { return Int(truncatingIfNeeded: finish(h)) }
        let p = UnsafeRawPointer(base)
        var i = 0
        while n - i >= 8 {
            h = step(h, p.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            i += 8
        }
        let rest = n - i
        if rest > 0 {
            let w: UInt64
            if n >= 8 {
                // The word ending the key, its bytes already hashed shifted out (little-endian).
                w = p.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) >> UInt64(8 * (8 - rest))
            } else if n >= 4 {
                w = UInt64(p.loadUnaligned(as: UInt32.self)) | UInt64(p.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)) << 32
            } else {
                w = UInt64(base[0]) | UInt64(base[n / 2]) << 8 | UInt64(base[n - 1]) << 16
            }
            h = step(h, w)
        }
        return Int(truncatingIfNeeded: finish(h))
    }

    /// The same for any bytes (a pool's slice, a string's UTF-8): one
    /// definition, so a key hashes alike however it is held.
    static func hash<C: Collection>(_ bytes: C) -> Int where C.Element == UInt8 {
        if let h = bytes.withContiguousStorageIfAvailable({ hash($0) }) { return h }
        return Array(bytes).withUnsafeBufferPointer { hash($0) }
    }

    @inline(__always)
    private static func step(_ h: UInt64, _ w: UInt64) -> UInt64 {
        let x = (h ^ w) &* 0x9FB2_1C65_1E98_DF25
        return x ^ (x >> 28)
    }

    /// MurmurHash3's 64-bit finalizer: every input bit moves every output bit.
    @inline(__always)
    private static func finish(_ h: UInt64) -> UInt64 {
        var x = h
        x ^= x >> 33
        x = x &* 0xFF51_AFD7_ED55_8CCD
        x ^= x >> 33
        x = x &* 0xC4CE_B9FE_1A85_EC53
        return x ^ (x >> 33)
    }
}
