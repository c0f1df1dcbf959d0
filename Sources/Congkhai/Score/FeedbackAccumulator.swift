/// Folds validated feedback rows into a `FeedbackTally` as they stream.
///
/// Rating deduplication needs one entry per (respondent, official,
/// commitment); respondents are interned to integers so an entry is a few
/// machine words, whatever the length of the text.
public final class FeedbackAccumulator {
    struct RatingKey: Hashable {
        var respondent: Int32
        var official: Int32
        var commitment: Int32
    }

    struct RatingEntry {
        var date: Int32
        /// Billionths (`ExactSum.units`); a negative value −(i + 1) points at
        /// `exoticRatings[i]`, for the rare rating with more decimals.
        var rating: Int64
        var kindSlot: UInt8
    }

    private let period: Period
    private let asOf: Day
    private var tally: FeedbackTally
    private var respondents: [String: Int32] = [:]
    private var latest: [RatingKey: RatingEntry] = [:]
    private var categories = ByteInterner()
    private var exoticRatings: [Rational] = []

    public init(province: Province, asOf: Day, expectedRows: Int = 0) {
        period = province.site.period
        self.asOf = asOf
        tally = FeedbackTally(officials: province.officials.count, localities: province.localities.count)
        for c in province.framework.criteria {
            for m in c.measures {
                if let w = m.responseWindow, !tally.responseWindows.contains(w) { tally.responseWindows.append(w) }
            }
        }
        tally.responses = tally.responseWindows.map { _ in Array(repeating: ResponseCounts(), count: province.officials.count) }
        latest.reserveCapacity(expectedRows / 2)
    }

    public func add(_ row: FeedbackRow) {
        tally.validRows += 1
        // The [S, D] window comes before everything else, deduplication included.
        guard row.date >= period.start, row.date <= asOf else { return }
        tally.inWindowRows += 1
        let category = row.category.isEmpty ? nil : categories.id(row.category, limit: 10_000)
        tally.province.add(row, category: category, asOf: asOf)
        tally.localitySummaries[row.locality].add(row, category: category, asOf: asOf)
        if row.publish, row.comment.utf8.contains(where: { $0 > 0x20 }) {
            tally.comments.append(PublishedComment(id: row.id, date: row.date, locality: row.locality, official: row.official,
                                                   kind: row.kind, category: row.category, text: row.comment,
                                                   complaint: row.kind == .complaint ? ComplaintStanding(row, asOf: asOf) : nil))
        }
        guard let official = row.official else { return }
        tally.officialSummaries[official].add(row, category: category, asOf: asOf)
        for w in tally.responseWindows.indices {
            tally.responseWindows[w].count(row, asOf: asOf, into: &tally.responses[w][official])
        }

        switch row.kind {
        case .rating:
            guard let r = row.rating else { return }
            let slot = FeedbackTally.slot(row.respondentKind)
            if row.respondent.isEmpty {
                // Never merged: counts on its own.
                tally.ratings[official].count[slot] += 1
                tally.ratings[official].sums[slot].add(r)
                return
            }
            let rid: Int32
            if let id = respondents[row.respondent] {
                rid = id
            } else {
                rid = Int32(truncatingIfNeeded: respondents.count)
                respondents[row.respondent] = rid
            }
            let key = RatingKey(respondent: rid, official: Int32(official), commitment: Int32(row.commitment ?? -1))
            var units: Int64
            if let u = ExactSum.units(r) {
                units = u
            } else {
                exoticRatings.append(r)
                units = -Int64(exoticRatings.count)
            }
            let entry = RatingEntry(date: Int32(row.date.ordinal), rating: units, kindSlot: UInt8(slot))
            if let old = latest[key], old.date > entry.date { return }
            // Same date: the later row wins.
            latest[key] = entry
        case .complaint:
            var c = tally.complaints[official]
            defer { tally.complaints[official] = c }
            if row.status == .rejected { c.rejected += 1; return }
            guard let due = row.due else { c.noDue += 1; return }
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

    public func finish() -> FeedbackTally {
        var result = tally
        result.categoryNames = categories.names
        result.comments.sort { $0.date != $1.date ? $0.date > $1.date : $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
        for (key, entry) in latest {
            let o = Int(key.official)
            result.ratings[o].count[Int(entry.kindSlot)] += 1
            if entry.rating >= 0 {
                result.ratings[o].sums[Int(entry.kindSlot)].addUnits(entry.rating)
            } else {
                result.ratings[o].sums[Int(entry.kindSlot)].add(exoticRatings[Int(-entry.rating - 1)])
            }
        }
        return result
    }
}
