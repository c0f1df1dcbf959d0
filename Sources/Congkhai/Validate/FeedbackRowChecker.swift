import Foundation

/// The checks of one feedback row that need nothing but the row and the
/// province's ids: dates, enum values, ids looked up from bytes, ratings,
/// masking. Immutable and `Sendable`, so several validation lanes share one
/// (`FeedbackLanes`); what depends on earlier rows — duplicate ids,
/// respondent numbers — is `FeedbackValidator.claim`, run in file order.
struct FeedbackRowChecker: Sendable {

    private let localityIDs: [String]
    private let localityIndex: ByteTable
    /// (locality index, official id) → official index.
    private let officialIndex: ByteTable
    /// (official index, commitment id) → commitment index.
    private let commitmentIndex: ByteTable
    private let channels = ByteChoices(FeedbackChannel.allCases.map(\.rawValue))
    private let kinds = ByteChoices(FeedbackKind.allCases.map(\.rawValue))
    private let respondentKinds = ByteChoices(RespondentKind.allCases.map(\.rawValue))
    private let statuses = ByteChoices(ComplaintStatus.allCases.map(\.rawValue))
    /// False when neither the tally's pages nor an export will read a row's
    /// text (`check`, `score`, `verify`): a published comment is then not
    /// masked and not kept (masking every published comment was ~3 % of a
    /// national `check`'s CPU), nor are the category and the respondent,
    /// which only pages and the exports show (the respondent is numbered from
    /// its bytes, `FeedbackValidator.respondentDigest`). `publish` is still
    /// read and checked as before.
    private let keepsText: Bool

    init(province: Province, keepsText: Bool = true) {
        self.keepsText = keepsText
        localityIDs = province.localities.map(\.id)
        localityIndex = ByteTable(province.localities.enumerated().map { ($1.id, $0) })
        // Fields read in place: a loop over `officials` copied each whole
        // official and its commitments (their strings retained and released),
        // 0.23 s on one core at the start of a national ingest.
        let officials = province.officials
        var byLocality: [String: [(String, Int)]] = [:]
        for i in officials.indices { byLocality[officials[i].locality, default: []].append((officials[i].id, i)) }
        // Scopes hashed as a row's bytes will be (`IDHashes`): a locality by
        // its id, an official by its id in its locality's hash.
        let localityHashes = province.localities.map { ByteTable.hash($0.id, in: 0) }
        officialIndex = ByteTable(scoped: province.localities.indices.flatMap { li in
            (byLocality[province.localities[li].id] ?? []).map { (scope: li, key: $0.0, value: $0.1) }
        }, scopeHashes: localityHashes)
        // In the hash of the locality whose id found it (its bytes are what
        // a row's matched), not of its own spelling of that id.
        var officialHashes = [Int](repeating: 0, count: officials.count)
        for li in province.localities.indices {
            for (id, oi) in byLocality[province.localities[li].id] ?? [] { officialHashes[oi] = ByteTable.hash(id, in: localityHashes[li]) }
        }
        var commitments: [(scope: Int, key: String, value: Int)] = []
        for oi in officials.indices {
            for ci in officials[oi].commitments.indices { commitments.append((oi, officials[oi].commitments[ci].id, ci)) }
        }
        commitmentIndex = ByteTable(scoped: commitments, scopeHashes: officialHashes)
    }

    /// A row's locality, official and commitment ids hashed as their tables
    /// look them up: the locality's alone, the official's in the locality's,
    /// the commitment's in the official's. Computed for a whole block first,
    /// so each row's slots are asked for rows before it is checked
    /// (`prefetch`; decision 134). Ids that match nothing hash to slots that
    /// hold nothing of theirs: the check still finds them unknown.
    struct IDHashes {
        var locality = 0, official = 0, commitment = 0
    }

    func idHashes(_ r: borrowing CSVRecord, columns c: FeedbackValidator.Columns) -> IDHashes {
        let locality = ByteTable.hash(r.trimmedBytes(c.locality), in: 0)
        let official = ByteTable.hash(r.trimmedBytes(c.official), in: locality)
        return IDHashes(locality: locality, official: official, commitment: ByteTable.hash(r.trimmedBytes(c.commitment), in: official))
    }

