import Foundation

/// Turns CSV records into validated feedback rows or quarantine entries.
///
/// Holds only lookup tables and the set of row ids seen, so memory grows with
/// distinct ids, never with the rows' text.
public final class FeedbackValidator {
    public static let requiredColumns = ["id", "date", "locality", "kind"]
    public static let knownColumns = ["id", "date", "channel", "locality", "official", "commitment", "kind",
                                      "respondent_kind", "respondent", "rating", "category", "status", "due",
                                      "resolved_on", "comment", "publish"]

    /// Column positions for one file.
    public struct Columns {
        var index: [String: Int] = [:]
        var count = 0
        subscript(_ name: String) -> Int { index[name] ?? -1 }
        /// Positions of the columns every row reads, resolved once per file
        /// (a dictionary lookup per field per row was a tenth of ingest).
        var id = -1, date = -1, channel = -1, locality = -1, official = -1, commitment = -1, kind = -1
        var respondentKind = -1, respondent = -1, rating = -1, category = -1, status = -1, due = -1, resolvedOn = -1
        var comment = -1, publish = -1

        mutating func resolve() {
            (id, date, channel, locality, official) = (self["id"], self["date"], self["channel"], self["locality"], self["official"])
            (commitment, kind, respondentKind, respondent) = (self["commitment"], self["kind"], self["respondent_kind"], self["respondent"])
            (rating, category, status, due, resolvedOn) = (self["rating"], self["category"], self["status"], self["due"], self["resolved_on"])
            (comment, publish) = (self["comment"], self["publish"])
        }
    }

    private let localityIDs: [String]
    private let localityIndex: ByteTable
    /// Per locality: official id → official index.
    private let officialIndex: [ByteTable]
    /// Per official: commitment id → commitment index.
    private let commitmentIndex: [ByteTable]
    private let channels = ByteTable(FeedbackChannel.allCases.enumerated().map { ($1.rawValue, $0) })
    private let kinds = ByteTable(FeedbackKind.allCases.enumerated().map { ($1.rawValue, $0) })
    private let respondentKinds = ByteTable(RespondentKind.allCases.enumerated().map { ($1.rawValue, $0) })
    private let statuses = ByteTable(ComplaintStatus.allCases.enumerated().map { ($1.rawValue, $0) })
    /// Row ids seen so far; their bytes wait in a temporary file (`RowIDSet`).
    private var seenIDs = RowIDSet()
    /// Respondents of rating rows, numbered from their bytes as they first appear.
    private var respondents = ByteSet.numbered()

    /// True when a spooled row id could not be read back: a duplicate may
    /// have been missed, so the build must not go on.
    var lostRowIDs: Bool { seenIDs.failed }

    public init(province: Province, expectedRows: Int = 0) {
        seenIDs.reserve(expectedRows)
        localityIDs = province.localities.map(\.id)
        localityIndex = ByteTable(province.localities.enumerated().map { ($1.id, $0) })
        var byLocality: [String: [(String, Int)]] = [:]
        for (i, o) in province.officials.enumerated() { byLocality[o.locality, default: []].append((o.id, i)) }
        officialIndex = province.localities.map { ByteTable(byLocality[$0.id] ?? []) }
        commitmentIndex = province.officials.map { o in ByteTable(o.commitments.enumerated().map { ($1.id, $0) }) }
    }

