/// Feedback for one official, one locality or the province, as statements
/// first ("3 trên 10 phản ánh được giải quyết đúng hạn"), then the numbers:
/// complaints by outcome, median days per category, volume by month,
/// ratings, and published comments with identical texts grouped.
struct FeedbackBlock: Encodable, Sendable {
    struct Row: Encodable, Sendable {
        var label: String
        var count: String
    }

    struct Category: Encodable, Sendable {
        var name: String
        var count: String
        var medianDays: String
    }

    struct Comment: Encodable, Sendable {
        var text: String
        var date: DateText
        var kind: String
        var category: String?
        /// "× 4" when the same text was published several times.
        var repeats: String?
        /// Said when the text was cut to `commentCharacters`.
        var shortened: String?
        var complaint: String?
        var complaintKey: String?
    }

    /// Unique per page: the section's heading id.
    var id: String
    var heading: String
    var hasFeedback: Bool
    var statements: [String]
    var byKind: [Row]
    var byChannel: [Row]
    var byRespondent: [Row]
    var hasRatings: Bool
    var meanRating: String
    var ratingCount: String
    var ratingBars: BarList
    var complaintRows: [Row]
    var hasCategories: Bool
    var categories: [Category]
    var hasMonths: Bool
    var months: BarList
    /// The first few comments; the rest (up to `CommentGroups.kept`) folded.
    var comments: [Comment]
    var hasComments: Bool
    var moreComments: [Comment]
    var hasMoreComments: Bool
}

extension FeedbackBlock {
    static let commentsOpen = 3
    /// Characters of a comment shown on a page: a moderator may clear a
    /// text of any length (a field holds up to 1 MiB), and a citizen's
    /// phone should not download it ten times over; the whole text is in
    /// the published feedback file.
    static let commentCharacters = 1_000

    /// The text as shown, and whether it was cut.
    static func shown(_ text: String) -> (text: String, cut: Bool) {
        // Characters never outnumber bytes: most texts need no counting.
        guard text.utf8.count > commentCharacters, text.count > commentCharacters else { return (text, false) }
        return (String(text.prefix(commentCharacters)) + "…", true)
    }

    /// The block's fixed words in one language — row labels, star labels,
    /// the period's month labels — the same in every block of a build:
    /// made once per language (`Display.Tables.feedback`), where each of
    /// ~100,000 blocks nationally spelt and looked them up anew. None
    /// depends on the period but which month labels are made ahead
    /// (`month` labels any other), so a block may use them whatever its period.
    struct Words: Sendable {
        var heading: String
        var kinds: [String]
        /// `FeedbackChannel.allCases`' labels, then the unknown channel's.
        var channels: [String]
        /// `RespondentKind.allCases`' labels, then the unknown kind's.
        var respondents: [String]
        /// "1 sao" … "5 sao", by stars − 1.
        var stars: [String]
        var ratingsTitle: String
        var monthsTitle: String
        /// Labels of months `firstMonth…` (`year * 12 + month − 1`).
        var firstMonth: Int
        var months: [String]

        init(_ d: Display, period: Period, asOf: Day) {
            heading = d.label("feedback_summary")
            kinds = FeedbackKind.allCases.map { d.label("feedback_" + $0.rawValue) }
            channels = FeedbackChannel.allCases.map { d.label("channel_" + $0.rawValue) } + [d.label("channel_unknown")]
            respondents = RespondentKind.allCases.map { d.label("respondent_" + $0.rawValue) } + [d.label("respondent_unknown")]
            stars = (1...5).map { d.fill("stars_n", ["n": String($0)]) }
            ratingsTitle = d.label("ratings")
            monthsTitle = d.label("fb_by_month")
            let (first, last) = FeedbackBlock.months(period: period, asOf: asOf)
            firstMonth = first
            months = (first...last).map(FeedbackBlock.monthLabel)
        }

