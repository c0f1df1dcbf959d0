/// The export's one line per published feedback row, written as bytes
/// through a pointer into one reused scratch buffer and then appended to its
/// locality's buffer in a single copy.
///
/// Why not `CSVBytes` cell by cell into the locality's array: at national
/// size (20 million rows) that path — a uniqueness and capacity check per
/// appended byte run, a `String` per pseudonym and per rating, the id
/// strings retained per row — was a quarter of the ingest's CPU, more than
/// parsing the rows (`perf`, BENCHMARKS.md, fourteenth session). The cells
/// follow `CSVBytes`'s rules exactly (formula prefix on text cells, RFC 4180
/// quoting), and the tests compare every line with `CSVWriter`'s.
struct ExportLine: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Bytes written to the line so far.
    private(set) var count = 0

    init() {
        capacity = 4096
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    /// Starts a line that will hold at most `bound` bytes (every write below
    /// is unchecked: callers bound the line first).
    mutating func start(bound: Int) {
        count = 0
        guard bound > capacity else { return }
        base.deallocate()
        capacity = max(bound, capacity * 2)
        base = .allocate(capacity: capacity)
    }

    /// The line written so far.
    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    mutating func byte(_ b: UInt8) {
        base[count] = b
        count += 1
    }

    mutating func raw(_ b: UnsafeBufferPointer<UInt8>) {
        guard let source = b.baseAddress, !b.isEmpty else { return }
        (base + count).update(from: source, count: b.count)
        count += b.count
    }

    /// Bytes a cell of `n` source bytes can take: every byte a doubled quote,
    /// two enclosing quotes and the formula prefix.
    static func cellBound(_ n: Int) -> Int { 2 * n + 3 }

    /// A cell with `CSVBytes.quoted`'s rule; `text` adds `CSVBytes.text`'s
    /// formula prefix (`'` before `= + - @`, tab or CR).
    mutating func cell(_ b: UnsafeBufferPointer<UInt8>, text: Bool) {
        let prefixed = text && !b.isEmpty && CSVBytes.isFormulaStart(b[0])
        // Comments are long: their bytes are searched a word at a time.
        if ByteSearch.firstNeedingQuotes(b, from: 0, to: b.count) == b.count {
            if prefixed { byte(0x27) }
            raw(b)
            return
        }
        byte(0x22)
        if prefixed { byte(0x27) }
        var start = 0
        for i in b.indices where b[i] == 0x22 {
            raw(UnsafeBufferPointer(rebasing: b[start...i]))
            byte(0x22)
            start = i + 1
        }
        raw(UnsafeBufferPointer(rebasing: b[start...]))
        byte(0x22)
    }

    /// Each string as a cell (`cell(_:text:)`), in order: values written on
    /// many rows and encoded once (ids, file names, enum values).
    static func cells<S: Sequence>(_ strings: S, text: Bool) -> ByteStrings where S.Element == String {
        // One scratch line for all: a national export encodes ~440,000 ids
        // here, on the build's one busy thread before the ingest.
        var table = ByteStrings(), line = ExportLine()
        for s in strings {
            line.start(bound: cellBound(s.utf8.count))
            line.cell(s, text: text)
            table.append(line.bytes)
        }
        return table
    }

    /// A native string's bytes are read where they are; only a bridged or
    /// lazily decoded one is copied first (`withUTF8` on a copy retained it per cell).
    mutating func cell(_ s: String, text: Bool) {
        if s.utf8.withContiguousStorageIfAvailable({ cell($0, text: text) }) != nil { return }
        var s = s
        s.withUTF8 { cell($0, text: text) }
    }

    /// The first `count` (≤ 16) of the sixteen bytes in `w0`, `w1` (little
    /// endian), stored at once: the line's bound leaves sixteen bytes of
    /// room for each enum cell (`fixedBound`), whatever its length.
    @inline(__always)
    mutating func sixteen(_ w0: UInt64, _ w1: UInt64, count n: Int) {
        let raw = UnsafeMutableRawPointer(base + count)
        raw.storeBytes(of: w0.littleEndian, as: UInt64.self)
        raw.storeBytes(of: w1.littleEndian, toByteOffset: 8, as: UInt64.self)
        count += n
    }

    /// `YYYY-MM-DD` (`Day.write`, as every published date).
    mutating func day(_ day: Day) {
        if day.write(vietnamese: false, to: base + count) { count += 10 } else { cell(day.description, text: false) }
    }

    /// 16 lowercase hex digits, zero-padded (`FeedbackExport.hex16`).
    mutating func hex16(_ v: UInt64) {
        for k in 0..<16 {
            let nibble = UInt8((v >> (60 - 4 * UInt64(k))) & 0xF)
            base[count + k] = nibble < 10 ? 0x30 + nibble : 0x57 + nibble
        }
        count += 16
    }

    /// A rating: one digit for the whole numbers 0–9 (nearly every row),
    /// else `decimalText`.
    mutating func rating(_ r: Rational) {
        if let digit = r.singleDigit {
            byte(0x30 + digit)
        } else {
            cell(r.decimalText, text: false)
        }
    }

    /// Longest a day can be written (`description` outside 0…9999).
    static let dayBound = 24
    /// Room for the cells of fixed or small size: commas, CRLF, the enum
    /// cells, three days, a pseudonym, `yes`.
    static let fixedBound = 17 + 2 + 4 * 16 + 3 * dayBound + 16 + 3
}

extension Rational {
    /// The value when it is a whole number from 0 to 9.
    var singleDigit: UInt8? {
        if case let .small(n, d) = storage, d == 1, (0...9).contains(n) { return UInt8(n) }
        return nil
    }
}
