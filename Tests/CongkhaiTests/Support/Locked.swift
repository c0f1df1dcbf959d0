import Foundation

/// A value tests collect from several threads (an `emit` called on every core).
final class Locked<Value>: @unchecked Sendable {
    // `@unchecked`: `stored` only under `lock`.
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    func update(_ body: (inout Value) -> Void) { lock.withLock { body(&stored) } }
    var value: Value { lock.withLock { stored } }
}
