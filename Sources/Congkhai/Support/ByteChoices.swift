import Foundation

/// A handful of byte strings (an enum's raw values: `rating`, `complaint`,
/// `suggestion`), matched by length then bytes in one short scan.
///
/// Every feedback row names four such values (channel, kind, respondent
/// kind, status); a `ByteTable` hashed each byte of each one first, which
/// for keys of 4–11 bytes among at most six choices costs more than
/// comparing them.
struct ByteChoices: Sendable {
    private let choices: [[UInt8]]

    init(_ values: [String]) {
        choices = values.map { Array($0.utf8) }
    }

    /// The index of the choice equal to `key`, nil when none is.
    func lookup(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
        for (i, c) in choices.enumerated() where c.count == key.count {
            if c.isEmpty { return i }
            let equal = c.withUnsafeBufferPointer { cb in
                guard let a = cb.baseAddress, let b = key.baseAddress else { return false }
                return memcmp(a, b, key.count) == 0
            }
            if equal { return i }
        }
        return nil
    }
}
