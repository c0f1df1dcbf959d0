import Testing
@testable import Congkhai

/// The row-id set: exact membership whatever the ids' lengths, through growth.
@Suite struct ByteSetTests {
    @Test func everyIdOnceThroughRehashingAndLongIds() {
        var set = ByteSet()
        let ids = (0..<50_000).map { "id-\($0)" } + ["", String(repeating: "x", count: 127), String(repeating: "x", count: 128),
                                                    String(repeating: "é", count: 9_000)]
        for id in ids {
            let new = set.insert(id.utf8)
            #expect(new, "\(id.prefix(12)) is new")
        }
        for id in ids {
            let new = set.insert(id.utf8)
            #expect(!new, "\(id.prefix(12)) is a duplicate")
        }
        #expect(set.count == ids.count)
        // Prefixes and extensions of stored ids are other ids.
        for id in ["id-1-", String(repeating: "x", count: 129), "id"] {
            let new = set.insert(id.utf8)
            #expect(new)
        }
    }

    @Test func reservedSetsBehaveTheSame() {
        var a = ByteSet(), b = ByteSet()
        b.reserve(100_000)
        for i in 0..<10_000 {
            let id = "r\(i % 7_000)"
            let (x, y) = (a.insert(id.utf8), b.insert(id.utf8))
            #expect(x == y)
        }
        #expect(a.count == 7_000 && b.count == 7_000)
    }

    @Test func numberedSetsGiveEachKeyItsFirstNumber() {
        var set = ByteSet.numbered()
        let keys = (0..<5_000).map { "r\($0 % 1_700)-" + String(repeating: "x", count: $0 % 200) }
        var first: [String: Int] = [:]
        for k in keys {
            let n = set.intern(k.utf8)
            if let seen = first[k] { #expect(n == seen) } else { #expect(n == first.count); first[k] = n }
        }
    }

    @Test func copiesAreIndependentValues() {
        // The slots are a shared table until a copy writes (copy on write):
        // sets large enough for a mapped table and small ones alike.
        for n in [100, 400_000] {
            var a = ByteSet.numbered()
            for i in 0..<n { _ = a.intern("k\(i)".utf8) }
            var b = a
            let added = b.insert("only-in-b".utf8)
            #expect(added && b.count == n + 1 && a.count == n)
            let inA = a.insert("only-in-b".utf8)
            #expect(inA, "a must not see b's key")
            #expect(a.intern("k7".utf8) == 7 && b.intern("k7".utf8) == 7)
        }
    }
}

