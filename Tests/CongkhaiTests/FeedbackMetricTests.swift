import Testing
@testable import Congkhai

/// `rating` and `complaint_resolution`, including deduplication and the window.
@Suite struct FeedbackMetricTests {
    func content(_ rows: String, measure: String) -> TestContent {
        var c = TestContent(measure: measure)
        c["officials/xa-an-binh/nguyen-van-an.md"] = TestContent.official("Nguyễn Văn An", """
        commitments:
          - { id: cam-ket, title: "A", group: A, target: 10, deadline: 2026-06-30, status: in_progress }
        """)
        c["officials/xa-an-binh/tran-thi-binh.md"] = TestContent.official("Trần Thị Bình", role: "vice_chairman")
        c["feedback/a.csv"] = TestContent.feedbackHeader + rows
        return c
    }

    static let rating = "{ metric: rating, respondents: [citizen, business], prior_weight: 10 }"

    @Test func bayesianMeanWithProvincePrior() throws {
        // Official: 5 and 4 (n = 2). Province prior m over both officials: (5 + 4 + 1) / 3.
        let c = content("""
        1,2026-03-01,survey,xa-an-binh,nguyen-van-an,,rating,citizen,r1,5,,,,,,
        2,2026-03-01,survey,xa-an-binh,nguyen-van-an,,rating,business,r2,4,,,,,,
        3,2026-03-01,survey,xa-an-binh,tran-thi-binh,,rating,citizen,r3,1,,,,,,
        4,2026-03-01,survey,xa-an-binh,,,rating,citizen,r4,1,,,,,,
        """, measure: FeedbackMetricTests.rating)
        let m = Rational(10, 3)
        let b = (10 * m + 9) / 12
        #expect(try c.attainment() == (b - 1) / 4 * 100)   // exact, not within a tolerance
    }

    @Test func latestRatingPerRespondentCountsAndSameDateLastWins() throws {
        let c = content("""
        1,2026-03-01,survey,xa-an-binh,nguyen-van-an,,rating,citizen,r1,1,,,,,,
        2,2026-05-01,survey,xa-an-binh,nguyen-van-an,,rating,citizen,r1,3,,,,,,
        3,2026-05-01,survey,xa-an-binh,nguyen-van-an,,rating,citizen,r1,5,,,,,,
        4,2026-04-01,survey,xa-an-binh,nguyen-van-an,,rating,citizen,r1,2,,,,,,
        5,2026-04-01,survey,xa-an-binh,nguyen-van-an,cam-ket,rating,citizen,r1,4,,,,,,
        """, measure: "{ metric: rating, respondents: [citizen], prior_weight: 0 }")
        // r1 direct: latest 2026-05-01, last row → 5; r1 via commitment: 4. Mean 4.5.
        #expect(try c.attainment()?.isClose(to: 87.5) == true)
    }

    @Test func aRespondentIsTheSameWithSpacesAroundAndAfterRejectedRows() throws {
        // The respondent's hash is taken on a lane (trimmed, like the claim's
        // bytes) and kept per valid row: a rejected row between the two must
        // not shift it, and the spaces must not make a second respondent.
        let c = content("""
        1,2026-03-01,survey,xa-an-binh,nguyen-van-an,,rating,citizen, r1 ,1,,,,,,
        2,2026-03-01,survey,xa-an-binh,nguyen-van-an,,nonsense,citizen,r2,1,,,,,,
        3,2026-03-01,survey,xa-an-binh,nguyen-van-an,,rating,citizen,r3,,,,,,,
        4,2026-03-01,survey,xa-an-binh,nguyen-van-an,,rating,citizen,r1,5,,,,,,
        """, measure: "{ metric: rating, respondents: [citizen], prior_weight: 0 }")
        #expect(try c.attainment() == 100)
    }

    @Test func longRespondentIdsAreKnownByAllTheirBytes() throws {
        // Respondents are numbered by a digest of their bytes (decision 109):
        // 41-byte ids that differ in the last byte are two respondents, and
        // the same id again is the same one (its latest rating counts).
        let p = "nguoi-phan-anh-0123456789abcdef-01234567"
        let c = content("""
        1,2026-03-01,survey,xa-an-binh,nguyen-van-an,,rating,citizen,\(p)a,1,,,,,,
        2,2026-03-02,survey,xa-an-binh,nguyen-van-an,,rating,citizen,\(p)b,5,,,,,,
        3,2026-03-03,survey,xa-an-binh,nguyen-van-an,,rating,citizen,\(p)a,3,,,,,,
        """, measure: "{ metric: rating, respondents: [citizen], prior_weight: 0 }")
        // a: 3 (latest), b: 5 → mean 4.
        #expect(try c.attainment() == 75)
    }

