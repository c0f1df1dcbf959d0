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
    }

    private let localityIndex: [String: Int]
    /// locality id → official id → index, so a lookup needs no string concatenation.
    private let officialIndex: [String: [String: Int]]
    private let commitmentIndex: [[String: Int]]
    private var seenIDs: Set<String> = []

    public init(province: Province) {
        var li: [String: Int] = [:]
        for (i, l) in province.localities.enumerated() { li[l.id] = i }
        var oi: [String: [String: Int]] = [:]
        var ci: [[String: Int]] = []
        for (i, o) in province.officials.enumerated() {
            oi[o.locality, default: [:]][o.id] = i
            var m: [String: Int] = [:]
            for (j, c) in o.commitments.enumerated() { m[c.id] = j }
            ci.append(m)
        }
        localityIndex = li
        officialIndex = oi
        commitmentIndex = ci
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
        return ok ? cols : nil
    }

    /// Categories are free text from exports: masked like comments and kept short.
    static func category(_ text: String) -> String {
        guard !text.isEmpty else { return text }
        let masked = PrivacyMask.mask(text)
        return masked.count > 80 ? String(masked.prefix(79)) + "…" : masked
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
        func field(_ name: String, trim: Bool = true) -> String {
            let i = c[name]
            return i < 0 ? "" : r.string(i, trim: trim)
        }
        let id = field("id")
        if id.isEmpty { return q("empty id") }
        let dateText = field("date")
        guard let date = Day(iso: dateText) else { return q("date \"\(dateText.prefix(40))\" is not a valid date", id: id) }

        let channelText = field("channel")
        var channel: FeedbackChannel?
        if !channelText.isEmpty {
            guard let ch = FeedbackChannel(rawValue: channelText) else { return q("unknown channel \"\(channelText.prefix(40))\"", id: id) }
            channel = ch
        }
        let kindText = field("kind")
        guard let kind = FeedbackKind(rawValue: kindText) else { return q("unknown kind \"\(kindText.prefix(40))\"", id: id) }
        let rkText = field("respondent_kind")
        var respondentKind: RespondentKind?
        if !rkText.isEmpty {
            guard let rk = RespondentKind(rawValue: rkText) else { return q("unknown respondent_kind \"\(rkText.prefix(40))\"", id: id) }
            respondentKind = rk
        }
        let statusText = field("status")
        var status = ComplaintStatus.open
        if !statusText.isEmpty {
            guard let st = ComplaintStatus(rawValue: statusText) else { return q("unknown status \"\(statusText.prefix(40))\"", id: id) }
            status = st
        }

        let localityText = field("locality")
        if localityText.isEmpty { return q("empty locality", id: id) }
        guard let locality = localityIndex[localityText] else { return q("unknown locality \"\(localityText.prefix(60))\"", id: id) }
        let officialText = field("official")
        var official: Int?
        if !officialText.isEmpty {
            guard let o = officialIndex[localityText]?[officialText] else {
                return q("official \"\(officialText.prefix(60))\" is not an official of \(localityText)", id: id)
            }
            official = o
        }
        let commitmentText = field("commitment")
        var commitment: Int?
        if !commitmentText.isEmpty {
            guard let o = official else { return q("commitment \"\(commitmentText.prefix(60))\" without an official", id: id) }
            guard let ci = commitmentIndex[o][commitmentText] else {
                return q("unknown commitment \"\(commitmentText.prefix(60))\" of \(localityText)/\(officialText)", id: id)
            }
            commitment = ci
        }

        var rating: Double?
        let ratingText = field("rating")
        if kind == .rating {
            guard let v = Number.parse(ratingText) else {
                return q(ratingText.isEmpty ? "rating row without a rating" : "rating \"\(ratingText.prefix(20))\" is not a number", id: id)
            }
            guard v >= 1, v <= 5 else { return q("rating \(ratingText) is outside 1–5", id: id) }
            rating = v
        }
        var due: Day?
        let dueText = field("due")
        if !dueText.isEmpty {
            guard let d = Day(iso: dueText) else { return q("due \"\(dueText.prefix(40))\" is not a valid date", id: id) }
            due = d
        }
        var resolvedOn: Day?
        let resolvedText = field("resolved_on")
        if !resolvedText.isEmpty {
            guard let d = Day(iso: resolvedText) else { return q("resolved_on \"\(resolvedText.prefix(40))\" is not a valid date", id: id) }
            resolvedOn = d
        }
        // Checked last: only a row that is otherwise valid claims its id.
        if !seenIDs.insert(id).inserted { return q("duplicate id \"\(id.prefix(60))\"", id: id) }

        let publish = field("publish").lowercased() == "yes"
        return .row(FeedbackRow(id: id, date: date, channel: channel, locality: locality, official: official,
                                commitment: commitment, kind: kind, respondentKind: respondentKind,
                                respondent: field("respondent"), rating: rating, category: FeedbackValidator.category(field("category")),
                                status: status, due: due, resolvedOn: resolvedOn, comment: publish ? PrivacyMask.mask(field("comment")) : "",
                                publish: publish, file: file, line: r.line))
    }
}
