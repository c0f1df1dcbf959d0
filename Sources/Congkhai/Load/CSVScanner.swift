import CSupport
import Foundation

/// A streaming RFC 4180 reader over bytes: constant memory whatever the file
/// size, ~hundreds of MB/s, and exact about where each record starts.
///
/// Quoted fields may hold commas, doubled quotes and newlines; CRLF and LF
/// both end records; blank lines are skipped; a UTF-8 BOM is dropped. Each
/// field is cut at `maxFieldBytes` and its record flagged, so a hostile
/// field cannot exhaust memory.
public final class CSVScanner {
    public static let maxFieldBytes = 1 << 20
    static let chunkSize = 1 << 20

    public enum Failure: Error {
        case cannotOpen
        case notUTF8(line: Int, guess: LegacyEncoding.Guess?)
    }

    private let path: String
    /// Bytes read at a time (tests make it small to put records across reads).
    private let readSize: Int

    public convenience init(path: String) {
        self.init(path: path, readSize: CSVScanner.chunkSize)
    }

    init(path: String, readSize: Int) {
        self.path = path
        self.readSize = max(1, readSize)
    }

    /// Calls `body` for every non-blank record in order. The record and its
    /// buffers are valid only during the call.
    public func scan(_ body: (borrowing CSVRecord) -> Void) -> Failure? { scan(onChunk: nil, body) }

    /// `onChunk` sees every byte read, in order (to hash exactly what was scanned).
    ///
    /// The file is read with `read(2)` into one buffer kept for the whole
    /// scan, behind the few bytes of an incomplete UTF-8 sequence carried
    /// from the read before: a `Data` per megabyte read, then copied into an
    /// array, cost a fresh allocation's page faults and a copy of every byte
    /// on the ingest's ordered thread.
    func scan(onChunk: ((UnsafeRawBufferPointer) -> Void)?, _ body: (borrowing CSVRecord) -> Void) -> Failure? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .cannotOpen }
        defer { close(fd) }

        var state = ScanState()
        // An incomplete UTF-8 sequence (at most 3 bytes) is moved to the front, then the next read follows it.
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: readSize + 4)
        defer { buffer.deallocate() }
        guard let base = buffer.baseAddress else { return .cannotOpen }
        var carried = 0             // bytes of an incomplete sequence at the buffer's front
        var first = true
        var line = 1                // line at the start of the current chunk, for UTF-8 errors

        while true {
            let got = read(fd, base + carried, readSize)
            if got < 0 {
                if errno == EINTR { continue }
                // A read error mid-file: the file cannot be read (as `cannotOpen`, never a silent cut).
                return .cannotOpen
            }
            if got == 0 { break }
            if let onChunk { onChunk(UnsafeRawBufferPointer(start: base + carried, count: got)) }
            let bytes = UnsafeBufferPointer(rebasing: buffer[0..<(carried + got)])
            carried = 0
            var start = 0
            if first {
                first = false
                if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
            }
            // Hold back a trailing incomplete sequence for the next chunk.
            var end = bytes.count
            var back = 0
            while back < 3, end - back - 1 >= start, (bytes[end - back - 1] & 0xC0) == 0x80 { back += 1 }
            if end - back - 1 >= start {
                let lead = bytes[end - back - 1]
                let need = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0
                if need > back { end = end - back - 1 }
            }
            if let bad = UTF8Validation.firstInvalidOffset(UnsafeBufferPointer(rebasing: bytes[start..<end])) {
                let badLine = line + bytes[start..<(start + bad)].count { $0 == 0x0A }
                return .notUTF8(line: badLine, guess: guessEncoding())
            }
            state.feed(UnsafeBufferPointer(rebasing: bytes[start..<end]), body)
            line = state.line
            // The records lent to `body` are done with: the held-back bytes may move.
            carried = bytes.count - end
            if carried > 0 { memmove(base, base + end, carried) }
        }
        if carried > 0 {
            return .notUTF8(line: state.line, guess: guessEncoding())
        }
        state.finish(body)
        return nil
    }

    /// Scans bytes already in memory (fuzzing, tests); same rules as files.
    public static func scan(bytes: [UInt8], _ body: (borrowing CSVRecord) -> Void) -> Failure? {
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        let invalid: Int? = bytes.withUnsafeBufferPointer { buf in
            UTF8Validation.firstInvalidOffset(UnsafeBufferPointer(rebasing: buf[start...]))
        }
        if let bad = invalid {
            let line = 1 + bytes[start..<(start + bad)].count { $0 == 0x0A }
            return .notUTF8(line: line, guess: LegacyEncoding.guess(bytes))
        }
        var state = ScanState()
        bytes.withUnsafeBufferPointer { buf in state.feed(UnsafeBufferPointer(rebasing: buf[start...]), body) }
        state.finish(body)
        return nil
    }

    private func guessEncoding() -> LegacyEncoding.Guess? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        return LegacyEncoding.guess([UInt8](handle.readData(ofLength: 1 << 20)))
    }
}

