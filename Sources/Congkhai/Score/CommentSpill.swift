/// Published comments set aside on disk while the ingest runs, loaded
/// back as compact records (`LoadedComments`) in `FeedbackAccumulator.finish`.
///
/// Why: the ingest's memory peak is its last row, when the row-id set and
/// the respondents are at their largest; comments kept in memory (80 bytes
/// each) added to that peak in proportion to how many people agreed to
/// publish — a 2.6 GB tree where three rows in ten carry a published
/// comment peaked at 1.85 GB, ~385 MB of it comments. `finish` runs after
/// the row-id set and respondents are freed, so the same comments loaded
/// there do not raise the build's peak. Each comment is a small record
/// (fixed fields, the id's bytes, the category's only when it has no
/// interned number) in an unlinked temporary file (`Spool`); the text is
/// already in its own spool.
struct CommentSpill {
    /// The fixed part of a record, as stored (and as `LoadedComments` keeps it).
    struct Head {
        var textOffset: Int64
        var textHash: UInt64
        var date: Int32
        var locality: Int32
        var official: Int32
        var textLength: Int32
        /// The interned category's number, −1 for a category without one
        /// (its bytes follow the id's).
        var category: Int32
        var idLength: Int32
        var categoryLength: Int32
        var kind: UInt8
        /// 0: none, else 1 + the standing's index in `ComplaintStanding.allCases`.
        var complaint: UInt8

        /// `kind` read back (the encoding is `append`'s, beside it).
        var feedbackKind: FeedbackKind {
            let kinds = FeedbackKind.allCases
            return kinds[min(Int(kind), kinds.count - 1)]
        }

        /// `complaint` read back.
        var standing: ComplaintStanding? {
            let standings = ComplaintStanding.allCases, i = Int(complaint) - 1
            return i >= 0 && i < standings.count ? standings[i] : nil
        }
    }

    private let records: Spool
    private var pending: [UInt8] = []
    private(set) var count = 0

    /// `records`: where they go (a test passes one that cannot make a file).
    init(records: Spool = Spool()) {
        self.records = records
    }

    /// Sets a comment aside; its text is already at `textOffset` in the texts' spool.
    mutating func append(id: String, date: Day, locality: Int, official: Int?, kind: FeedbackKind,
                         category: Int?, categoryText: String, complaint: ComplaintStanding?,
                         textOffset: Int, textLength: Int, textHash: UInt64) {
        var id = id
        var exotic = category == nil ? categoryText : ""
        let idCount = id.utf8.count
        let categoryCount = exotic.utf8.count
        var head = Head(textOffset: Int64(textOffset), textHash: textHash, date: Int32(truncatingIfNeeded: date.ordinal),
                        locality: Int32(truncatingIfNeeded: locality), official: Int32(truncatingIfNeeded: official ?? -1),
                        textLength: Int32(truncatingIfNeeded: textLength), category: Int32(truncatingIfNeeded: category ?? -1),
                        idLength: Int32(truncatingIfNeeded: idCount), categoryLength: Int32(truncatingIfNeeded: categoryCount),
                        kind: UInt8(truncatingIfNeeded: FeedbackKind.allCases.firstIndex(of: kind) ?? 0),
                        complaint: complaint.flatMap { c in ComplaintStanding.allCases.firstIndex(of: c).map { UInt8($0 + 1) } } ?? 0)
        withUnsafeBytes(of: &head) { pending.append(contentsOf: $0) }
        id.withUTF8 { pending.append(contentsOf: $0) }
        exotic.withUTF8 { pending.append(contentsOf: $0) }
        count += 1
        if pending.count >= 1 << 16 { flush() }
    }

    private mutating func flush() {
        guard !pending.isEmpty else { return }
        pending.withUnsafeBytes { _ = records.append($0) }
        pending.removeAll(keepingCapacity: true)
    }

    /// Every comment in the order appended, made whole; nil when the
    /// records cannot be read back. (The build groups them from `loaded`.)
    mutating func load(categoryNames: [String], texts: Spool) -> [PublishedComment]? {
        guard let loaded = loaded(categoryNames: categoryNames, texts: texts) else { return nil }
        return (0..<loaded.count).map(loaded.comment)
    }

    /// Every comment in the order appended, as compact records
    /// (`LoadedComments`); nil when the records cannot be read back (the
    /// build must fail rather than publish pages without comments).
    /// `categoryNames`: the interner's names, which a comment's category
    /// refers to by number; `texts`: where the texts are.
    mutating func loaded(categoryNames: [String], texts: Spool) -> LoadedComments? {
        flush()
        // Every id and exotic category byte is in the records' spool: its
        // size bounds the block (the heads' share of it is never touched).
        let loaded = LoadedComments(capacity: records.count, reserve: count, categoryNames: categoryNames, texts: texts)
        let headSize = MemoryLayout<Head>.size
        // A record may straddle two chunks: what is left of one goes before the next.
        var carry: [UInt8] = []
        var malformed = false
        do {
            try records.forEachChunk { chunk in
                carry.append(contentsOf: chunk)
                var at = 0
                carry.withUnsafeBytes { raw in
                    while !malformed, raw.count - at >= headSize {
                        let head = raw.loadUnaligned(fromByteOffset: at, as: Head.self)
                        let idCount = Int(head.idLength), categoryCount = Int(head.categoryLength)
                        guard idCount >= 0, categoryCount >= 0 else { malformed = true; break }
                        let end = at + headSize + idCount + categoryCount
                        guard end <= raw.count else { break }
                        let bytes = UnsafeRawBufferPointer(rebasing: raw[(at + headSize)..<end])
                        let added = loaded.append(bytes) { id in LoadedComments.Record(id: id, head: head) }
                        guard added else { malformed = true; break }
                        at = end
                    }
                }
                carry.removeFirst(at)
            }
        } catch {
            return nil
        }
        guard !malformed, carry.isEmpty, loaded.count == count else { return nil }
        return loaded
    }
}
