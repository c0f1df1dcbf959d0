import Foundation

/// `data/feedback/<locality>.csv.gz`: the feedback rows scoring used (valid,
/// dated in [S, D]), one file per locality, in the order they were read, so
/// that anyone can recompute every score from the published data alone
/// (DESIGN.md, "Published for recomputation").
///
/// No personal data: `respondent` becomes the first 16 hex digits of
/// HMAC-SHA-256(key, respondent) — the same respondent gives the same
/// pseudonym, so deduplication is reproducible; `comment` only when
/// published, masked (as validation left it). One extra column, `file`, names
/// the export the row came from (unknown columns are ignored by the loader).
///
/// Rows are appended to per-locality spill files as they stream past, so
/// memory does not grow with the rows; each row also leaves a 24-byte key and
/// digest for the ledger's row comparison.
/// `@unchecked Sendable`: filled by the one thread that streams feedback,
/// then only read after ingest has returned.
final class FeedbackExport: @unchecked Sendable {
    static let columns = ["id", "date", "channel", "locality", "official", "commitment", "kind", "respondent_kind",
                          "respondent", "rating", "category", "status", "due", "resolved_on", "comment", "publish", "file"]

    private let province: Province
    private let key: [UInt8]
    private let spillDir: String
    private var buffers: [[UInt8]]
    private var spilled: [Bool]
    private(set) var rows = RowDigests()

    init(province: Province, pseudonymKey: [UInt8]) {
        self.province = province
        key = pseudonymKey
        spillDir = FileManager.default.temporaryDirectory.path + "/congkhai-feedback-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        buffers = Array(repeating: [], count: province.localities.count)
        spilled = Array(repeating: false, count: province.localities.count)
    }

    deinit { try? FileManager.default.removeItem(atPath: spillDir) }

    func pseudonym(_ respondent: String) -> String {
        guard !respondent.isEmpty else { return "" }
        return String(SHA256.hexString(Crypto.hmacSHA256(key: key, message: Array(respondent.utf8))).prefix(16))
    }

    /// One row, as the published file holds it: the same cells as
    /// `CSVWriter` writes (formula prefix, RFC 4180 quoting), built as bytes
    /// because this runs once per published row.
    func line(_ r: FeedbackRow) -> [UInt8] {
        let p = province
        let official = r.official.map { p.officials[$0] }
        var out: [UInt8] = []
        out.reserveCapacity(160)
        CSVBytes.text(r.id, into: &out); out.append(0x2C)
        CSVBytes.plain(r.date.description, into: &out); out.append(0x2C)
        CSVBytes.plain(r.channel?.rawValue ?? "", into: &out); out.append(0x2C)
        CSVBytes.plain(p.localities[r.locality].id, into: &out); out.append(0x2C)
        CSVBytes.plain(official?.id ?? "", into: &out); out.append(0x2C)
        if let c = r.commitment, let o = official { CSVBytes.plain(o.commitments[c].id, into: &out) }
        out.append(0x2C)
        CSVBytes.plain(r.kind.rawValue, into: &out); out.append(0x2C)
        CSVBytes.plain(r.respondentKind?.rawValue ?? "", into: &out); out.append(0x2C)
        if !r.respondent.isEmpty { CSVBytes.plain(pseudonym(r.respondent), into: &out) }
        out.append(0x2C)
        if let rating = r.rating { CSVBytes.plain(rating.decimalText, into: &out) }
        out.append(0x2C)
        CSVBytes.text(r.category, into: &out); out.append(0x2C)
        let status = r.kind == .complaint ? r.status.rawValue : (r.status == .open ? "" : r.status.rawValue)
        CSVBytes.plain(status, into: &out); out.append(0x2C)
        CSVBytes.plain(r.due?.description ?? "", into: &out); out.append(0x2C)
        CSVBytes.plain(r.resolvedOn?.description ?? "", into: &out); out.append(0x2C)
        if r.publish { CSVBytes.text(r.comment, into: &out) }
        out.append(0x2C)
        if r.publish { out.append(contentsOf: "yes".utf8) }
        out.append(0x2C)
        CSVBytes.text(r.file, into: &out)
        out.append(0x0D); out.append(0x0A)
        return out
    }

    func add(_ r: FeedbackRow) {
        let bytes = line(r)
        rows.add(file: r.file, id: CSVBytes.prefixed(r.id), lineBytes: bytes)
        buffers[r.locality].append(contentsOf: bytes)
        if buffers[r.locality].count > 1 << 20 { spill(r.locality) }
    }

    private func spill(_ locality: Int) {
        try? FileManager.default.createDirectory(atPath: spillDir, withIntermediateDirectories: true)
        let path = spillDir + "/\(locality).csv"
        if !spilled[locality] { _ = FileManager.default.createFile(atPath: path, contents: nil) }
        if let h = FileHandle(forWritingAtPath: path) {
            h.seekToEndOfFile()
            h.write(Data(buffers[locality]))
            try? h.close()
        }
        spilled[locality] = true
        buffers[locality] = []
    }

    /// The published files, one per locality that has rows (deterministic gzip).
    func files() -> [OutputFile] {
        let header = Array(CSVWriter.row(FeedbackExport.columns).utf8)
        var out: [OutputFile] = []
        for (i, l) in province.localities.enumerated() {
            var body = header
            if spilled[i] { spill(i); body += (FileManager.default.contents(atPath: spillDir + "/\(i).csv").map { Array($0) } ?? []) }
            else { body += buffers[i] }
            guard body.count > header.count else { continue }
            out.append(OutputFile(path: "data/feedback/\(l.id).csv.gz", bytes: Gzip.compress(body)))
        }
        return out
    }
}

