/// An append-only list kept in fixed-size chunks, made one array once.
///
/// Why: a Swift array that outgrows its buffer copies itself into one twice
/// as large and, for that moment, holds both. The ingest appends a rating
/// record (28 bytes) per rating with a respondent until its last row, when
/// the row-id set and the respondents are at their largest; it used to
/// reserve room from a guess of the rows (the files' size / 120 bytes), and
/// exports of shorter rows would have outgrown it and doubled at the worst
/// moment. Chunks never move; `flatten`, called once the id set is freed,
/// builds the one array the in-place sort needs chunk by chunk, freeing each
/// as it is copied, so the overlap is one chunk.
struct ChunkedArray<Element> {
    /// Elements a chunk: a few megabytes for the values appended here, so
    /// the overlap is noise and the chunk list stays short.
    static var chunkCapacity: Int { 1 << 16 }

    private var full: [[Element]] = []
    private var current: [Element] = []
    private(set) var count = 0

    init() {}

    var isEmpty: Bool { count == 0 }

    mutating func append(_ element: Element) {
        if current.count == Self.chunkCapacity {
            full.append(current)
            current = []
        }
        if current.isEmpty { current.reserveCapacity(Self.chunkCapacity) }
        current.append(element)
        count += 1
    }

    /// Every element in the order appended, as one array of exactly `count`;
    /// the list is empty afterwards.
    mutating func flatten() -> [Element] {
        var all: [Element] = []
        all.reserveCapacity(count)
        // Oldest first; each chunk's storage goes as soon as it is copied.
        var chunks = full
        full = []
        for i in chunks.indices {
            all.append(contentsOf: chunks[i])
            chunks[i] = []
        }
        all.append(contentsOf: current)
        current = []
        count = 0
        return all
    }
}
