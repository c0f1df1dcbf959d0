import Testing
@testable import Congkhai

/// `feedback_response_time` (rules v1.1), added through the open metric set.
@Suite struct ResponseTimeTests {
    func content(_ rows: String, measure: String = "{ metric: feedback_response_time }") -> TestContent {
        var c = TestContent(measure: measure)
        c["feedback/a.csv"] = TestContent.feedbackHeader + rows
        return c
    }

    @Test func eligibleAndOnTime() throws {
        // D = 2026-11-28, target 15 days.
        let c = content("""
        1,2026-10-01,hotline,xa-an-binh,nguyen-van-an,,complaint,citizen,,,,resolved,,2026-10-10,,
        2,2026-10-01,hotline,xa-an-binh,nguyen-van-an,,complaint,citizen,,,,resolved,,2026-10-20,,
        3,2026-10-01,hotline,xa-an-binh,nguyen-van-an,,suggestion,citizen,,,,open,,,,
        4,2026-11-25,hotline,xa-an-binh,nguyen-van-an,,complaint,citizen,,,,open,,,,
        5,2026-11-25,hotline,xa-an-binh,nguyen-van-an,,complaint,citizen,,,,resolved,,2026-11-26,,
        6,2026-10-01,hotline,xa-an-binh,nguyen-van-an,,complaint,citizen,,,,rejected,,,,
        7,2026-10-01,survey,xa-an-binh,nguyen-van-an,,rating,citizen,r,4,,,,,,
        8,2025-10-01,hotline,xa-an-binh,nguyen-van-an,,complaint,citizen,,,,resolved,,2025-10-02,,
        """)
        // Eligible: 1 (on time), 2 (late, 19 days), 3 (past 15 days, open), 5 (resolved by D, on time).
        // Not eligible: 4 (not yet 15 days, open), 6 rejected, 7 a rating, 8 before the period.
        #expect(try c.attainment() == 50)
    }

    @Test func parametersChangeTheWindowAndKinds() throws {
        let rows = """
        1,2026-10-01,hotline,xa-an-binh,nguyen-van-an,,complaint,citizen,,,,resolved,,2026-10-20,,
        2,2026-10-01,hotline,xa-an-binh,nguyen-van-an,,suggestion,citizen,,,,open,,,,
        """
        #expect(try content(rows, measure: "{ metric: feedback_response_time, target_days: 30 }").attainment() == 50)
        #expect(try content(rows, measure: "{ metric: feedback_response_time, target_days: 30, kinds: [complaint] }").attainment() == 100)
        #expect(try content(rows, measure: "{ metric: feedback_response_time, kinds: [complaint] }").attainment() == 0)
    }

    @Test func noneEligibleIsNotApplicable() throws {
        #expect(try content("").attainment() == nil)
    }

    @Test func badParametersAreErrors() throws {
        #expect(try content("", measure: "{ metric: feedback_response_time, target_days: -1 }").errors().contains { $0.message.contains("must not be negative") })
        #expect(try content("", measure: "{ metric: feedback_response_time, kinds: [complaints] }").errors().contains { $0.message.contains("kinds must list") })
        #expect(try content("", measure: "{ metric: feedback_response_time, target_days: 2.5 }").errors().contains { $0.message.contains("whole number") })
    }
}
