import Foundation
import Testing
@testable import Congkhai

/// The rules behind the citizen pages: numbers and dates as Vietnamese
/// readers write them, commitment standings, honest statuses, feedback stories.
@Suite struct CitizenPagesTests {
    @Test(arguments: [
        ("12619", "vi", "12.619"), ("12619", "en", "12,619"), ("500000", "vi", "500.000"), ("999", "vi", "999"),
        ("1234.5", "vi", "1.234,5"), ("1234.5", "en", "1,234.5"), ("-27780", "vi", "−27.780"), ("0.25", "vi", "0,25"),
        ("-1234567.89", "en", "−1,234,567.89"), ("100", "vi", "100"), ("-0.5", "vi", "−0,5"),
        // Either side of the short path that skips the marks (up to three plain digits).
        ("1000", "vi", "1.000"), ("1000", "en", "1,000"), ("7", "en", "7"), ("-5", "vi", "−5"), ("-999", "en", "−999"),
    ])
    func numbersAreGroupedTheLanguagesWay(value: String, language: String, expected: String) throws {
        let x = try #require(Rational(decimal: value))
        #expect(Number.display(x, strings: language == "en" ? ThemeStrings.en : ThemeStrings.vi) == expected)
    }

    /// A theme's marks may be more than one byte (a narrow no-break space,
    /// a middle dot): the text is as long as its marks make it.
    @Test func marksOfSeveralBytesGroupNumbers() throws {
        let strings = ["number_thousands": "\u{202F}", "number_decimal": "·"]
        for (value, expected) in [("1234567.25", "1\u{202F}234\u{202F}567·25"), ("-1000", "−1\u{202F}000"), ("-0.5", "−0·5"),
                                  ("999.5", "999·5"), ("12", "12"), ("1000.5", "1\u{202F}000·5"), ("123456", "123\u{202F}456")] {
            let x = try #require(Rational(decimal: value))
            #expect(Number.display(x, strings: strings) == expected, "\(value)")
        }
    }

    /// Counts take a shorter path than other numbers, and pages look the
    /// marks up once (`Display.marks`): every way gives the same text.
    @Test func countsAreWrittenAsEveryOtherNumber() {
        for strings in [ThemeStrings.vi, ThemeStrings.en] {
            let d = Display(language: "vi", t: strings, root: "", prefix: "")
            for n in [Int.min + 1, -1_000_000, -1000, -999, -5, 0, 7, 999, 1000, 12619, Int.max] {
                let expected = Number.display(Rational(n), strings: strings)
                #expect(Number.display(n, strings: strings) == expected)
                #expect(d.count(n) == expected)
                #expect(d.number(Rational(n)) == expected)
            }
            #expect(d.score(Rational(-8313, 100)) == Number.display(Rational(-8313, 100), places: 2, fixed: true, strings: strings))
        }
    }

    @Test func scoresKeepTwoDecimals() {
        #expect(Number.display(Rational(8313, 100), places: 2, fixed: true, strings: ThemeStrings.vi) == "83,13")
        #expect(Number.display(Rational(70), places: 2, fixed: true, strings: ThemeStrings.en) == "70.00")
    }

    static func commitment(status: Commitment.Status, deadline: String, completed: String? = nil, target: Rational? = nil,
                           actual: Rational? = nil, progress: Rational? = nil) -> Commitment {
        let updates = progress.map { [Update(on: Day(iso: "2026-06-01")!, progress: $0, note: "", evidence: nil)] } ?? []
        return Commitment(id: "c", title: "C", group: .a, product: nil, target: target, unit: "km", acceptance: "", actual: actual,
                          publishedOn: nil, deadline: Day(iso: deadline)!, difficulty: .normal, status: status,
                          completedOn: completed.flatMap { Day(iso: $0) }, withdrawal: nil, partners: [], updates: updates, line: 1)
    }

    @Test func standingsAtADate() throws {
        let d = try #require(Day(iso: "2026-11-28"))
        #expect(Self.commitment(status: .done, deadline: "2026-10-01", completed: "2026-09-30").standing(asOf: d) == .doneOnTime)
        #expect(Self.commitment(status: .done, deadline: "2026-10-01", completed: "2026-10-20").standing(asOf: d) == .doneLate)
        #expect(Self.commitment(status: .inProgress, deadline: "2026-10-01").standing(asOf: d) == .overdue)
        #expect(Self.commitment(status: .planned, deadline: "2026-12-01").standing(asOf: d) == .inProgress)
        #expect(Self.commitment(status: .withdrawn, deadline: "2026-10-01").standing(asOf: d) == .withdrawn)
        // Completed after D: not done yet at D.
        #expect(Self.commitment(status: .done, deadline: "2026-12-10", completed: "2026-12-05").standing(asOf: d) == .inProgress)
    }

