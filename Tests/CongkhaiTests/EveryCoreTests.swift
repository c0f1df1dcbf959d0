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

    /// Two items fail; the later one fails first in time: item 300 waits
    /// until item 900 has failed (a semaphore, not a sleep — a loaded CI
    /// machine once took more than 0.3 s for the 600 items between them).
    /// The earlier one's error is thrown, as on any machine. Needs a second
    /// core to run item 900 while item 300 waits.
    @Test(.enabled(if: ProcessInfo.processInfo.activeProcessorCount > 1))
    func theLowestFailingItemsErrorWhicheverFailsFirst() {
        let failedAt = Locked<[Int]>([])
        let nineHundredFailed = DispatchSemaphore(value: 0)
        #expect(throws: Stop(item: 300)) {
            try EveryCore.forEach(2_000) { i in
                if i == 300 {
                    let waited = nineHundredFailed.wait(timeout: .now() + 60)
                    #expect(waited == .success, "item 900 never ran while item 300 waited")
                    failedAt.update { $0.append(i) }
                    throw Stop(item: i)
                }
                if i == 900 {
                    failedAt.update { $0.append(i) }
                    nineHundredFailed.signal()
                    throw Stop(item: i)
                }
            }
        }
        #expect(failedAt.value == [900, 300], "the test's point: the later item failed first")
    }
}
