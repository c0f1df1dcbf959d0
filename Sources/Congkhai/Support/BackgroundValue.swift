import Foundation

/// A value computed on a thread of its own from the moment it is created;
/// `value` waits for it. For serial work (cmark-gfm's bodies) that can run
/// beside a stage instead of before the next one.
final class BackgroundValue<Value: Sendable>: @unchecked Sendable {
    // `@unchecked`: `result` is written once, before `done` is signalled,
    // and read only after waiting for it.
    private var result: Value?
    private let done = DispatchSemaphore(value: 0)

    init(_ make: @escaping @Sendable () -> Value) {
        Thread.detachNewThread { [self] in
            result = make()
            done.signal()
        }
    }

    /// The value, once made. Every call waits on the semaphore and hands it
    /// on, so each read happens after the write, from any thread.
    var value: Value {
        done.wait()
        defer { done.signal() }
        guard let result else { preconditionFailure("BackgroundValue signalled before its value was set") }
        return result
    }
}