    /// Starts loading the slots a row's ids will be looked up in.
    @inline(__always)
    func prefetch(_ h: IDHashes) {
        localityIndex.prefetch(hash: h.locality)
        officialIndex.prefetch(hash: h.official)
        commitmentIndex.prefetch(hash: h.commitment)
    }

    /// Categories are free text from exports: masked like comments and kept short.
    static func category(_ text: String) -> String {
        guard !text.isEmpty else { return text }
        let masked = PrivacyMask.mask(text)
        // Characters never outnumber bytes: count them only for long text.
        guard masked.utf8.count > 80, masked.count > 80 else { return masked }
        return String(masked.prefix(79)) + "…"
    }

    static func isASCII(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        for x in b where x >= 0x80 { return false }
        return true
    }

    /// `publish` says yes (any case): compared on the bytes when they are
    /// ASCII, through the lower-cased text otherwise (as before).
    private static func isYes(_ r: borrowing CSVRecord, _ i: Int) -> Bool {
        guard i >= 0 else { return false }
        let b = r.trimmedBytes(i)
        guard FeedbackRowChecker.isASCII(b) else { return r.string(i, trim: true).lowercased() == "yes" }
        return b.count == 3 && b[0] | 0x20 == UInt8(ascii: "y") && b[1] | 0x20 == UInt8(ascii: "e") && b[2] | 0x20 == UInt8(ascii: "s")
    }

