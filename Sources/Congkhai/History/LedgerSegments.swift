import Foundation

/// Which of the ledger's entries go in which file of `data/ledger/`
/// (decision 117).
///
/// DESIGN.md lets `entries.jsonl` be split into numbered segments "when
/// large". A country's ledger is ~200 MB after its first build, and one
/// file meant every publishing build wrote, synced and hashed all of it
/// again, and every mirror and CDN moved all of it again, for a few new
/// lines. Entries are laid out greedily: a segment takes entries until it
/// holds at least `limit` bytes, and is then sealed — `entries-000001.jsonl`,
/// `entries-000002.jsonl`, … — and never written again (a build links it
/// from the published site). The entries after the last sealed segment are
/// the open tail, always `entries.jsonl`, so that every link to the ledger
/// (pages, frozen periods, mirrors, bookmarks) finds its newest entries,
/// and so that a ledger under `limit` is the one file it always was. The
/// names sort in entry order (`-` before `.`).
///
/// A segment is sealed only when an entry follows it: the tail is never
/// empty. The layout depends only on the lines' lengths and `limit`, so a
/// build that appends keeps every sealed segment of the last build's
/// layout, and a new `limit` lays the whole ledger out again.
struct LedgerSegments: Sendable, Equatable {
    /// 16 MiB: a country's first build makes about a dozen segments, and a
    /// nightly rewrites (and a mirror fetches) at most this much of them.
    static let defaultBytes = 16 << 20
    /// The smallest `limit` accepted from `CONGKHAI_LEDGER_SEGMENT_BYTES`.
    static let minimumBytes = 1_024
    static let folder = "data/ledger/"
    static let tail = "entries.jsonl"

    /// One file of the layout: its path in the site and the entries (by
    /// position, from 0) it holds.
    struct File: Sendable, Equatable {
        var path: String
        var entries: Range<Int>
        var sealed: Bool
    }

    /// The sealed segments in order, then the tail.
    private(set) var files: [File] = []

    /// The file name of the sealed segment `number` (from 1): six digits,
    /// more only past 999,999 segments.
    static func segmentName(_ number: Int) -> String {
        let digits = String(number)
        return "entries-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits + ".jsonl"
    }

    /// The segment number of a file name, or nil when it is not a segment's
    /// name (`entries-` then digits then `.jsonl`).
    static func segmentNumber(_ name: String) -> Int? {
        guard name.hasPrefix("entries-"), name.hasSuffix(".jsonl") else { return nil }
        let digits = name.dropFirst("entries-".count).dropLast(".jsonl".count)
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(digits)
    }

    /// The layout of entries whose lines (each with its newline) are
    /// `lengths` bytes long, in order.
    init(lengths: [Int], limit: Int) {
        var start = 0, size = 0
        for (i, length) in lengths.enumerated() {
            if size >= limit {
                files.append(File(path: LedgerSegments.folder + LedgerSegments.segmentName(files.count + 1), entries: start..<i, sealed: true))
                start = i
                size = 0
            }
            size += length
        }
        files.append(File(path: LedgerSegments.folder + LedgerSegments.tail, entries: start..<lengths.count, sealed: false))
    }

    /// The limit a build uses: `CONGKHAI_LEDGER_SEGMENT_BYTES` when it is a
    /// whole number of at least `minimumBytes`, else `defaultBytes`.
    static func limit(environment: [String: String]) -> Int {
        guard let text = environment["CONGKHAI_LEDGER_SEGMENT_BYTES"], let n = Int(text), n >= minimumBytes else { return defaultBytes }
        return n
    }
}
