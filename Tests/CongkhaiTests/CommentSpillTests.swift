import Testing
@testable import Congkhai

/// Comments set aside on disk during the ingest come back exactly as they
/// went in, in order, across the spool's 1 MiB read chunks; the rating
/// records' chunked list flattens in order.
@Suite struct CommentSpillTests {
    struct Original {
        var id: String, date: Day, locality: Int, official: Int?, kind: FeedbackKind
        var category: Int?, categoryText: String, complaint: ComplaintStanding?, text: String
    }

    static func originals(_ n: Int) -> [Original] {
        var random = SeededSequence(seed: 17)
        let names = ["thủ tục hành chính", "môi trường", "giao thông"]
        let texts = ["Đường liên thôn đã sửa xong.", "", "Cảm ơn cán bộ một cửa", "x", String(repeating: "Ngập nước kéo dài. ", count: 40)]
        return (0..<n).map { i in
            let exotic = random.next(50) == 0
            let c = random.next(names.count)
            let kind = FeedbackKind.allCases[random.next(3)]
            return Original(id: i % 97 == 0 ? "gop-y/\(i)/" + String(repeating: "dài", count: 30) : "td26-\(i)",
                            date: Day(ordinal: 739_000 + random.next(400)), locality: random.next(3_000),
                            official: random.next(5) == 0 ? nil : random.next(50_000), kind: kind,
                            category: exotic ? nil : c, categoryText: exotic ? "loại \(i) \"lạ\", ngoài danh mục" : names[c],
                            complaint: kind == .complaint ? ComplaintStanding.allCases[random.next(ComplaintStanding.allCases.count)] : nil,
                            text: texts[random.next(texts.count)] + " \(i)")
        }
    }

    func roundTrip(_ records: Spool, texts: Spool) {
        let names = ["thủ tục hành chính", "môi trường", "giao thông"]
        // ~60 bytes a record: 40,000 of them straddle many 1 MiB chunks.
        let originals = CommentSpillTests.originals(40_000)
        var spill = CommentSpill(records: records)
        for o in originals {
            spill.append(id: o.id, date: o.date, locality: o.locality, official: o.official, kind: o.kind,
                         category: o.category, categoryText: o.categoryText, complaint: o.complaint,
                         textOffset: PublishedComment.park(o.text, in: texts), textLength: o.text.utf8.count,
                         textHash: PublishedComment.hash(o.text))
        }
        #expect(spill.count == originals.count)
        guard let loaded = spill.load(categoryNames: names, texts: texts) else {
            Issue.record("the comments could not be read back")
            return
        }
        #expect(loaded.count == originals.count)
        for (o, c) in zip(originals, loaded) {
            let expected = PublishedComment(id: o.id, date: o.date, locality: o.locality, official: o.official, kind: o.kind,
                                            category: o.categoryText, text: o.text, complaint: o.complaint)
            #expect(c.id == o.id && c.date == o.date && c.locality == o.locality && c.official == o.official)
            #expect(c.kind == o.kind && c.category == o.categoryText && c.complaint == o.complaint)
            #expect(c.text == o.text && c.textLength == expected.textLength && c.textHash == expected.textHash)
            if c.id != o.id || c.text != o.text || c.category != o.categoryText { return }
        }
    }

    @Test func commentsComeBackAsTheyWentIn() {
        roundTrip(Spool(), texts: Spool())
    }

    @Test func withoutATemporaryFileTheyStayInMemory() {
        roundTrip(Spool(directory: "/nonexistent-congkhai-test"), texts: Spool(directory: "/nonexistent-congkhai-test"))
    }

    @Test func chunkedArrayFlattensInOrder() {
        var list = ChunkedArray<Int>()
        let n = 3 * ChunkedArray<Int>.chunkCapacity + 5
        for i in 0..<n { list.append(i) }
        #expect(list.count == n)
        #expect(list.flatten() == Array(0..<n))
        #expect(list.isEmpty)
        #expect(list.flatten().isEmpty)
    }
}

/// Each comment counts in its official's, its locality's and the province's
/// list; each list keeps its own first `kept` groups and counts every repeat.
@Suite struct CommentGroupsTests {
    func comment(_ id: String, _ text: String, locality: Int, official: Int?, category: String = "đất đai",
                 kind: FeedbackKind = .suggestion) -> PublishedComment {
        PublishedComment(id: id, date: Day(ordinal: 739_100), locality: locality, official: official, kind: kind,
                         category: category, text: text, complaint: nil)
    }