    /// Reads the header record; nil (with errors logged) when the file cannot be used.
    public func columns(header: borrowing CSVRecord, file: String, log: DiagnosticLog) -> Columns? {
        var cols = Columns()
        cols.count = header.count
        var ok = true
        for i in 0..<header.count {
            let name = header.string(i, trim: true).lowercased()
            if name.isEmpty { continue }
            if cols.index[name] != nil {
                log.error(file, header.line, 0, "duplicate column \"\(name)\" in the header")
                ok = false
            }
            cols.index[name] = i
            if !FeedbackValidator.knownColumns.contains(name) {
                log.warning(file, header.line, 0,
                            "unknown column \"\(name)\" is ignored\(Suggestion.hint(for: name, in: FeedbackValidator.knownColumns))")
            }
        }
        for name in FeedbackValidator.requiredColumns where cols.index[name] == nil {
            log.error(file, header.line, 0, "the header lacks the required column \"\(name)\"")
            ok = false
        }
        cols.resolve()
        return ok ? cols : nil
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
    private func isYes(_ r: borrowing CSVRecord, _ i: Int) -> Bool {
        guard i >= 0 else { return false }
        let b = r.trimmedBytes(i)
        guard FeedbackValidator.isASCII(b) else { return r.string(i, trim: true).lowercased() == "yes" }
        return b.count == 3 && b[0] | 0x20 == UInt8(ascii: "y") && b[1] | 0x20 == UInt8(ascii: "e") && b[2] | 0x20 == UInt8(ascii: "s")
    }

    /// Masked categories by their raw bytes: exports repeat a few dozen
    /// categories millions of times, and masking each again was ~6 % of the
    /// ingest's ordered thread. Bounded: past `categoryMemoLimit` distinct
    /// texts, new ones are masked every time.
    private var categoryIDs = ByteSet.numbered()
    private var maskedCategories: [String] = []
    static let categoryMemoLimit = 10_000

    private func category(_ r: borrowing CSVRecord, _ i: Int) -> String {
        guard i >= 0 else { return "" }
        let b = r.trimmedBytes(i)
        if b.isEmpty { return "" }
        if categoryIDs.count < FeedbackValidator.categoryMemoLimit {
            let n = categoryIDs.intern(b)
            if n == maskedCategories.count { maskedCategories.append(FeedbackValidator.category(r.string(i, trim: true))) }
            return maskedCategories[n]
        }
        return FeedbackValidator.category(r.string(i, trim: true))
    }

    public enum Outcome {
        case row(FeedbackRow)
        case quarantined(QuarantinedRow)
    }

    public func validate(_ r: borrowing CSVRecord, columns c: Columns, file: String) -> Outcome {
        func q(_ reason: String, id: String = "") -> Outcome {
            .quarantined(QuarantinedRow(file: file, line: r.line, id: id, reason: reason))
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
        let id = FeedbackValidator.isASCII(idBytes) ? String(decoding: idBytes, as: UTF8.self) : r.string(col.id, trim: true)
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
        guard let locality = localityIndex.lookup(localityBytes) else {
            return q("unknown locality \"\(text(col.locality))\"", id: id)
        }
        var official: Int?
        let officialBytes = r.trimmedBytes(col.official)
        if !officialBytes.isEmpty {
            guard let o = officialIndex[locality].lookup(officialBytes) else {
                return q("official \"\(text(col.official))\" is not an official of \(localityIDs[locality])", id: id)
            }
            official = o
        }
        var commitment: Int?
        let commitmentBytes = r.trimmedBytes(col.commitment)
        if !commitmentBytes.isEmpty {
            guard let o = official else { return q("commitment \"\(text(col.commitment))\" without an official", id: id) }
            guard let ci = commitmentIndex[o].lookup(commitmentBytes) else {
                return q("unknown commitment \"\(text(col.commitment))\" of \(localityIDs[locality])/\(text(col.official))", id: id)
            }
            commitment = ci
        }

        var rating: Rational?
        if kind == .rating {
            let ratingText = r.string(c.rating, trim: true)
            guard let v = Number.parse(ratingText) else {
                return q(ratingText.isEmpty ? "rating row without a rating" : "rating \"\(ratingText.prefix(20))\" is not a number", id: id)
            }
            guard v >= 1, v <= 5 else { return q("rating \(ratingText.prefix(20)) is outside 1–5", id: id) }
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
        // Checked last: only a row that is otherwise valid claims its id.
        var key = id
        if !key.withUTF8({ seenIDs.insert($0) }) { return q("duplicate id \"\(id.prefix(60))\"", id: id) }

        let publish = isYes(r, c.publish)
        var respondent = "", respondentNumber = -1
        if kind == .rating, col.respondent >= 0 {
            let bytes = r.trimmedBytes(col.respondent)
            if !bytes.isEmpty {
                respondent = r.string(col.respondent, trim: true)
                respondentNumber = respondents.intern(bytes)
            }
        }
        return .row(FeedbackRow(id: id, date: date, channel: channel, locality: locality, official: official,
                                commitment: commitment, kind: kind, respondentKind: respondentKind,
                                respondent: respondent, rating: rating, category: category(r, c.category),
                                status: status, due: due, resolvedOn: resolvedOn, comment: publish ? PrivacyMask.mask(field(c.comment)) : "",
                                publish: publish, file: file, line: r.line, respondentNumber: respondentNumber))
    }
}