/// One record: each field's unescaped bytes, somewhere in `bytes`.
///
/// Field `i` is `bytes[bounds[2i]..<bounds[2i + 1]]`: a record read whole
/// from the buffer (no doubled quotes, no line break inside quotes) is lent
/// where it lies, its fields between the commas and quotes; any other is
/// first copied field after field, unescaped (`ScanState`).
public struct CSVRecord: ~Copyable {
    public let line: Int
    public let oversized: Bool
    public let unterminated: Bool
    let bytes: UnsafeBufferPointer<UInt8>
    let bounds: UnsafeBufferPointer<Int>

    public var count: Int { bounds.count / 2 }

    /// Inlined, as `trimmedBytes`: a row's checks ask for a dozen fields.
    @inline(__always)
    public func bytes(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[bounds[2 * i]..<bounds[2 * i + 1]])
    }

    public func isEmpty(_ i: Int) -> Bool { bytes(i).isEmpty }

    /// Field bytes without surrounding spaces and tabs; empty when `i` is out of range.
    @inline(__always)
    public func trimmedBytes(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        guard i >= 0, i < count else { return UnsafeBufferPointer(start: nil, count: 0) }
        let b = bytes(i)
        var s = b.startIndex, e = b.endIndex
        while s < e, b[s] == 0x20 || b[s] == 0x09 { s += 1 }
        while e > s, b[e - 1] == 0x20 || b[e - 1] == 0x09 { e -= 1 }
        return UnsafeBufferPointer(rebasing: b[s..<e])
    }

    /// NFC text of field `i` (trimmed of surrounding spaces when `trim`).
    public func string(_ i: Int, trim: Bool = false) -> String {
        guard i >= 0, i < count else { return "" }
        return TextDecoding.nfc(String(decoding: trim ? trimmedBytes(i) : bytes(i), as: UTF8.self))
    }
}

/// The byte state machine, kept across chunk boundaries.
/// Noncopyable, as its field bounds are.
struct ScanState: ~Copyable {
    enum Mode { case fieldStart, unquoted, quoted, quoteInQuoted }

    var mode = Mode.fieldStart
    var line = 1
    var recordLine = 1
    var record: [UInt8] = []
    /// Start and end of each field so far (`CSVRecord.bounds`).
    var bounds = FieldBounds()
    var fieldLength = 0
    var oversized = false
    var recordHasContent = false

    init() {
        record.reserveCapacity(4096)
    }

    @inline(__always)
    mutating func append(_ b: UInt8) {
        fieldLength += 1
        if fieldLength <= CSVScanner.maxFieldBytes { record.append(b) } else { oversized = true }
    }

    /// Fields copied into `record` lie back to back: each starts where the one before ended.
    @inline(__always)
    mutating func endField() {
        bounds.append(bounds.isEmpty ? 0 : bounds[bounds.count - 1], record.count)
        fieldLength = 0
    }

    mutating func emit(_ body: (borrowing CSVRecord) -> Void, unterminated: Bool = false) {
        endField()
        // A blank line is one empty unquoted field.
        if recordHasContent || bounds.count > 2 || bounds[1] > bounds[0] || unterminated {
            record.withUnsafeBufferPointer { rb in
                body(CSVRecord(line: recordLine, oversized: oversized, unterminated: unterminated, bytes: rb,
                               bounds: bounds.buffer))
            }
        }
        record.removeAll(keepingCapacity: true)
        bounds.removeAll()
        oversized = false
        recordHasContent = false
        mode = .fieldStart
    }

