import Foundation
import Testing
@testable import Congkhai

/// The data stage writes its copies on every core: every item once, and an
/// item's error stops the rest and is thrown after every started item ended.
@Suite struct EveryCoreTests {
    struct Stop: Error, Equatable { var item: Int }

    @Test func everyItemOnceOrTheFirstErrorAfterTheRestEnded() throws {
        let done = Locked<[Int]>([])
        try EveryCore.forEach(2_000) { i in done.update { $0.append(i) } }
        #expect(done.value.sorted() == Array(0..<2_000))

        let started = Locked<Int>(0), ended = Locked<Int>(0)
        #expect(throws: Stop(item: 100)) {
            try EveryCore.forEach(100_000) { i in
                started.update { $0 += 1 }
                defer { ended.update { $0 += 1 } }
                if i == 100 { throw Stop(item: 100) }
                Thread.sleep(forTimeInterval: 0.000_05)
            }
        }
        #expect(started.value == ended.value, "an item still running after the error was thrown")
        #expect(started.value < 100_000, "items kept being started after the error")
    }

    /// Two items fail; the later one fails first in time (the earlier one
    /// is slow). The earlier one's error is thrown, as on any machine.
    @Test func theLowestFailingItemsErrorWhicheverFailsFirst() {
        let failedAt = Locked<[Int]>([])
        #expect(throws: Stop(item: 300)) {
            try EveryCore.forEach(2_000) { i in
                if i == 300 {
                    Thread.sleep(forTimeInterval: 0.3)
                    failedAt.update { $0.append(i) }
                    throw Stop(item: i)
                }
                if i == 900 {
                    failedAt.update { $0.append(i) }
                    throw Stop(item: i)
                }
                Thread.sleep(forTimeInterval: 0.000_05)
            }
        }
        #expect(failedAt.value.first == 900, "the test's point: the later item failed first (\(failedAt.value))")
    }
}
