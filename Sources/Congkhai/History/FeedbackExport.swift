import Foundation
import CSupport

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
/// Rows are buffered per locality; when the buffers together pass
/// `bufferBudget` they are all appended to one spill file (each locality's
/// chunk offsets kept), so memory does not grow with the rows — a national
/// export is ~3 GB of lines over ~10,000 localities, too small per locality
/// for a per-locality threshold ever to trigger. Each row also leaves a
/// 24-byte key and digest for the ledger's row comparison.
/// `@unchecked Sendable`: filled by the one thread that streams feedback,
/// then only read after ingest has returned. The state touched per row is
/// `@exclusivity(unchecked)`: no method holds one of them while another
/// access begins (the line is written, then appended; the rest are read and
/// set in turn), and the run-time checks were ~a tenth of the export's thread.
final class FeedbackExport: @unchecked Sendable {
    static let columns = ["id", "date", "channel", "locality", "official", "commitment", "kind", "respondent_kind",
                          "respondent", "rating", "category", "status", "due", "resolved_on", "comment", "publish", "file"]
    static let bufferBudget = 32 << 20
    /// The published files' header line.
    static let header = Array(CSVWriter.row(FeedbackExport.columns).utf8)
    /// `bufferBudget` unless a test wants every row spilled.
    private let budget: Int

    private let province: Province
    private let key: [UInt8]
    /// `key`'s HMAC states, prepared once (`Crypto.HMACSHA256`).
    private let mac: Crypto.HMACSHA256?
    private let spillDir: String
    private let buffers: LineBuffers
    @exclusivity(unchecked) private var buffered = 0
    /// Per locality: (offset, length) of its chunks in the spill file, in order.
    private var chunks: [[(offset: Int, length: Int)]]
    private var spillFD: Int32 = -1
    private var spillSize = 0
    /// Pseudonym (its 64 bits) by respondent number, 0 until computed: one HMAC per respondent, not per row.
    @exclusivity(unchecked) private var pseudonyms: [UInt64] = []
    /// The line being written (one buffer reused for every row).
    @exclusivity(unchecked) private var line = ExportLine()
    /// Locality and official ids as bytes, read per row without a `String`.
    private let localityIDs: ByteStrings
    private let officialIDs: ByteStrings
    /// Every official's commitment ids, official after official, and where
    /// each official's begin: a row's commitment cell is read from here, not
    /// through the official's own array (two more cache misses a row on the
    /// export's thread, which a national build waits for).
    private let commitmentIDs: ByteStrings
    private let firstCommitment: [Int]
    @exclusivity(unchecked) private(set) var rows = RowDigests()
    /// Each published row's file index, key and line digest (`RowDigests.Record`,
    /// 28 bytes), taken from the line as it is written and set aside in
    /// `recordFD` until `seal` — never in memory beside the row-id set.
    @exclusivity(unchecked) private var recordBuffer: [UInt8] = []
    private var recordFD: Int32 = -1
    @exclusivity(unchecked) private var recordCount = 0
    /// Records set aside per file (`RowDigests` file index): each file's
    /// rows are sized exactly before they are read back. Sized from the
    /// export's bytes (130 a row) a file of shorter rows outgrew its room
    /// and doubled it, the first room left behind: ~460 MB of freed arrays
    /// at a nightly's history stage for 3,351 exports of 6,000 rows.
    @exclusivity(unchecked) private var recordsPerFile: [Int] = []
    /// The export file of the last row recorded: its index and the key's state after its name.
    @exclusivity(unchecked) private var recordFile = (file: -1, index: UInt32(0), prefix: RowDigests.KeyState())
    /// Per locality: its rows as runs of one export file each, in the order
    /// they were appended (kept only when there is a published site to
    /// compare with). The ledger's comparison skips the runs a published
    /// file still holds byte for byte (`ChangeSet.feedbackChanges`).
    /// The runs before the last are packed (`Run.pack`); the last, still
    /// growing, is in `openRuns` (none while its `rows` is 0).
    @exclusivity(unchecked) private var packedRuns: [[UInt8]]
    @exclusivity(unchecked) private var openRuns: [Run]
    /// The exports' names as bytes: each row's `file` cell is read from
    /// here by the row's export index (`FeedbackRow.file`).
    private let fileNames: ByteStrings

    /// Consecutive rows of one locality's published file that came from one export.
    struct Segment: Equatable {
        var file: String
        var rows: Int
        var bytes: Int
    }

    /// A `Segment` as kept until the ledger's comparison: the export by its
    /// place in `Province.feedbackFiles`. With the export's name a run was
    /// 32 bytes, and a tree of many small exports (a file every few
    /// thousand rows, each touching most localities) has a run for nearly
    /// every pair of export and locality: ~9 million runs on a national
    /// tree of 3,351 exports, hundreds of MB at a nightly build's peak.
    /// Closed runs are packed as three LEB128 varints (export, rows, bytes):
    /// ~5 bytes for the usual run of a few rows.
    struct Run: Equatable {
        var bytes: Int
        var file: Int
        var rows: Int

