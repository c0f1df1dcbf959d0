import Foundation

/// Items done on every core, in any order, stopping at the first error,
/// which is thrown once every item already started has ended — so nothing
/// is still writing when the caller goes on to remove what they wrote into.
enum EveryCore {
    static func forEach(_ count: Int, _ body: @Sendable (Int) throws -> Void) throws {
        final class First: @unchecked Sendable {
            // `@unchecked`: `error` only under `lock`.
            let lock = NSLock()
            var error: (any Error)?
            var failed: Bool { lock.withLock { error != nil } }
            func keep(_ e: any Error) { lock.withLock { if error == nil { error = e } } }
        }
        let first = First()
        DispatchQueue.concurrentPerform(iterations: count) { i in
            guard !first.failed else { return }
            do { try body(i) } catch { first.keep(error) }
        }
        if let error = first.lock.withLock({ first.error }) { throw error }
    }
}
