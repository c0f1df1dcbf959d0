/// Strings joined into one new string of exactly their total size, each
/// part's UTF-8 copied once.
///
/// Pages build thousands of short strings from parts — paths
/// (`dia-phuong/<locality>/<official>/`), links (root + language + path),
/// theme keys (`standing_` + a status). Through interpolation or `+` each
/// part was a `String.append` of ~200 instructions (growth checks, a
/// reallocation when the first part had no room): ~11 % of the demo's page
/// models (callgrind, fifty-second session). Fewer parts are the same join
/// with empty ones, which copy nothing.
enum Concat {
    static func join(_ a: String, _ b: String, _ c: String = "", _ d: String = "", _ e: String = "") -> String {
        bytes(a) { a in bytes(b) { b in bytes(c) { c in bytes(d) { d in bytes(e) { e in
            String(unsafeUninitializedCapacity: a.count + b.count + c.count + d.count + e.count) { out in
                // Whole strings' bytes, so valid UTF-8 end to end.
                var at = 0
                func put(_ part: UnsafeBufferPointer<UInt8>) {
                    if let from = part.baseAddress, let to = out.baseAddress {
                        UnsafeMutableRawPointer(to + at).copyShort(from: UnsafeRawPointer(from), count: part.count)
                    }
                    at += part.count
                }
                put(a); put(b); put(c); put(d); put(e)
                return at
            }
        } } } } }
    }

    /// A part's bytes in place (a small string's on the stack).
    @inline(__always)
    private static func bytes<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let r = s.utf8.withContiguousStorageIfAvailable(body) { return r }
        var copy = s
        return copy.withUTF8(body)
    }
}