    @Test func scopesAreSeparateAndRepeatsAreCounted() {
        var groups = CommentGroups(officials: 3, localities: 2)
        groups.add(comment("1", "Đèn đường hỏng", locality: 0, official: 0))
        groups.add(comment("2", "Đèn đường hỏng", locality: 0, official: 1))
        groups.add(comment("3", "Đèn đường hỏng", locality: 1, official: nil))
        groups.add(comment("4", "Đèn đường hỏng", locality: 1, official: 2, category: "giao thông"))
        groups.add(comment("5", "Đèn đường hỏng", locality: 1, official: 2, kind: .complaint))
        groups.add(comment("6", "Đèn đường hông", locality: 0, official: 0))   // same length, other text
        #expect(groups.count == 6)
        func shown(_ g: [CommentGroups.Group]) -> [String] { g.map { "\($0.comment.id):\($0.count)" } }
        #expect(shown(groups.province) == ["1:3", "4:1", "5:1", "6:1"])
        #expect(shown(groups.localities[0]) == ["1:2", "6:1"])
        #expect(shown(groups.localities[1]) == ["3:1", "4:1", "5:1"])
        #expect(shown(groups.officials[0]) == ["1:1", "6:1"])
        #expect(shown(groups.officials[1]) == ["2:1"])
        #expect(shown(groups.officials[2]) == ["4:1", "5:1"])
        #expect(groups.province.first?.text == "Đèn đường hỏng")
    }

    @Test func aScopeKeepsItsFirstGroupsAndCountsLaterRepeats() {
        var groups = CommentGroups(officials: 1, localities: 1)
        for i in 0..<(CommentGroups.kept + 5) { groups.add(comment("a\(i)", "Ý kiến \(i)", locality: 0, official: 0)) }
        groups.add(comment("late", "Ý kiến 0", locality: 0, official: 0))
        groups.add(comment("later", "Ý kiến \(CommentGroups.kept + 2)", locality: 0, official: 0))  // a group never kept
        for g in [groups.province, groups.localities[0], groups.officials[0]] {
            #expect(g.count == CommentGroups.kept)
            #expect(g.first?.count == 2 && g.dropFirst().allSatisfy { $0.count == 1 })
        }
    }
}

/// The groups made all at once (the officials' and localities' lists in
/// ranges on every core) are those made one comment at a time.
@Suite struct CommentGroupsAllAtOnceTests {
    struct Shown: Equatable { var id: String; var text: String; var count: Int }

    static func shown(_ groups: [CommentGroups.Group]) -> [Shown] { groups.map { Shown(id: $0.comment.id, text: $0.text, count: $0.count) } }

    @Test func allAtOnceEqualsOneAtATime() {
        var rng = SplitMix(seed: 41)
        let spool = Spool()
        let texts = ["Đèn đường hỏng", "Đèn đường hỏg", "Rác chưa thu gom", "Ngập sau mưa", String(repeating: "Dài. ", count: 2_000), "x"]
        for (officials, localities) in [(1, 1), (7, 3), (200, 40), (3, 5)] {
            var comments: [PublishedComment] = []
            for i in 0..<3_000 {
                let official: Int? = Int.random(in: 0..<10, using: &rng) == 0 ? nil : Int.random(in: 0..<officials, using: &rng)
                // Some outside the lists (as a comment of an unknown locality is).
                let locality = Int.random(in: -1...localities, using: &rng)
                comments.append(PublishedComment(id: "c\(i)", date: Day(ordinal: 739_100 - i / 7), locality: locality, official: official,
                                                 kind: [.suggestion, .complaint][Int.random(in: 0..<2, using: &rng)],
                                                 category: ["đất đai", "giao thông", ""][Int.random(in: 0..<3, using: &rng)],
                                                 text: texts[Int.random(in: 0..<texts.count, using: &rng)], complaint: nil,
                                                 spool: i % 2 == 0 ? spool : nil))
            }
            var one = CommentGroups(officials: officials, localities: localities)
            for c in comments { one.add(c) }
            var all = CommentGroups(officials: officials, localities: localities)
            all.add(contentsOf: comments)
            #expect(all.count == one.count)
            #expect(Self.shown(all.province) == Self.shown(one.province))
            #expect(all.localities.map(Self.shown) == one.localities.map(Self.shown))
            #expect(all.officials.map(Self.shown) == one.officials.map(Self.shown))
            #expect(one.officials.contains { $0.contains { $0.count > 1 } })
        }
    }

    @Test func keptCommentsOwnTheirIds() {
        // A group keeps its comment's id in storage of its own: sharing the
        // loaded comments' ids pinned the allocator's pages of every other
        // comment of the ingest (decision 109's measurements).
        func storage(_ s: String) -> UnsafeRawPointer? {
            var s = s
            return s.withUTF8 { $0.baseAddress.map(UnsafeRawPointer.init) }
        }
        let id = "ks26-0b7d4c2e-9a1f-4e3b-000001"  // longer than a small string
        let c = PublishedComment(id: id, date: Day(ordinal: 739_100), locality: 0, official: 0, kind: .suggestion,
                                 category: "", text: "Đèn đường hỏng", complaint: nil)
        for all in [false, true] {
            var groups = CommentGroups(officials: 1, localities: 1)
            if all { groups.add(contentsOf: [c]) } else { groups.add(c) }
            for kept in [groups.officials[0], groups.localities[0], groups.province] {
                #expect(kept.map(\.comment.id) == [id])
                let ownID = kept.first.flatMap { storage($0.comment.id) }
                #expect(ownID != nil && ownID != storage(c.id))
            }
        }
    }
}