        func pack(into out: inout [UInt8]) {
            Run.put(file, &out)
            Run.put(rows, &out)
            Run.put(bytes, &out)
        }

        /// The runs `pack` wrote into `packed`, in order.
        static func unpack(_ packed: [UInt8]) -> [Run] {
            var runs: [Run] = []
            var at = 0
            while at < packed.count {
                let file = take(packed, &at), rows = take(packed, &at), bytes = take(packed, &at)
                runs.append(Run(bytes: bytes, file: file, rows: rows))
            }
            return runs
        }

        private static func put(_ n: Int, _ out: inout [UInt8]) {
            var v = UInt64(n)  // never negative: an index, a count, a length
            while v >= 0x80 {
                out.append(UInt8(v & 0x7F) | 0x80)
                v >>= 7
            }
            out.append(UInt8(v))
        }

        /// What `put` wrote at `at`; `pack` alone writes `packed`, so it is whole.
        private static func take(_ packed: [UInt8], _ at: inout Int) -> Int {
            var v: UInt64 = 0
            var shift: UInt64 = 0
            while at < packed.count {
                let b = packed[at]
                at += 1
                v |= UInt64(b & 0x7F) << shift
                if b < 0x80 { break }
                shift += 7
            }
            return Int(truncatingIfNeeded: v)
        }
    }

    /// How what this build publishes for one locality (uncompressed: the
    /// header, its first `header` bytes, then its rows run by run) begins
    /// like a published file: `shared` leading bytes are the same.
    struct Shared {
        var shared: Int
        var header: Int
        var segments: [Segment]
    }

    /// The ledger has compared the rows (`HistoryStage.changes`); their
    /// digests (24 bytes a row: ~480 MB for 20 million rows) are not needed
    /// for the pages and data written after it, nor are the runs the
    /// comparison skipped by (`sharedPrefix`; tens of MB, packed, for a tree
    /// of many small exports, held otherwise through the page stage).
    func dropRowDigests() {
        rows = RowDigests()
        packedRuns = packedRuns.map { _ in [] }
        openRuns = openRuns.map { _ in Run(bytes: 0, file: 0, rows: 0) }
    }

    /// False when there is no published site to compare with (a first
    /// build): the ledger then needs only each file's row count, so rows
    /// are counted as they pass and no digest is made (~450 MB and the
    /// read-back of every exported line, at national size).
    private let keepsRowDigests: Bool
    @exclusivity(unchecked) private var countedFile = (file: -1, index: 0)

    init(province: Province, pseudonymKey: [UInt8], bufferBudget: Int = FeedbackExport.bufferBudget,
         keepsRowDigests: Bool = true) {
        self.keepsRowDigests = keepsRowDigests
        budget = bufferBudget
        self.province = province
        key = pseudonymKey
        mac = Crypto.HMACSHA256(key: pseudonymKey)
        // Each id's cell encoded once, not scanned again on every row; read
        // by index (a loop over the officials copied each one, its strings
        // retained, on the build's one busy thread before the ingest).
        let officials = province.officials
        localityIDs = ExportLine.cells(province.localities.indices.lazy.map { province.localities[$0].id }, text: false)
        officialIDs = ExportLine.cells(officials.indices.lazy.map { officials[$0].id }, text: false)
        commitmentIDs = ExportLine.cells(officials.indices.lazy.flatMap { o in
            officials[o].commitments.indices.lazy.map { officials[o].commitments[$0].id }
        }, text: false)
        var first: [Int] = []
        first.reserveCapacity(officials.count)
        var n = 0
        for o in officials.indices {
            first.append(n)
            n += officials[o].commitments.count
        }
        firstCommitment = first
        spillDir = FileManager.default.temporaryDirectory.path + "/congkhai-feedback-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        buffers = LineBuffers(count: province.localities.count)
        chunks = Array(repeating: [], count: province.localities.count)
        packedRuns = Array(repeating: [], count: keepsRowDigests ? province.localities.count : 0)
        openRuns = Array(repeating: Run(bytes: 0, file: 0, rows: 0), count: packedRuns.count)
        fileNames = ExportLine.cells(province.feedbackFiles, text: true)
    }

    deinit {
        closeFiles()
        try? FileManager.default.removeItem(atPath: spillDir)
    }

    /// Closes the spill and record files once their rows are published. The
    /// kernel frees an unlinked file's pages when its last descriptor
    /// closes: ~0.7 s for a national spill on disk, which a build spends on
    /// another thread while it writes its manifest and publishes (nothing
    /// reads the export after its files are made).
    func closeFiles() {
        if spillFD >= 0 { close(spillFD); spillFD = -1 }
        if recordFD >= 0 { close(recordFD); recordFD = -1 }
    }

