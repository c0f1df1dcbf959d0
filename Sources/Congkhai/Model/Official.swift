/// An official: who they are and everything they have publicly committed to.
public struct Official: Sendable {
    public enum Role: String, Sendable, CaseIterable {
        case partySecretary = "party_secretary", chairman, viceChairman = "vice_chairman"
        case departmentHead = "department_head", deputyHead = "deputy_head", other
    }

    public var id: String
    public var locality: String
    public var name: String
    public var position: String
    public var role: Role
    public var termStart: Day?
    public var staffCount: Int?
    public var staffTrained: Int?
    /// Keyed by assessment key (`conduct`), sorted by key for determinism.
    public var assessments: [String: Assessment]
    public var commitments: [Commitment]
    public var incidents: [Incident]
    public var initiatives: [Initiative]
    /// Markdown body after the front matter, NFC ("" when a parked copy
    /// cannot be read back: `parkedBody` tells).
    public var body: String {
        get { bodyText.text ?? "" }
        set { bodyText = ParkedText(newValue) }
    }
    /// The body, or nil when its parked copy cannot be read back.
    var parkedBody: String? { bodyText.text }
    /// Parked in a spool by the loader (`parkBody`): read once, to render it.
    var bodyText: ParkedText
    public var file: String

    public init(id: String, locality: String, name: String, position: String, role: Role, termStart: Day?,
                staffCount: Int?, staffTrained: Int?, assessments: [String: Assessment],
                commitments: [Commitment], incidents: [Incident], initiatives: [Initiative],
                body: String, file: String) {
        self.id = id
        self.locality = locality
        self.name = name
        self.position = position
        self.role = role
        self.termStart = termStart
        self.staffCount = staffCount
        self.staffTrained = staffTrained
        self.assessments = assessments
        self.commitments = commitments
        self.incidents = incidents
        self.initiatives = initiatives
        self.bodyText = ParkedText(body)
        self.file = file
    }

    /// The body moved into `spool` (`ParkedText`), until its HTML is rendered.
    mutating func parkBody(in spool: Spool) {
        if let text = bodyText.text { bodyText = ParkedText(text, in: spool) }
    }

    /// `locality/id`: unique in the province.
    public var key: String { locality + "/" + id }
}

public struct Assessment: Sendable {
    public var score: Rational
    public var max: Rational
    public var by: String
    public var on: Day?

    public init(score: Rational, max: Rational, by: String, on: Day?) {
        self.score = score
        self.max = max
        self.by = by
        self.on = on
    }
}

public struct Commitment: Sendable {
    public enum Difficulty: String, Sendable, CaseIterable {
        case normal, hard, breakthrough

        public var weight: Rational {
            switch self {
            case .normal: return 1
            case .hard: return Rational(3, 2)
            case .breakthrough: return 2
            }
        }
    }

    public enum Status: String, Sendable, CaseIterable {
        case planned, inProgress = "in_progress", done, withdrawn
    }

    public struct Withdrawal: Sendable {
        public var approvedBy: String
        public var decision: String
        public var reason: String
        /// When the withdrawal was decided (optional).
        public var on: Day?

        public init(approvedBy: String, decision: String, reason: String, on: Day? = nil) {
            self.approvedBy = approvedBy
            self.decision = decision
            self.reason = reason
            self.on = on
        }

        /// Approval needs both the approving body and its decision.
        public var isApproved: Bool {
            !Whitespace.isBlank(approvedBy)
                && !Whitespace.isBlank(decision)
        }
    }

    public var id: String
    public var title: String
    public var group: CriterionGroup
    public var product: String?
    public var target: Rational?
    public var unit: String
    public var acceptance: String
    public var actual: Rational?
    public var publishedOn: Day?
    public var deadline: Day
    public var difficulty: Difficulty
    public var status: Status
    public var completedOn: Day?
    public var withdrawal: Withdrawal?
    public var partners: [String]
    public var updates: [Update]
    public var line: Int
    /// Lines of references checked by validation (`product`, `partner:ID`, `status`), for
    /// its messages; emptied once validation is done.
    public var referenceLines: [String: Int]

    public init(id: String, title: String, group: CriterionGroup, product: String?, target: Rational?, unit: String,
                acceptance: String, actual: Rational?, publishedOn: Day?, deadline: Day, difficulty: Difficulty,
                status: Status, completedOn: Day?, withdrawal: Withdrawal?, partners: [String], updates: [Update],
                line: Int, referenceLines: [String: Int] = [:]) {
        self.id = id
        self.title = title
        self.group = group
        self.product = product
        self.target = target
        self.unit = unit
        self.acceptance = acceptance
        self.actual = actual
        self.publishedOn = publishedOn
        self.deadline = deadline
        self.difficulty = difficulty
        self.status = status
        self.completedOn = completedOn
        self.withdrawal = withdrawal
        self.partners = partners
        self.updates = updates
        self.line = line
        self.referenceLines = referenceLines
    }

    public var isApprovedWithdrawal: Bool {
        status == .withdrawn && (withdrawal?.isApproved ?? false)
    }
}

/// A dated progress report on a commitment.
public struct Update: Sendable {
    public var on: Day
    public var progress: Rational?
    public var note: String
    /// Only http(s) URLs and site-relative paths survive loading.
    public var evidence: String?

    public init(on: Day, progress: Rational?, note: String, evidence: String?) {
        self.on = on
        self.progress = progress
        self.note = note
        self.evidence = evidence
    }
}

public struct Incident: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case naturalDisaster = "natural_disaster", epidemic, massComplaint = "mass_complaint", environment, other
    }

    public enum Outcome: String, Sendable, CaseIterable {
        case resolved, partial, unresolved, ongoing
    }

    public var id: String
    public var title: String
    public var kind: Incident.Kind
    public var occurred: Timestamp
    public var responded: Timestamp?
    public var resolved: Timestamp?
    public var targetResponseHours: Rational
    public var outcome: Outcome

    public init(id: String, title: String, kind: Incident.Kind, occurred: Timestamp, responded: Timestamp?,
                resolved: Timestamp?, targetResponseHours: Rational, outcome: Outcome) {
        self.id = id
        self.title = title
        self.kind = kind
        self.occurred = occurred
        self.responded = responded
        self.resolved = resolved
        self.targetResponseHours = targetResponseHours
        self.outcome = outcome
    }
}

public struct Initiative: Sendable {
    /// The three things an initiative can cut; any may be absent.
    public struct Cost: Sendable {
        public var days: Rational?
        public var costVND: Rational?
        public var steps: Rational?

        public init(days: Rational?, costVND: Rational?, steps: Rational?) {
            self.days = days
            self.costVND = costVND
            self.steps = steps
        }
    }

    public var id: String
    public var title: String
    public var adoptedOn: Day
    public var baseline: Cost
    public var current: Cost
    public var sustained: Bool?
    public var verifiedBy: String

    public init(id: String, title: String, adoptedOn: Day, baseline: Cost, current: Cost, sustained: Bool?,
                verifiedBy: String) {
        self.id = id
        self.title = title
        self.adoptedOn = adoptedOn
        self.baseline = baseline
        self.current = current
        self.sustained = sustained
        self.verifiedBy = verifiedBy
    }
}
