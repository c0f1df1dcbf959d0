import Foundation

/// The officials' bodies as HTML, in province order, rendered once before
/// the pages (cmark-gfm one at a time, `MarkdownRenderer`) and parked in a
/// `Spool` until each official's pages read theirs back (decision 76's rule
/// for bytes a later stage needs but nothing looks at in between).
///
/// Held in memory they lasted the whole page stage: with 5 KB bodies a
/// national tree's were ~300 MB, and its peak passed 2 GiB (BENCHMARKS.md,
/// thirty-second session). Read back, a body costs a `pread` from the page
/// cache per page that shows it (an official's page in each language).
public struct OfficialBodies: Sendable {
    private let spool: Spool
    private let offsets: [Int]
    private let counts: [Int32]
    /// Set when a body could not be read back: the build must fail rather
    /// than publish a page without it.
    private let failure = Failure()

    /// Each official's body rendered and set aside, in order. A body whose
    /// parked Markdown cannot be read back counts as lost.
    public init(_ officials: [Official]) {
        var unread = false
        self.init(html: officials.lazy.map { o -> String in
            guard let markdown = o.parkedBody else { unread = true; return "" }
            return MarkdownRenderer.html(markdown)
        })
        if unread { failure.set() }
    }

    /// Bodies already rendered (tests give their own).
    init<S: Sequence>(html: S) where S.Element == String {
        let spool = Spool()
        var offsets: [Int] = [], counts: [Int32] = []
        for var body in html {
            // Lengths as 32 bits: an official's file is read whole, far below 2 GB.
            let n = body.utf8.count
            offsets.append(n == 0 ? 0 : body.withUTF8 { spool.append(UnsafeRawBufferPointer($0)) })
            counts.append(Int32(clamping: n))
        }
        (self.spool, self.offsets, self.counts) = (spool, offsets, counts)
    }

    var count: Int { offsets.count }

    /// Body `i` ("" for none); "" too, with `lost` set, when it cannot be read back.
    subscript(i: Int) -> String {
        let n = Int(counts[i])
        if n == 0 { return "" }
        guard let bytes = spool.read(offsets[i], n) else {
            failure.set()
            return ""
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// True once a body could not be read back.
    var lost: Bool { failure.isSet }

    private final class Failure: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        func set() { lock.withLock { value = true } }
        var isSet: Bool { lock.withLock { value } }
    }
}