    /// The slot of respondent `number`'s pseudonym, loaded ahead of its row:
    /// a country's ~3 million respondents' slots are ~27 MB read in no
    /// order, a cache miss a row on the export's thread otherwise.
    @inline(__always)
    private func prefetchPseudonym(_ number: Int) {
        guard number >= 0, number < pseudonyms.count else { return }
        pseudonyms.withUnsafeBufferPointer { b in b.baseAddress.map { congkhai_prefetch_read($0 + number) } }
    }

    /// The 64 bits of the respondent's pseudonym: one HMAC per respondent
    /// (by its number), not per row.
    func pseudonymBits(_ respondent: String, number: Int = -1) -> UInt64 {
        if number >= 0, number < pseudonyms.count, pseudonyms[number] != 0 { return pseudonyms[number] }
        let message = Array(respondent.utf8)
        let digest = mac?.mac(message) ?? Crypto.hmacSHA256(key: key, message: message)
        let p = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        if number >= 0 {
            if number >= pseudonyms.count { pseudonyms.append(contentsOf: repeatElement(0, count: number + 1 - pseudonyms.count)) }
            pseudonyms[number] = p
        }
        return p
    }

    /// Enum values as cells, encoded once (`EnumCells`).
    private static let channelCells = EnumCells<FeedbackChannel>()
    private static let kindCells = EnumCells<FeedbackKind>()
    private static let respondentKindCells = EnumCells<RespondentKind>()
    private static let statusCells = EnumCells<ComplaintStatus>()

    /// One row, as the published file holds it: the same cells as
    /// `CSVWriter` writes (formula prefix, RFC 4180 quoting), written as
    /// bytes into `line` (`ExportLine`: this runs once per published row,
    /// 20 million nationally).
    private func write(_ r: UnsafePointer<FeedbackRow>, into line: inout ExportLine) {
        let official = r.pointee.official
        let commitment = commitmentIndex(official: r.pointee.official, commitment: r.pointee.commitment)
        // The tables hold cells already encoded: their lengths are exact.
        var bound = ExportLine.fixedBound + localityIDs.length(r.pointee.locality)
        bound += official.map { officialIDs.length($0) } ?? 0
        bound += ExportLine.cellBound(r.pointee.id.utf8.count) + (commitment.map { commitmentIDs.length($0) } ?? 0)
        bound += ExportLine.cellBound(r.pointee.category.utf8.count) + fileNames.length(r.pointee.file)
        if r.pointee.publish { bound += ExportLine.cellBound(r.pointee.comment.utf8.count) }
        if let rating = r.pointee.rating, rating.singleDigit == nil { bound += ExportLine.cellBound(rating.decimalText.utf8.count) }
        line.start(bound: bound)
        line.cell(r.pointee.id, text: true); line.byte(0x2C)
        line.day(r.pointee.date); line.byte(0x2C)
        if let channel = r.pointee.channel { FeedbackExport.channelCells.write(channel, into: &line) }
        line.byte(0x2C)
        localityIDs.withBytes(r.pointee.locality) { line.raw($0) }
        line.byte(0x2C)
        if let official { officialIDs.withBytes(official) { line.raw($0) } }
        line.byte(0x2C)
        if let commitment { commitmentIDs.withBytes(commitment) { line.raw($0) } }
        line.byte(0x2C)
        FeedbackExport.kindCells.write(r.pointee.kind, into: &line); line.byte(0x2C)
        if let kind = r.pointee.respondentKind { FeedbackExport.respondentKindCells.write(kind, into: &line) }
        line.byte(0x2C)
        if !r.pointee.respondent.isEmpty { line.hex16(pseudonymBits(r.pointee.respondent, number: r.pointee.respondentNumber)) }
        line.byte(0x2C)
        if let rating = r.pointee.rating { line.rating(rating) }
        line.byte(0x2C)
        line.cell(r.pointee.category, text: true); line.byte(0x2C)
        if r.pointee.kind == .complaint || r.pointee.status != .open { FeedbackExport.statusCells.write(r.pointee.status, into: &line) }
        line.byte(0x2C)
        if let due = r.pointee.due { line.day(due) }
        line.byte(0x2C)
        if let resolved = r.pointee.resolvedOn { line.day(resolved) }
        line.byte(0x2C)
        if r.pointee.publish { line.cell(r.pointee.comment, text: true) }
        line.byte(0x2C)
        if r.pointee.publish { line.byte(0x79); line.byte(0x65); line.byte(0x73) }
        line.byte(0x2C)
        fileNames.withBytes(r.pointee.file) { line.raw($0) }
        line.byte(0x0D); line.byte(0x0A)
    }

    /// The row's commitment among all officials' (`commitmentIDs`), nil when it names none.
    @inline(__always)
    private func commitmentIndex(official: Int?, commitment: Int?) -> Int? {
        guard let o = official, let c = commitment else { return nil }
        return firstCommitment[o] + c
    }