/// The build groups the spilled comments from compact records
/// (`LoadedComments`, decision 125): the lists must be the ones made from
/// whole `PublishedComment`s sorted newest first and added one at a time —
/// exotic categories (no interned number), long ids, same-day ties broken
/// by id bytes, enough comments for the sort's parallel path.
@Suite struct LoadedCommentsTests {
    @Test func groupsFromRecordsAreThoseFromWholeComments() {
        var rng = SplitMix(seed: 125)
        let names = ["thủ tục hành chính", "môi trường", "giao thông"]
        let exotic = ["khác: \"ngoài danh mục\"", "khác, lạ", "giao thông"]  // the last equals an interned name's text
        let texts = ["Đèn đường hỏng", "Đèn đường hỏg", "Rác chưa thu gom", "Ngập sau mưa", String(repeating: "Dài. ", count: 300)]
        let (officials, localities) = (40, 6)
        let n = InPlaceSort.parallelMinimum + 3_000
        let records = Spool(), spooled = Spool()
        var spill = CommentSpill(records: records)
        for i in 0..<n {
            let kind: FeedbackKind = [.suggestion, .complaint][Int.random(in: 0..<2, using: &rng)]
            let interned = Int.random(in: 0..<6, using: &rng) > 0
            let c = Int.random(in: 0..<3, using: &rng)
            let text = texts[Int.random(in: 0..<texts.count, using: &rng)]
            // Long and short ids, unique; few days, so most order is by id.
            let id = i % 3 == 0 ? "ks26-0b7d4c2e-9a1f-4e3b-\(n - i)" : "td\(i * 7919 % n)"
            spill.append(id: id, date: Day(ordinal: 739_100 + Int.random(in: 0..<5, using: &rng)),
                         locality: Int.random(in: -1..<localities, using: &rng),
                         official: Int.random(in: 0..<8, using: &rng) == 0 ? nil : Int.random(in: 0..<officials, using: &rng),
                         kind: kind, category: interned ? c : nil, categoryText: interned ? names[c] : exotic[c],
                         complaint: kind == .complaint ? ComplaintStanding.allCases[i % ComplaintStanding.allCases.count] : nil,
                         textOffset: PublishedComment.park(text, in: spooled), textLength: text.utf8.count,
                         textHash: PublishedComment.hash(text))
        }
        guard var whole = spill.load(categoryNames: names, texts: spooled),
              let loaded = spill.loaded(categoryNames: names, texts: spooled) else {
            Issue.record("the comments could not be read back")
            return
        }
        whole.sort { $0.date != $1.date ? $0.date > $1.date : $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
        var one = CommentGroups(officials: officials, localities: localities)
        for c in whole { one.add(c) }
        loaded.sortNewestFirst(lanes: 2)
        let order = (0..<loaded.count).map { loaded.comment($0).id }
        #expect(order.count == whole.count && zip(order, whole).allSatisfy { $0 == $1.id }, "first out of order: \(zip(order, whole).first { $0 != $1.id }.map { "\($0.0) for \($0.1.id)" } ?? "")")
        var compact = CommentGroups(officials: officials, localities: localities)
        compact.add(contentsOf: loaded)

        struct Shown: Equatable {
            var id: String, date: Day, kind: FeedbackKind, category: String, complaint: ComplaintStanding?, text: String, count: Int
        }
        func shown(_ groups: [CommentGroups.Group]) -> [Shown] {
            groups.map { Shown(id: $0.comment.id, date: $0.comment.date, kind: $0.comment.kind, category: $0.comment.category,
                               complaint: $0.comment.complaint, text: $0.text, count: $0.count) }
        }
        #expect(compact.count == one.count)
        // The first list that differs, named (not every list printed).
        let scopes = [("province", compact.province, one.province)]
            + compact.localities.indices.map { ("locality \($0)", compact.localities[$0], one.localities[$0]) }
            + compact.officials.indices.map { ("official \($0)", compact.officials[$0], one.officials[$0]) }
        let differing = scopes.first { shown($0.1) != shown($0.2) }
        #expect(differing == nil, "\(differing.map { "\($0.0): \(shown($0.1).prefix(2)) against \(shown($0.2).prefix(2))" } ?? "")")
        // The cases the comparison is about happened: repeats counted, an
        // exotic category kept apart from the interned name with its text.
        #expect(one.officials.contains { $0.contains { $0.count > 1 } })
        #expect(one.province.contains { $0.comment.category == exotic[0] })
    }
}
