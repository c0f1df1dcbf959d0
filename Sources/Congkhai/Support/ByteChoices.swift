import Foundation

/// A handful of byte strings (an enum's raw values: `rating`, `complaint`,
/// `suggestion`), matched by length then bytes in one short scan.
///
/// Every feedback row names four such values (channel, kind, respondent
/// kind, status); a `ByteTable` hashed each byte of each one first, which
/// for keys of 4–11 bytes among at most six choices costs more than
/// comparing them. A choice of up to 16 bytes is kept as its two leading
/// words and compared as two integers (`leadingWords`): as arrays of bytes
/// compared with `memcmp`, a lookup was ~75 instructions and a uniqueness
/// check of the runtime, 4 % of a 1M-row `score` (callgrind, fifty-sixth
/// session).
struct ByteChoices: Sendable {
    private struct Choice: Sendable {
        var count: Int
        var first: UInt64
        var second: UInt64
        /// The next choice of the same length (-1: none).
        var next: Int
        /// The bytes of a choice longer than 16 (none of today's enums has one).
        var long: [UInt8]?
    }

    private let choices: [Choice]
    /// Per key length 0...16, the first choice of that length (-1: none):
    /// most keys are compared with one choice, or none.
    private let byLength: [Int]

    init(_ values: [String]) {
        var choices: [Choice] = []
        var byLength = [Int](repeating: -1, count: 17)
        for value in values {
            let bytes = Array(value.utf8)
            let (first, second) = bytes.withUnsafeBufferPointer { $0.leadingWords }
            choices.append(Choice(count: bytes.count, first: first, second: second, next: -1, long: bytes.count > 16 ? bytes : nil))
        }
        // Chained from the last, so a length's first choice is its earliest (the index a scan would find).
        for i in choices.indices.reversed() where choices[i].count <= 16 {
            choices[i].next = byLength[choices[i].count]
            byLength[choices[i].count] = i
        }
        self.choices = choices
        self.byLength = byLength
    }

    /// The index of the choice equal to `key`, nil when none is.
    func lookup(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
        guard key.count <= 16 else {
            return choices.firstIndex { $0.long.map { $0.elementsEqual(key) } ?? false }
        }
        var i = byLength[key.count]
        guard i >= 0 else { return nil }
        let (first, second) = key.leadingWords
        while i >= 0 {
            if choices[i].first == first, choices[i].second == second { return i }
            i = choices[i].next
        }
        return nil
    }
}