    /// The rows of a checked block dated in [`start`, `asOf`], in order.
    ///
    /// The ids of a row's official and commitment lie anywhere in tables of
    /// a country's officials: their bounds are asked for eight rows ahead
    /// and their bytes four rows ahead, so the line of each row finds them
    /// loaded, as is the end of its locality's buffer (`perf`: the export's
    /// thread waited on these misses).
    func add(rows: UnsafeBufferPointer<FeedbackRow>, from start: Day, to asOf: Day) {
        // By index, reading fields in place: a row passed by value was
        // copied (its strings retained and released) at every call.
        func bounds(_ i: Int) {
            let official = rows[i].official
            if let o = official { officialIDs.prefetchBounds(o) }
            if let k = commitmentIndex(official: official, commitment: rows[i].commitment) { commitmentIDs.prefetchBounds(k) }
        }
        func bytes(_ i: Int) {
            let official = rows[i].official
            if let o = official { officialIDs.prefetchBytes(o) }
            if let k = commitmentIndex(official: official, commitment: rows[i].commitment) { commitmentIDs.prefetchBytes(k) }
            buffers.prefetchEnd(rows[i].locality)
            prefetchPseudonym(rows[i].respondentNumber)
        }
        for i in 0..<min(8, rows.count) { bounds(i) }
        for i in 0..<min(4, rows.count) { bytes(i) }
        guard let base = rows.baseAddress else { return }
        for i in rows.indices {
            if i + 8 < rows.count { bounds(i + 8) }
            if i + 4 < rows.count { bytes(i + 4) }
            if rows[i].date >= start && rows[i].date <= asOf { add(at: base + i) }
        }
    }

    func add(_ r: FeedbackRow) {
        withUnsafePointer(to: r) { add(at: $0) }
    }

    /// One row, read where it lies: its fields are read one by one, never
    /// the whole row copied (its strings retained and released, ~a tenth
    /// of the export's thread).
    private func add(at r: UnsafePointer<FeedbackRow>) {
        if !keepsRowDigests {
            if r.pointee.file != countedFile.file {
                countedFile = (r.pointee.file, Int(rows.index(of: province.feedbackFiles[r.pointee.file])))
            }
            rows.countOnly(fileIndex: countedFile.index)
        }
        write(r, into: &line)
        let count = line.count
        buffers.append(r.pointee.locality, line.bytes)
        if keepsRowDigests {
            record(r.pointee.file)
            let l = r.pointee.locality
            if openRuns[l].rows > 0 && openRuns[l].file == r.pointee.file {
                openRuns[l].rows += 1
                openRuns[l].bytes += count
            } else {
                if openRuns[l].rows > 0 { openRuns[l].pack(into: &packedRuns[l]) }
                openRuns[l] = Run(bytes: count, file: r.pointee.file, rows: 1)
            }
        }
        buffered += count
        if buffered > budget { spill() }
    }

    /// The rows are all in: when the export has spilled already, the rows
    /// still buffered follow them into the spill file and every locality's
    /// buffer is freed — buffers keep their capacity while rows arrive
    /// (`spill`), which would otherwise stay held through the page stage.
    /// A small export, never spilled, keeps its rows in memory as before.
    func releaseBuffers() {
        guard spillFD >= 0 else { return }
        spill()
        for l in 0..<buffers.count where buffers.isEmpty(l) { buffers.free(l) }
    }

    /// Appends every buffer to the spill file (a failed spill keeps the rows in memory).
    private func spill() {
        if spillFD < 0 {
            spillFD = openUnlinked("rows")
            guard spillFD >= 0 else { return }
        }
        for l in 0..<buffers.count where !buffers.isEmpty(l) {
            let n = buffers.byteCount(l)
            guard FeedbackExport.writeAll(spillFD, buffers.bytes(l), at: spillSize) else { return }
            chunks[l].append((spillSize, n))
            spillSize += n
            buffered -= n
            // Kept at its size: the next rows of the locality fill it again
            // without growing it step by step into freshly faulted pages
            // (~a sixth of the export's thread at national size, `perf`).
            buffers.clear(l)
        }
    }

    /// A new file in the temporary folder, unlinked at once (like `Spool`):
    /// the descriptor keeps the bytes, and a build killed mid-way (OOM,
    /// timeout, `kill -9`) leaves no gigabytes behind in the temporary folder.
    private func openUnlinked(_ name: String) -> Int32 {
        try? FileManager.default.createDirectory(atPath: spillDir, withIntermediateDirectories: true)
        let fd = open(spillDir + "/" + name, O_CREAT | O_RDWR | O_TRUNC | O_CLOEXEC, 0o600)
        unlink(spillDir + "/" + name)
        rmdir(spillDir)
        return fd
    }

