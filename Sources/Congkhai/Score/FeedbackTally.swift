/// Feedback reduced to the numbers scoring and summaries need.
///
/// Built by `FeedbackAccumulator` while rows stream past; holds counts and
/// sums, never the rows.
public struct FeedbackTally: Sendable {
    /// Respondent kinds in a fixed order; slot 4 is "not given".
    public static let kindSlots = RespondentKind.allCases.count + 1
    /// The slots of rows without a channel or a respondent kind (after the cases').
    static let noChannel = FeedbackChannel.allCases.count
    static let noRespondentKind = RespondentKind.allCases.count

    /// Deduplicated in-window ratings of one official, per respondent-kind slot.
    public struct RatingSums: Sendable {
        public var count = SmallCounts(count: FeedbackTally.kindSlots)
        /// Exact sums: independent of order, so output stays byte-identical
        /// however rows are hashed, and never rounded.
        public var sums = [ExactSum](repeating: ExactSum(), count: FeedbackTally.kindSlots)

        public func count(of kinds: [RespondentKind]) -> Int {
            kinds.reduce(0) { $0 + count[FeedbackTally.slot($1)] }
        }

        public func exactSum(of kinds: [RespondentKind]) -> ExactSum {
            var s = ExactSum()
            for k in kinds { s.add(sums[FeedbackTally.slot(k)]) }
            return s
        }

        public func sum(of kinds: [RespondentKind]) -> Rational { exactSum(of: kinds).value }
    }

    /// Complaints of one official counted by `complaint_resolution`.
    public struct Complaints: Sendable {
        /// Due on or before D, not rejected, with a due date.
        public var counted = 0
        public var resolvedOnTime = 0
        public var resolvedLate = 0
        public var unresolved = 0
        /// Left out: rejected, no due date, or due after D.
        public var rejected = 0
        public var noDue = 0
        public var notYetDue = 0
    }

    /// Counts for summaries (in-window rows, before rating deduplication).
    public struct Summary: Sendable, Equatable {
        public var rows = 0
        public var byKind = SmallCounts(count: FeedbackKind.allCases.count)
        public var byChannel = SmallCounts(count: FeedbackChannel.allCases.count + 1)
        public var byRespondentKind = SmallCounts(count: FeedbackTally.kindSlots)
        public var ratingCount = 0
        public var ratingSum = ExactSum()
        public var ratingMean: Rational? { ratingCount == 0 ? nil : ratingSum.value / ratingCount }
        /// Ratings rounded to whole stars 1…5 (index 0 = 1 star).
        public var ratingHistogram = SmallCounts(count: 5)
        public var complaintsOpen = 0
        public var complaintsResolved = 0
        public var complaintsResolvedOnTime = 0
        public var complaintsResolvedLate = 0
        /// Resolved, but without a due date to judge timeliness by.
        public var complaintsResolvedNoDue = 0
        public var complaintsRejected = 0
        /// Open past their due date at D.
        public var complaintsOverdue = 0
        /// Days from receipt to resolution → count, for the median.
        public var resolveDays = CountMap()
        /// Category id (see `FeedbackTally.categoryNames`) → count.
        public var categories = CountMap()
        /// (category id, days to resolve) → count, for the median per
        /// category: one map keyed `category << 32 | days` rather than a map
        /// per category (days never reach 2³², dates being four-digit years).
        var categoryResolveDays = CountMap()
        /// Month (`year × 12 + month − 1`) → rows received that month.
        public var byMonth = CountMap()
        public var complaints: Int { complaintsOpen + complaintsResolved + complaintsRejected }

        /// Median days to resolve, nil without resolved complaints.
        public var medianResolveDays: Rational? { resolveDays.median }

        /// Median days to resolve the complaints of one category.
        public func medianResolveDays(category: Int) -> Rational? {
            CountMap.median(categoryResolveDays.pairs(in: (category << 32)..<((category + 1) << 32)), base: category << 32)
        }

        /// Categories by count descending, then by name.
        public func topCategories(_ n: Int, names: [String]) -> [(String, Int)] {
            let named = categories.pairs.map { (names.indices.contains($0.key) ? names[$0.key] : "", $0.count) }
            return Array(named.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : UTF8Order.precedes($0.0, $1.0) }.prefix(n))
        }

        /// Adds every count of `other`: a locality's summary is its own rows'
        /// plus its officials' (`FeedbackAccumulator.finish`). Counts and
        /// exact sums, so the order of adding never changes the result.
        mutating func add(_ other: Summary) {
            rows += other.rows
            for i in byKind.indices { byKind[i] += other.byKind[i] }
            for i in byChannel.indices { byChannel[i] += other.byChannel[i] }
            for i in byRespondentKind.indices { byRespondentKind[i] += other.byRespondentKind[i] }
            ratingCount += other.ratingCount
            ratingSum.add(other.ratingSum)
            for i in ratingHistogram.indices { ratingHistogram[i] += other.ratingHistogram[i] }
            complaintsOpen += other.complaintsOpen
            complaintsResolved += other.complaintsResolved
            complaintsResolvedOnTime += other.complaintsResolvedOnTime
            complaintsResolvedLate += other.complaintsResolvedLate
            complaintsResolvedNoDue += other.complaintsResolvedNoDue
            complaintsRejected += other.complaintsRejected
            complaintsOverdue += other.complaintsOverdue
            resolveDays.add(other.resolveDays)
            categories.add(other.categories)
            categoryResolveDays.add(other.categoryResolveDays)
            byMonth.add(other.byMonth)
        }

