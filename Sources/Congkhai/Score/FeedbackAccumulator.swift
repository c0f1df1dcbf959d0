import Foundation
import CSupport

/// Folds validated feedback rows into a `FeedbackTally` as they stream.
///
/// Rating deduplication keeps the latest rating per (respondent, official,
/// commitment); respondents are interned to integers and every rating with a
/// respondent becomes one 28-byte record in a flat array, sorted once at the
/// end — a dictionary of the same took ~55 bytes an entry (600 MB for a
/// national export's 11 million ratings).
public final class FeedbackAccumulator {
    struct RatingRecord {
        var respondent: Int32
        var official: Int32
        var commitment: Int32
        var date: Int32
        /// Arrival order: of two ratings on the same date the later row wins.
        var seq: UInt32
        /// Index into `ratingUnits`, or with the top bit set into `exoticRatings`
        /// (the rare rating with more than nine decimals).
        var rating: UInt32
        var kindSlot: UInt8
    }

    /// Everything `add` changes, in one value: a batch of rows is folded in
    /// by one mutating call, so the row loop's accesses are checked when
    /// compiled, not by the runtime's exclusivity tracking at every access
    /// to a class's stored property (`swift_beginAccess` and its access set
    /// were ~3 % of a `check`, on the tally's thread).
    private struct Fold {
        let period: Period
        let asOf: Day
        /// False: nothing renders this tally (`ScoringRun.Options.feedsPages`),
        /// so published comments, categories and summaries are not collected:
        /// only what scores read is.
        let feedsPages: Bool
        var tally: FeedbackTally
        /// In chunks until `finish` (`ChunkedArray`): no doubling mid-ingest.
        var ratingRecords = ChunkedArray<RatingRecord>()
        /// Published comments as they come, on disk until `finish` groups them into `tally.commentGroups`.
        var comments = CommentSpill()
        var ratingUnits: [Int64] = []
        var ratingIndex: [Int64: UInt32] = [:]
        var categories = ByteInterner()
        var exoticRatings: [Rational] = []

        init(period: Period, asOf: Day, feedsPages: Bool, tally: FeedbackTally) {
            self.period = period
            self.asOf = asOf
            self.feedsPages = feedsPages
            self.tally = tally
        }

        mutating func add(rows: UnsafeBufferPointer<FeedbackRow>) {
            // Province-wide exports name officials in any order, so a row's
            // summary and its histograms' buffers are rarely in cache: their
            // loads were most of the tally's time (`perf annotate`). Ahead
            // of the row being counted, the summary of the row `far` ahead is
            // prefetched, and the histogram buffers of the row `near` ahead,
            // whose summary is by then in cache.
            //
            // The rows ahead are named by their two indexes, read through the
            // buffer: a row passed whole is a copy of it (its strings
            // retained and released), which cost more than the misses saved.
            // Without pages no summary is counted: nothing to prefetch.
            guard let base = rows.baseAddress else { return }
            guard feedsPages else {
                for i in rows.indices { add(at: base + i) }
                return
            }
            let far = 8, near = 4
            for i in 0..<min(far, rows.count) { prefetchSummary(official: rows[i].official, locality: rows[i].locality) }
            for i in 0..<min(near, rows.count) { prefetchHistograms(official: rows[i].official, locality: rows[i].locality) }
            for i in rows.indices {
                if i + far < rows.count { prefetchSummary(official: rows[i + far].official, locality: rows[i + far].locality) }
                if i + near < rows.count { prefetchHistograms(official: rows[i + near].official, locality: rows[i + near].locality) }
                add(at: base + i)
            }
        }

        /// The row's summary in memory; nil for an index outside the table
        /// (never for a checked row: the words read there must be the table's).
        private func summaryAddress(official: Int?, locality: Int) -> UnsafeRawPointer? {
            func address(_ table: [FeedbackTally.Summary], _ i: Int) -> UnsafeRawPointer? {
                table.withUnsafeBufferPointer { b in b.indices.contains(i) ? b.baseAddress.map { UnsafeRawPointer($0 + i) } : nil }
            }
            return official.map { address(tally.officialSummaries, $0) } ?? address(tally.localitySummaries, locality)
        }

        private func prefetchSummary(official: Int?, locality: Int) {
            guard let p = summaryAddress(official: official, locality: locality) else { return }
            var offset = 0
            while offset < MemoryLayout<FeedbackTally.Summary>.stride { congkhai_prefetch(p + offset); offset += 64 }
            // The official's complaint counts and response-window counts,
            // which its row may add to: tables of a country's officials.
            guard let o = official else { return }
            tally.complaints.withUnsafeBufferPointer { b in
                if b.indices.contains(o), let base = b.baseAddress { congkhai_prefetch(base + o) }
            }
            for w in tally.responses.indices {
                tally.responses[w].withUnsafeBufferPointer { b in
                    if b.indices.contains(o), let base = b.baseAddress { congkhai_prefetch(base + o) }
                }
            }
        }

