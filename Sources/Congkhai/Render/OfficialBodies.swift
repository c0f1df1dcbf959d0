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
    private let bodies: [ParkedText]
    /// The officials whose bodies could not be read back: the build must
    /// fail rather than publish a page without one.
    private let failure = Failure()

    /// Each official's body rendered and set aside, in order. A body whose
    /// parked Markdown cannot be read back counts as lost.
    public init(_ officials: [Official]) {
        var unread: Int?
        self.init(html: officials.enumerated().lazy.map { i, o -> String in
            guard let markdown = o.parkedBody else { unread = unread ?? i; return "" }
            return MarkdownRenderer.html(markdown)
        })
        if let unread { failure.set(unread) }
    }

    /// Bodies already rendered (tests give their own).
    init<S: Sequence>(html: S) where S.Element == String {
        let spool = Spool()
        bodies = html.map { ParkedText($0, in: spool) }
    }

    var count: Int { bodies.count }

    /// Body `i` ("" for none); "" too, noted in `lost`, when it cannot be read back.
    subscript(i: Int) -> String {
        guard let body = bodies[i].text else {
            failure.set(i)
            return ""
        }
        return body
    }

    /// The first official (province order) whose body could not be read
    /// back, nil while none: the error names that official's file.
    var lost: Int? { failure.first }

    private final class Failure: @unchecked Sendable {
        private let lock = NSLock()
        private var lowest: Int?
        func set(_ i: Int) { lock.withLock { lowest = min(lowest ?? i, i) } }
        var first: Int? { lock.withLock { lowest } }
    }
}