        func month(_ k: Int) -> String {
            months.indices.contains(k - firstMonth) ? months[k - firstMonth] : FeedbackBlock.monthLabel(k)
        }
    }

    /// Every month of the period up to D (`year * 12 + month − 1`), first and last.
    static func months(period: Period, asOf: Day) -> (first: Int, last: Int) {
        let (sy, sm, _) = period.start.components
        let (ey, em, _) = min(asOf, period.end).components
        let first = sy * 12 + sm - 1
        return (first, max(first, ey * 12 + em - 1))
    }

    /// `mm/yyyy`.
    static func monthLabel(_ k: Int) -> String { Day.pad(k % 12 + 1, 2) + "/" + String(k / 12) }

    init(_ s: FeedbackTally.Summary, comments groups: [CommentGroups.Group], categoryNames: [String], id: String, period: Period,
         asOf: Day, _ d: Display, heading: String? = nil) {
        let w = d.tables.feedback ?? Words(d, period: period, asOf: asOf)
        self.id = id
        self.heading = heading ?? w.heading
        hasFeedback = s.rows > 0
        var statements: [String] = []
        statements.append(d.fill("fb_received", ["count": d.count(s.rows)]))
        let judged = s.complaintsResolvedOnTime + s.complaintsResolvedLate + s.complaintsOverdue
        if s.complaints > 0 {
            statements.append(d.fill("fb_on_time_share", ["on_time": d.count(s.complaintsResolvedOnTime), "of": d.count(judged)]))
            if s.complaintsOverdue > 0 {
                statements.append(d.fill("fb_open_past_due", ["count": d.count(s.complaintsOverdue)]))
            }
            if let m = s.medianResolveDays { statements.append(d.fill("fb_median_days", ["days": d.number(m, places: 1)])) }
        }
        if let mean = s.ratingMean {
            statements.append(d.fill("fb_rating", ["mean": d.number(mean, places: 2), "count": d.count(s.ratingCount)]))
        }
        self.statements = s.rows > 0 ? statements : []
        byKind = FeedbackKind.allCases.indices.compactMap { i in
            s.byKind[i] > 0 ? Row(label: w.kinds[i], count: d.count(s.byKind[i])) : nil
        }
        var channels: [Row] = FeedbackChannel.allCases.indices.compactMap { i in
            s.byChannel[i] > 0 ? Row(label: w.channels[i], count: d.count(s.byChannel[i])) : nil
        }
        if let unknown = s.byChannel.last, unknown > 0 { channels.append(Row(label: w.channels[FeedbackChannel.allCases.count], count: d.count(unknown))) }
        byChannel = channels
        var respondents: [Row] = RespondentKind.allCases.indices.compactMap { i in
            s.byRespondentKind[i] > 0 ? Row(label: w.respondents[i], count: d.count(s.byRespondentKind[i])) : nil
        }
        if let unknown = s.byRespondentKind.last, unknown > 0 {
            respondents.append(Row(label: w.respondents[RespondentKind.allCases.count], count: d.count(unknown)))
        }
        byRespondent = respondents
        hasRatings = s.ratingCount > 0
        meanRating = s.ratingMean.map { d.number($0, places: 2) } ?? "—"
        ratingCount = d.count(s.ratingCount)
        ratingBars = BarList(title: w.ratingsTitle, (0..<5).reversed().map { i in
            (label: w.stars[i], value: Rational(s.ratingHistogram[i]),
             text: d.count(s.ratingHistogram[i]), tone: "tone-neutral")
        })
        // Outcomes that do not overlap: every complaint is in exactly one row.
        let open = s.complaintsOpen - s.complaintsOverdue
        complaintRows = [
            ("complaints_on_time", s.complaintsResolvedOnTime), ("complaints_late", s.complaintsResolvedLate),
            ("complaints_no_due", s.complaintsResolvedNoDue), ("complaints_open_in_time", open),
            ("complaints_overdue", s.complaintsOverdue), ("complaints_rejected", s.complaintsRejected),
        ].filter { $0.1 > 0 }.map { Row(label: d.label($0.0), count: d.count($0.1)) }
        func name(_ k: Int) -> String { categoryNames.indices.contains(k) ? categoryNames[k] : "" }
        let top = s.categories.pairs.sorted { a, b in
            a.count != b.count ? a.count > b.count : UTF8Order.precedes(name(a.key), name(b.key))
        }.prefix(8)
        categories = top.map { k, v in
            Category(name: categoryNames.indices.contains(k) ? categoryNames[k] : "—", count: d.count(v),
                     medianDays: s.medianResolveDays(category: k).map { d.number($0, places: 1) } ?? "—")
        }
        hasCategories = !categories.isEmpty
        // Every month of the period up to D, zeros included, so gaps show.
        let (first, last) = FeedbackBlock.months(period: period, asOf: asOf)
        let monthRows = (first...last).map { k in
            (label: w.month(k), value: Rational(s.byMonth[k]), text: d.count(s.byMonth[k]), tone: "tone-accent")
        }
        months = BarList(title: w.monthsTitle, monthRows)
        hasMonths = s.rows > 0 && monthRows.count > 1
        // Grouped and cut to `CommentGroups.kept` when the tally was finished.
        // Fields read through `g.comment`, not a copy of it: binding the
        // comment copied every field of every group (~0.6 % of a national
        // page stage in retains and releases).
        let all: [Comment] = groups.map { g in
            let n = g.count
            let (text, cut) = FeedbackBlock.shown(g.text)
            return Comment(text: text, date: d.date(g.comment.date), kind: d.label("feedback_" + g.comment.kind.rawValue),
                           category: g.comment.category.isEmpty ? nil : g.comment.category,
                           repeats: n > 1 ? d.fill("comment_repeats", ["count": d.count(n)]) : nil,
                           shortened: cut ? d.label("comment_shortened") : nil,
                           complaint: g.comment.complaint.map { d.label("complaint_" + $0.rawValue) },
                           complaintKey: g.comment.complaint?.rawValue)
        }
        self.comments = Array(all.prefix(FeedbackBlock.commentsOpen))
        moreComments = Array(all.dropFirst(FeedbackBlock.commentsOpen))
        hasComments = !all.isEmpty
        hasMoreComments = !moreComments.isEmpty
    }
}