    /// The row just written to `line`, for the ledger's comparison: its key
    /// (export file, id cell) and the digest of its line, exactly what
    /// `RowDigests.visit` finds reading the published line back — which
    /// `seal` used to do for every row, parsing 2.9 GB of lines nationally
    /// on every nightly build (7–9 % of its feedback stage, `perf`).
    private func record(_ file: Int) {
        if file != recordFile.file {
            // Under the name `visit` reads back, as the published rows are.
            let read = RowDigests.nameRead(fileCell: province.feedbackFiles[file])
            recordFile = (file, rows.index(of: String(decoding: read, as: UTF8.self)), RowDigests.KeyState.after(name: read))
            let i = Int(recordFile.index)
            if i >= recordsPerFile.count { recordsPerFile += repeatElement(0, count: i + 1 - recordsPerFile.count) }
        }
        recordsPerFile[Int(recordFile.index)] += 1
        let bytes = line.bytes
        var key = recordFile.prefix
        key.mixCellText(UnsafeBufferPointer(rebasing: bytes[..<RowDigests.firstCellEnd(bytes)]))
        let r = RowDigests.Record(key: key.key, digest: RowDigests.digest(bytes))
        RowDigests.append(r, file: recordFile.index, to: &recordBuffer)
        recordCount += 1
        if recordBuffer.count >= min(1 << 20, budget) { flushRecords() }
    }

    /// Appends the buffered records to their file (kept in memory if it cannot be written).
    private func flushRecords() {
        if recordFD < 0 { recordFD = openUnlinked("records") }
        // Records before the buffered ones are already in the file: the buffer goes after them.
        let written = (recordCount - recordBuffer.count / RowDigests.recordSize) * RowDigests.recordSize
        guard recordFD >= 0, FeedbackExport.writeAll(recordFD, recordBuffer, at: written) else { return }
        recordBuffer.removeAll(keepingCapacity: true)
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8], at offset: Int) -> Bool {
        bytes.withUnsafeBufferPointer { writeAll(fd, $0, at: offset) }
    }

    private static func writeAll(_ fd: Int32, _ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool {
        var done = 0
        while done < bytes.count {
            let n: Int = {
                guard let base = bytes.baseAddress else { return 0 }
                return pwrite(fd, base + done, bytes.count - done, off_t(offset + done))
            }()
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return false }
            done += n
        }
        return true
    }

    /// Makes `file` known to the row digests, in the order the files are
    /// read. Its rows' room is made when they are read back, for exactly
    /// as many as it published (`recordsPerFile`).
    func register(file: String) {
        if keepsRowDigests { _ = rows.index(of: file) }
    }

    /// Ingest is over: the rows' keys and digests for the ledger's comparison
    /// are read back from where `record` set them aside — after the id set
    /// is gone, so the two never share the memory. Should that file be
    /// unreadable, they are taken from the lines as published instead, read
    /// back one locality at a time.
    func seal() {
        guard keepsRowDigests else { return }
        if !loadRecords() {
            rows.removeRecords()
            let header = FeedbackExport.header
            for l in province.localities.indices where !chunks[l].isEmpty || !buffers.isEmpty(l) {
                _ = rows.read(csv: body(l, after: header))
            }
        }
        rows.seal()
    }

    /// Every record `record` made, into `rows`; false when some could not be read back.
    private func loadRecords() -> Bool {
        rows.reserve(counts: recordsPerFile)
        let onDisk = recordCount - recordBuffer.count / RowDigests.recordSize
        if onDisk > 0 {
            guard recordFD >= 0 else { return false }
            let piece = (1 << 20) / RowDigests.recordSize * RowDigests.recordSize
            var buffer = [UInt8](repeating: 0, count: piece)
            var offset = 0
            let total = onDisk * RowDigests.recordSize
            while offset < total {
                let want = min(piece, total - offset)
                let n = buffer.withUnsafeMutableBytes { raw -> Int in
                    guard let base = raw.baseAddress else { return -1 }
                    return pread(recordFD, base, want, off_t(offset))
                }
                if n < 0 && errno == EINTR { continue }
                guard n == want else { return false }
                buffer.withUnsafeBufferPointer { rows.add(records: UnsafeBufferPointer(rebasing: $0[..<n])) }
                offset += n
            }
            close(recordFD)
            recordFD = -1
        }
        recordBuffer.withUnsafeBufferPointer { rows.add(records: $0) }
        recordBuffer = []
        return true
    }

    /// How this build's file for the locality `id` begins like `previous`
    /// (a published file, uncompressed): their common prefix, compared a
    /// spilled chunk at a time — a locality's rows are never all in memory
    /// beside the published copy. Nil for a locality with no rows, or when
    /// no runs were kept (no published site).
    func sharedPrefix(locality id: String, with previous: [UInt8]) -> Shared? {
        guard keepsRowDigests, let l = province.localityIndex(id), openRuns[l].rows > 0 else { return nil }
        let header = Array(CSVWriter.row(FeedbackExport.columns).utf8)
        var shared = 0
        var differs = false
        func compare(_ piece: UnsafeBufferPointer<UInt8>) {
            guard !differs else { return }
            let n = previous.withUnsafeBytes { p in
                CommonPrefix.length(UnsafeRawBufferPointer(rebasing: p[shared...]), UnsafeRawBufferPointer(piece))
            }
            shared += n
            if n < piece.count { differs = true }
        }
        header.withUnsafeBufferPointer { compare($0) }
        for c in chunks[l] where !differs { chunk(c).withUnsafeBufferPointer { compare($0) } }
        compare(buffers.bytes(l))
        let files = province.feedbackFiles
        return Shared(shared: shared, header: header.count,
                      segments: (Run.unpack(packedRuns[l]) + [openRuns[l]]).map { Segment(file: files[$0.file], rows: $0.rows, bytes: $0.bytes) })
    }

    /// One locality's rows: its spilled chunks, then what is still buffered.
    /// `header` then the locality's lines, spilled and buffered, in one
    /// array of their exact size, each spilled chunk read straight into
    /// it: a chunk read into an array of its own (zeroed first), appended,
    /// and the whole copied again behind the header was three copies and a
    /// fill of every exported byte (~3 GB nationally; fifty-seventh session).
    private func body(_ l: Int, after header: [UInt8]) -> [UInt8] {
        let total = header.count + chunks[l].reduce(buffers.byteCount(l)) { $0 + $1.length }
        return [UInt8](unsafeUninitializedCapacity: total) { out, count in
            var at = 0
            func put(_ b: UnsafeBufferPointer<UInt8>) {
                guard let source = b.baseAddress, let base = out.baseAddress, !b.isEmpty else { return }
                (base + at).initialize(from: source, count: b.count)
                at += b.count
            }
            header.withUnsafeBufferPointer { put($0) }
            // A chunk that cannot be read back in full is published short, as before.
            for c in chunks[l] { if let base = out.baseAddress { at += readChunk(c, into: base + at) } }
            put(buffers.bytes(l))
            count = at
        }
    }

    /// One spilled chunk read into `destination` (room for its length);
    /// returns the bytes read (short if the spill cannot be read).
    private func readChunk(_ c: (offset: Int, length: Int), into destination: UnsafeMutablePointer<UInt8>) -> Int {
        var done = 0
        while done < c.length {
            let n = pread(spillFD, destination + done, c.length - done, off_t(c.offset + done))
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            done += n
        }
        return done
    }

    /// One spilled chunk read back (short if the spill cannot be read).
    private func chunk(_ c: (offset: Int, length: Int)) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: c.length) { out, count in
            count = out.baseAddress.map { readChunk(c, into: $0) } ?? 0
        }
    }

    /// Every published file, one per locality that has rows (deterministic
    /// gzip), in locality order, one at a time. A build does not call this:
    /// it makes each file with `file(_:)` beside its pages (`IdleWork`).
    func files(_ emit: (OutputFile) throws -> Void) rethrows {
        for l in localitiesWithRows { try emit(file(l)) }
    }

    /// The localities that have a published file: those with rows.
    var localitiesWithRows: [Int] { province.localities.indices.filter { !chunks[$0].isEmpty || !buffers.isEmpty($0) } }

    /// The published file of locality `l` (a locality with rows), read back
    /// and compressed; safe from any thread once the ingest has ended, each
    /// locality's file independent of the others (a build may make them
    /// beside its pages: `IdleWork`).
    func file(_ l: Int) -> OutputFile {
        OutputFile(path: "data/feedback/\(province.localities[l].id).csv.gz",
                   bytes: Gzip.compress(body(l, after: FeedbackExport.header)))
    }
}


