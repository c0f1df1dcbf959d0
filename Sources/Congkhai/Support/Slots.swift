import Foundation

/// One result slot per `DispatchQueue.concurrentPerform` iteration, so work
/// spread over every core comes back in input order (output never depends
/// on which core finished first). `@unchecked Sendable`: every access holds
/// the lock.
final class Slots<Value>: @unchecked Sendable {
    private var slots: [Value?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ value: Value) {
        lock.lock()
        slots[i] = value
        lock.unlock()
    }

    /// The values set, in slot order (unset slots are skipped).
    var values: [Value] {
        lock.lock()
        defer { lock.unlock() }
        return slots.compactMap { $0 }
    }

    func value(_ i: Int) -> Value? {
        lock.lock()
        defer { lock.unlock() }
        return slots[i]
    }
}
