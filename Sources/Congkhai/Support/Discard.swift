import Dispatch

/// Lets go of large values on another thread.
///
/// A national build ends holding the staging folder's digests (320,000
/// paths), the emitted files' fingerprints, the plan and the history's
/// changes. Torn down where they went out of scope — the end of
/// `SiteBuild.lockedRun`, on the main thread, with the other core idle —
/// their deinitialisers took ~0.3 s of the build's serial end (`perf`,
/// fifty-seventh session). Handed here, the last reference is dropped on a
/// background thread instead; the CLI exits without waiting for it, and
/// any other caller gets the memory back a moment later.
enum Discard {
    /// Holds the value until the background thread clears it.
    private final class Held<Value>: @unchecked Sendable {
        var value: Value?
        init(_ value: consuming Value) { self.value = value }
    }

    /// `value`'s references are released on a utility thread (its memory
    /// freed there when nothing else holds it). Safe for any value: a
    /// release is atomic, and an object someone else still holds lives on.
    static func later<Value>(_ value: consuming Value) {
        let held = Held(value)
        DispatchQueue.global(qos: .utility).async { held.value = nil }
    }
}
