import Foundation
import Testing
@testable import Congkhai

/// The open data goes to whichever thread reaches it first (`SiteRenderer.render`):
/// exactly one caller of `take` is told to do it, however many race for it.
@Suite struct FirstTakerTests {
    @Test func exactlyOneOfManyRacingCallersTakesIt() {
        for _ in 0..<50 {
            let taker = FirstTaker()
            let taken = Slots<Bool>(count: 8)
            DispatchQueue.concurrentPerform(iterations: 8) { i in taken.set(i, taker.take()) }
            #expect((0..<8).filter { taken.value($0) == true }.count == 1)
            #expect(!taker.take())
        }
    }
}