/// Rows compared by (file, row id): per file, an array of 24-byte records
/// (a 128-bit key and a 64-bit digest of the published line), sorted once
/// filled, so two builds' rows are compared by merging, not hashing. A
/// dictionary of the same took ~50 bytes a row (1 GB for a national export).
/// The published site's rows are not kept: the ledger's comparison visits
/// them file by file (`visit`, `ChangeSet.feedbackChanges`).
struct RowDigests {
    struct Key: Hashable { var a: UInt64; var b: UInt64 }
    struct Record: Equatable { var key: Key; var digest: UInt64 }

    var files: [String] = []
    var fileIndex: [String: UInt32] = [:]
    /// Per file index: its rows (sorted by key once `seal()`ed).
    var records: [[Record]] = []
    private var sealed = true
    /// Rows per file index.
    var counts: [Int] { records.indices.map { records[$0].count + (counted.indices.contains($0) ? counted[$0] : 0) } }
    /// Rows counted without a record (`countOnly`), per file index.
    private var counted: [Int] = []

    /// One more row of file index `f`, counted but not recorded (a first
    /// build's rows: nothing published to compare them with; their ids are
    /// unique, so no record would have been merged away by `seal`).
    mutating func countOnly(fileIndex f: Int) {
        if counted.count <= f { counted += Array(repeating: 0, count: f + 1 - counted.count) }
        counted[f] += 1
    }

