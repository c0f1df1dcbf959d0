/// A strings table (one language of a theme's `strings.yaml`) looked up by
/// its keys' UTF-8 bytes in a `ByteTable`.
///
/// A page looks up hundreds of words by key (labels, phrases, input names);
/// through `[String: String]` each lookup hashed the key with SipHash and
/// compared it through `String`'s generic equality: ~8 % of the demo's
/// page models (callgrind, fifty-second session). Made once per language
/// (`Display.Tables`); answers exactly what the dictionary answers.
struct StringTable: Sendable {
    private let index: ByteTable
    private let values: [String]

    init(_ table: [String: String] = [:]) {
        // Sorted: the same strings make the same table on every build.
        let entries = table.sorted { $0.key < $1.key }
        index = ByteTable(entries.enumerated().map { ($0.element.key, $0.offset) })
        values = entries.map(\.value)
    }

    var isEmpty: Bool { values.isEmpty }

    subscript(key: String) -> String? {
        let found = key.utf8.withContiguousStorageIfAvailable { index.lookup($0) }
            ?? Array(key.utf8).withUnsafeBufferPointer { index.lookup($0) }
        return found.map { values[$0] }
    }
}
