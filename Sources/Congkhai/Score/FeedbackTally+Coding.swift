/// A finished tally written out and read back whole, for the feedback cache
/// (decision 98): every count, exact sum, histogram and chosen comment, so a
/// tally read back scores and renders exactly as the one written.
///
/// Comment texts are written out in full with their groups (a group keeps at
/// most ten comments a scope); read back, each is held in memory rather than
/// in a spool, which changes where the bytes live, never what they are.
extension FeedbackTally {
    /// Bumped whenever what is written changes: an older file is then not read.
    static let codingVersion = 1

    func encode(into w: inout ByteWriter) {
        w.int(FeedbackTally.codingVersion)
        w.int(ratings.count)
        for r in ratings { FeedbackTally.encode(r, into: &w) }
        w.int(complaints.count)
        for c in complaints { FeedbackTally.encode(c, into: &w) }
        w.int(officialSummaries.count)
        for s in officialSummaries { s.encode(into: &w) }
        w.int(localitySummaries.count)
        for s in localitySummaries { s.encode(into: &w) }
        province.encode(into: &w)
        w.int(categoryNames.count)
        for n in categoryNames { w.string(n) }
        FeedbackTally.encode(commentGroups, into: &w)
        w.int(validRows)
        w.int(inWindowRows)
        w.int(responseWindows.count)
        for window in responseWindows {
            w.int(window.targetDays)
            w.int(window.kinds.count)
            for k in window.kinds { w.string(k.rawValue) }
        }
        w.int(responses.count)
        for perWindow in responses {
            w.int(perWindow.count)
            for c in perWindow { FeedbackTally.encode(c, into: &w) }
        }
    }

    /// One official's part of the tally, in `encode`'s words: all that the
    /// official's own pages read of the feedback, which goes into their
    /// fingerprints (decision 99). A per-official field added to the tally
    /// belongs here as well as in `encode`, or an official's page could be
    /// kept when only that field changed.
    func encodeOfficial(_ o: Int, into w: inout ByteWriter) {
        FeedbackTally.encode(ratings[o], into: &w)
        FeedbackTally.encode(complaints[o], into: &w)
        officialSummaries[o].encode(into: &w)
        w.int(commentGroups.officials[o].count)
        for g in commentGroups.officials[o] { FeedbackTally.encode(g, into: &w) }
        w.int(responses.count)
        for perWindow in responses { FeedbackTally.encode(perWindow[o], into: &w) }
    }

    /// The tally `encode` wrote, for a province of `officials` and `localities`.
    init(decoding r: inout ByteReader, officials: Int, localities: Int) throws {
        guard try r.int() == FeedbackTally.codingVersion else { throw ByteReader.Malformed() }
        self.init(officials: officials, localities: localities)
        guard try r.count() == officials else { throw ByteReader.Malformed() }
        for o in 0..<officials {
            ratings[o].count = try FeedbackTally.decodeCounts(&r, count: FeedbackTally.kindSlots)
            guard try r.count() == FeedbackTally.kindSlots else { throw ByteReader.Malformed() }
            for k in 0..<FeedbackTally.kindSlots { ratings[o].sums[k] = try FeedbackTally.decodeSum(&r) }
        }
        guard try r.count() == officials else { throw ByteReader.Malformed() }
        for o in 0..<officials {
            complaints[o] = Complaints(counted: try r.int(), resolvedOnTime: try r.int(), resolvedLate: try r.int(),
                                       unresolved: try r.int(), rejected: try r.int(), noDue: try r.int(), notYetDue: try r.int())
        }
        guard try r.count() == officials else { throw ByteReader.Malformed() }
        for o in 0..<officials { officialSummaries[o] = try Summary(decoding: &r) }
        guard try r.count() == localities else { throw ByteReader.Malformed() }
        for l in 0..<localities { localitySummaries[l] = try Summary(decoding: &r) }
        province = try Summary(decoding: &r)
        categoryNames = try (0..<r.count()).map { _ in try r.string() }
        commentGroups = try FeedbackTally.decodeGroups(&r, officials: officials, localities: localities)
        validRows = try r.int()
        inWindowRows = try r.int()
        responseWindows = try (0..<r.count()).map { _ in
            let days = try r.int()
            let kinds = try (0..<r.count()).map { _ -> FeedbackKind in
                guard let k = FeedbackKind(rawValue: try r.string()) else { throw ByteReader.Malformed() }
                return k
            }
            return ResponseWindow(targetDays: days, kinds: kinds)
        }
        guard try r.count() == responseWindows.count else { throw ByteReader.Malformed() }
        responses = try responseWindows.map { _ in
            guard try r.count() == officials else { throw ByteReader.Malformed() }
            return try (0..<officials).map { _ in
                ResponseCounts(eligible: try r.int(), onTime: try r.int(), pending: try r.int(), rejected: try r.int())
            }
        }
    }

    // MARK: - Parts

    static func encode(_ r: RatingSums, into w: inout ByteWriter) {
        encode(r.count, into: &w)
        w.int(r.sums.count)
        for s in r.sums { encode(s, into: &w) }
    }

    static func encode(_ c: Complaints, into w: inout ByteWriter) {
        for v in [c.counted, c.resolvedOnTime, c.resolvedLate, c.unresolved, c.rejected, c.noDue, c.notYetDue] { w.int(v) }
    }

    static func encode(_ c: ResponseCounts, into w: inout ByteWriter) {
        for v in [c.eligible, c.onTime, c.pending, c.rejected] { w.int(v) }
    }

    static func encode(_ c: SmallCounts, into w: inout ByteWriter) {
        w.int(c.count)
        for v in c { w.int(v) }
    }