    /// Two independent 64-bit FNV-1a hashes of `file NUL id`: a 128-bit key
    /// (a collision would need 2^64 rows). Not a security boundary: the rows
    /// themselves are covered by the manifest's SHA-256.
    static func key(file: String, id: String) -> Key {
        var s = KeyState()
        for byte in file.utf8 { s.mix(byte) }
        s.mix(0)
        for byte in id.utf8 { s.mix(byte) }
        return s.key
    }

    /// `key`'s two hashes part way: fed the file's name and the NUL once per
    /// file, then each row's id.
    struct KeyState {
        var a: UInt64 = 0xcbf29ce484222325
        var b: UInt64 = 0x84222325cbf29ce4

        mutating func mix(_ byte: UInt8) {
            a = (a ^ UInt64(byte)) &* 0x100000001b3
            b = (b ^ UInt64(byte) ^ 0x5bd1e995) &* 0x100000001b3
        }

        var key: Key { Key(a: a, b: b) }

        /// After a file's name (`nameRead`) and the NUL.
        static func after(name: [UInt8]) -> KeyState {
            var s = KeyState()
            for byte in name { s.mix(byte) }
            s.mix(0)
            return s
        }

        /// Feeds a written cell's text (`cellText`) without making it.
        mutating func mixCellText(_ raw: UnsafeBufferPointer<UInt8>) {
            guard raw.count >= 2, raw[0] == 0x22 else {
                for byte in raw { mix(byte) }
                return
            }
            var k = 1
            while k < raw.count - 1 {
                mix(raw[k])
                if raw[k] == 0x22 && k + 1 < raw.count - 1 && raw[k + 1] == 0x22 { k += 1 }
                k += 1
            }
        }
    }

    /// The name `visit` reads from the `file` cell written for `file`: its
    /// text with one leading `'` dropped (the formula prefix, or the name's own).
    static func nameRead(fileCell file: String) -> [UInt8] {
        var line = ExportLine()
        line.start(bound: ExportLine.cellBound(file.utf8.count))
        line.cell(file, text: true)
        var text = RowDigests.cellText(line.bytes)
        if text.first == UInt8(ascii: "'") { text.removeFirst() }
        return text
    }