        /// The buffers of the month and category histograms: their references
        /// read as plain words (no retain, which would itself wait for the
        /// miss). A prefetch never faults, so a layout other than one pointer
        /// per array would only make it useless.
        private func prefetchHistograms(official: Int?, locality: Int) {
            guard let p = summaryAddress(official: official, locality: locality) else { return }
            for offset in FeedbackAccumulator.histogramOffsets {
                let word = p.load(fromByteOffset: offset, as: UInt.self)
                // The buffer's first lines, not its header's alone: a binary
                // search over a summary's ~20 months starts in the middle
                // (entries of 16 bytes after 32 of header; five lines hold 18).
                if let buffer = UnsafeRawPointer(bitPattern: word) {
                    var line = 16
                    while line < 336 { congkhai_prefetch(buffer + line); line += 64 }
                }
            }
        }

        /// What only pages show of an in-window row: its published comment,
        /// its category, and the counts of one summary.
        private mutating func addForPages(at row: UnsafePointer<FeedbackRow>) {
            let category = row.pointee.category.isEmpty ? nil : categories.id(row.pointee.category, limit: 10_000)
            if row.pointee.publish, row.pointee.comment.utf8.contains(where: { $0 > 0x20 }) {
                let text = row.pointee.comment
                comments.append(id: row.pointee.id, date: row.pointee.date, locality: row.pointee.locality,
                                official: row.pointee.official, kind: row.pointee.kind,
                                category: category, categoryText: row.pointee.category,
                                complaint: row.pointee.kind == .complaint ? ComplaintStanding(at: row, asOf: asOf) : nil,
                                textOffset: PublishedComment.park(text, in: tally.commentTexts), textLength: text.utf8.count,
                                textHash: PublishedComment.hash(text))
            }
            // One summary per row: the official's, or for rows naming none the
            // locality's own; `finish` adds officials into localities and those
            // into the province (three cold summaries a row were a third of the
            // national tally thread).
            if let official = row.pointee.official {
                tally.officialSummaries[official].add(at: row, category: category, asOf: asOf)
            } else {
                tally.localitySummaries[row.pointee.locality].add(at: row, category: category, asOf: asOf)
            }
        }

        mutating func add(_ row: FeedbackRow) {
            withUnsafePointer(to: row) { add(at: $0) }
        }

        /// One row, read where it lies: its fields one by one, never the
        /// whole row copied (its strings retained and released; decision 140).
        mutating func add(at row: UnsafePointer<FeedbackRow>) {
            tally.validRows += 1
            // The [S, D] window comes before everything else, deduplication included.
            guard row.pointee.date >= period.start, row.pointee.date <= asOf else { return }
            tally.inWindowRows += 1
            if feedsPages { addForPages(at: row) }
            guard let official = row.pointee.official else { return }
            for w in tally.responseWindows.indices {
                tally.responseWindows[w].count(row, asOf: asOf, into: &tally.responses[w][official])
            }

            switch row.pointee.kind {
            case .rating:
                guard let r = row.pointee.rating else { return }
                let slot = FeedbackTally.slot(row.pointee.respondentKind)
                if row.pointee.respondentNumber < 0 {
                    // Never merged: counts on its own.
                    tally.ratings[official].count[slot] += 1
                    tally.ratings[official].sums[slot].add(r)
                    return
                }
                let rid = Int32(truncatingIfNeeded: row.pointee.respondentNumber)
                var index: UInt32
                if let u = ExactSum.units(r) {
                    // The few values ratings take (1–5) are the first ones
                    // seen: found by a look at them before the dictionary
                    // (its hashing was ~145 instructions a rating).
                    if let i = ratingUnits.prefix(8).firstIndex(of: u) {
                        index = UInt32(i)
                    } else if let i = ratingIndex[u] {
                        index = i
                    } else {
                        index = UInt32(ratingUnits.count)
                        ratingUnits.append(u)
                        ratingIndex[u] = index
                    }
                } else {
                    index = UInt32(exoticRatings.count) | 0x8000_0000
                    exoticRatings.append(r)
                }
                ratingRecords.append(RatingRecord(respondent: rid, official: Int32(official), commitment: Int32(row.pointee.commitment ?? -1),
                                                  date: Int32(row.pointee.date.ordinal), seq: UInt32(truncatingIfNeeded: ratingRecords.count),
                                                  rating: index, kindSlot: UInt8(slot)))
            case .complaint:
                var c = tally.complaints[official]
                defer { tally.complaints[official] = c }
                if row.pointee.status == .rejected { c.rejected += 1; return }
                guard let due = row.pointee.due else { c.noDue += 1; return }
                guard due <= asOf else { c.notYetDue += 1; return }
                c.counted += 1
                switch row.resolvedOnTime(asOf: asOf) {
                case true?: c.resolvedOnTime += 1
                case false? where row.resolution(asOf: asOf) != nil: c.resolvedLate += 1
                default: c.unresolved += 1
                }
            case .suggestion:
                return
            }
        }
    }