    /// Checks one record: a valid row is appended to `rows` (valid so far:
    /// its `respondentNumber` is still unset and its id unclaimed) and nil
    /// returned, else the reason it is quarantined. Appended where it will
    /// stay, not returned: a returned row was copied into the block and the
    /// returned value destroyed, its strings retained and released per row.
    /// `file` names the export in messages; `fileIndex` is its place in
    /// `Province.feedbackFiles`, which the row keeps.
    /// `hashes`: the record's `idHashes` when already computed.
    func check(_ r: borrowing CSVRecord, columns c: FeedbackValidator.Columns, file: String, fileIndex: Int,
               hashes: IDHashes? = nil, categories: inout CategoryMemo, into rows: inout [FeedbackRow]) -> QuarantinedRow? {
        func q(_ reason: String, id: String = "") -> QuarantinedRow {
            QuarantinedRow(file: file, line: r.line, id: id, reason: reason)
        }
        if r.unterminated { return q("unterminated quoted field") }
        if r.oversized { return q("a field is longer than 1 MiB") }
        if r.count != c.count { return q("\(r.count) columns where the header has \(c.count)") }
        // Ids and enum values are looked up from the bytes; Strings are built
        // only for what the row keeps and for messages.
        let col = c
        func text(_ i: Int, limit: Int = 60) -> String {
            let b = r.trimmedBytes(i)
            return String(decoding: UnsafeBufferPointer(rebasing: b[..<min(b.count, limit * 4)]), as: UTF8.self)
        }
        // ASCII ids (nearly all) are their own NFC form: no normalisation check.
        let idBytes = r.trimmedBytes(col.id)
        let id = FeedbackRowChecker.isASCII(idBytes) ? String(decoding: idBytes, as: UTF8.self) : r.string(col.id, trim: true)
        if id.isEmpty { return q("empty id") }
        guard let date = Day(isoBytes: r.trimmedBytes(col.date)) else {
            return q("date \"\(text(col.date, limit: 40))\" is not a valid date", id: id)
        }

        var channel: FeedbackChannel?
        let channelBytes = r.trimmedBytes(col.channel)
        if !channelBytes.isEmpty {
            guard let ch = channels.lookup(channelBytes) else { return q("unknown channel \"\(text(col.channel, limit: 40))\"", id: id) }
            channel = FeedbackChannel.allCases[ch]
        }
        guard let kindIndex = kinds.lookup(r.trimmedBytes(col.kind)) else {
            return q("unknown kind \"\(text(col.kind, limit: 40))\"", id: id)
        }
        let kind = FeedbackKind.allCases[kindIndex]
        var respondentKind: RespondentKind?
        let rkBytes = r.trimmedBytes(col.respondentKind)
        if !rkBytes.isEmpty {
            guard let rk = respondentKinds.lookup(rkBytes) else {
                return q("unknown respondent_kind \"\(text(col.respondentKind, limit: 40))\"", id: id)
            }
            respondentKind = RespondentKind.allCases[rk]
        }
        var status = ComplaintStatus.open
        let statusBytes = r.trimmedBytes(col.status)
        if !statusBytes.isEmpty {
            guard let st = statuses.lookup(statusBytes) else { return q("unknown status \"\(text(col.status, limit: 40))\"", id: id) }
            status = ComplaintStatus.allCases[st]
        }

        let localityBytes = r.trimmedBytes(col.locality)
        if localityBytes.isEmpty { return q("empty locality", id: id) }
        let h = hashes ?? idHashes(r, columns: col)
        guard let locality = localityIndex.lookup(localityBytes, scope: 0, hash: h.locality) else {
            return q("unknown locality \"\(text(col.locality))\"", id: id)
        }
        var official: Int?
        let officialBytes = r.trimmedBytes(col.official)
        if !officialBytes.isEmpty {
            guard let o = officialIndex.lookup(officialBytes, scope: locality, hash: h.official) else {
                return q("official \"\(text(col.official))\" is not an official of \(localityIDs[locality])", id: id)
            }
            official = o
        }
        var commitment: Int?
        let commitmentBytes = r.trimmedBytes(col.commitment)
        if !commitmentBytes.isEmpty {
            guard let o = official else { return q("commitment \"\(text(col.commitment))\" without an official", id: id) }
            guard let ci = commitmentIndex.lookup(commitmentBytes, scope: o, hash: h.commitment) else {
                return q("unknown commitment \"\(text(col.commitment))\" of \(localityIDs[locality])/\(text(col.official))", id: id)
            }
            commitment = ci
        }

        var rating: Rational?
        if kind == .rating {
            // Parsed from the field's bytes; the text is made only for a message.
            guard let v = Rational(decimalBytes: r.trimmedBytes(c.rating)) else {
                let ratingText = r.string(c.rating, trim: true)
                return q(ratingText.isEmpty ? "rating row without a rating" : "rating \"\(ratingText.prefix(20))\" is not a number", id: id)
            }
            guard v >= 1, v <= 5 else { return q("rating \(r.string(c.rating, trim: true).prefix(20)) is outside 1–5", id: id) }
            rating = v
        }
        var due: Day?
        let dueBytes = r.trimmedBytes(col.due)
        if !dueBytes.isEmpty {
            guard let d = Day(isoBytes: dueBytes) else { return q("due \"\(text(col.due, limit: 40))\" is not a valid date", id: id) }
            due = d
        }
        var resolvedOn: Day?
        let resolvedBytes = r.trimmedBytes(col.resolvedOn)
        if !resolvedBytes.isEmpty {
            guard let d = Day(isoBytes: resolvedBytes) else {
                return q("resolved_on \"\(text(col.resolvedOn, limit: 40))\" is not a valid date", id: id)
            }
            resolvedOn = d
        }
        func field(_ i: Int, trim: Bool = true) -> String {
            i < 0 ? "" : r.string(i, trim: trim)
        }
        let publish = FeedbackRowChecker.isYes(r, c.publish)
        let respondent = keepsText && kind == .rating && col.respondent >= 0 ? r.string(col.respondent, trim: true) : ""
        rows.append(FeedbackRow(id: id, date: date, channel: channel, locality: locality, official: official,
                                commitment: commitment, kind: kind, respondentKind: respondentKind,
                                respondent: respondent, rating: rating, category: keepsText ? categories.masked(r, c.category) : "",
                                status: status, due: due, resolvedOn: resolvedOn, comment: publish && keepsText ? PrivacyMask.mask(field(c.comment)) : "",
                                publish: publish, file: fileIndex, line: r.line))
        return nil
    }
}
