import Foundation
import Testing
@testable import Congkhai

/// Pages, explanations and the criteria table are made on every core and
/// written in input order: which core finishes first must never show.
@Suite struct PipelinedMapTests {
    @Test(arguments: [1, 3, 7, 256])
    func valuesComeBackInInputOrder(chunk: Int) {
        var seen: [Int] = []
        PipelinedMap.run(count: 50, chunk: chunk, make: { i -> Int in
            // Later items finish first within a chunk.
            usleep(UInt32((50 - i) * 40))
            return i * i
        }) { i, value in
            #expect(value == i * i)
            seen.append(i)
        }
        #expect(seen == Array(0..<50))
    }

    @Test func nothingToDoConsumesNothing() {
        var consumed = 0
        PipelinedMap.run(count: 0, make: { $0 }) { _, _ in consumed += 1 }
        #expect(consumed == 0)
    }

    @Test func aThrowingConsumerStopsTheRun() {
        struct Stop: Error {}
        var consumed: [Int] = []
        #expect(throws: Stop.self) {
            try PipelinedMap.run(count: 20, chunk: 4, make: { $0 }) { i, _ in
                if i == 9 { throw Stop() }
                consumed.append(i)
            }
        }
        #expect(consumed == Array(0..<9))
    }

    /// When the consumer throws, no item is still being made once `run`
    /// has returned: the chunk in flight is waited for (a failed build
    /// tears down what `make` reads).
    @Test func nothingIsMadeAfterAThrowingRunReturns() {
        struct Stop: Error {}
        final class Count: @unchecked Sendable {
            let lock = NSLock()
            var made = 0
            func add() { lock.lock(); made += 1; lock.unlock() }
            var value: Int { lock.lock(); defer { lock.unlock() }; return made }
        }
        let count = Count()
        #expect(throws: Stop.self) {
            try PipelinedMap.run(count: 64, chunk: 16, make: { i -> Int in
                // The second chunk is slow: it is still being made when the first one's consumer throws.
                if i >= 16 { usleep(20_000) }
                count.add()
                return i
            }) { i, _ in
                if i == 0 { throw Stop() }
            }
        }
        let atReturn = count.value
        usleep(300_000)
        #expect(count.value == atReturn, "items were still being made after run returned")
        #expect(atReturn == 32)
    }
}

