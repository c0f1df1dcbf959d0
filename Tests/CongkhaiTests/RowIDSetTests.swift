import Foundation
import Testing
@testable import Congkhai

/// The spooled row-id set answers exactly as an in-memory set, whether an
/// id's bytes are read back from the temporary file, from the tail still in
/// memory, or across a growth that reads every id back.
@Suite struct RowIDSetTests {
    /// Ids of every length class, then each again (duplicates found in the
    /// spool and in the tail), then near misses (prefixes, extensions).
    private static func run(_ set: inout RowIDSet) {
        var model = Set<[UInt8]>()
        var ids = (0..<20_000).map { "td26q4-\($0)" }
        ids += ["", String(repeating: "x", count: 127), String(repeating: "x", count: 128), String(repeating: "é", count: 9_000)]
        // Again, in another order (every 7th, from each start).
        ids += (0..<7).flatMap { s in stride(from: s, to: ids.count, by: 7).map { ids[$0] } }
        ids += ["td26q4-1-", "td26q4-", String(repeating: "x", count: 129), "td26q4-19999 "]
        for id in ids {
            let bytes = Array(id.utf8)
            let new = bytes.withUnsafeBufferPointer { set.insert($0) }
            #expect(new == model.insert(bytes).inserted, "\(id.prefix(16))")
        }
        #expect(set.count == model.count)
        #expect(!set.failed)
    }

    @Test func spooledIdsThroughGrowth() {
        // A tiny tail: almost every id is read back from the file; no reserve: the set grows 9 times.
        var set = RowIDSet(flushAt: 97)
        RowIDSetTests.run(&set)
    }

    @Test func reservedAndDefaultTail() {
        var set = RowIDSet()
        set.reserve(50_000)
        RowIDSetTests.run(&set)
    }

    @Test func withoutATemporaryFileTheIdsStayInMemory() {
        let spool = Spool(directory: "/nonexistent-congkhai-\(UUID().uuidString)")
        var set = RowIDSet(spool: spool, flushAt: 13)
        RowIDSetTests.run(&set)
    }

    /// Same hash tag and same first slot, different bytes: the tag alone
    /// never decides, the spooled bytes do.
    @Test func tagCollisionsAreSettledOnTheBytes() {
        var seen: [Int: String] = [:]
        var pair: (String, String)?
        for i in 0..<50_000_000 where pair == nil {
            let id = "c\(i)"
            let h = ByteTable.hash(id.utf8)
            let key = (h >> 40 & 0xFF_FFFF) << 6 | h & 63
            if let other = seen[key] { pair = (other, id) } else { seen[key] = id }
        }
        guard let (a, b) = pair else {
            Issue.record("no colliding pair found")
            return
        }
        var set = RowIDSet(flushAt: 1)
        func insert(_ s: String) -> Bool { Array(s.utf8).withUnsafeBufferPointer { set.insert($0) } }
        #expect(insert(a))
        #expect(insert(b))
        #expect(!insert(a))
        #expect(!insert(b))
        #expect(set.count == 2 && !set.failed)
    }
}
