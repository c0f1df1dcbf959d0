import Foundation

/// The published comments of an ingest as `FeedbackAccumulator.finish`
/// sorts and groups them: fixed-size records and one block of id bytes,
/// never a `PublishedComment` each.
///
/// Why: a `PublishedComment` is 80 bytes, and its id an allocation of its
/// own when longer than 15 bytes; all of a country's published comments are
/// loaded at once to be sorted newest first (decision 95), and that moment
/// was the build's highest point — 6 million comments with 30-byte row ids
/// took a first build from 1,093 to 1,760 MB and a nightly to 1.92 GB
/// (BENCHMARKS.md, forty-first session). A record is 56 bytes and its id
/// bytes sit in the block (the category's too, for the rare one without an
/// interned number); only the comments a scope keeps (`CommentGroups.kept`)
/// are made `PublishedComment`s, with ids of their own (decision 125).
///
/// `@unchecked Sendable`: the records are sorted before the object is
/// shared and only read after; the block is written while loading only and
/// freed with the object, which outlives every pointer into it (each
/// record's `id` points there).
final class LoadedComments: @unchecked Sendable {
    struct Record {
        /// The id's first byte in `block` (then the exotic category's bytes).
        var id: UnsafePointer<UInt8>
        /// The fixed fields as spilled.
        var head: CommentSpill.Head
    }

    private(set) var records: [Record] = []
    private let block: UnsafeMutableRawBufferPointer
    private var used = 0
    let categoryNames: [String]
    let texts: Spool

    /// `capacity`: at least the id and category bytes to come (the records'
    /// spool size bounds them; pages never written are never resident).
    init(capacity: Int, reserve: Int, categoryNames: [String], texts: Spool) {
        block = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, capacity), alignment: 8)
        records.reserveCapacity(reserve)
        self.categoryNames = categoryNames
        self.texts = texts
    }

    deinit { block.deallocate() }

    var count: Int { records.count }

    /// Adds the record `make` returns for the id (then exotic category)
    /// bytes `bytes`, given where they now are; false when they do not fit
    /// (a spool that grew since `capacity` was read).
    func append(_ bytes: UnsafeRawBufferPointer, _ make: (UnsafePointer<UInt8>) -> Record) -> Bool {
        guard bytes.count <= block.count - used, let base = block.baseAddress else { return false }
        if let from = bytes.baseAddress { (base + used).copyMemory(from: from, byteCount: bytes.count) }
        records.append(make(UnsafePointer((base + used).assumingMemoryBound(to: UInt8.self))))
        used += bytes.count
        return true
    }

    /// Newest first, then by id bytes (`UTF8Order`): ids are unique, so the
    /// order is total and the one `PublishedComment`s sorted alike would have.
    enum NewestFirst: InPlaceSort.Order {
        static func less(_ a: Record, _ b: Record) -> Bool {
            if a.head.date != b.head.date { return a.head.date > b.head.date }
            let n = Int(min(a.head.idLength, b.head.idLength))
            if n > 0 {
                let c = memcmp(a.id, b.id, n)
                if c != 0 { return c < 0 }
            }
            return a.head.idLength < b.head.idLength
        }
    }

    func sortNewestFirst(lanes: Int) {
        InPlaceSort.sort(&records, lanes: lanes, by: NewestFirst.self)
    }

    /// The comment at `i` as a group reads it (no copy of the record's id).
    func item(_ i: Int) -> Item { Item(record: records[i], owner: self) }

    /// The comment at `i` made whole, its id in storage of its own.
    func comment(_ i: Int) -> PublishedComment { item(i).kept() }

    struct Item: GroupedComment {
        let record: Record
        /// Not retained: an item lives only inside a loop over its owner's records.
        unowned(unsafe) let owner: LoadedComments

        var textHash: UInt64 { record.head.textHash }
        var textLength: Int { Int(record.head.textLength) }
        var locality: Int { Int(record.head.locality) }
        var official: Int? { record.head.official < 0 ? nil : Int(record.head.official) }
        var kind: FeedbackKind { record.head.feedbackKind }

        var category: String {
            let i = Int(record.head.category)
            if i >= 0, i < owner.categoryNames.count { return owner.categoryNames[i] }
            let bytes = UnsafeBufferPointer(start: record.id + Int(record.head.idLength), count: Int(record.head.categoryLength))
            return String(decoding: bytes, as: UTF8.self)
        }

        var text: String {
            owner.texts.read(Int(record.head.textOffset), Int(record.head.textLength)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        }

        func kept() -> PublishedComment {
            PublishedComment(
                id: String(decoding: UnsafeBufferPointer(start: record.id, count: Int(record.head.idLength)), as: UTF8.self),
                date: Day(ordinal: Int(record.head.date)), locality: locality, official: official, kind: kind, category: category,
                complaint: record.head.standing,
                spooledText: owner.texts, offset: Int(record.head.textOffset), length: Int(record.head.textLength), hash: record.head.textHash)
        }
    }
}

/// What `CommentGroups` reads of a comment: a loaded record
/// (`LoadedComments.Item`) or a whole `PublishedComment`, grouped by one rule.
protocol GroupedComment: SendableMetatype {
    var textHash: UInt64 { get }
    var textLength: Int { get }
    var locality: Int { get }
    var official: Int? { get }
    var kind: FeedbackKind { get }
    /// Read only when the text's hash and length match a group's.
    var category: String { get }
    var text: String { get }
    /// The comment as a group keeps it, its id in storage of its own.
    func kept() -> PublishedComment
}

extension PublishedComment: GroupedComment {
    func kept() -> PublishedComment { detached() }
}