    /// A cell's text as written in a line: unquoted, `""` read as `"`.
    static func cellText(_ raw: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        guard raw.count >= 2, raw[0] == 0x22 else { return Array(raw) }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count - 2)
        var k = 1
        while k < raw.count - 1 {
            out.append(raw[k])
            if raw[k] == 0x22 && k + 1 < raw.count - 1 && raw[k + 1] == 0x22 { k += 1 }
            k += 1
        }
        return out
    }

    /// Where a line's first cell ends: at the first comma outside quotes.
    static func firstCellEnd(_ line: UnsafeBufferPointer<UInt8>) -> Int {
        var inQuotes = false
        for (i, c) in line.enumerated() {
            if c == 0x22 { inQuotes.toggle() } else if !inQuotes && (c == 0x2C || c == 0x0D || c == 0x0A) { return i }
        }
        return line.count
    }

    /// A record as set aside between ingest and `seal`: file index, key, digest.
    static let recordSize = 28

    static func append(_ r: Record, file: UInt32, to out: inout [UInt8]) {
        withUnsafeBytes(of: file.littleEndian) { out.append(contentsOf: $0) }
        withUnsafeBytes(of: r.key.a.littleEndian) { out.append(contentsOf: $0) }
        withUnsafeBytes(of: r.key.b.littleEndian) { out.append(contentsOf: $0) }
        withUnsafeBytes(of: r.digest.littleEndian) { out.append(contentsOf: $0) }
    }

    /// Records set aside with `append` (whole records only), each to its file's rows.
    mutating func add(records bytes: UnsafeBufferPointer<UInt8>) {
        func word(_ at: Int) -> UInt64 {
            var v: UInt64 = 0
            for k in 0..<8 { v |= UInt64(bytes[at + k]) << (8 * UInt64(k)) }
            return v
        }
        var at = 0
        while at + RowDigests.recordSize <= bytes.count {
            let f = Int(UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24)
            if f < records.count {
                records[f].append(Record(key: Key(a: word(at + 4), b: word(at + 12)), digest: word(at + 20)))
            }
            at += RowDigests.recordSize
        }
        sealed = false
    }

    /// Every file's rows forgotten (the files stay known).
    mutating func removeRecords() {
        for f in records.indices { records[f].removeAll() }
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
        records.append([])
        return i
    }

    mutating func add<C: Collection>(file: String, id: String, lineBytes: C) where C.Element == UInt8 {
        let f = Int(index(of: file))
        records[f].append(Record(key: RowDigests.key(file: file, id: id), digest: RowDigests.digest(lineBytes)))
        sealed = false
    }

    /// Room for `counts[f]` more rows in each file `f` (file indices as `index(of:)` gave them).
    mutating func reserve(counts: [Int]) {
        for (f, n) in counts.enumerated() where f < records.count && n > 0 {
            records[f].reserveCapacity(records[f].count + n)
        }
    }

    /// Sorts every file's rows by key; of two rows with one key (only in a
    /// published file edited by hand) the one added last stands, as a map would keep it.
    mutating func seal() {
        guard !sealed else { return }
        for f in records.indices {
            // In place (Swift's sort is stable: equal keys keep the order they were added in).
            records[f].sort { $0.key.a != $1.key.a ? $0.key.a < $1.key.a : $0.key.b < $1.key.b }
            var kept = 0
            for r in records[f].indices {
                if kept > 0 && records[f][kept - 1].key == records[f][r].key { records[f][kept - 1] = records[f][r]; continue }
                records[f][kept] = records[f][r]
                kept += 1
            }
            records[f].removeLast(records[f].count - kept)
        }
        sealed = true
    }

    /// Where `key` is among the rows of file index `file` (after `seal()`).
    ///
    /// Keys are hashes, spread evenly: the position is guessed from the
    /// first word, bracketed by galloping from the guess, then found by
    /// bisection — a dozen probes near one another instead of 23 scattered
    /// ones (a plain bisection of 5-million-row files was most of a national
    /// rebuild's ledger comparison, one cache miss per probe).
    func index(file: Int, key: Key) -> Int? {
        records[file].withUnsafeBufferPointer { recs -> Int? in
            let n = recs.count
            guard n > 0 else { return nil }
            func less(_ i: Int) -> Bool {
                let k = recs[i].key
                return k.a < key.a || (k.a == key.a && k.b < key.b)
            }
            let first = recs[0].key.a, last = recs[n - 1].key.a
            var guess = 0
            if key.a >= last {
                guess = n - 1
            } else if key.a > first {
                guess = Int(UInt128(key.a - first) * UInt128(n - 1) / UInt128(last - first))
            }
            // Bracket [lo, hi) so that everything before lo is less than key
            // and everything from hi on is not.
            var lo = 0, hi = n
            if less(guess) {
                lo = guess + 1
                var step = 1
                while lo + step - 1 < n, less(lo + step - 1) { lo += step; step *= 2 }
                hi = min(n, lo + step)
            } else {
                hi = guess
                var step = 1
                while hi - step >= 0, !less(hi - step) { hi -= step; step *= 2 }
                lo = max(0, hi - step + 1)
            }
            while lo < hi {
                let mid = (lo + hi) / 2
                if less(mid) { lo = mid + 1 } else { hi = mid }
            }
            return lo < n && recs[lo].key == key ? lo : nil
        }
    }

    /// This build's exported rows (its CSV lines, read back from the spill).
    mutating func read(csv: [UInt8]) -> Bool {
        RowDigests.visit(csv: csv) { row in add(file: row.file, id: row.id, lineBytes: row.line) }
    }

    /// One record of a published feedback file, valid during the visit.
    struct VisitedRow {
        var file: String
        var id: String
        var line: UnsafeBufferPointer<UInt8>
        /// The `locality` cell (made only when asked: most rows never need it).
        var locality: () -> String?
    }

    /// Calls `body` for every data record of a published feedback CSV
    /// (`data/feedback/*.csv`, the `file` and `id` columns name a row), in
    /// order; false when the file is not one (no `id` or `file` column, a
    /// record of the wrong width). Read as bytes: each record's bytes are the
    /// line this build would write for the same row (same writer), so their
    /// digest is compared as it is; only `file` and `id` become strings
    /// (`locality` when asked).
    ///
    /// `from`, when past the header, is where the records visited start: a
    /// record boundary (the rows before it are known to be unchanged).
    static func visit(csv: [UInt8], from offset: Int = 0, _ body: (VisitedRow) -> Void) -> Bool {
        var header: [String] = []
        var idIndex = -1, localityIndex = -1, fileIndex = -1
        var ok = true
        csv.withUnsafeBufferPointer { buf in
            var start = 0, i = 0
            var inQuotes = false
            var fields: [(Int, Int)] = []
            var fieldStart = 0
            func cell(_ f: (Int, Int)) -> String {
                let (a, b) = f
                guard b > a else { return "" }
                let raw = UnsafeBufferPointer(rebasing: buf[a..<b])
                if raw[0] == 0x22 && raw.count >= 2 { return String(decoding: RowDigests.cellText(raw), as: UTF8.self) }
                return String(decoding: raw, as: UTF8.self)
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
                        let locality = localityIndex >= 0 ? fields[localityIndex] : nil
                        body(VisitedRow(file: file, id: cell(fields[idIndex]), line: UnsafeBufferPointer(rebasing: buf[start...i]),
                                        locality: { locality.map(cell) }))
                    } else {
                        ok = false
                    }
                    fields.removeAll(keepingCapacity: true)
                    start = i + 1
                    if start < offset && ok && !header.isEmpty {
                        start = min(offset, buf.count)
                        i = start - 1
                    }
                    fieldStart = start
                }
                i += 1
            }
        }
        return ok && !header.isEmpty
    }
}
