import Dispatch

/// Work spread over every core a chunk at a time and handed back in input
/// order: while the caller consumes one chunk (writing files into the
/// staging folder, hashing them), the next is made on every core. Output
/// never depends on which core finished first, and at most two chunks are
/// held at once, so memory does not grow with the count.
enum PipelinedMap {
    static func run<Value>(count: Int, chunk: Int = 256, make: @escaping @Sendable (Int) -> Value,
                           consume: (Int, Value) throws -> Void) rethrows {
        func start(_ first: Int) -> (first: Int, slots: Slots<Value>, done: DispatchGroup)? {
            guard first < count else { return nil }
            let end = min(count, first + chunk)
            let slots = Slots<Value>(count: end - first)
            let done = DispatchGroup()
            DispatchQueue.global().async(group: done) {
                DispatchQueue.concurrentPerform(iterations: end - first) { i in slots.set(i, make(first + i)) }
            }
            return (first, slots, done)
        }
        var next = start(0)
        // A `consume` that throws (a full disk) leaves the next chunk still
        // being made on other threads, reading what the caller is about to
        // tear down: it finishes before the error leaves, or a failed build
        // could crash on its way out (CI's full-disk fault test did).
        defer { next?.done.wait() }
        while let current = next {
            current.done.wait()
            next = start(current.first + chunk)
            for (i, value) in current.slots.values.enumerated() { try consume(current.first + i, value) }
        }
    }
}