    @Test func doneButShortShowsBoth() throws {
        let d = try #require(Day(iso: "2026-11-28"))
        let short = Self.commitment(status: .done, deadline: "2026-10-01", completed: "2026-09-30", target: 20, actual: 2)
        #expect(short.doneShortfall(target: 20, asOf: d)?.shareOfTarget == 10)
        let stale = Self.commitment(status: .done, deadline: "2026-10-01", completed: "2026-09-30", progress: 27)
        #expect(stale.doneShortfall(target: nil, asOf: d)?.lastProgress == 27)
        let honest = Self.commitment(status: .done, deadline: "2026-10-01", completed: "2026-09-30", target: 20, actual: 20, progress: 100)
        #expect(honest.doneShortfall(target: 20, asOf: d) == nil)
        let display = Display(language: "vi", t: ThemeStrings.vi, root: "", prefix: "")
        let card = CommitmentCard(short, official: Official(id: "o", locality: "l", name: "N", position: "P", role: .chairman,
                                                            termStart: nil, staffCount: nil, staffTrained: nil, assessments: [:],
                                                            commitments: [short], incidents: [], initiatives: [], body: "", file: "f"),
                                  locality: nil, province: try #require(ThemeStrings.province()), asOf: d, display)
        #expect(card.honesty == "Báo cáo hoàn thành — thực tế đạt 10 % mục tiêu")
        #expect(card.deadline.text == "01/10/2026" && card.deadline.iso == "2026-10-01")
    }

    @Test func checkWarnsAboutDoneButShortAtTheStatusLine() throws {
        var c = TestContent()
        c["officials/xa-an-binh/nguyen-van-an.md"] = TestContent.official("Nguyễn Văn An", role: "chairman", """
        commitments:
          - id: duong
            title: "Làm 20 km đường"
            group: A
            target: 20
            unit: km
            actual: 2
            deadline: 2026-06-30
            status: done
            completed_on: 2026-06-20
        """)
        let (run, log) = try c.run()
        #expect(run != nil)
        let warning = try #require(log.items.first { $0.message.contains("marked done") })
        #expect(warning.file == "officials/xa-an-binh/nguyen-van-an.md" && warning.line == 13, "\(warning)")
        #expect(warning.message.contains("10 % of its target"))
    }

    /// A tally's sentence is the same whether the page was given its
    /// language's lowercased standings (`Display.Tables`) or not.
    @Test func tallySentencesDoNotDependOnTables() {
        let standings: [CommitmentStanding] = [.doneOnTime, .overdue, .doneOnTime, .inProgress, .withdrawn, .doneLate]
        for strings in [ThemeStrings.vi, ThemeStrings.en] {
            let tables = Display.Tables(strings)
            #expect(tables.standingsLowercased == CommitmentStanding.allCases.map { (strings["standing_" + $0.rawValue] ?? "?").lowercased() })
            let plain = Display(language: "vi", t: strings, root: "", prefix: "")
            let tabled = Display(language: "vi", t: strings, root: "", prefix: "", tables: tables)
            for k in 0...standings.count {
                let some = Array(standings.prefix(k))
                #expect(CommitmentTally(some, plain).sentence == CommitmentTally(some, tabled).sentence)
            }
        }
    }

    /// The words a build makes once per language for its feedback blocks
    /// (`FeedbackBlock.Words`) are the theme's words each block looked up
    /// before, row by row, and the period's months as `mm/yyyy`; blocks made
    /// with them or without them are the same.
    @Test func feedbackWordsMadeOnceAreTheThemesWords() throws {
        // The demo: ratings, complaints, every channel and kind of respondent.
        let r = try #require(ScoringRun.run(content: TemplateKeyTests.repo + "/content", options: .init(), log: DiagnosticLog()))
        let tally = r.scoreboard.tally
        let period = r.province.site.period, asOf = r.scoreboard.asOf
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        for (language, strings) in [("vi", ThemeStrings.vi), ("en", ThemeStrings.en)] {
            let d = Display(language: language, t: strings, root: "", prefix: "")
            let w = FeedbackBlock.Words(d, period: period, asOf: asOf)
            let tables = Display.Tables(strings, feedback: w)
            let tabled = Display(language: language, t: strings, root: "", prefix: "", tables: tables)
            #expect(w.kinds == FeedbackKind.allCases.map { strings["feedback_" + $0.rawValue] ?? "?" })
            #expect(w.channels == FeedbackChannel.allCases.map { strings["channel_" + $0.rawValue] ?? "?" } + [strings["channel_unknown"] ?? "?"])
            #expect(w.respondents == RespondentKind.allCases.map { strings["respondent_" + $0.rawValue] ?? "?" }
                + [strings["respondent_unknown"] ?? "?"])
            #expect(w.stars == (1...5).map { Phrase("stars_n", ["n": String($0)]).text(strings) })
            #expect(w.heading == strings["feedback_summary"] && w.ratingsTitle == strings["ratings"] && w.monthsTitle == strings["fb_by_month"])
            // 2025-07 … the site's date, or the period's end.
            let (sy, sm, _) = period.start.components
            #expect(w.firstMonth == sy * 12 + sm - 1 && w.months.first == Day.pad(sm, 2) + "/" + String(sy))
            #expect(w.month(w.firstMonth - 1) == FeedbackBlock.monthLabel(w.firstMonth - 1))
            for summary in tally.officialSummaries.prefix(20) + [tally.province] {
                let plain = FeedbackBlock(summary, comments: [], categoryNames: tally.categoryNames, id: "fb", period: period, asOf: asOf, d)
                let worded = FeedbackBlock(summary, comments: [], categoryNames: tally.categoryNames, id: "fb", period: period, asOf: asOf,
                                           tabled)
                #expect(try encoder.encode(plain) == encoder.encode(worded))
            }
        }
    }

