/// Strings joined into one new string of exactly their total size, each
/// part's UTF-8 copied once.
///
/// Pages build thousands of short strings from parts — paths
/// (`dia-phuong/<locality>/<official>/`), links (root + language + path),
/// theme keys (`standing_` + a status). Through interpolation or `+` each
/// part was a `String.append` of ~200 instructions (growth checks, a
/// reallocation when the first part had no room): ~11 % of the demo's page
/// models (callgrind, fifty-second session).
enum Concat {
    static func join(_ a: String, _ b: String) -> String {
        bytes(a) { a in bytes(b) { b in make(a.count + b.count) { put(a, $0, 0); put(b, $0, a.count) } } }
    }

    static func join(_ a: String, _ b: String, _ c: String) -> String {
        bytes(a) { a in bytes(b) { b in bytes(c) { c in
            make(a.count + b.count + c.count) { out in
                put(a, out, 0); put(b, out, a.count); put(c, out, a.count + b.count)
            }
        } } }
    }

    static func join(_ a: String, _ b: String, _ c: String, _ d: String) -> String {
        bytes(a) { a in bytes(b) { b in bytes(c) { c in bytes(d) { d in
            make(a.count + b.count + c.count + d.count) { out in
                put(a, out, 0); put(b, out, a.count); put(c, out, a.count + b.count); put(d, out, a.count + b.count + c.count)
            }
        } } } }
    }

    static func join(_ a: String, _ b: String, _ c: String, _ d: String, _ e: String) -> String {
        bytes(a) { a in bytes(b) { b in bytes(c) { c in bytes(d) { d in bytes(e) { e in
            make(a.count + b.count + c.count + d.count + e.count) { out in
                put(a, out, 0); put(b, out, a.count); put(c, out, a.count + b.count); put(d, out, a.count + b.count + c.count)
                put(e, out, a.count + b.count + c.count + d.count)
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

    @inline(__always)
    private static func put(_ part: UnsafeBufferPointer<UInt8>, _ out: UnsafeMutableBufferPointer<UInt8>, _ at: Int) {
        guard let from = part.baseAddress, let to = out.baseAddress, !part.isEmpty else { return }
        RenderBuffer.copy(UnsafeRawPointer(from), to: UnsafeMutableRawPointer(to + at), part.count)
    }

    /// The parts are whole strings' bytes, valid UTF-8 end to end.
    @inline(__always)
    private static func make(_ count: Int, _ fill: (UnsafeMutableBufferPointer<UInt8>) -> Void) -> String {
        String(unsafeUninitializedCapacity: count) { out in
            fill(out)
            return count
        }
    }
}
