import Testing
@testable import Congkhai

/// Dates in content (`Day(iso:)`) and in feedback fields (`Day(isoBytes:)`)
/// are read by one rule: ten bytes `YYYY-MM-DD`, digits only, a real day.
@Suite struct DayParsingTests {
    @Test func textAndBytesReadTheSameDates() {
        let valid = ["2026-01-01", "2024-02-29", "2026-12-31", "0001-01-01", "9999-12-31"]
        let invalid = ["", "2026-1-01", "2026-01-1", "2026/01/01", "2026-13-01", "2026-00-10", "2026-02-29", "2026-04-31",
                       "2026-01-32", "2026-01-00", "20260101", "2026-01-01 ", " 2026-01-01", "2O26-01-01", "2026-0a-01",
                       "2026-01-+1", "２０２６-01-01", "2026-01-01T00"]
        for text in valid + invalid {
            let fromText = Day(iso: text)
            let fromBytes = Array(text.utf8).withUnsafeBufferPointer { Day(isoBytes: $0) }
            #expect(fromText == fromBytes, "\(text)")
            #expect((fromText != nil) == valid.contains(text), "\(text)")
        }
        #expect(Day(iso: "2026-03-05") == Day(year: 2026, month: 3, day: 5))
        #expect(Day(iso: "2026-03-05")?.description == "2026-03-05")
    }
}
