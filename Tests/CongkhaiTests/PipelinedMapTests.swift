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
}
