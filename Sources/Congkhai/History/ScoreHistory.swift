/// `data/history/<period-id>.csv`: the published total and band of every
/// official for every published `as_of`, carried forward from the previous
/// site (DESIGN.md, "Score history"). A rebuild with the same `as_of`
/// replaces its rows; rows are kept daily for the last 31 days and, before
/// that, for the last `as_of` of each month.
///
/// Held as numbers (decision 123): a row is its day and the numbers of its
/// official, total and band, 16 bytes; each text is kept once. After a year
/// of nightly builds a national site keeps ~42 days × 50,000 officials =
/// 2.1 million rows: as four `String`s a row (an official's id and locality
/// are longer than Swift stores inline, so two allocations a row), parsed,
/// merged into a second array, indexed under a key concatenated per row and
/// written out as one `String`, they were a few hundred megabytes at the
/// build's peak and seconds on one core; the province with 40 days of
/// history spent ~0.2 s of a 1.5 s one-file rebuild on them.
struct ScoreHistory: Sendable {
    struct Row: Sendable, Equatable {
        fileprivate(set) var day: Int32
        /// Into `subjects`.
        fileprivate(set) var subject: Int32
        /// Into `texts`.
        fileprivate(set) var total: Int32
        /// Into `texts`.
        fileprivate(set) var band: Int32

        var asOf: Day { Day(ordinal: Int(day)) }
    }

    /// An official as its rows name it.
    struct Subject: Sendable, Equatable {
        var locality: String
        var official: String
        /// `locality/official`, as `Official.key`.
        var key: String { locality + "/" + official }
    }

    private(set) var rows: [Row] = []
    private(set) var subjects: [Subject] = []
    /// The totals and band ids, each once.
    private(set) var texts: [String] = []
    /// Numbers by bytes: a subject's key is its locality's length (4 bytes)
    /// and its two ids, so no two pairs share one.
    private var subjectNumbers = ByteSet.numbered()
    private var textNumbers = ByteSet.numbered()
    private var scratch: [UInt8] = []

    static let header = ["as_of", "locality", "official", "total", "band"]

    static func path(period: Period) -> String { "data/history/\(period.id).csv" }

    func subject(_ r: Row) -> Subject { subjects[Int(r.subject)] }
    func total(_ r: Row) -> String { texts[Int(r.total)] }
    func band(_ r: Row) -> String { texts[Int(r.band)] }

    // MARK: - Rows

    mutating func append(_ day: Day, locality: UnsafeBufferPointer<UInt8>, official: UnsafeBufferPointer<UInt8>,
                         total: UnsafeBufferPointer<UInt8>, band: UnsafeBufferPointer<UInt8>) {
        rows.append(Row(day: Int32(truncatingIfNeeded: day.ordinal), subject: subjectNumber(locality, official),
                        total: textNumber(total), band: textNumber(band)))
    }

    mutating func append(_ day: Day, locality: String, official: String, total: String, band: String) {
        var (l, o, t, b) = (locality, official, total, band)
        l.withUTF8 { l in o.withUTF8 { o in t.withUTF8 { t in b.withUTF8 { b in
            append(day, locality: l, official: o, total: t, band: b)
        } } } }
    }

    private mutating func subjectNumber(_ locality: UnsafeBufferPointer<UInt8>, _ official: UnsafeBufferPointer<UInt8>) -> Int32 {
        var key: [UInt8] = []
        swap(&key, &scratch)
        defer { swap(&key, &scratch) }
        key.removeAll(keepingCapacity: true)
        let n = UInt32(truncatingIfNeeded: locality.count)
        key.append(contentsOf: [UInt8(n & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n >> 16 & 0xFF), UInt8(n >> 24)])
        key.append(contentsOf: locality)
        key.append(contentsOf: official)
        let number = key.withUnsafeBufferPointer { subjectNumbers.intern($0) }
        if number == subjects.count {
            subjects.append(Subject(locality: String(decoding: locality, as: UTF8.self), official: String(decoding: official, as: UTF8.self)))
        }
        return Int32(truncatingIfNeeded: number)
    }

    private mutating func textNumber(_ text: UnsafeBufferPointer<UInt8>) -> Int32 {
        let number = textNumbers.intern(text)
        if number == texts.count { texts.append(String(decoding: text, as: UTF8.self)) }
        return Int32(truncatingIfNeeded: number)
    }

    // MARK: - Reading, merging, writing

