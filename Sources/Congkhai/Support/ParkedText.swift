/// A text a build keeps for a later stage without holding it in memory:
/// either the `String` itself or its place in a `Spool` (decision 76).
///
/// An official's Markdown body is read at loading and used once, when its
/// HTML is rendered before the pages; held as strings, a country's bodies
/// stayed resident through every stage (~260 MB with 5 KB bodies:
/// BENCHMARKS.md, thirty-second session). Their HTML waits the same way
/// (`OfficialBodies`). A published comment keeps a narrower form of its
/// own (offset only, its length stored as 32 bits beside it): there are
/// millions, and each byte of one is megabytes of a national build.
struct ParkedText: Sendable {
    private enum Storage: Sendable {
        case inline(String)
        case spooled(Spool, offset: Int, count: Int)
    }

    private let storage: Storage

    init(_ text: String) { storage = .inline(text) }

    /// `text`'s bytes appended to `spool` (an empty text stays inline).
    init(_ text: String, in spool: Spool) {
        var t = text
        let count = t.utf8.count
        self.init(spooledIn: spool, offset: count == 0 ? 0 : t.withUTF8 { spool.append(UnsafeRawBufferPointer($0)) }, count: count)
    }

    /// The `count` bytes at `offset` in `spool`, appended there already.
    init(spooledIn spool: Spool, offset: Int, count: Int) {
        storage = count == 0 ? .inline("") : .spooled(spool, offset: offset, count: count)
    }

    /// The text; nil when its spooled copy cannot be read back.
    var text: String? {
        switch storage {
        case let .inline(s): return s
        case let .spooled(spool, offset, count): return spool.read(offset, count).map { String(decoding: $0, as: UTF8.self) }
        }
    }
}
