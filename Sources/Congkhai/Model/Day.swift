/// A calendar date without time zone, as every date in the content contract is.
///
/// Stored as days since 1970-01-01 so comparisons and differences are plain
/// integer arithmetic, and so scoring never touches `Date` or the clock.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let ordinal: Int

    public init(ordinal: Int) { self.ordinal = ordinal }

    /// Nil unless the date exists in the proleptic Gregorian calendar.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= Day.daysIn(month: month, year: year) else { return nil }
        // Days from civil (H. Hinnant's algorithm).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        ordinal = era * 146097 + doe - 719468
    }

    /// Strict `YYYY-MM-DD`; anything else, including 2026-02-30, is nil.
    public init?(iso text: some StringProtocol) {
        guard let day = Array(text.utf8).withUnsafeBufferPointer({ Day(isoBytes: $0) }) else { return nil }
        self = day
    }

    /// The same from raw bytes (CSV fields), without building a String.
    ///
    /// Every feedback row has one to three dates: read at their fixed places,
    /// each digit checked by one compare after a wrapping subtraction (a
    /// byte below `0` wraps above 9). Through the generic `digits`, three
    /// calls a date, it was ~250 instructions a date, 5 % of a 1M-row
    /// `score` (callgrind, fifty-third session).
    public init?(isoBytes b: UnsafeBufferPointer<UInt8>) {
        guard b.count == 10, let p = b.baseAddress, p[4] == UInt8(ascii: "-"), p[7] == UInt8(ascii: "-") else { return nil }
        let y0 = p[0] &- 0x30, y1 = p[1] &- 0x30, y2 = p[2] &- 0x30, y3 = p[3] &- 0x30
        let m0 = p[5] &- 0x30, m1 = p[6] &- 0x30, d0 = p[8] &- 0x30, d1 = p[9] &- 0x30
        guard y0 < 10, y1 < 10, y2 < 10, y3 < 10, m0 < 10, m1 < 10, d0 < 10, d1 < 10 else { return nil }
        self.init(year: Int(y0) &* 1000 &+ Int(y1) &* 100 &+ Int(y2) &* 10 &+ Int(y3),
                  month: Int(m0) &* 10 &+ Int(m1), day: Int(d0) &* 10 &+ Int(d1))
    }

    /// `count` decimal digits from `start`; nil at any other byte. Generic
    /// so CSV fields are read in place: every feedback row has one to three
    /// dates, and copying each into an array first was ~0.5 % of a `check`.
    static func digits<Bytes: RandomAccessCollection>(_ b: Bytes, _ start: Int, _ count: Int) -> Int?
    where Bytes.Element == UInt8, Bytes.Index == Int {
        var v = 0
        for i in start..<(start + count) {
            let c = b[i]
            guard c >= 48, c <= 57 else { return nil }
            v = v * 10 + Int(c - 48)
        }
        return v
    }

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Year, month and day: read from the days' text table (`Day+Text`)
    /// for 1900–2199, computed outside it.
    public var components: (year: Int, month: Int, day: Int) {
        guard let p = Day.text(ordinal) else { return Day.civil(ordinal) }
        func digit(_ i: Int) -> Int { Int(p[i] &- 0x30) }
        return (digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3), digit(5) * 10 + digit(6), digit(8) * 10 + digit(9))
    }

    /// Days to civil date (H. Hinnant's algorithm): the one computation of
    /// a date's parts, which the text table is made from.
    static func civil(_ ordinal: Int) -> (year: Int, month: Int, day: Int) {
        let z = ordinal + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public var description: String {
        let (y, m, d) = components
        return tenBytes(vietnamese: false) ?? Day.pad(y, 4) + "-" + Day.pad(m, 2) + "-" + Day.pad(d, 2)
    }

    /// `28/11/2026`: how Vietnamese readers write a date.
    public var vietnamese: String {
        let (y, m, d) = components
        return tenBytes(vietnamese: true) ?? Day.pad(d, 2) + "/" + Day.pad(m, 2) + "/" + Day.pad(y, 4)
    }

    /// Either form as a small string, without the five strings and four
    /// joins of padding each part (every date on every page). Nil for a year
    /// outside 0…9999.
    func tenBytes(vietnamese: Bool) -> String? {
        var ok = true
        let text = String(unsafeUninitializedCapacity: 10) { b in
            guard let p = b.baseAddress, write(vietnamese: vietnamese, to: p) else { ok = false; return 0 }
            return 10
        }
        return ok ? text : nil
    }

    /// Writes `yyyy-mm-dd` (or, `vietnamese`, `dd/mm/yyyy`) as ten bytes at
    /// `p`, for pages and for the exported feedback lines: the table's text
    /// (`Day+Text`), or outside it the same text computed. False, nothing
    /// written, for a year outside 0…9999.
    func write(vietnamese: Bool, to p: UnsafeMutablePointer<UInt8>) -> Bool {
        if let t = Day.text(ordinal) {
            Day.place(t, vietnamese: vietnamese, to: p)
            return true
        }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 10) { b in
            guard let iso = b.baseAddress, Day.writeISO(ordinal, to: iso) else { return false }
            Day.place(UnsafePointer(iso), vietnamese: vietnamese, to: p)
            return true
        }
    }

    static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    public func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }

    /// Calendar days from `rhs` to `lhs`.
    public static func - (lhs: Day, rhs: Day) -> Int { lhs.ordinal - rhs.ordinal }

    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.ordinal < rhs.ordinal }
}
