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

    /// The rule spelled out digit by digit, as the parser read it before
    /// it read bytes at fixed places.
    static func reference(_ b: [UInt8]) -> Day? {
        func digits(_ start: Int, _ count: Int) -> Int? {
            var v = 0
            for i in start..<(start + count) {
                guard b[i] >= 48, b[i] <= 57 else { return nil }
                v = v * 10 + Int(b[i] - 48)
            }
            return v
        }
        guard b.count == 10, b[4] == 0x2D, b[7] == 0x2D, let y = digits(0, 4), let m = digits(5, 2), let d = digits(8, 2) else { return nil }
        return Day(year: y, month: m, day: d)
    }

    /// Every day of four centuries, and every one-byte change of a few
    /// dates to bytes just outside the digits (`/` and `:`), a dash, a
    /// letter, a space, NUL, 0xFF and a multi-byte lead byte: the same
    /// answer as the reference, and a date only where it reads one.
    @Test func bytesAtFixedPlacesReadAsTheRuleSays() throws {
        let start = try #require(Day(year: 1900, month: 1, day: 1)).ordinal
        for o in start..<(start + 146_097) {
            let day = Day(ordinal: o), bytes = Array(day.description.utf8)
            #expect(bytes.withUnsafeBufferPointer { Day(isoBytes: $0) } == day)
        }
        let odd: [UInt8] = [0x2F, 0x3A, 0x30, 0x39, 0x2D, 0x41, 0x20, 0x00, 0xFF, 0xE1]
        for text in ["2026-03-05", "2024-02-29", "0001-01-01", "9999-12-31", "2026-12-31"] {
            let good = Array(text.utf8)
            for i in 0..<good.count {
                for b in odd {
                    var bytes = good
                    bytes[i] = b
                    let got = bytes.withUnsafeBufferPointer { Day(isoBytes: $0) }
                    #expect(got == DayParsingTests.reference(bytes), "\(bytes)")
                }
            }
            for cut in [good.dropLast(), good + [0x30], Array(good.dropFirst())] {
                #expect(cut.withUnsafeBufferPointer { Day(isoBytes: $0) } == nil)
            }
        }
    }
}

/// Dates written as ten bytes read as the padded parts did, both forms,
/// over four centuries and at the edges of the byte form's years.
@Suite struct DayFormattingTests {
    /// The text table (`Day+Text`) holds exactly what the calendar
    /// computation gives: every day it covers and the days just outside it
    /// (computed, not read), parts and both written forms, and each date
    /// read back to its own ordinal.
    @Test func theTextTableIsTheCalendar() throws {
        #expect(try #require(Day(year: 1900, month: 1, day: 1)).ordinal == Day.textStart)
        #expect(try #require(Day(year: 2200, month: 1, day: 1)).ordinal == Day.textStart + Day.textDays)
        var wrong = 0
        for o in (Day.textStart - 3)..<(Day.textStart + Day.textDays + 3) {
            let day = Day(ordinal: o), (y, m, d) = Day.civil(o)
            let iso = Self.padded(y, 4) + "-" + Self.padded(m, 2) + "-" + Self.padded(d, 2)
            let vi = Self.padded(d, 2) + "/" + Self.padded(m, 2) + "/" + Self.padded(y, 4)
            if day.components != (y, m, d) || day.description != iso || day.vietnamese != vi
                || Day(year: y, month: m, day: d)?.ordinal != o {
                wrong += 1
                if wrong <= 5 { Issue.record("ordinal \(o): \(day.components), \(day.description), \(day.vietnamese)") }
            }
        }
        #expect(wrong == 0)
    }

    static func padded(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    @Test func tenBytesReadAsThePaddedParts() throws {
        var days: [Day] = []
        let start = try #require(Day(year: 1900, month: 1, day: 1)).ordinal
        days += (start..<(start + 146_097)).map { Day(ordinal: $0) }
        for y in [1, 99, 100, 999, 1000, 9998, 9999] {
            for (m, d) in [(1, 1), (2, 28), (12, 31)] { days += [try #require(Day(year: y, month: m, day: d))] }
        }
        // Ordinals past the years a date can be written with (the padded form's fallback).
        let last = try #require(Day(year: 9999, month: 12, day: 31)).ordinal
        let first = try #require(Day(year: 1, month: 1, day: 1)).ordinal
        days += [Day(ordinal: last + 1), Day(ordinal: last + 400), Day(ordinal: first - 1), Day(ordinal: first - 800)]
        for day in days {
            let (y, m, d) = day.components
            #expect(day.description == Self.padded(y, 4) + "-" + Self.padded(m, 2) + "-" + Self.padded(d, 2))
            #expect(day.vietnamese == Self.padded(d, 2) + "/" + Self.padded(m, 2) + "/" + Self.padded(y, 4))
            var csv: [UInt8] = [0x2C]
            CSVBytes.day(day, into: &csv)
            #expect(csv == [0x2C] + Array(day.description.utf8))
        }
    }
}