        mutating func add(_ row: FeedbackRow, category: Int?, asOf: Day) {
            withUnsafePointer(to: row) { add(at: $0, category: category, asOf: asOf) }
        }

        /// `add`, the row read where it lies (the tally's thread, `FeedbackAccumulator`).
        mutating func add(at row: UnsafePointer<FeedbackRow>, category: Int?, asOf: Day) {
            rows += 1
            byKind[row.pointee.kind.index] += 1
            byChannel[row.pointee.channel?.index ?? FeedbackTally.noChannel] += 1
            byRespondentKind[FeedbackTally.slot(row.pointee.respondentKind)] += 1
            if row.pointee.kind == .rating, let r = row.pointee.rating {
                ratingCount += 1
                ratingSum.add(r)
                let stars = r.roundedInt // ratings are validated to lie in [1, 5]
                ratingHistogram[min(4, max(0, stars - 1))] += 1
            }
            if let category { categories.add(category) }
            let (y, m, _) = row.pointee.date.components
            byMonth.add(y * 12 + m - 1)
            if row.pointee.kind == .complaint {
                if row.pointee.status == .rejected {
                    complaintsRejected += 1
                } else if let on = row.resolution(asOf: asOf) {
                    complaintsResolved += 1
                    switch row.resolvedOnTime(asOf: asOf) {
                    case true?: complaintsResolvedOnTime += 1
                    case false?: complaintsResolvedLate += 1
                    case nil: complaintsResolvedNoDue += 1
                    }
                    let days = max(0, on - row.pointee.date)
                    resolveDays.add(days)
                    if let category { categoryResolveDays.add(category << 32 | days) }
                } else {
                    complaintsOpen += 1
                    if row.isOverdue(asOf: asOf) { complaintsOverdue += 1 }
                }
            }
        }
    }

    public var ratings: [RatingSums]
    public var complaints: [Complaints]
    public var officialSummaries: [Summary]
    public var localitySummaries: [Summary]
    public var province = Summary()
    /// Names of the categories counted in summaries, by id (at most 10,000 distinct).
    public var categoryNames: [String] = []
    /// Comments a moderator cleared (`publish: yes`), already masked, as
    /// each scope's feedback block shows them (`CommentGroups`); filled by `finish`.
    public var commentGroups: CommentGroups
    /// Where their texts are kept.
    let commentTexts = Spool()
    /// True when the comments set aside during the ingest could not be read
    /// back (`CommentSpill`): the build must not publish pages without them.
    public var commentsLost = false
    /// Rows read, rows counted in the window, rows outside it.
    public var validRows = 0
    public var inWindowRows = 0
    /// The `feedback_response_time` windows the framework uses, and per
    /// window the counts of each official.
    public var responseWindows: [ResponseWindow] = []
    public var responses: [[ResponseCounts]] = []

    public func responseCounts(_ window: ResponseWindow, official: Int) -> ResponseCounts {
        guard let w = responseWindows.firstIndex(of: window) else { return ResponseCounts() }
        return responses[w][official]
    }

    public static func slot(_ kind: RespondentKind?) -> Int {
        kind?.index ?? FeedbackTally.noRespondentKind
    }

    public init(officials: Int, localities: Int) {
        ratings = Array(repeating: RatingSums(), count: officials)
        complaints = Array(repeating: Complaints(), count: officials)
        officialSummaries = Array(repeating: Summary(), count: officials)
        localitySummaries = Array(repeating: Summary(), count: localities)
        commentGroups = CommentGroups(officials: officials, localities: localities)
    }

    /// Province-wide deduplicated ratings of `kinds` that name an official:
    /// the prior of a rating measure. Computed once per set of kinds by the
    /// scorer (`RatingPriors`) and read from there by every output.
    public func prior(of kinds: [RespondentKind]) -> RatingPrior {
        var n = 0
        var sum = ExactSum()
        for r in ratings {
            n += r.count(of: kinds)
            sum.add(r.exactSum(of: kinds))
        }
        return RatingPrior(kinds: kinds, count: n, sum: sum.value)
    }
}

/// A moderated comment, masked at validation; never carries the respondent.
///
/// Its text is parked in a `Spool` (a national export publishes ~1.3
/// million comments, ~200 MB of text held from the ingest to the last page
/// otherwise); pages read it back, and group repeats by a hash and length
/// first so that only candidates are read (`FeedbackBlock`).
public struct PublishedComment: Sendable {
    // Stored widest first, indexes as 32 bits: 80 bytes a comment instead
    // of 112, and every published comment of a country stays in memory from
    // the ingest to the last page (1.3 million in our national tree, more
    // where more people agree to publish).
    public var id: String
    public var category: String
    /// FNV-1a of the text's bytes, and their count: equal texts have equal
    /// keys (the converse is checked on the texts themselves).
    public let textHash: UInt64
    public var date: Day
    private let storage: Storage
    public var kind: FeedbackKind
    /// Where a complaint stands at D (nil for other kinds).
    public var complaint: ComplaintStanding?
    private var locality32: Int32
    /// The official's index, −1 for none.
    private var official32: Int32
    private let length32: Int32

