import Foundation

/// Items done on every core, in any order. An item that throws stops the
/// items after it from starting; every item before it is still done, and
/// the error of the lowest item that threw is thrown once every started
/// item has ended — so nothing is still writing when the caller goes on to
/// remove what they wrote into, and the message names the same file
/// whichever core failed first (a build's output, messages included, must
/// not depend on thread timing: decision 104).
enum EveryCore {
    static func forEach(_ count: Int, _ body: @Sendable (Int) throws -> Void) throws {
        final class Lowest: @unchecked Sendable {
            // `@unchecked`: `item` and `error` only under `lock`.
            let lock = NSLock()
            var item = Int.max
            var error: (any Error)?
            func isBefore(_ i: Int) -> Bool { lock.withLock { i < item } }
            func keep(_ i: Int, _ e: any Error) { lock.withLock { if i < item { item = i; error = e } } }
        }
        let lowest = Lowest()
        DispatchQueue.concurrentPerform(iterations: count) { i in
            guard lowest.isBefore(i) else { return }
            do { try body(i) } catch { lowest.keep(i, error) }
        }
        if let error = lowest.lock.withLock({ lowest.error }) { throw error }
    }
}