extension FeedbackBlock: TemplateRepresentable {
    func fields(into f: inout TemplateTree) {
        f.put("id", id); f.put("heading", heading); f.put("hasFeedback", hasFeedback); f.put("statements", statements)
        f.put("byKind", byKind); f.put("byChannel", byChannel); f.put("byRespondent", byRespondent)
        f.put("hasRatings", hasRatings); f.put("meanRating", meanRating); f.put("ratingCount", ratingCount)
        f.put("ratingBars", ratingBars); f.put("complaintRows", complaintRows); f.put("hasCategories", hasCategories)
        f.put("categories", categories); f.put("hasMonths", hasMonths); f.put("months", months); f.put("comments", comments)
        f.put("hasComments", hasComments); f.put("moreComments", moreComments); f.put("hasMoreComments", hasMoreComments)
    }
}

extension FeedbackBlock.Row: TemplateRepresentable {
    func fields(into f: inout TemplateTree) { f.put("label", label); f.put("count", count) }
}

extension FeedbackBlock.Category: TemplateRepresentable {
    func fields(into f: inout TemplateTree) { f.put("name", name); f.put("count", count); f.put("medianDays", medianDays) }
}

extension FeedbackBlock.Comment: TemplateRepresentable {
    func fields(into f: inout TemplateTree) {
        f.put("text", text); f.put("date", date); f.put("kind", kind); f.put("category", category); f.put("repeats", repeats)
        f.put("shortened", shortened); f.put("complaint", complaint); f.put("complaintKey", complaintKey)
    }
}