    mutating func feed(_ buf: UnsafeBufferPointer<UInt8>, _ body: (borrowing CSVRecord) -> Void) {
        let comma: UInt8 = 0x2C, quote: UInt8 = 0x22, lf: UInt8 = 0x0A, cr: UInt8 = 0x0D
        var i = 0
        let n = buf.count
        while i < n {
            // At a record's start, the whole record in place when it can be.
            if mode == .fieldStart, bounds.isEmpty, !recordHasContent {
                if let next = wholeRecord(buf, from: i, body) {
                    i = next
                    continue
                }
            }
            let b = buf[i]
            switch mode {
            case .fieldStart:
                if b == quote {
                    mode = .quoted
                    recordHasContent = true
                } else if b == comma {
                    endField()
                    recordHasContent = true
                } else if b == lf {
                    trimCR()
                    emit(body)
                    line += 1
                    recordLine = line
                } else {
                    mode = .unquoted
                    append(b)
                }
            case .unquoted:
                // Fast path: copy until a delimiter.
                var j = i
                while j < n {
                    let c = buf[j]
                    if c == comma || c == lf { break }
                    j += 1
                }
                appendRun(buf, i, j)
                i = j
                if i < n {
                    if buf[i] == comma {
                        endField()
                        recordHasContent = true
                        mode = .fieldStart
                    } else {
                        trimCR()
                        emit(body)
                        line += 1
                        recordLine = line
                    }
                }
                i += 1
                continue
            case .quoted:
                // Fast path as above: a comment's text up to its closing quote in one copy.
                var j = i
                while j < n {
                    let c = buf[j]
                    if c == quote { break }
                    if c == lf { line += 1 }
                    j += 1
                }
                appendRun(buf, i, j)
                i = j
                if i < n { mode = .quoteInQuoted }
                i += 1
                continue
            case .quoteInQuoted:
                if b == quote {
                    append(quote)
                    mode = .quoted
                } else if b == comma {
                    endField()
                    mode = .fieldStart
                } else if b == lf {
                    emit(body)
                    line += 1
                    recordLine = line
                } else if b == cr {
                    // CR before LF after a closing quote: ignore.
                } else {
                    // Lenient: text after a closing quote is kept.
                    mode = .unquoted
                    append(b)
                }
            }
            i += 1
        }
    }

    /// The record starting at `buf[i]`, lent to `body` where it lies, when
    /// it ends in `buf` within `maxFieldBytes` and none of its quoted fields
    /// holds a doubled quote, a line break or text after its closing quote;
    /// returns the index after its line feed. Nil otherwise, nothing
    /// consumed: the byte machine below reads it (and gives the same fields).
    ///
    /// Nearly every row of an export is such a record: copying each field
    /// into `record`, a call per field, was most of the scanner's ~24
    /// instructions a byte, on the ingest's ordered thread. The record is
    /// split by `congkhai_csv_whole_record` (C, delimiters found sixteen
    /// bytes at a time with SSE2): in Swift, eight bytes at a time, it was
    /// still ~28 % of that thread's samples on a national `check`.
    mutating func wholeRecord(_ buf: UnsafeBufferPointer<UInt8>, from i: Int, _ body: (borrowing CSVRecord) -> Void) -> Int? {
        guard let base = buf.baseAddress else { return nil }
        let limit = min(buf.count, i + CSVScanner.maxFieldBytes)
        var count = 0, content: Int32 = 0, end = 0
        var next = -2
        while next == -2 {
            next = bounds.withStorage { storage, capacity in
                congkhai_csv_whole_record(base, i, limit, storage, capacity, &count, &content, &end)
            }
            if next == -2 { bounds.growCapacity() }
        }
        guard next >= 0 else { return nil }
        bounds.setCount(count)
        // A comma or a quote makes even an empty line a record.
        if content != 0 || bounds.count > 2 || bounds[1] > bounds[0] {
            body(CSVRecord(line: recordLine, oversized: false, unterminated: false,
                           bytes: UnsafeBufferPointer(rebasing: buf[i..<end]), bounds: bounds.buffer))
        }
        bounds.removeAll()
        line += 1
        recordLine = line
        return next
    }

    /// Appends `buf[i..<j]` to the field, cut at `maxFieldBytes`.
    @inline(__always)
    mutating func appendRun(_ buf: UnsafeBufferPointer<UInt8>, _ i: Int, _ j: Int) {
        let run = j - i
        guard run > 0 else { return }
        let room = CSVScanner.maxFieldBytes - fieldLength
        if room >= run {
            record.append(contentsOf: UnsafeBufferPointer(rebasing: buf[i..<j]))
        } else {
            if room > 0 { record.append(contentsOf: UnsafeBufferPointer(rebasing: buf[i..<(i + room)])) }
            oversized = true
        }
        fieldLength += run
    }

    /// Drops the CR of a CRLF from an unquoted field's end.
    @inline(__always)
    mutating func trimCR() {
        let start = bounds.isEmpty ? 0 : bounds[bounds.count - 1]
        if record.count > start, record[record.count - 1] == 0x0D {
            record.removeLast()
            fieldLength = max(0, fieldLength - 1)
        }
    }

    mutating func finish(_ body: (borrowing CSVRecord) -> Void) {
        switch mode {
        case .fieldStart:
            if recordHasContent || !bounds.isEmpty { emit(body) }
        case .unquoted:
            trimCR()
            emit(body)
        case .quoteInQuoted:
            emit(body)
        case .quoted:
            emit(body, unterminated: true)
        }
    }
}
