import Foundation

/// A piece of work that whichever of two threads reaches it first does,
/// once: the other passes it by.
///
/// The province's files run on a thread beside the pages; in a rebuild
/// most pages are kept, so the pages' threads finish first and sat idle
/// while that one thread made the open data after the search index and
/// feeds (~0.12 s of a province's one-file rebuild at ~1.1 cores). The
/// thread that ends its own work first takes the open data instead.
final class FirstTaker: @unchecked Sendable {
    // `@unchecked`: `taken` is read and written only under `lock`.
    private let lock = NSLock()
    private var taken = false

    /// True for the first caller only.
    func take() -> Bool {
        lock.withLock {
            defer { taken = true }
            return !taken
        }
    }
}
