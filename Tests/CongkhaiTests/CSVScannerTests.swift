import CSupport
import Foundation
import Testing
@testable import Congkhai

@Suite struct CSVScannerTests {
    func scan(_ bytes: [UInt8]) throws -> (records: [(line: Int, fields: [String])], failure: CSVScanner.Failure?) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID().uuidString).csv").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var out: [(Int, [String])] = []
        let failure = CSVScanner(path: path).scan { r in
            out.append((r.line, (0..<r.count).map { r.string($0) }))
        }
        return (out, failure)
    }

    @Test func quotedFieldsCommasQuotesNewlinesCRLFAndBOM() throws {
        let text = "\u{FEFF}a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n2,\"line1\r\nline2\",z\r\n\r\n3,,\"\"\r\n"
        let (records, failure) = try scan(Array(text.utf8))
        #expect(failure == nil)
        #expect(records.map(\.fields) == [["a", "b", "c"], ["1", "x, y", "say \"hi\""], ["2", "line1\r\nline2", "z"], ["3", "", ""]])
        #expect(records.map(\.line) == [1, 2, 3, 6])
    }

    @Test func lastRecordWithoutNewlineAndUnterminatedQuote() throws {
        let (records, _) = try scan(Array("a,b\n1,2".utf8))
        #expect(records.last?.fields == ["1", "2"])
        var unterminated = false
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID().uuidString).csv").path
        try Data("a,b\n1,\"open\n".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = CSVScanner(path: path).scan { r in if r.unterminated { unterminated = true } }
        #expect(unterminated)
    }

    @Test func multibyteCharactersAcrossChunkBoundaries() throws {
        // Fill past one read chunk so 'ễ' straddles the boundary somewhere.
        var text = "a\n"
        while text.utf8.count < CSVScanner.chunkSize + 10 { text += "Nguyễn Văn Đức\n" }
        let (records, failure) = try scan(Array(text.utf8))
        #expect(failure == nil)
        #expect(records.dropFirst().allSatisfy { $0.fields == ["Nguyễn Văn Đức"] })
    }

    @Test func fieldsOver1MiBAreFlaggedNotStored() throws {
        let big = String(repeating: "x", count: CSVScanner.maxFieldBytes + 5)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID().uuidString).csv").path
        try Data("a,b\n1,\(big)\n2,ok\n".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var flags: [Bool] = []
        _ = CSVScanner(path: path).scan { r in flags.append(r.oversized) }
        #expect(flags == [false, true, false])
    }

    /// Quoted fields are copied in runs: over the size limit they are flagged
    /// and cut like unquoted ones, newlines inside them still count as lines,
    /// and a quoted field crossing a read chunk reads whole.
    @Test func quotedFieldsInRunsKeepLinesLimitsAndChunks() throws {
        let big = String(repeating: "q", count: CSVScanner.maxFieldBytes + 5)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID().uuidString).csv").path
        try Data("a,b\n1,\"\(big)\"\n2,\"x\ny\nz\"\n3,ok\n".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var seen: [(line: Int, oversized: Bool, size: Int)] = []
        _ = CSVScanner(path: path).scan { r in seen.append((r.line, r.oversized, r.bytes(r.count - 1).count)) }
        #expect(seen.map(\.line) == [1, 2, 3, 6])
        #expect(seen.map(\.oversized) == [false, true, false, false])
        #expect(seen[1].size == CSVScanner.maxFieldBytes && seen[2].size == 5)
        // A quoted field with multibyte letters and doubled quotes, under the
        // size limit, starting just before the first read chunk ends.
        let pad = String(repeating: "p", count: CSVScanner.chunkSize - 40)
        let long = String(repeating: "Nguyễn \"\"Văn\"\" Đức, ", count: 2_000)
        let (records, failure) = try scan(Array("a,b\n0,\(pad)\n1,\"\(long)\"\n2,x\n".utf8))
        #expect(failure == nil)
        let fields = records.map(\.fields)
        let expected = [["a", "b"], ["0", pad], ["1", long.replacingOccurrences(of: "\"\"", with: "\"")], ["2", "x"]]
        #expect(fields.count == 4)
        for (got, want) in zip(fields, expected) where got != want {
            let g = got.last ?? "", w = want.last ?? ""
            let at = zip(g, w).prefix { $0 == $1 }.count
            Issue.record("field differs at character \(at): \(g.dropFirst(max(0, at - 10)).prefix(30)) vs \(w.dropFirst(max(0, at - 10)).prefix(30))")
        }
    }

    /// The byte-at-a-time validator the word-at-a-time one replaced (RFC 3629).
    static func referenceInvalidOffset(_ bytes: [UInt8]) -> Int? {
        var i = 0
        while i < bytes.count {
            let b0 = bytes[i]
            if b0 < 0x80 { i += 1; continue }
            let need: Int
            var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
            switch b0 {
            case 0xC2...0xDF: need = 1
            case 0xE0: need = 2; lo = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: need = 2
            case 0xED: need = 2; hi = 0x9F
            case 0xF0: need = 3; lo = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4: need = 3; hi = 0x8F
            default: return i
            }
            if i + need >= bytes.count || bytes[i + 1] < lo || bytes[i + 1] > hi { return i }
            for k in stride(from: 2, through: need, by: 1) where bytes[i + k] < 0x80 || bytes[i + k] > 0xBF { return i }
            i += need + 1
        }
        return nil
    }

    /// The word-at-a-time validator agrees with the byte-at-a-time one on
    /// every offset, with ill-formed bytes placed around word edges, for
    /// buffers, arrays and slices.
    @Test func bufferValidationAgreesWithTheByteLoop() {
        let bad: [[UInt8]] = [[0xC3, 0x28], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF], [0x80], [0xE1, 0x88]]
        let good = Array("Đức ễ 𝄞 ".utf8)
        var cases: [[UInt8]] = [[], good, Array(repeating: 0x41, count: 37)]
        for b in bad {
            for prefix in 0..<18 {
                cases.append(Array(repeating: 0x61, count: prefix) + b + good)
                cases.append(Array(good.prefix(prefix)) + b)
            }
        }
        for bytes in cases {
            let expected = CSVScannerTests.referenceInvalidOffset(bytes)
            let buffered = bytes.withUnsafeBufferPointer { UTF8Validation.firstInvalidOffset($0) }
            #expect(buffered == expected && UTF8Validation.firstInvalidOffset(bytes) == expected, "\(bytes)")
            let slice = ([0x41, 0x42] + bytes)[2...]
            #expect(UTF8Validation.firstInvalidOffset(slice) == expected.map { $0 + 2 }, "slice of \(bytes)")
        }
        #expect(good.withUnsafeBufferPointer { UTF8Validation.firstInvalidOffset($0) } == nil)
    }

    /// The sixteen-byte pass (`congkhai_utf8_valid_prefix`) against the
    /// byte loop: every three bytes from the bytes where the rules change
    /// (ASCII, each continuation range, C0/C1, E0, ED, F0, F4, F5 and up)
    /// placed across a block's edge, random strings of them among valid
    /// letters, and valid text at every alignment. The prefix it vouches for
    /// must itself be valid and end at or before the first error; the whole
    /// check must give the reference's offset.
    @Test func sixteenBytePassAgreesWithTheByteLoop() {
        let edges: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF,
                              0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF7, 0xF8, 0xFF]
        var failures = 0
        func check(_ bytes: [UInt8]) {
            let expected = CSVScannerTests.referenceInvalidOffset(bytes)
            let (prefix, whole) = bytes.withUnsafeBufferPointer { buf in
                (buf.baseAddress.map { congkhai_utf8_valid_prefix($0, buf.count) } ?? 0, UTF8Validation.firstInvalidOffset(buf))
            }
            let prefixValid = CSVScannerTests.referenceInvalidOffset(Array(bytes.prefix(prefix))) == nil
            if whole != expected || !prefixValid || prefix > (expected ?? bytes.count) {
                failures += 1
                if failures <= 5 { Issue.record("\(bytes): offset \(String(describing: whole)), reference \(String(describing: expected)), prefix \(prefix)") }
            }
        }
        for a in edges { for b in edges { for c in edges {
            for at in [13, 14, 15, 16, 29] {
                var bytes = Array(repeating: UInt8(0x61), count: 40)
                bytes[at] = a; bytes[at + 1] = b; bytes[at + 2] = c
                check(bytes)
            }
        } } }
        var rng = SplitMix(seed: 0x5EED)
        let valid: [[UInt8]] = ["a", "đ", "ễ", "𝄞", "—", " "].map { Array($0.utf8) }
        for _ in 0..<40_000 {
            var bytes: [UInt8] = []
            while bytes.count < 48 {
                if rng.next() % 9 == 0 { bytes.append(edges[Int(rng.next() % UInt64(edges.count))]) }
                else { bytes += valid[Int(rng.next() % UInt64(valid.count))] }
            }
            check(bytes)
        }
        for shift in 0..<20 {
            let text = Array(repeating: 0x61, count: shift) + Array(String(repeating: "Phường Đồng Xuân 𝄞 — ", count: 9).utf8)
            check(text)
            for cut in [text.count - 1, text.count - 2, text.count - 3] { check(Array(text.prefix(cut))) }
        }
        #expect(failures == 0)
    }

    /// A path that opens but cannot be read (a folder) is a failure, not
    /// an empty file and not a crash; a missing one cannot be opened.
    @Test func unreadableAndMissingFilesFail() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("csv-dir-\(UUID().uuidString).csv").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var records = 0
        guard case .cannotOpen? = CSVScanner(path: dir).scan({ _ in records += 1 }) else {
            Issue.record("a folder must not scan as a file")
            return
        }
        guard case .cannotOpen? = CSVScanner(path: dir + "-missing").scan({ _ in records += 1 }) else {
            Issue.record("a missing file must not scan")
            return
        }
        #expect(records == 0)
    }

    @Test func invalidUTF8ReportsItsLine() throws {
        let (_, failure) = try scan(Array("a\nb\n".utf8) + [0xC3, 0x28] + Array("\n".utf8))
        guard case let .notUTF8(line, _)? = failure else {
            Issue.record("expected a UTF-8 failure")
            return
        }
        #expect(line == 3)
    }

    @Test func byteChoicesMatchWholeValuesOnly() {
        let kinds = ByteChoices(FeedbackKind.allCases.map(\.rawValue))
        func look(_ s: String) -> Int? { Array(s.utf8).withUnsafeBufferPointer { kinds.lookup($0) } }
        for (i, k) in FeedbackKind.allCases.enumerated() { #expect(look(k.rawValue) == i) }
        // Prefixes, longer values, other cases and the empty field are not kinds.
        for s in ["", "r", "ratin", "ratings", "Rating", "RATING", "complaint ", "suggestio", "in_progress"] { #expect(look(s) == nil, "\(s)") }
        let statuses = ByteChoices(ComplaintStatus.allCases.map(\.rawValue))
        #expect(Array("in_progress".utf8).withUnsafeBufferPointer { statuses.lookup($0) } == 1)
        // An empty choice matches the empty key only.
        let withEmpty = ByteChoices(["a", ""])
        #expect(Array("".utf8).withUnsafeBufferPointer { withEmpty.lookup($0) } == 1)
    }

    /// Choices are compared as words up to 16 bytes and as bytes past that:
    /// at every length around the words' edges, each choice finds itself,
    /// and a key that differs from it in any one byte finds nothing.
    @Test func byteChoicesTellApartEveryByteAtEveryLength() {
        let lengths = [1, 2, 3, 4, 5, 7, 8, 9, 12, 15, 16, 17, 24, 40]
        let values = lengths.map { n in String((0..<n).map { Character(UnicodeScalar(UInt8(97 + $0 % 26))) }) }
        let choices = ByteChoices(values)
        func look(_ b: [UInt8]) -> Int? { b.withUnsafeBufferPointer { choices.lookup($0) } }
        for (i, v) in values.enumerated() {
            let bytes = Array(v.utf8)
            #expect(look(bytes) == i)
            for j in bytes.indices {
                var other = bytes
                other[j] = UInt8(ascii: "Z")
                #expect(look(other) == nil, "\(v) with byte \(j) changed")
            }
            #expect(look(bytes + [UInt8(ascii: "z")]) == nil)
        }
    }

    /// Scopes hashed by their parents' keys, as the row checker builds its
    /// official and commitment tables (decision 134): a key's hash computed
    /// from bytes alone finds it, and so does a lookup by the scope's number.
    @Test func chainedScopesAreFoundByHashesComputedFromBytes() {
        let parents = (0..<300).map { "xa-\($0)" }
        let parentHashes = parents.map { ByteTable.hash($0, in: 0) }
        let table = ByteTable(scoped: (0..<3000).map { (scope: $0 % 300, key: "cb-\($0 % 40)", value: $0) },
                              scopeHashes: parentHashes)
        var last: [String: Int] = [:]
        for i in 0..<3000 { last["\(i % 300)/\(i % 40)"] = i }
        var wrong = 0, found = 0
        for scope in 0..<300 {
            for k in 0..<40 {
                Array("cb-\(k)".utf8).withUnsafeBufferPointer { key in
                    let h = ByteTable.hash(key, in: parentHashes[scope])
                    table.prefetch(hash: h)
                    let expected = last["\(scope)/\(k)"]
                    if expected != nil { found += 1 }
                    if table.lookup(key, scope: scope, hash: h) != expected || table.lookup(key, scope: scope) != expected { wrong += 1 }
                    // Hashed in the scope's number instead of its hash: not found.
                    if table.lookup(key, scope: scope, hash: ByteTable.hash(key, in: scope + 1)) != nil { wrong += 1 }
                }
            }
        }
        // (scope, key) repeats every 600 entries (lcm of 300 and 40).
        #expect(wrong == 0 && found == 600)
    }

    /// The id hash reads every byte (eight at a time, the last word shifted,
    /// a short key as two overlapping reads of four or as three bytes): at
    /// every length from 0 to 40, changing any one byte, or adding one,
    /// changes the hash; and a key hashes alike as a buffer, a string's UTF-8
    /// and a slice of a pool.
    @Test func theIdHashReadsEveryByte() {
        var seen: [Int: [UInt8]] = [:]
        var collisions = 0
        for n in 0...40 {
            let key = (0..<n).map { UInt8(97 + $0 % 26) }
            var variants = [key, key + [0x7A], key + [0]]
            for i in 0..<n {
                var changed = key
                changed[i] ^= 0x01
                variants.append(changed)
            }
            for v in variants {
                let h = v.withUnsafeBufferPointer { ByteTable.hash($0) }
                if let other = seen[h], other != v { collisions += 1 }
                seen[h] = v
            }
            let pool = [UInt8](repeating: 0x2C, count: 3) + key + [0x2C]
            let fromBuffer = key.withUnsafeBufferPointer { ByteTable.hash($0) }
            #expect(ByteTable.hash(String(decoding: key, as: UTF8.self).utf8) == fromBuffer)
            #expect(ByteTable.hash(pool[3..<(3 + n)]) == fromBuffer)
        }
        // Distinct keys — one byte changed, one byte longer (a zero byte
        // too) — never meet: 64-bit hashes of ~900 keys collide by chance
        // with probability ~2⁻⁴⁵.
        #expect(collisions == 0)
    }

    @Test func byteTablesAndInterner() {
        let table = ByteTable([("xa-an-binh", 0), ("xa-tan-phu", 1)])
        func look(_ s: String) -> Int? { Array(s.utf8).withUnsafeBufferPointer { table.lookup($0) } }
        #expect(look("xa-an-binh") == 0 && look("xa-tan-phu") == 1 && look("xa-an-bin") == nil && look("") == nil)
        // Many keys (probe chains), an empty key, keys that are prefixes of each other.
        let many = ByteTable((0..<2000).map { ("cb-\($0)", $0) } + [("", 9999)])
        func find(_ s: String) -> Int? { Array(s.utf8).withUnsafeBufferPointer { many.lookup($0) } }
        var missed = 0
        for i in 0..<2000 where find("cb-" + String(i)) != i { missed += 1 }
        #expect(missed == 0 && find("") == 9999)
        #expect(find("cb-2000") == nil && find("cb-") == nil && find("cb-19999") == nil && find("Cb-1") == nil)
        // Scoped keys: the same id in another scope is another entry, and a
        // scope with no such key finds nothing (officials within localities).
        let scoped = ByteTable(scoped: (0..<3000).flatMap { i in [(scope: i % 97, key: "cb-\(i % 50)", value: i)] }
                               + [(scope: 5, key: "", value: -5)])
        func find(_ s: String, in scope: Int) -> Int? { Array(s.utf8).withUnsafeBufferPointer { scoped.lookup($0, scope: scope) } }
        var wrong = 0
        for scope in 0..<97 {
            for k in 0..<50 {
                // The last i with i % 97 == scope and i % 50 == k (later entries replace earlier ones).
                let expected = (0..<3000).last { $0 % 97 == scope && $0 % 50 == k }
                if find("cb-\(k)", in: scope) != expected { wrong += 1 }
            }
        }
        #expect(wrong == 0)
        #expect(find("", in: 5) == -5 && find("", in: 6) == nil && find("cb-1", in: 97) == nil && find("cb-50", in: 0) == nil)
        // Keys kept in the slot (up to 16 bytes) and in the pool (longer):
        // keys that differ only in their last byte, or are prefixes of each
        // other across the 16-byte edge, or hold zero bytes, stay apart.
        let edge = ["0123456789abcdeX", "0123456789abcdeY", "0123456789abcde", "0123456789abcdeXZ", "0123456789abcdeXY",
                    "0123456789abcdeXZ-and-a-long-tail", "0123456789abcdeXZ-and-a-long-tai", "a\u{0}", "a", "\u{0}",
                    "xã-tân-phú-đông", "xã-tân-phú-đông-a"]
        // Hashed alike, so every key is compared with every other, byte for byte.
        let edges = ByteTable(scoped: edge.enumerated().flatMap { i, k in [(scope: 0, key: k, value: i), (scope: 7, key: k, value: 100 + i)] },
                              collide: true)
        for (i, k) in edge.enumerated() {
            #expect(Array(k.utf8).withUnsafeBufferPointer { edges.lookup($0) } == i, "\(k.debugDescription)")
            #expect(Array(k.utf8).withUnsafeBufferPointer { edges.lookup($0, scope: 7) } == 100 + i, "\(k.debugDescription)")
            #expect(Array((k + "!").utf8).withUnsafeBufferPointer { edges.lookup($0) } == nil)
            #expect(Array(k.utf8).withUnsafeBufferPointer { edges.lookup($0, scope: 3) } == nil)
        }
        #expect(Array("0123456789abcdeZ".utf8).withUnsafeBufferPointer { edges.lookup($0) } == nil)
        #expect(Array("0123456789abcdeXZ-and-a-long-taiL".utf8).withUnsafeBufferPointer { edges.lookup($0) } == nil)
        var interner = ByteInterner()
        var ids: [Int] = []
        for i in 0..<200 { ids.append(interner.id("loại \(i % 100)") ?? -1) }
        #expect(Set(ids).count == 100 && ids[0] == ids[100] && interner.names.count == 100)
        #expect(interner.id("mới", limit: 100) == nil)
        // NFC and NFD spellings are different bytes: the loader normalises first.
        #expect(interner.id("Đất đai") != nil)
    }
}