/// Rows compared by (file, row id): a 128-bit key, a 64-bit digest of the
/// published line and the file's index, about 40 bytes a row in a dictionary.
/// The previous site's rows also keep their id, to name them in the ledger.
struct RowDigests {
    struct Key: Hashable { var a: UInt64; var b: UInt64 }
    struct Entry { var digest: UInt64; var file: UInt32 }

    var files: [String] = []
    var fileIndex: [String: UInt32] = [:]
    var entries: [Key: Entry] = [:]
    /// Only for rows read back from a published site: the id and the locality.
    var ids: [Key: String] = [:]
    var localities: [Key: String] = [:]
    /// Rows per file index.
    var counts: [Int] = []

    /// Two independent 64-bit FNV-1a hashes of `file NUL id`: a 128-bit key
    /// (a collision would need 2^64 rows). Not a security boundary: the rows
    /// themselves are covered by the manifest's SHA-256.
    static func key(file: String, id: String) -> Key {
        var a: UInt64 = 0xcbf29ce484222325, b: UInt64 = 0x84222325cbf29ce4
        func mix(_ byte: UInt8) {
            a = (a ^ UInt64(byte)) &* 0x100000001b3
            b = (b ^ UInt64(byte) ^ 0x5bd1e995) &* 0x100000001b3
        }
        for byte in file.utf8 { mix(byte) }
        mix(0)
        for byte in id.utf8 { mix(byte) }
        return Key(a: a, b: b)
    }

    /// A 64-bit FNV-1a digest of the published line: it changes when any cell does.
    static func digest<C: Collection>(_ bytes: C) -> UInt64 where C.Element == UInt8 {
        var h: UInt64 = 0xcbf29ce484222325
        for byte in bytes { h = (h ^ UInt64(byte)) &* 0x100000001b3 }
        return h
    }

    mutating func index(of file: String) -> UInt32 {
        if let i = fileIndex[file] { return i }
        let i = UInt32(files.count)
        files.append(file)
        fileIndex[file] = i
        counts.append(0)
        return i
    }

    mutating func add<C: Collection>(file: String, id: String, lineBytes: C, keepID: Bool = false, locality: String? = nil)
    where C.Element == UInt8 {
        let f = index(of: file)
        let k = RowDigests.key(file: file, id: id)
        entries[k] = Entry(digest: RowDigests.digest(lineBytes), file: f)
        counts[Int(f)] += 1
        if keepID { ids[k] = id }
        if let locality { localities[k] = locality }
    }

    /// Rows of a published `data/feedback/*.csv.gz` (the `file` and `id` columns name them).
    ///
    /// Read as bytes, record by record: each record's bytes are the line this
    /// build would write for the same row (same writer), so their digest is
    /// compared as it is; only `id`, `locality` and `file` become strings.
    /// With `names`, only the ids and localities of those keys are kept (a
    /// second pass names the rows the ledger reports); without, none are, so
    /// the first pass keeps about 40 bytes a row.
    mutating func read(gzip bytes: [UInt8], names: Set<Key>? = nil) -> Bool {
        guard let csv = Gzip.decompress(bytes) else { return false }
        var header: [String] = []
        var idIndex = -1, localityIndex = -1, fileIndex = -1
        var ok = true
        csv.withUnsafeBufferPointer { buf in
            var start = 0, i = 0
            var inQuotes = false
            var fields: [(Int, Int)] = []
            var fieldStart = 0
            func cell(_ f: (Int, Int)) -> String {
                var (a, b) = f
                guard b > a else { return "" }
                if buf[a] == 0x22 && b - a >= 2 {
                    a += 1; b -= 1
                    var out: [UInt8] = []
                    var k = a
                    while k < b {
                        out.append(buf[k])
                        if buf[k] == 0x22 && k + 1 < b && buf[k + 1] == 0x22 { k += 1 }
                        k += 1
                    }
                    return String(decoding: out, as: UTF8.self)
                }
                return String(decoding: UnsafeBufferPointer(rebasing: buf[a..<b]), as: UTF8.self)
            }
            while i < buf.count {
                let c = buf[i]
                if c == 0x22 {
                    inQuotes.toggle()
                } else if !inQuotes && c == 0x2C {
                    fields.append((fieldStart, i))
                    fieldStart = i + 1
                } else if !inQuotes && c == 0x0A {
                    let end = i > start && buf[i - 1] == 0x0D ? i - 1 : i
                    fields.append((fieldStart, end))
                    if header.isEmpty {
                        header = fields.map(cell)
                        idIndex = header.firstIndex(of: "id") ?? -1
                        localityIndex = header.firstIndex(of: "locality") ?? -1
                        fileIndex = header.firstIndex(of: "file") ?? -1
                        if idIndex < 0 || fileIndex < 0 { ok = false; return }
                    } else if fields.count == header.count {
                        var file = cell(fields[fileIndex])
                        if file.hasPrefix("'") { file.removeFirst() }
                        let id = cell(fields[idIndex])
                        if let names {
                            let k = RowDigests.key(file: file, id: id)
                            if names.contains(k) {
                                ids[k] = id
                                if localityIndex >= 0 { localities[k] = cell(fields[localityIndex]) }
                            }
                        } else {
                            add(file: file, id: id, lineBytes: UnsafeBufferPointer(rebasing: buf[start...i]))
                        }
                    } else {
                        ok = false
                    }
                    fields.removeAll(keepingCapacity: true)
                    start = i + 1
                    fieldStart = start
                }
                i += 1
            }
        }
        return ok && !header.isEmpty
    }
}

