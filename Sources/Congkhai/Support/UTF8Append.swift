extension Array where Element == UInt8 {
    /// A string's UTF-8 bytes appended in one copy. Without this overload,
    /// `bytes.append(contentsOf: s.utf8)` — written ~70 times across the
    /// renderers, tables and JSON — takes the standard library's generic
    /// `Sequence` path, ~200 instructions a call for a short string (the
    /// demo build made 100,000 such calls; callgrind, fiftieth session).
    /// Being concrete, this one is chosen over the generic method wherever
    /// the argument is a `String.UTF8View`; the bytes are the same.
    @inline(__always)
    mutating func append(contentsOf utf8: String.UTF8View) {
        let done: Void? = utf8.withContiguousStorageIfAvailable { append(contentsOf: $0) }
        if done == nil {
            var s = String(utf8)
            s.withUTF8 { append(contentsOf: $0) }
        }
    }
}
