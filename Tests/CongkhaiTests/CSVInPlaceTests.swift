import Foundation
import Testing
@testable import Congkhai

/// The scanner's byte machine as it was before records were lent in place
/// (`ScanState.wholeRecord`), kept to compare the two on hostile text.
enum ReferenceCSV {
    struct Record: Equatable {
        var line: Int
        var oversized: Bool
        var unterminated: Bool
        var fields: [[UInt8]]
    }

    static func scan(_ bytes: [UInt8]) -> [Record] {
        var out: [Record] = []
        var state = ReferenceScanState()
        bytes.withUnsafeBufferPointer { state.feed($0) { out.append($0) } }
        state.finish { out.append($0) }
        return out
    }
}

struct ReferenceScanState {
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

    mutating func emit(_ body: (ReferenceCSV.Record) -> Void, unterminated: Bool = false) {
        endField()
        // A blank line is one empty unquoted field.
        if recordHasContent || ends.count > 1 || ends[0] > 0 || unterminated {
            var fields: [[UInt8]] = []
            var start = 0
            for e in ends { fields.append(Array(record[start..<e])); start = e }
            body(ReferenceCSV.Record(line: recordLine, oversized: oversized, unterminated: unterminated, fields: fields))
        }
        record.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        oversized = false
        recordHasContent = false
        mode = .fieldStart
    }

    mutating func feed(_ buf: UnsafeBufferPointer<UInt8>, _ body: (ReferenceCSV.Record) -> Void) {
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

    mutating func finish(_ body: (ReferenceCSV.Record) -> Void) {
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


@Suite struct CSVInPlaceTests {
    static func records(_ scan: ((borrowing CSVRecord) -> Void) -> Void) -> [ReferenceCSV.Record] {
        var out: [ReferenceCSV.Record] = []
        scan { r in
            out.append(ReferenceCSV.Record(line: r.line, oversized: r.oversized, unterminated: r.unterminated,
                                           fields: (0..<r.count).map { Array(r.bytes($0)) }))
        }
        return out
    }

    /// Records wider than the scanner's first field bounds (32 fields),
    /// with fields of every length around the splitter's sixteen-byte steps
    /// and delimiters at every place in a step, are lent in place with the
    /// fields, lines and flags the byte machine gives (seen failing with the
    /// splitter's "more room" answer taken as "not simple").
    @Test func wideRecordsSplitInPlaceAsTheByteMachineReads() {
        var rng = SplitMix(seed: 1616)
        for _ in 0..<300 {
            var text = ""
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                let fields = (0..<Int.random(in: 1...300, using: &rng)).map { _ -> String in
                    let body = String(repeating: "x", count: Int.random(in: 0...40, using: &rng))
                    switch Int.random(in: 0..<6, using: &rng) {
                    case 0: return "\"" + body + ",é\""
                    case 1: return "a" + body + "\"" + body
                    case 2: return "Đức" + body
                    default: return body
                    }
                }
                text += fields.joined(separator: ",") + (Bool.random(using: &rng) ? "\r\n" : "\n")
            }
            let bytes = Array(text.utf8)
            let want = ReferenceCSV.scan(bytes)
            #expect(CSVInPlaceTests.records { body in _ = CSVScanner.scan(bytes: bytes, body) } == want)
            var lent = 0
            bytes.withUnsafeBufferPointer { input in
                guard let base = input.baseAddress else { return }
                _ = CSVScanner.scan(bytes: bytes) { r in
                    if let p = r.bytes.baseAddress, p >= base, p < base + input.count { lent += 1 }
                }
            }
            #expect(lent == want.count, "every record here is simple: all of them lent in place")
        }
    }

    /// Records lent where they lie and records copied field by field give
    /// exactly the fields, lines and flags the old byte machine gave, for
    /// text made of quotes, doubled quotes, CRs, blank lines and multibyte
    /// letters, read whole, in reads of 3 to 64 bytes, and through a block.
    @Test func recordsReadInPlaceAreThoseTheByteMachineRead() throws {
        let pieces = ["a", "xy", "Đức", ",", "\"", "\"\"", "\n", "\r", "\r\n", " ", "\"q,1\"", "\"a\"\"b\"", "\"m\nl\"",
                      "\"\",", "1,2,3\n", "\"x\"\r\n", "\"x\"y", "\t", "ễ",
                      // Longer runs: delimiters are searched for sixteen bytes at a time.
                      "abcdefghijklmnop", "Đức Đức Đức", "+-!#\u{0B}"]
        var rng = SplitMix(seed: 4180)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("csv-inplace-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var inPlace = 0
        for n in 0..<1500 {
            var text = (0..<Int.random(in: 0...40, using: &rng)).map { _ in pieces.randomElement(using: &rng) ?? "" }.joined()
            if n % 3 == 0 { text += "\n" }
            let bytes = Array(text.utf8)
            let want = ReferenceCSV.scan(bytes)
            let whole = CSVInPlaceTests.records { body in _ = CSVScanner.scan(bytes: bytes, body) }
            #expect(whole == want, "\(text.debugDescription)")
            let path = dir + "/\(n).csv"
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let read = CSVInPlaceTests.records { body in _ = CSVScanner(path: path, readSize: Int.random(in: 3...64, using: &rng)).scan(body) }
            #expect(read == want, "\(text.debugDescription) in small reads")
            // Through a block, as the ingest hands records to its lanes.
            let block = CSVRecordBlock(capacity: 8)
            _ = CSVScanner.scan(bytes: bytes) { block.append($0) }
            var order: [Int] = []
            let lent = CSVInPlaceTests.records { body in block.forEach { i, r in order.append(i); body(r) } }
            #expect(lent == want, "\(text.debugDescription) through a block")
            #expect(order == Array(0..<block.count))
            // How many records were lent where they lay (their bytes inside the input's).
            bytes.withUnsafeBufferPointer { input in
                guard let base = input.baseAddress else { return }
                _ = CSVScanner.scan(bytes: bytes) { r in
                    if let p = r.bytes.baseAddress, p >= base, p < base + input.count { inPlace += 1 }
                }
            }
        }
        #expect(inPlace > 2000)
    }
}