    public var locality: Int {
        get { Int(locality32) }
        set { locality32 = Int32(newValue) }
    }

    public var official: Int? {
        get { official32 < 0 ? nil : Int(official32) }
        set { official32 = newValue.map(Int32.init) ?? -1 }
    }

    public var textLength: Int { Int(length32) }

    private enum Storage: Sendable {
        case inline(String)
        case spooled(Spool, offset: Int)
    }

    public var text: String {
        switch storage {
        case let .inline(t): return t
        case let .spooled(spool, offset):
            return spool.read(offset, textLength).map { String(decoding: $0, as: UTF8.self) } ?? ""
        }
    }

    public init(id: String, date: Day, locality: Int, official: Int?, kind: FeedbackKind, category: String, text: String,
                complaint: ComplaintStanding?) {
        self.init(id: id, date: date, locality: locality, official: official, kind: kind, category: category, text: text,
                  complaint: complaint, spool: nil)
    }

    /// With `spool`, the text is appended there and not kept.
    init(id: String, date: Day, locality: Int, official: Int?, kind: FeedbackKind, category: String, text: String,
         complaint: ComplaintStanding?, spool: Spool?) {
        (self.id, self.date, self.kind, self.category, self.complaint) = (id, date, kind, category, complaint)
        // Indexes into the province's lists and a field of at most 1 MiB (`CSVScanner.maxFieldBytes`).
        locality32 = Int32(locality)
        official32 = official.map(Int32.init) ?? -1
        textHash = PublishedComment.hash(text)
        length32 = Int32(text.utf8.count)
        if let spool {
            storage = .spooled(spool, offset: PublishedComment.park(text, in: spool))
        } else {
            storage = .inline(text)
        }
    }

    /// A comment whose text is already at `offset` in `spool` (`park`), with its `hash`.
    init(id: String, date: Day, locality: Int, official: Int?, kind: FeedbackKind, category: String,
         complaint: ComplaintStanding?, spooledText spool: Spool, offset: Int, length: Int, hash: UInt64) {
        (self.id, self.date, self.kind, self.category, self.complaint) = (id, date, kind, category, complaint)
        locality32 = Int32(locality)
        official32 = official.map(Int32.init) ?? -1
        textHash = hash
        length32 = Int32(length)
        storage = .spooled(spool, offset: offset)
    }

    /// The same comment with its id in storage of its own, for a group to
    /// keep (`CommentGroups`). A scope keeps a handful of the comments
    /// loaded at the end of the ingest: sharing their loaded ids (over 15
    /// bytes each is an allocation of its own) kept the allocator's pages
    /// of all the others resident — +300 MB after a national ingest with
    /// 30-byte row ids (BENCHMARKS.md, thirty-second session).
    func detached() -> PublishedComment {
        var copy = self
        copy.id = String(decoding: Array(id.utf8), as: UTF8.self)
        return copy
    }

    /// The key repeats are grouped by: `ByteTable.hash` of the text's bytes,
    /// eight at a time. Only a first test (the texts themselves are then
    /// compared), so any hash gives the same groups; FNV-1a, a multiply a
    /// byte through the generic UTF-8 view, was ~3,000 instructions a
    /// comment (fifty-seventh session).
    static func hash(_ text: String) -> UInt64 {
        var t = text
        return UInt64(bitPattern: Int64(t.withUTF8 { ByteTable.hash($0) }))
    }

    /// Appends the text's bytes to `spool`; returns where they start.
    static func park(_ text: String, in spool: Spool) -> Int {
        var t = text
        return t.withUTF8 { spool.append(UnsafeRawBufferPointer($0)) }
    }
}

/// A complaint's standing at D, shown next to a published complaint.
public enum ComplaintStanding: String, Sendable, CaseIterable {
    case resolvedOnTime = "resolved_on_time", resolvedLate = "resolved_late", resolved, open, overdue, rejected

    public init(_ row: FeedbackRow, asOf d: Day) {
        self = withUnsafePointer(to: row) { ComplaintStanding(at: $0, asOf: d) }
    }

    /// The standing of the row `row` points to, read where it lies.
    init(at row: UnsafePointer<FeedbackRow>, asOf d: Day) {
        if row.pointee.status == .rejected { self = .rejected; return }
        if row.resolution(asOf: d) != nil {
            switch row.resolvedOnTime(asOf: d) {
            case true?: self = .resolvedOnTime
            case false?: self = .resolvedLate
            case nil: self = .resolved
            }
            return
        }
        self = row.isOverdue(asOf: d) ? .overdue : .open
    }
}