    /// Where the month and category histograms sit in a summary (`Fold`'s
    /// prefetch); empty if they ever stop being stored fields.
    static let histogramOffsets: [Int] = [\FeedbackTally.Summary.byMonth, \FeedbackTally.Summary.categories].compactMap {
        MemoryLayout<FeedbackTally.Summary>.offset(of: $0)
    }

    /// Each official's locality, by index (-1: none known, so no row names it).
    private let officialLocality: [Int]
    private var fold: Fold

    public init(province: Province, asOf: Day, feedsPages: Bool = true) {
        officialLocality = province.officials.map { province.localityIndex($0.locality) ?? -1 }
        var tally = FeedbackTally(officials: province.officials.count, localities: province.localities.count)
        for c in province.framework.criteria {
            for m in c.measures {
                if let w = m.responseWindow, !tally.responseWindows.contains(w) { tally.responseWindows.append(w) }
            }
        }
        tally.responses = tally.responseWindows.map { _ in Array(repeating: ResponseCounts(), count: province.officials.count) }
        fold = Fold(period: province.site.period, asOf: asOf, feedsPages: feedsPages, tally: tally)
    }

    public func add(_ row: FeedbackRow) { fold.add(row) }

    /// Rating records by (official, respondent, commitment), then date and
    /// row order: each key's latest record last (`seq` is unique).
    enum ByRatingKey: InPlaceSort.Order {
        static func less(_ a: RatingRecord, _ b: RatingRecord) -> Bool {
            if a.official != b.official { return a.official < b.official }
            if a.respondent != b.respondent { return a.respondent < b.respondent }
            if a.commitment != b.commitment { return a.commitment < b.commitment }
            return a.date != b.date ? a.date < b.date : a.seq < b.seq
        }
    }

    /// The end of the ingest sorts its comments and rating records on every
    /// core: nothing else runs then (the scores wait for the tally).
    static var sortLanes: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// Rows in order, folded in by one call, each read where it lies: Swift
    /// copies a value read through a buffer before handing it to a function
    /// (a `borrowing` parameter, tried, did not change that), so the fold,
    /// the summaries, the response windows and the complaint rules take a
    /// pointer to the row and read its fields (decision 140).
    func add(rows: UnsafeBufferPointer<FeedbackRow>) {
        fold.add(rows: rows)
    }

    /// `finish`'s answer: it consumes the accumulator's state, so a second call returns the first answer.
    private var finished: FeedbackTally?

    public func finish() -> FeedbackTally {
        if let finished { return finished }
        var result = fold.tally
        result.categoryNames = fold.categories.names
        for (o, l) in officialLocality.enumerated() where l >= 0 { result.localitySummaries[l].add(result.officialSummaries[o]) }
        for l in result.localitySummaries.indices { result.province.add(result.localitySummaries[l]) }
        // Per (respondent, official, commitment) the latest date wins; on the same date, the later row.
        do {
            var ratingRecords = fold.ratingRecords.flatten()
            InPlaceSort.sort(&ratingRecords, lanes: FeedbackAccumulator.sortLanes, by: ByRatingKey.self)
            for (i, entry) in ratingRecords.enumerated() {
                if i + 1 < ratingRecords.count {
                    let next = ratingRecords[i + 1]
                    if next.official == entry.official && next.respondent == entry.respondent && next.commitment == entry.commitment { continue }
                }
                let o = Int(entry.official)
                if entry.rating & 0x8000_0000 == 0 {
                    result.ratings[o].sums[Int(entry.kindSlot)].addUnits(fold.ratingUnits[Int(entry.rating)])
                } else {
                    result.ratings[o].sums[Int(entry.kindSlot)].add(fold.exoticRatings[Int(entry.rating & 0x7FFF_FFFF)])
                }
                result.ratings[o].count[Int(entry.kindSlot)] += 1
            }
        }
        // Their pages go back now, not after the allocator's decay: the
        // comments' array does not fit where they were.
        congkhai_release_free_memory()
        // The comments come back from disk now that the row-id set is gone
        // and the ratings' records are let go (the two at once were the
        // finish's peak), as compact records (`LoadedComments`), are sorted
        // in place (`InPlaceSort`; ids are unique, so the order is total),
        // and grouped per scope.
        if let loaded = fold.comments.loaded(categoryNames: fold.categories.names, texts: fold.tally.commentTexts) {
            loaded.sortNewestFirst(lanes: FeedbackAccumulator.sortLanes)
            result.commentGroups.add(contentsOf: loaded)
        } else {
            result.commentsLost = true
        }
        finished = result
        return result
    }
}
