import Foundation

/// Which of the ledger's entries go in which file of `data/ledger/`
/// (decisions 117 and 118).
///
/// DESIGN.md: `entries.jsonl` "may be split into numbered segments
/// `entries-000001.jsonl`, … when large, in order". A country's ledger is
/// ~200 MB after its first build, and one file meant every publishing
/// build wrote, synced and hashed all of it again, and every mirror and CDN
/// moved all of it again, for a few new lines. Entries are laid out
/// greedily: a segment takes entries until it holds at least `limit`
/// bytes, and is then sealed and never written again (a build links it
/// from the published site). A ledger under `limit` is the one file
/// `entries.jsonl` it always was; a split ledger is its numbered segments
/// alone, the last of them open — read literally, the contract's split
/// leaves no `entries.jsonl` beside the segments, so a verifier that reads
/// `entries-*.jsonl` in order when there are any, or every `entries*.jsonl`
/// sorted, or the segments then `entries.jsonl`, reads the same chain
/// (decision 118; decision 117 kept the open tail as `entries.jsonl`).
/// A segment's name, once published, always starts at the same entry:
/// only `entries.jsonl` goes, once, when the ledger is first split.
///
/// A segment is sealed only when an entry follows it: the open file is
/// never empty. The layout depends only on the lines' lengths and `limit`,
/// so a build that appends keeps every sealed segment of the last build's
/// layout, and a new `limit` lays the whole ledger out again.
struct LedgerSegments: Sendable, Equatable {
    /// 16 MiB: a country's first build makes about a dozen segments, and a
    /// nightly rewrites (and a mirror fetches) at most this much of them.
    static let defaultBytes = 16 << 20
    /// The smallest `limit` accepted from `CONGKHAI_LEDGER_SEGMENT_BYTES`.
    static let minimumBytes = 1_024
    static let folder = "data/ledger/"
    /// The name of a ledger that is not split.
    static let single = "entries.jsonl"

    /// One file of the layout: its path in the site and the entries (by
    /// position, from 0) it holds.
    struct File: Sendable, Equatable {
        var path: String
        var entries: Range<Int>
        var sealed: Bool
    }

    /// The sealed segments in order, then the open file: `entries.jsonl`
    /// when nothing is sealed, else the next numbered segment.
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
        let open = files.isEmpty ? LedgerSegments.single : LedgerSegments.segmentName(files.count + 1)
        files.append(File(path: LedgerSegments.folder + open, entries: start..<lengths.count, sealed: false))
    }

    /// The limit a build uses: `CONGKHAI_LEDGER_SEGMENT_BYTES` when it is a
    /// whole number of at least `minimumBytes`, else `defaultBytes`.
    static func limit(environment: [String: String]) -> Int {
        guard let text = environment["CONGKHAI_LEDGER_SEGMENT_BYTES"], let n = Int(text), n >= minimumBytes else { return defaultBytes }
        return n
    }
}