    @Test func manyDistinctRatingValuesEachCountAsThemselves() throws {
        // The tally looks a rating's value up among the first eight values
        // seen, then in a dictionary: twelve values (1, 1.25, …, 3.75) reach
        // both, and r0's latest, 3.75, is one found past the first eight.
        var rows = (0..<12).map { k in
            "\(k + 1),2026-03-01,survey,xa-an-binh,nguyen-van-an,,rating,citizen,r\(k),\(Rational(4 + k, 4).decimalText),,,,,,"
        }
        rows.append("13,2026-04-01,survey,xa-an-binh,nguyen-van-an,,rating,citizen,r0,3.75,,,,,,")
        // Values seen before: 1.5 among the first eight, 3.5 past them.
        rows.append("14,2026-03-01,survey,xa-an-binh,nguyen-van-an,,rating,citizen,r12,1.5,,,,,,")
        rows.append("15,2026-03-01,survey,xa-an-binh,nguyen-van-an,,rating,citizen,r13,3.5,,,,,,")
        let c = content(rows.joined(separator: "\n"), measure: "{ metric: rating, respondents: [citizen], prior_weight: 0 }")
        // 1.25 + … + 3.75 with r0's 1 replaced by 3.75 (125/4), then 1.5 and
        // 3.5: 145/4 over 14 respondents.
        #expect(try c.attainment() == (Rational(145, 56) - 1) / 4 * 100)
    }

    @Test func emptyRespondentsAreNeverMerged() throws {
        let c = content("""
        1,2026-03-01,survey,xa-an-binh,nguyen-van-an,,rating,citizen,,1,,,,,,
        2,2026-03-02,survey,xa-an-binh,nguyen-van-an,,rating,citizen,,5,,,,,,
        """, measure: "{ metric: rating, respondents: [citizen], prior_weight: 0 }")
        #expect(try c.attainment()?.isClose(to: 50) == true)
    }

    @Test func windowIsAppliedBeforeDeduplication() throws {
        // The later row is after D; the earlier in-window row must still count.
        let c = content("""
        1,2026-03-01,survey,xa-an-binh,nguyen-van-an,,rating,citizen,r1,5,,,,,,
        2,2026-12-01,survey,xa-an-binh,nguyen-van-an,,rating,citizen,r1,1,,,,,,
        3,2025-12-31,survey,xa-an-binh,nguyen-van-an,,rating,citizen,r2,1,,,,,,
        """, measure: "{ metric: rating, respondents: [citizen], prior_weight: 0 }")
        #expect(try c.attainment() == 100)
    }

    @Test func ratingOfOtherRespondentKindsIsNotApplicable() throws {
        let c = content("""
        1,2026-03-01,survey,xa-an-binh,nguyen-van-an,,rating,staff,r1,5,,,,,,
        2,2026-03-01,survey,xa-an-binh,nguyen-van-an,,rating,,r2,5,,,,,,
        """, measure: FeedbackMetricTests.rating)
        #expect(try c.attainment() == nil)
    }

    @Test func priorIsTheMeanOfItsOwnRespondentKinds() throws {
        let c = content("""
        1,2026-03-01,survey,xa-an-binh,nguyen-van-an,,rating,agency,r1,5,,,,,,
        """, measure: "{ metric: rating, respondents: [agency], prior_weight: 10 }")
        // m is the agency mean (5, from this very row): b = (50 + 5)/11 = 5
        #expect(try c.attainment()?.isClose(to: 100) == true)
    }

    @Test func complaintsOnTimeLateOpenRejectedAndNotDue() throws {
        let c = content("""
        1,2026-03-01,hotline,xa-an-binh,nguyen-van-an,,complaint,citizen,a,,,resolved,2026-03-31,2026-03-20,,
        2,2026-03-01,hotline,xa-an-binh,nguyen-van-an,,complaint,citizen,a,,,resolved,2026-03-31,2026-04-20,,
        3,2026-03-01,hotline,xa-an-binh,nguyen-van-an,,complaint,citizen,a,,,in_progress,2026-03-31,,,
        4,2026-03-01,hotline,xa-an-binh,nguyen-van-an,,complaint,citizen,a,,,,2026-03-31,,,
        5,2026-03-01,hotline,xa-an-binh,nguyen-van-an,,complaint,citizen,a,,,rejected,2026-03-31,,,
        6,2026-11-01,hotline,xa-an-binh,nguyen-van-an,,complaint,citizen,a,,,open,2026-12-15,,,
        7,2026-03-01,hotline,xa-an-binh,nguyen-van-an,,complaint,citizen,a,,,open,,,,
        8,2026-03-01,hotline,xa-an-binh,nguyen-van-an,,complaint,citizen,a,,,resolved,2026-03-31,,,
        9,2026-03-01,hotline,xa-an-binh,nguyen-van-an,,complaint,citizen,a,,,resolved,2026-03-31,2026-12-01,,
        """, measure: "{ metric: complaint_resolution }")
        // Counted: 1 (1), 2 (0.5), 3 (0), 4 (0), 8 (0, no resolved_on), 9 (0, resolved after D)
        #expect(try c.attainment()?.isClose(to: 100 * 1.5 / 6) == true)
    }

    @Test func noComplaintIsNotApplicable() throws {
        let c = content("1,2026-03-01,survey,xa-an-binh,nguyen-van-an,,suggestion,citizen,a,,,,,,,\n",
                        measure: "{ metric: complaint_resolution }")
        #expect(try c.attainment() == nil)
    }
}
