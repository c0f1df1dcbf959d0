/// A local date and time without zone: response hours are plain differences.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00 in the same (unstated) local time.
    public let seconds: Int

    /// From its seconds (a cached official's timestamps: `ParsedOfficials`).
    init(seconds: Int) { self.seconds = seconds }

    public init(day: Day, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        seconds = day.ordinal * 86_400 + hour * 3600 + minute * 60 + second
    }

    /// `YYYY-MM-DDTHH:MM[:SS]`, a space for `T`, or a bare date meaning 00:00.
    public init?(iso text: some StringProtocol) {
        let b = Array(text.utf8)
        guard b.count >= 10, let day = Day(iso: String(decoding: b[0..<10], as: UTF8.self)) else { return nil }
        if b.count == 10 { self.init(day: day); return }
        guard b.count == 16 || b.count == 19,
              b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: " "),
              b[13] == UInt8(ascii: ":"),
              let h = Day.digits(b, 11, 2), let m = Day.digits(b, 14, 2), h < 24, m < 60
        else { return nil }
        var s = 0
        if b.count == 19 {
            guard b[16] == UInt8(ascii: ":"), let sec = Day.digits(b, 17, 2), sec < 60 else { return nil }
            s = sec
        }
        self.init(day: day, hour: h, minute: m, second: s)
    }

    public var day: Day {
        Day(ordinal: seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
    }

    public var description: String {
        let secOfDay = seconds - day.ordinal * 86_400
        let h = secOfDay / 3600, m = (secOfDay % 3600) / 60, s = secOfDay % 60
        var out = day.description + "T" + Day.pad(h, 2) + ":" + Day.pad(m, 2)
        if s != 0 { out += ":" + Day.pad(s, 2) }
        return out
    }

    /// Exact hours from `from` to `self`.
    public func hours(since from: Timestamp) -> Rational { Rational(seconds - from.seconds, 3600) }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.seconds < rhs.seconds }
}
