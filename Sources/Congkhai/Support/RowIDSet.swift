import CSupport
import Foundation

/// The feedback row ids seen so far (a later row with a seen id is a
/// duplicate): the slots in memory, the ids' bytes in a spool.
///
/// The largest structure of a national ingest was `ByteSet`'s pool of ids
/// (~300 MB for 20 million ids of ~15 bytes; more for longer ids, which a
/// province's export may well use), yet the pool is read only when a slot's
/// 24-bit hash tag matches: for a true duplicate, or by chance about once
/// in 16 million probes. So the ids are appended to an unlinked temporary
/// file (`Spool`; a 1 MiB tail waits in memory) and read back only on a tag
/// match. What stays resident is one 64-bit slot per id at load ≤ 3/4, and
/// the answer is exact: every match is confirmed on the id's bytes.
struct RowIDSet {
    private var slots = SlotTable(count: 64)
    private let spool: Spool
    /// The newest entries, not yet handed to the spool.
    private var tail: [UInt8] = []
    /// Bytes handed to the spool; entry offsets below it are read from there.
    private var spooled = 0
    private let flushAt: Int
    private(set) var count = 0
    /// Set when the spool could not give an entry back (the build must fail:
    /// a duplicate could have gone unnoticed).
    private(set) var failed = false

    /// `spool`: where the ids go (a test passes one without a file);
    /// `flushAt`: the tail's size before it is spooled (tests make it small).
    init(spool: Spool = Spool(), flushAt: Int = 1 << 20) {
        self.spool = spool
        self.flushAt = max(1, flushAt)
        tail.reserveCapacity(self.flushAt + 64)
    }

    /// Sizes the slots for `n` ids, so the set need not grow (growing reads
    /// every spooled id back once).
    mutating func reserve(_ n: Int) {
        var capacity = slots.count
        while capacity * 3 < n * 4 { capacity *= 2 }
        if capacity > slots.count { rehash(capacity) }
    }

    /// True when the bytes were not in the set yet.
    mutating func insert(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
        insert(key, hash: ByteTable.hash(key))
    }

    /// The same, with `ByteTable.hash(key)` already computed (on a lane).
    mutating func insert(_ key: UnsafeBufferPointer<UInt8>, hash h: Int) -> Bool {
        let tag = UInt64(truncatingIfNeeded: h >> 40) & 0xFF_FFFF
        let mask = slots.count - 1
        var i = h & mask
        while true {
            let s = slots[i]
            if s == 0 { break }
            if s & 0xFF_FFFF == tag, entry(at: Int(s >> 24) - 1, equals: key) { return false }
            i = (i + 1) & mask
        }
        if !isKnownUniquelyReferenced(&slots) { slots = slots.copy() }
        slots[i] = UInt64(spooled + tail.count + 1) << 24 | tag
        var n = key.count
        while n >= 0x80 { tail.append(UInt8(n & 0x7F) | 0x80); n >>= 7 }
        tail.append(UInt8(n))
        tail.append(contentsOf: key)
        if tail.count >= flushAt { flush() }
        count += 1
        if count * 4 > slots.count * 3 { rehash(slots.count * 2) }
        return true
    }

    /// Starts loading the slot where a key of hash `h` would be probed first
    /// (a national set's slots are ~270 MB: every probe is a cache miss).
    func prefetch(hash h: Int) {
        slots.prefetch(h & (slots.count - 1))
    }

    private mutating func flush() {
        spool.append(tail)
        spooled += tail.count
        tail.removeAll(keepingCapacity: true)
    }

    /// Whether the entry at `offset` holds exactly `key`'s bytes.
    private mutating func entry(at offset: Int, equals key: UnsafeBufferPointer<UInt8>) -> Bool {
        if offset >= spooled {
            return tail.withUnsafeBufferPointer { RowIDSet.matches($0, offset - spooled, key) }
        }
        // A length prefix is at most 10 bytes; a longer entry differs anyway.
        let n = min(key.count + 10, spooled - offset)
        guard let bytes = spool.read(offset, n) else {
            failed = true
            return false
        }
        return bytes.withUnsafeBufferPointer { RowIDSet.matches($0, 0, key) }
    }

    /// Whether the entry starting at `at` in `buffer` (possibly cut short
    /// after `key.count` bytes of id) is `key`.
    private static func matches(_ buffer: UnsafeBufferPointer<UInt8>, _ at: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let (start, length) = prefix(buffer, at), length == key.count, start + length <= buffer.count else {
            return false
        }
        if length == 0 { return true }
        guard let b = buffer.baseAddress, let k = key.baseAddress else { return false }
        return memcmp(b + start, k, length) == 0
    }

    /// The id's start and length of the entry at `at`; nil when the prefix is cut.
    private static func prefix(_ buffer: UnsafeBufferPointer<UInt8>, _ at: Int) -> (Int, Int)? {
        var o = at, n = 0, shift = 0
        while o < buffer.count, buffer[o] & 0x80 != 0, shift < 63 {
            n |= Int(buffer[o] & 0x7F) << shift
            shift += 7
            o += 1
        }
        guard o < buffer.count else { return nil }
        n |= Int(buffer[o]) << shift
        return (o + 1, n)
    }

    /// Rebuilds the slots at `capacity` by reading every entry in order (the
    /// spooled ones a megabyte at a time, then the tail): a slot keeps too
    /// few hash bits to be moved without its id.
    private mutating func rehash(_ capacity: Int) {
        let fresh = SlotTable(count: capacity)
        let mask = capacity - 1
        func place(_ id: UnsafeBufferPointer<UInt8>, _ offset: Int) {
            let h = ByteTable.hash(id)
            var i = h & mask
            while fresh[i] != 0 { i = (i + 1) & mask }
            fresh[i] = UInt64(offset + 1) << 24 | UInt64(truncatingIfNeeded: h >> 40) & 0xFF_FFFF
        }
        /// Places every whole entry of `buffer` (which starts at `base`); returns the bytes used.
        func placeAll(_ buffer: UnsafeBufferPointer<UInt8>, base: Int) -> Int {
            var at = 0
            while let (start, length) = RowIDSet.prefix(buffer, at), start + length <= buffer.count {
                place(UnsafeBufferPointer(rebasing: buffer[start..<(start + length)]), base + at)
                at = start + length
            }
            return at
        }
        var carry: [UInt8] = []
        var offset = 0
        while offset < spooled {
            let n = min(1 << 20, spooled - offset)
            guard let chunk = spool.read(offset, n) else {
                failed = true
                break
            }
            let bytes = carry + chunk
            let used = bytes.withUnsafeBufferPointer { placeAll($0, base: offset - carry.count) }
            carry = Array(bytes[used...])
            offset += n
        }
        // The spool holds whole entries only, so nothing is carried into the tail.
        _ = tail.withUnsafeBufferPointer { placeAll($0, base: spooled) }
        slots = fresh
    }
}