    static func decodeCounts(_ r: inout ByteReader, count: Int) throws -> SmallCounts {
        guard try r.count() == count else { throw ByteReader.Malformed() }
        var c = SmallCounts(count: count)
        for i in 0..<count { c[i] = try r.int() }
        return c
    }

    static func encode(_ s: ExactSum, into w: inout ByteWriter) {
        w.int(Int(s.units))
        s.remainder.encode(into: &w)
    }

    static func decodeSum(_ r: inout ByteReader) throws -> ExactSum {
        let units = Int64(try r.int())
        return ExactSum(units: units, remainder: try Rational.decode(&r))
    }

    static func encode(_ m: CountMap, into w: inout ByteWriter) {
        w.int(m.count)
        for p in m.pairs { w.int(p.key); w.int(p.count) }
    }

    static func decodeMap(_ r: inout ByteReader) throws -> CountMap {
        let pairs = try (0..<r.count(minimumBytes: 2)).map { _ in (key: try r.int(), count: try r.int()) }
        guard let m = CountMap(ascending: pairs) else { throw ByteReader.Malformed() }
        return m
    }

    static func encode(_ groups: CommentGroups, into w: inout ByteWriter) {
        w.int(groups.count)
        for scope in [groups.officials, groups.localities, [groups.province]] {
            w.int(scope.count)
            for list in scope {
                w.int(list.count)
                for g in list { encode(g, into: &w) }
            }
        }
    }

    static func decodeGroups(_ r: inout ByteReader, officials: Int, localities: Int) throws -> CommentGroups {
        let count = try r.int()
        var scopes: [[[CommentGroups.Group]]] = []
        for expected in [officials, localities, 1] {
            guard try r.count() == expected else { throw ByteReader.Malformed() }
            scopes.append(try (0..<expected).map { _ in
                let n = try r.count()
                guard n <= CommentGroups.kept else { throw ByteReader.Malformed() }
                return try (0..<n).map { _ in try decodeGroup(&r, officials: officials, localities: localities) }
            })
        }
        return CommentGroups(officials: scopes[0], localities: scopes[1], province: scopes[2][0], count: count)
    }

    static func encode(_ g: CommentGroups.Group, into w: inout ByteWriter) {
        let c = g.comment
        w.string(c.id)
        w.string(c.category)
        w.int(c.date.ordinal)
        w.string(c.kind.rawValue)
        w.string(c.complaint?.rawValue ?? "")
        w.int(c.locality)
        w.int(c.official ?? -1)
        w.string(g.text)
        w.int(g.count)
    }

    static func decodeGroup(_ r: inout ByteReader, officials: Int, localities: Int) throws -> CommentGroups.Group {
        let id = try r.string(), category = try r.string()
        let date = Day(ordinal: try r.int())
        guard let kind = FeedbackKind(rawValue: try r.string()) else { throw ByteReader.Malformed() }
        let standing = try r.string()
        let complaint = standing.isEmpty ? nil : ComplaintStanding(rawValue: standing)
        guard standing.isEmpty || complaint != nil else { throw ByteReader.Malformed() }
        let locality = try r.int(in: -1...(localities - 1))
        let official = try r.int(in: -1...(officials - 1))
        let text = try r.string()
        let count = try r.int()
        guard count >= 1 else { throw ByteReader.Malformed() }
        let comment = PublishedComment(id: id, date: date, locality: locality, official: official < 0 ? nil : official,
                                       kind: kind, category: category, text: text, complaint: complaint)
        // As `CommentGroups.add` keeps them: short texts with the group, long ones with the comment only.
        return CommentGroups.Group(comment: comment, keptText: text.utf8.count > CommentGroups.keptTextBytes ? nil : text, count: count)
    }
}

extension FeedbackTally.Summary {
    func encode(into w: inout ByteWriter) {
        w.int(rows)
        FeedbackTally.encode(byKind, into: &w)
        FeedbackTally.encode(byChannel, into: &w)
        FeedbackTally.encode(byRespondentKind, into: &w)
        w.int(ratingCount)
        FeedbackTally.encode(ratingSum, into: &w)
        FeedbackTally.encode(ratingHistogram, into: &w)
        for v in [complaintsOpen, complaintsResolved, complaintsResolvedOnTime, complaintsResolvedLate, complaintsResolvedNoDue,
                  complaintsRejected, complaintsOverdue] { w.int(v) }
        for m in [resolveDays, categories, categoryResolveDays, byMonth] { FeedbackTally.encode(m, into: &w) }
    }

    init(decoding r: inout ByteReader) throws {
        self.init()
        rows = try r.int()
        byKind = try FeedbackTally.decodeCounts(&r, count: byKind.count)
        byChannel = try FeedbackTally.decodeCounts(&r, count: byChannel.count)
        byRespondentKind = try FeedbackTally.decodeCounts(&r, count: byRespondentKind.count)
        ratingCount = try r.int()
        ratingSum = try FeedbackTally.decodeSum(&r)
        ratingHistogram = try FeedbackTally.decodeCounts(&r, count: ratingHistogram.count)
        complaintsOpen = try r.int()
        complaintsResolved = try r.int()
        complaintsResolvedOnTime = try r.int()
        complaintsResolvedLate = try r.int()
        complaintsResolvedNoDue = try r.int()
        complaintsRejected = try r.int()
        complaintsOverdue = try r.int()
        resolveDays = try FeedbackTally.decodeMap(&r)
        categories = try FeedbackTally.decodeMap(&r)
        categoryResolveDays = try FeedbackTally.decodeMap(&r)
        byMonth = try FeedbackTally.decodeMap(&r)
    }
}
