import Testing
@testable import Congkhai

/// A large table is made resident on a thread of its own while it is
/// already in use (`SlotTable.populateFrom`): that thread must never change
/// a slot, and the table must go away cleanly whether it finished or not.
@Suite struct SlotTableTests {
    /// Slots written from the first instant, while the pages are still being
    /// populated, all read back; every other slot is still zero. A populating
    /// thread that wrote the memory (zeroing it, say) loses the early writes.
    @Test func writesDuringPopulationStay() {
        let count = 8 << 20  // 64 MB: well past `populateFrom`
        #expect(count * 8 >= SlotTable.populateFrom)
        let table = SlotTable(count: count)
        // Strided across every page, front to back (slots ≡ 0) and back
        // to front (slots ≡ 1), at once.
        let stride = 509
        var i = 0, j = (count - 2) / stride * stride + 1
        while i < count || j >= 1 {
            if i < count { table[i] = UInt64(i) | 1 << 63 }
            if j >= 1 { table[j] = UInt64(j) | 1 << 62 }
            i += stride
            j -= stride
        }
        var wrong = 0
        for k in 0..<count {
            let expected: UInt64 = k % stride == 0 ? UInt64(k) | 1 << 63 : k % stride == 1 ? UInt64(k) | 1 << 62 : 0
            if table[k] != expected { wrong += 1 }
        }
        #expect(wrong == 0)
    }

    /// Tables dropped at once, mid-population, and copies of them: no crash,
    /// no slot of a copy lost.
    @Test func droppedWhilePopulating() {
        for round in 0..<8 {
            let table = SlotTable(count: 4 << 20)
            table[round] = 7
            let copy = table.copy()
            #expect(copy[round] == 7)
            #expect(copy[round + 1] == 0)
        }
    }
}
