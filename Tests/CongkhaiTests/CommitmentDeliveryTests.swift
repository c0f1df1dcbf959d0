import Testing
@testable import Congkhai

/// `commitment_delivery`: completion × timeliness, weighted by difficulty.
@Suite struct CommitmentDeliveryTests {
    func content(_ commitments: String, measure: String = "{ metric: commitment_delivery, group: any }") -> TestContent {
        var c = TestContent(measure: measure)
        c["officials/xa-an-binh/nguyen-van-an.md"] = TestContent.official("Nguyễn Văn An", "commitments:\n" + commitments)
        return c
    }

    @Test func doneOnTimeScoresFull() throws {
        let c = content("""
          - { id: a, title: "A", group: A, target: 10, deadline: 2026-06-30, status: done, completed_on: 2026-06-30 }
        """)
        #expect(try c.attainment() == 100)
    }

    @Test func doneLateUsesCompletionDate() throws {
        // 45 days late: t = 1 − 45/180 = 0.75
        let c = content("""
          - { id: a, title: "A", group: A, target: 10, deadline: 2026-06-30, status: done, completed_on: 2026-08-14 }
        """)
        #expect(try c.attainment()?.isClose(to: 75) == true)
    }

    @Test func latenessIsCappedAt90Days() throws {
        let c = content("""
          - { id: a, title: "A", group: A, target: 10, deadline: 2026-01-31, status: done, completed_on: 2026-11-01 }
        """)
        #expect(try c.attainment()?.isClose(to: 50) == true)
    }

    @Test func notDoneUsesActualOverTargetAndDaysLateToAsOf() throws {
        // as_of 2026-11-28, deadline 2026-10-29: 30 days late, t = 5/6; c = 150/300 = 0.5
        let c = content("""
          - { id: a, title: "A", group: B, target: 300, actual: 150, deadline: 2026-10-29, status: in_progress }
        """)
        #expect(try c.attainment()?.isClose(to: 100 * 0.5 * (1 - 30.0 / 180)) == true)
    }

    @Test func notDoneWithoutActualUsesLatestProgressOnOrBeforeAsOf() throws {
        let c = content("""
          - id: a
            title: "A"
            group: B
            acceptance: "Nghiệm thu"
            deadline: 2026-11-28
            status: in_progress
            updates:
              - { on: 2026-10-01, progress: 40 }
              - { on: 2026-11-01, progress: 60 }
              - { on: 2026-11-01, progress: 70 }
              - { on: 2026-12-01, progress: 90 }
        """)
        // ties on the same date: the last in the list; the update after D is ignored
        #expect(try c.attainment()?.isClose(to: 70) == true)
    }

    @Test func productTargetUsesApprovedLocalFactor() throws {
        var c = content("""
          - { id: a, title: "A", group: B, product: ho-so-dat-dai, actual: 120, deadline: 2026-06-30, status: in_progress }
        """)
        c["localities/xa-an-binh.yaml"] = TestContent.locality + """

        norm_adjustments:
          - { product: ho-so-dat-dai, factor: 0.8, reason: "x", approved_by: "UBND tỉnh", decision: "QĐ 1", approved_on: 2026-02-10 }
        """
        // target 300 × 0.8 = 240 → c = 0.5; 151 days late → t = 0.5
        #expect(try c.attainment()?.isClose(to: 25) == true)
    }

    @Test func factorApprovedAfterAsOfIsIgnored() throws {
        var c = content("""
          - { id: a, title: "A", group: B, product: ho-so-dat-dai, actual: 150, deadline: 2026-11-28, status: in_progress }
        """)
        c["localities/xa-an-binh.yaml"] = TestContent.locality + """

        norm_adjustments:
          - { product: ho-so-dat-dai, factor: 0.5, reason: "x", approved_by: "UBND tỉnh", decision: "QĐ 1", approved_on: 2026-12-01 }
        """
        #expect(try c.attainment()?.isClose(to: 50) == true)
    }

    @Test func difficultyWeightsTheMean() throws {
        let c = content("""
          - { id: a, title: "A", group: A, target: 10, deadline: 2026-06-30, status: done, completed_on: 2026-06-01 }
          - { id: b, title: "B", group: A, target: 10, actual: 0, deadline: 2026-11-28, status: in_progress, difficulty: breakthrough }
        """)
        // (1·1·1 + 2·0·1) / 3
        #expect(try c.attainment()?.isClose(to: 100.0 / 3) == true)
    }

    @Test func approvedWithdrawalIsExcludedUnapprovedCountsZero() throws {
        let c = content("""
          - { id: a, title: "A", group: A, target: 10, deadline: 2026-06-30, status: done, completed_on: 2026-06-01 }
          - { id: b, title: "B", group: A, target: 10, deadline: 2026-06-30, status: withdrawn, withdrawn: { approved_by: "HĐND", decision: "NQ 1" } }
          - { id: c, title: "C", group: A, target: 10, deadline: 2026-06-30, status: withdrawn, withdrawn: { reason: "không phù hợp" } }
        """)
        #expect(try c.attainment()?.isClose(to: 50) == true)
    }

    @Test func notYetDueIsNotApplicable() throws {
        let c = content("""
          - { id: a, title: "A", group: A, target: 10, deadline: 2027-03-31, status: in_progress }
        """)
        #expect(try c.attainment() == nil)
    }

    @Test func doneBeforeDeadlineInPeriodIsDue() throws {
        let c = content("""
          - { id: a, title: "A", group: A, target: 10, actual: 8, deadline: 2027-03-31, status: done, completed_on: 2026-10-01 }
        """)
        #expect(try c.attainment()?.isClose(to: 80) == true)
    }

    @Test func completionAfterAsOfCountsAsNotDone() throws {
        // Completed 2026-12-05 > D: not done; 28 days late at D; progress 50 from the update.
        let c = content("""
          - id: a
            title: "A"
            group: A
            acceptance: "x"
            deadline: 2026-10-31
            status: done
            completed_on: 2026-12-05
            updates: [{ on: 2026-11-01, progress: 50 }]
        """)
        #expect(try c.attainment()?.isClose(to: 50 * (1 - 28.0 / 180)) == true)
    }

    @Test func unfinishedCommitmentFromBeforeThePeriodStillCounts() throws {
        let c = content("""
          - { id: a, title: "A", group: A, target: 10, actual: 5, deadline: 2025-10-31, status: in_progress }
        """)
        #expect(try c.attainment()?.isClose(to: 25) == true)
    }

    @Test func commitmentPublishedAfterAsOfIsIgnored() throws {
        let c = content("""
          - { id: a, title: "A", group: A, target: 10, deadline: 2026-06-30, status: done, completed_on: 2026-06-01 }
          - { id: b, title: "B", group: A, target: 10, actual: 0, deadline: 2026-06-30, status: in_progress, published_on: 2026-12-01 }
        """)
        #expect(try c.attainment() == 100)
    }

    @Test func groupAndPartnerFilters() throws {
        let commitments = """
          - { id: a, title: "A", group: A, target: 10, deadline: 2026-06-30, status: done, completed_on: 2026-06-01 }
          - { id: b, title: "B", group: B, target: 10, actual: 0, deadline: 2026-06-30, status: in_progress, partners: [xa-an-binh] }
        """
        #expect(try content(commitments, measure: "{ metric: commitment_delivery, group: A }").attainment() == 100)
        #expect(try content(commitments, measure: "{ metric: commitment_delivery, group: B }").attainment() == 0)
        #expect(try content(commitments, measure: "{ metric: commitment_delivery, partners_only: true }").attainment() == 0)
    }
}
