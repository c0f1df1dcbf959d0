public enum FeedbackKind: String, Sendable, CaseIterable {
    case rating, complaint, suggestion
}

public enum FeedbackChannel: String, Sendable, CaseIterable {
    case survey, hotline, portal, meeting, social, other
}

public enum RespondentKind: String, Sendable, CaseIterable {
    case citizen, business, agency, staff
}

public enum ComplaintStatus: String, Sendable, CaseIterable {
    case open, inProgress = "in_progress", resolved, rejected
}

/// Each case's place in `allCases`, without building that array: the tally
/// asks for three of them on every row, and `allCases.firstIndex(of:)`
/// made the array from its static object and searched it each time (~120
/// instructions a row, fifty-seventh session). A test holds each to
/// `allCases`' order.
extension FeedbackKind {
    var index: Int {
        switch self {
        case .rating: 0
        case .complaint: 1
        case .suggestion: 2
        }
    }
}

extension FeedbackChannel {
    var index: Int {
        switch self {
        case .survey: 0
        case .hotline: 1
        case .portal: 2
        case .meeting: 3
        case .social: 4
        case .other: 5
        }
    }
}

extension RespondentKind {
    var index: Int {
        switch self {
        case .citizen: 0
        case .business: 1
        case .agency: 2
        case .staff: 3
        }
    }
}

/// One feedback row that passed validation, with references resolved to
/// indexes into the province's sorted lists; the text fields are kept only
/// for as long as the row is being processed.
public struct FeedbackRow: Sendable {
    public var id: String
    public var date: Day
    public var channel: FeedbackChannel?
    public var locality: Int
    public var official: Int?
    public var commitment: Int?
    public var kind: FeedbackKind
    public var respondentKind: RespondentKind?
    public var respondent: String
    /// The respondent's number among this ingest's respondents (-1: none):
    /// deduplication and pseudonyms look it up instead of hashing the text again.
    public var respondentNumber: Int
    public var rating: Rational?
    public var category: String
    public var status: ComplaintStatus
    public var due: Day?
    public var resolvedOn: Day?
    public var comment: String
    public var publish: Bool
    /// The export the row came from: its position in `Province.feedbackFiles`.
    /// Not its name: one `String` shared by every row of a file was retained
    /// and released at each copy of a row, on every thread of the ingest at
    /// once — one reference count, one cache line passed between the cores
    /// millions of times (the most retained object of a build, `perf probe`).
    public var file: Int
    public var line: Int

    public init(id: String, date: Day, channel: FeedbackChannel?, locality: Int, official: Int?, commitment: Int?,
                kind: FeedbackKind, respondentKind: RespondentKind?, respondent: String, rating: Rational?,
                category: String, status: ComplaintStatus, due: Day?, resolvedOn: Day?, comment: String,
                publish: Bool, file: Int, line: Int, respondentNumber: Int = -1) {
        self.respondentNumber = respondentNumber
        self.id = id
        self.date = date
        self.channel = channel
        self.locality = locality
        self.official = official
        self.commitment = commitment
        self.kind = kind
        self.respondentKind = respondentKind
        self.respondent = respondent
        self.rating = rating
        self.category = category
        self.status = status
        self.due = due
        self.resolvedOn = resolvedOn
        self.comment = comment
        self.publish = publish
        self.file = file
        self.line = line
    }
}

/// A feedback row excluded from scoring, with where and why.
public struct QuarantinedRow: Sendable, Hashable {
    public var file: String
    public var line: Int
    public var id: String
    public var reason: String

    public init(file: String, line: Int, id: String, reason: String) {
        self.file = file
        self.line = line
        self.id = id
        self.reason = reason
    }
}
