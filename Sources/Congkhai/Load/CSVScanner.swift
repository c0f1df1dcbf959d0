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

    public init(path: String) {
        self.path = path
    }

    /// Calls `body` for every non-blank record in order. The record and its
    /// buffers are valid only during the call.
    public func scan(_ body: (borrowing CSVRecord) -> Void) -> Failure? { scan(onChunk: nil, body) }

    /// `onChunk` sees every byte read, in order (to hash exactly what was scanned).
    func scan(onChunk: ((UnsafeRawBufferPointer) -> Void)?, _ body: (borrowing CSVRecord) -> Void) -> Failure? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return .cannotOpen }
        defer { try? handle.close() }

        var state = ScanState()
        var pending: [UInt8] = []   // incomplete UTF-8 sequence carried between chunks
        var first = true
        var line = 1                // line at the start of the current chunk, for UTF-8 errors

        while true {
            let data = handle.readData(ofLength: CSVScanner.chunkSize)
            if data.isEmpty { break }
            if let onChunk { data.withUnsafeBytes(onChunk) }
            var bytes = pending
            bytes.append(contentsOf: data)
            pending = []
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
                if need > back {
                    end = end - back - 1
                    pending = Array(bytes[end...])
                }
            }
            let invalid: Int? = bytes.withUnsafeBufferPointer { buf in
                UTF8Validation.firstInvalidOffset(UnsafeBufferPointer(rebasing: buf[start..<end]))
            }
            if let bad = invalid {
                let badLine = line + bytes[start..<(start + bad)].count { $0 == 0x0A }
                return .notUTF8(line: badLine, guess: guessEncoding())
            }
            bytes.withUnsafeBufferPointer { buf in
                state.feed(UnsafeBufferPointer(rebasing: buf[start..<end]), body)
            }
            line = state.line
        }
        if !pending.isEmpty {
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

/// One record: field bytes are stored unescaped, back to back.
public struct CSVRecord: ~Copyable {
    public let line: Int
    public let oversized: Bool
    public let unterminated: Bool
    let bytes: UnsafeBufferPointer<UInt8>
    let ends: UnsafeBufferPointer<Int>

    public var count: Int { ends.count }

    public func bytes(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        let start = i == 0 ? 0 : ends[i - 1]
        return UnsafeBufferPointer(rebasing: bytes[start..<ends[i]])
    }

    public func isEmpty(_ i: Int) -> Bool { bytes(i).isEmpty }

    /// Field bytes without surrounding spaces and tabs; empty when `i` is out of range.
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
        var b = bytes(i)
        if trim {
            var s = b.startIndex, e = b.endIndex
            while s < e, b[s] == 0x20 || b[s] == 0x09 { s += 1 }
            while e > s, b[e - 1] == 0x20 || b[e - 1] == 0x09 { e -= 1 }
            b = UnsafeBufferPointer(rebasing: b[s..<e])
        }
        return TextDecoding.nfc(String(decoding: b, as: UTF8.self))
    }
}

/// The byte state machine, kept across chunk boundaries.
struct ScanState {
    enum Mode { case fieldStart, unquoted, quoted, quoteInQuoted }

    var mode = Mode.fieldStart
    var line = 1
    var recordLine = 1
    var field: [UInt8] = []
    var record: [UInt8] = []
    var ends: [Int] = []
    var fieldLength = 0
    var oversized = false
    var recordHasContent = false

    init() {
        record.reserveCapacity(4096)
        ends.reserveCapacity(32)
    }

    @inline(__always)
    mutating func append(_ b: UInt8) {
        fieldLength += 1
        if fieldLength <= CSVScanner.maxFieldBytes { record.append(b) } else { oversized = true }
    }

    @inline(__always)
    mutating func endField() {
        ends.append(record.count)
        fieldLength = 0
    }

    mutating func emit(_ body: (borrowing CSVRecord) -> Void, unterminated: Bool = false) {
        endField()
        // A blank line is one empty unquoted field.
        if recordHasContent || ends.count > 1 || ends[0] > 0 || unterminated {
            record.withUnsafeBufferPointer { rb in
                ends.withUnsafeBufferPointer { eb in
                    body(CSVRecord(line: recordLine, oversized: oversized, unterminated: unterminated, bytes: rb, ends: eb))
                }
            }
        }
        record.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        oversized = false
        recordHasContent = false
        mode = .fieldStart
    }

    mutating func feed(_ buf: UnsafeBufferPointer<UInt8>, _ body: (borrowing CSVRecord) -> Void) {
        let comma: UInt8 = 0x2C, quote: UInt8 = 0x22, lf: UInt8 = 0x0A, cr: UInt8 = 0x0D
        var i = 0
        let n = buf.count
        while i < n {
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
        let start = ends.last ?? 0
        if record.count > start, record[record.count - 1] == 0x0D {
            record.removeLast()
            fieldLength = max(0, fieldLength - 1)
        }
    }

    mutating func finish(_ body: (borrowing CSVRecord) -> Void) {
        switch mode {
        case .fieldStart:
            if recordHasContent || !ends.isEmpty { emit(body) }
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
