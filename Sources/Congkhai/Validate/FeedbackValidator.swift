import Foundation

/// Feedback validation's ordered part: a file's header, and the claim of
/// each row that passed `FeedbackRowChecker` (its id against every id seen
/// so far, its respondent's number), made in file order.
///
/// Holds the checker's lookup tables, the set of row ids seen and the
/// respondents, so memory grows with distinct ids, never with the rows' text.
public final class FeedbackValidator {
    public static let requiredColumns = ["id", "date", "locality", "kind"]
    public static let knownColumns = ["id", "date", "channel", "locality", "official", "commitment", "kind",
                                      "respondent_kind", "respondent", "rating", "category", "status", "due",
                                      "resolved_on", "comment", "publish"]

    /// Column positions for one file: plain integers, copied with every
    /// row's check and claim (the header's dictionary, once kept here, was
    /// retained and released with each copy: ~1 % of `check`).
    public struct Columns: Sendable {
        var count = 0
        /// Positions of the columns every row reads, resolved once per file
        /// (a dictionary lookup per field per row was a tenth of ingest).
        var id = -1, date = -1, channel = -1, locality = -1, official = -1, commitment = -1, kind = -1
        var respondentKind = -1, respondent = -1, rating = -1, category = -1, status = -1, due = -1, resolvedOn = -1
        var comment = -1, publish = -1

        init(count: Int, index: [String: Int]) {
            self.count = count
            func at(_ name: String) -> Int { index[name] ?? -1 }
            (id, date, channel, locality, official) = (at("id"), at("date"), at("channel"), at("locality"), at("official"))
            (commitment, kind, respondentKind, respondent) = (at("commitment"), at("kind"), at("respondent_kind"), at("respondent"))
            (rating, category, status, due, resolvedOn) = (at("rating"), at("category"), at("status"), at("due"), at("resolved_on"))
            (comment, publish) = (at("comment"), at("publish"))
        }
    }

    /// The row checks that need no order: shared by every validation lane.
    let checker: FeedbackRowChecker
    // `@exclusivity(unchecked)` (decision 102): both sets are used only by
    // the ingest's ordered thread, one access at a time (a claim inserts the
    // id, then numbers the respondent); the run-time checks were ~300
    // instructions a row of that thread (`check` on `mid16x`: 27.25 →
    // 26.76 G instructions).
    /// Row ids seen so far; their bytes wait in a temporary file (`RowIDSet`).
    @exclusivity(unchecked) private var seenIDs = RowIDSet()
    /// Respondents of rating rows, numbered by their bytes' digests as they first appear.
    private let respondents = RespondentNumbers()
    /// The headers' warnings, folded once several exports repeat one (decision 115).
    private let headerWarnings = HeaderWarnings()

    /// True when a spooled row id could not be read back: a duplicate may
    /// have been missed, so the build must not go on.
    var lostRowIDs: Bool { seenIDs.failed }

    /// `keepsText` false: no stage reads a row's comment, category or
    /// respondent text (`FeedbackRowChecker.keepsText`).
    public init(province: Province, expectedRows: Int = 0, keepsText: Bool = true) {
        seenIDs.reserve(expectedRows)
        checker = FeedbackRowChecker(province: province, keepsText: keepsText)
    }

    /// Reads the header record; nil (with errors logged) when the file cannot be used.
    public func columns(header: borrowing CSVRecord, file: String, log: DiagnosticLog) -> Columns? {
        var index: [String: Int] = [:]
        var ok = true
        for i in 0..<header.count {
            let name = header.string(i, trim: true).lowercased()
            if name.isEmpty { continue }
            if index[name] != nil {
                log.error(file, header.line, 0, "duplicate column \"\(name)\" in the header")
                ok = false
            }
            index[name] = i
            if !FeedbackValidator.knownColumns.contains(name) {
                headerWarnings.warn(file, header.line,
                                    "unknown column \"\(name)\" is ignored\(Suggestion.hint(for: name, in: FeedbackValidator.knownColumns))",
                                    log: log)
            }
        }
        for name in FeedbackValidator.requiredColumns where index[name] == nil {
            log.error(file, header.line, 0, "the header lacks the required column \"\(name)\"")
            ok = false
        }
        return ok ? Columns(count: header.count, index: index) : nil
    }

    /// After the last header: the count of every header warning repeated
    /// past the first exports (`HeaderWarnings`).
    func finishHeaders(log: DiagnosticLog) {
        headerWarnings.finish(log: log)
    }

    /// Starts loading the row-id slot of a later row (its id's `ByteTable.hash`)
    /// and its respondent's slot (`respondent`; nil: the row has none).
    func prefetchClaim(idHash: Int, respondent: RespondentNumbers.Digest?) {
        seenIDs.prefetch(hash: idHash)
        if let respondent { respondents.prefetch(respondent) }
    }

    /// Starts loading what claiming a later row reads once its slots (from
    /// `prefetchClaim`, rows before) are in cache: its respondent's stored digest.
    func prefetchStoredDigest(respondent: RespondentNumbers.Digest?) {
        if let respondent { respondents.prefetchStored(respondent) }
    }

    /// The digest of the respondent a checked row is numbered by, nil when
    /// it has none: computed on the lane that checked the row, so the
    /// ordered thread hashes nothing and can prefetch its slot.
    /// `kind`: the checked row's; not the row itself, which passed whole was
    /// a copy of it (its strings retained and released) for every row.
    static func respondentDigest(kind: FeedbackKind, _ r: borrowing CSVRecord, columns c: Columns) -> RespondentNumbers.Digest? {
        guard kind == .rating, c.respondent >= 0 else { return nil }
        let bytes = r.trimmedBytes(c.respondent)
        return bytes.isEmpty ? nil : RespondentNumbers.Digest(bytes)
    }

    /// The steps that depend on the rows before: a row that passed every
    /// other check claims its id (a second row with the same id is
    /// quarantined) and its respondent gets a number. Run in file order, so
    /// which of two duplicates is kept never depends on threads.
    /// `idHash`: the id's `ByteTable.hash`; `respondent`: the respondent's
    /// digest (`respondentDigest(kind:_:columns:)`); both computed on the lane
    /// that checked the row. `file`: the row's export (for the message).
    func claim(_ row: inout FeedbackRow, file: String, idHash: Int, respondent: RespondentNumbers.Digest?) -> QuarantinedRow? {
        // The id's bytes read in the row itself (`withUTF8` leaves a native
        // string as it is): a copy of it was a retain and a release a row.
        if !row.id.withUTF8({ seenIDs.insert($0, hash: idHash) }) {
            return QuarantinedRow(file: file, line: row.line, id: row.id, reason: "duplicate id \"\(row.id.prefix(60))\"")
        }
        if let respondent { row.respondentNumber = respondents.number(respondent) }
        return nil
    }
}