    /// Parses a published history file (unreadable lines are dropped).
    /// Fields are taken as bytes: the file is this program's own, checked
    /// against the published manifest before it is read (decision 121).
    static func parse(_ bytes: [UInt8]) -> ScoreHistory {
        var h = ScoreHistory()
        var first = true
        var lastDay: (bytes: [UInt8], day: Day)?
        _ = CSVScanner.scan(bytes: bytes) { record in
            if first { first = false; return }
            guard record.count >= 5 else { return }
            let field = record.bytes(0)
            let day: Day
            if let last = lastDay, last.bytes.elementsEqual(field) {
                day = last.day
            } else {
                guard let d = Day(isoBytes: field) else { return }
                day = d
                lastDay = (Array(field), d)
            }
            h.append(day, locality: record.bytes(1), official: record.bytes(2), total: record.bytes(3), band: record.bytes(4))
        }
        return h
    }

    /// The previous history with this build's rows in place of any for the same `as_of`, compacted.
    static func merged(previous: ScoreHistory, run: ScoringRun) -> ScoreHistory {
        let D = run.scoreboard.asOf
        var h = previous
        let today = Int32(truncatingIfNeeded: D.ordinal)
        h.rows.removeAll { $0.day == today }
        let p = run.province
        h.rows.reserveCapacity(h.rows.count + run.scoreboard.results.count)
        for r in run.scoreboard.results {
            let o = p.officials[r.official]
            h.append(D, locality: o.locality, official: o.id, total: Number.format(r.total), band: p.framework.bands[r.band].id)
        }
        // Daily for the last 31 days (D − 30 … D); before that, the last as_of of each month.
        let recent = Int32(truncatingIfNeeded: D.adding(days: -30).ordinal)
        var days = Set<Int32>()
        var last: Int32?
        for r in h.rows where r.day < recent && r.day != last {
            days.insert(r.day)
            last = r.day
        }
        var lastOfMonth: [Int: Int32] = [:]
        for day in days {
            let (y, m, _) = Day(ordinal: Int(day)).components
            lastOfMonth[y * 12 + m] = max(lastOfMonth[y * 12 + m] ?? day, day)
        }
        let keptOld = Set(lastOfMonth.values)
        h.rows.removeAll { $0.day < recent && !keptOld.contains($0.day) }
        // By day, then locality and official in byte order: each subject's
        // place found once, then integers compared.
        let subjects = h.subjects
        let order = subjects.indices.sorted { a, b in
            let x = subjects[a], y = subjects[b]
            if x.locality != y.locality { return UTF8Order.precedes(x.locality, y.locality) }
            return UTF8Order.precedes(x.official, y.official)
        }
        var rank = [Int32](repeating: 0, count: subjects.count)
        for (place, s) in order.enumerated() { rank[s] = Int32(place) }
        rank.withUnsafeBufferPointer { rank in
            h.rows.sort { a, b in a.day != b.day ? a.day < b.day : rank[Int(a.subject)] < rank[Int(b.subject)] }
        }
        return h
    }

    /// The file as published: `CSVWriter`'s cells, each subject's and band's
    /// made once.
    var csv: [UInt8] {
        var cells: [UInt8] = [], starts: [Int] = [0]
        starts.reserveCapacity(subjects.count + texts.count + 1)
        for s in subjects {
            CSVBytes.text(s.locality, into: &cells)
            cells.append(0x2C)
            CSVBytes.text(s.official, into: &cells)
            cells.append(0x2C)
            starts.append(cells.count)
        }
        for t in texts {
            CSVBytes.text(t, into: &cells)
            cells.append(contentsOf: [0x0D, 0x0A])
            starts.append(cells.count)
        }
        let bands = subjects.count
        var out = Array(CSVWriter.row(ScoreHistory.header).utf8)
        out.reserveCapacity(out.count + rows.count * 64)
        var day: (number: Int32, cell: [UInt8]) = (-1, [])
        cells.withUnsafeBufferPointer { cells in
            for r in rows {
                if r.day != day.number {
                    var cell: [UInt8] = []
                    CSVBytes.day(r.asOf, into: &cell)
                    cell.append(0x2C)
                    day = (r.day, cell)
                }
                out.append(contentsOf: day.cell)
                let s = Int(r.subject)
                out.append(contentsOf: UnsafeBufferPointer(rebasing: cells[starts[s]..<starts[s + 1]]))
                out.append(contentsOf: texts[Int(r.total)].utf8)
                out.append(0x2C)
                let b = bands + Int(r.band)
                out.append(contentsOf: UnsafeBufferPointer(rebasing: cells[starts[b]..<starts[b + 1]]))
            }
        }
        return out
    }
}