    @Test func identicalCommentsAreGroupedAndComplaintsCarryTheirStanding() throws {
        var c = TestContent()
        c["feedback/a.csv"] = TestContent.feedbackHeader
            + "1,2026-03-01,hotline,xa-an-binh,nguyen-van-an,,complaint,citizen,r1,,đất đai,resolved,2026-03-31,2026-03-20,Chậm cấp sổ,yes\n"
            + "2,2026-03-02,hotline,xa-an-binh,nguyen-van-an,,complaint,citizen,r2,,đất đai,open,2026-03-31,,Chậm cấp sổ,yes\n"
            + "3,2026-04-02,hotline,xa-an-binh,nguyen-van-an,,complaint,citizen,r3,,đất đai,open,2026-12-31,,Đường hỏng,yes\n"
        let (run, log) = try c.run()
        let r = try #require(run, "\(log.items)")
        let tally = r.scoreboard.tally
        let block = FeedbackBlock(tally.officialSummaries[0], comments: tally.commentGroups.officials[0], categoryNames: tally.categoryNames, id: "fb",
                                  period: r.province.site.period, asOf: r.scoreboard.asOf,
                                  Display(language: "vi", t: ThemeStrings.vi, root: "", prefix: ""))
        let all = block.comments + block.moreComments
        #expect(all.count == 2)
        #expect(all.contains { $0.text == "Chậm cấp sổ" && $0.repeats == "2 người gửi cùng nội dung" })
        #expect(all.contains { $0.complaintKey == "open" })
        #expect(block.statements.contains("1 trên 2 phản ánh, khiếu nại đến hạn được giải quyết đúng hạn."))
        #expect(block.categories.first?.medianDays == "19")
        #expect(block.months.items.count == 11 && block.months.items[2].value == "2")
    }

