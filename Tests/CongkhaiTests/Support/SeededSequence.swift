/// A reproducible stream of small integers for tests that try many inputs
/// (Knuth's MMIX linear congruential generator, upper bits): the same seed
/// gives the same cases on every machine and every run.
struct SeededSequence {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    /// The next integer in `0..<bound` (`bound` > 0).
    mutating func next(_ bound: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(bound))
    }
}
