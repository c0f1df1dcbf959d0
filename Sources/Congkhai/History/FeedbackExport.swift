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
final class FeedbackExport {
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
        return String(Crypto.hex(Crypto.hmacSHA256(key: key, message: Array(respondent.utf8))).prefix(16))
    }

    /// One row, as the published file holds it.
    func line(_ r: FeedbackRow) -> String {
        let p = province
        let official = r.official.map { p.officials[$0] }
        let commitment = r.commitment.flatMap { c in official.map { $0.commitments[c].id } } ?? ""
        let cells: [String] = [
            CSVWriter.text(r.id), r.date.description, r.channel?.rawValue ?? "", p.localities[r.locality].id,
            official?.id ?? "", commitment, r.kind.rawValue, r.respondentKind?.rawValue ?? "", pseudonym(r.respondent),
            r.rating.map { $0.decimalText } ?? "", CSVWriter.text(r.category),
            r.kind == .complaint ? r.status.rawValue : (r.status == .open ? "" : r.status.rawValue),
            r.due?.description ?? "", r.resolvedOn?.description ?? "", r.publish ? CSVWriter.text(r.comment) : "",
            r.publish ? "yes" : "", CSVWriter.text(r.file),
        ]
        return CSVWriter.row(cells)
    }

    func add(_ r: FeedbackRow) {
        let text = line(r)
        rows.add(file: r.file, id: CSVWriter.text(r.id), line: text)
        buffers[r.locality].append(contentsOf: text.utf8)
        if buffers[r.locality].count > 1 << 20 { spill(r.locality) }
    }

    private func spill(_ locality: Int) {
        try? FileManager.default.createDirectory(atPath: spillDir, withIntermediateDirectories: true)
        let path = spillDir + "/\(locality).csv"
        if !spilled[locality] { FileManager.default.createFile(atPath: path, contents: nil) }
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

    static func key(file: String, id: String) -> Key {
        let d = SHA256.bytes(Array(file.utf8) + [0] + Array(id.utf8))
        return Key(a: d.prefix(8).reduce(0) { $0 << 8 | UInt64($1) }, b: d.dropFirst(8).prefix(8).reduce(0) { $0 << 8 | UInt64($1) })
    }

    static func digest(_ line: String) -> UInt64 {
        SHA256.bytes(Array(line.utf8)).prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
    }

    mutating func index(of file: String) -> UInt32 {
        if let i = fileIndex[file] { return i }
        let i = UInt32(files.count)
        files.append(file)
        fileIndex[file] = i
        counts.append(0)
        return i
    }

    mutating func add(file: String, id: String, line: String, keepID: Bool = false, locality: String? = nil) {
        let f = index(of: file)
        let k = RowDigests.key(file: file, id: id)
        entries[k] = Entry(digest: RowDigests.digest(line), file: f)
        counts[Int(f)] += 1
        if keepID { ids[k] = id }
        if let locality { localities[k] = locality }
    }

    /// Rows of a published `data/feedback/*.csv.gz` (the `file` and `id` columns name them).
    mutating func read(gzip bytes: [UInt8]) -> Bool {
        guard let csv = Gzip.decompress(bytes) else { return false }
        var header: [String] = []
        var ok = true
        let failure = CSVScanner.scan(bytes: csv) { record in
            var cells: [String] = []
            for i in 0..<record.count { cells.append(record.string(i)) }
            if header.isEmpty { header = cells; return }
            guard let fi = header.firstIndex(of: "file"), let ii = header.firstIndex(of: "id"),
                  fi < cells.count, ii < cells.count else { ok = false; return }
            var file = cells[fi]
            if file.hasPrefix("'") { file.removeFirst() }
            let locality = header.firstIndex(of: "locality").flatMap { $0 < cells.count ? cells[$0] : nil }
            add(file: file, id: cells[ii], line: CSVWriter.row(cells.map(CSVWriter.quoteIfNeeded)), keepID: true, locality: locality)
        }
        return ok && failure == nil
    }
}