    /// Only the first ten groups are kept while grouping, yet each counts
    /// every repeat, also those after many other comments; texts with the
    /// same length, or the same text under another category, are other
    /// groups. The texts come back from the tally's spool.
    @Test func commentGroupsCountRepeatsBeyondTheShownOnes() throws {
        var rows = TestContent.feedbackHeader
        var n = 0
        func row(_ text: String, category: String = "đất đai", day: Int) {
            n += 1
            rows += "\(n),2026-03-\(day < 10 ? "0" : "")\(day),hotline,xa-an-binh,nguyen-van-an,,suggestion,citizen,,,\(category),,,,\(text),yes\n"
        }
        // Newest first on the page: day 28 comes first.
        row("Ý kiến số 1", day: 28)
        for i in 2...12 { row("Ý kiến số \(i < 10 ? " " : "")\(i)", day: 27) }  // 11 more groups, same lengths
        row("Ý kiến số 1", day: 2)                                      // a repeat after twelve groups
        row("Ý kiến số 1", category: "giao thông", day: 1)              // same text, other category
        row("Ý kiến số 1", day: 1)
        var c = TestContent()
        c["feedback/a.csv"] = rows
        let (run, log) = try c.run()
        let r = try #require(run, "\(log.items)")
        let tally = r.scoreboard.tally
        #expect(tally.commentGroups.count == 15)
        let block = FeedbackBlock(tally.officialSummaries[0], comments: tally.commentGroups.officials[0], categoryNames: tally.categoryNames, id: "fb",
                                  period: r.province.site.period, asOf: r.scoreboard.asOf,
                                  Display(language: "vi", t: ThemeStrings.vi, root: "", prefix: ""))
        let all = block.comments + block.moreComments
        #expect(all.count == CommentGroups.kept)
        #expect(all.first?.text == "Ý kiến số 1" && all.first?.repeats == "3 người gửi cùng nội dung")
        #expect(all.dropFirst().allSatisfy { $0.repeats == nil })
        #expect(Set(all.map(\.text)).count == all.count)
    }

    /// A moderator may clear a comment of any length: the page shows its
    /// first `commentCharacters` characters and says so; two identical long
    /// texts are still one entry with a count (their texts are read back
    /// from the spool, not kept with the group).
    @Test func longCommentsAreShortenedOnPagesAndStillGrouped() throws {
        let long = String(repeating: "Đường ngập sâu; xe không qua được. ", count: 400)  // 14,000 characters
        var c = TestContent()
        c["feedback/a.csv"] = TestContent.feedbackHeader
            + "1,2026-03-01,hotline,xa-an-binh,nguyen-van-an,,suggestion,citizen,,,giao thông,,,,\(long),yes\n"
            + "2,2026-03-02,hotline,xa-an-binh,nguyen-van-an,,suggestion,citizen,,,giao thông,,,,\(long),yes\n"
            + "3,2026-03-03,hotline,xa-an-binh,nguyen-van-an,,suggestion,citizen,,,giao thông,,,,Ngắn gọn,yes\n"
        let (run, log) = try c.run()
        let r = try #require(run, "\(log.items)")
        let tally = r.scoreboard.tally
        #expect(tally.commentGroups.officials[0].count == 2)
        let block = FeedbackBlock(tally.officialSummaries[0], comments: tally.commentGroups.officials[0], categoryNames: tally.categoryNames,
                                  id: "fb", period: r.province.site.period, asOf: r.scoreboard.asOf,
                                  Display(language: "vi", t: ThemeStrings.vi, root: "", prefix: ""))
        let all = block.comments + block.moreComments
        #expect(all.count == 2)
        #expect(all[0].text == "Ngắn gọn" && all[0].shortened == nil)
        #expect(all[1].text == String(long.prefix(FeedbackBlock.commentCharacters)) + "…")
        #expect(all[1].shortened == "đã rút gọn, toàn văn trong tệp phản ánh ở mục Dữ liệu mở")
        #expect(all[1].repeats == "2 người gửi cùng nội dung")
        // Exactly the limit is not cut; multi-byte letters count as one character.
        let edge = String(repeating: "ễ", count: FeedbackBlock.commentCharacters)
        let atLimit = FeedbackBlock.shown(edge)
        #expect(atLimit.text == edge && !atLimit.cut)
        #expect(FeedbackBlock.shown(edge + "a").cut)
    }
}

/// The default theme's Vietnamese strings, for tests of page blocks.
enum ThemeStrings {
    static let themePath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("themes/default").path
    static let vi: [String: String] = ThemeFiles.load(path: themePath, name: "default", log: DiagnosticLog())?.strings(for: "vi") ?? [:]
    static let en: [String: String] = ThemeFiles.load(path: themePath, name: "default", log: DiagnosticLog())?.strings(for: "en") ?? [:]

    static func province() -> Province? {
        (try? TestContent().run().0)?.province
    }

}
