extension Day {
    /// The first day of the text table: 1900-01-01.
    static let textStart = -25_567
    /// Days in the table: 1900-01-01 ..< 2200-01-01.
    static let textDays = 109_573

    /// `yyyy-mm-dd` of every day of 1900–2199, ten bytes each (1.1 MB, made
    /// once per run from `civil`, in ~3 ms).
    ///
    /// Why: a date's parts took ~80 instructions of divisions and its
    /// digits ~60 more, and dates are written everywhere — twice in every
    /// exported feedback row (20 million nationally), on every page — and
    /// read by month for every row's histogram; a run's dates fall within a
    /// few years, a few kilobytes of this table, always in cache. Writing a
    /// date is now a copy, reading its parts eight digits (fifty-sixth
    /// session). Dates outside the table are computed as before.
    ///
    /// `nonisolated(unsafe)`: written once, while the lazy global is made
    /// (which Swift does on one thread), and only read after; never freed.
    nonisolated(unsafe) private static let textTable: UnsafeMutablePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: textDays * 10)
        for i in 0..<textDays { _ = writeISO(textStart + i, to: table + 10 * i) }
        return table
    }()

    /// The ten bytes of `ordinal`'s ISO text, when it is in the table.
    @inline(__always)
    static func text(_ ordinal: Int) -> UnsafePointer<UInt8>? {
        let i = ordinal &- textStart
        guard i >= 0, i < textDays else { return nil }
        return UnsafePointer(textTable + 10 * i)
    }

    /// `yyyy-mm-dd` of `ordinal` computed from `civil`: the one writer of a
    /// date's digits (the table is made with it; dates outside the table are
    /// written with it). False, nothing written, for a year outside 0…9999.
    static func writeISO(_ ordinal: Int, to p: UnsafeMutablePointer<UInt8>) -> Bool {
        let (y, m, d) = civil(ordinal)
        guard (0...9999).contains(y) else { return false }
        func two(_ v: Int, at k: Int) {
            p[k] = UInt8(ascii: "0") + UInt8(v / 10)
            p[k + 1] = UInt8(ascii: "0") + UInt8(v % 10)
        }
        two(y / 100, at: 0); two(y % 100, at: 2); p[4] = UInt8(ascii: "-")
        two(m, at: 5); p[7] = UInt8(ascii: "-"); two(d, at: 8)
        return true
    }

    /// Ten bytes of ISO text placed at `p` as is, or (`vietnamese`) as
    /// `dd/mm/yyyy`.
    @inline(__always)
    static func place(_ iso: UnsafePointer<UInt8>, vietnamese: Bool, to p: UnsafeMutablePointer<UInt8>) {
        guard vietnamese else { return p.update(from: iso, count: 10) }
        p[0] = iso[8]; p[1] = iso[9]; p[2] = UInt8(ascii: "/"); p[3] = iso[5]; p[4] = iso[6]; p[5] = UInt8(ascii: "/")
        p[6] = iso[0]; p[7] = iso[1]; p[8] = iso[2]; p[9] = iso[3]
    }
}
