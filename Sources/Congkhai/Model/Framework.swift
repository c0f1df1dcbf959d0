/// A KPI framework: criteria, bands and the group-B gate.
public struct Framework: Sendable {
    public var id: String
    public var name: LocalizedText
    public var criteria: [Criterion]
    /// Highest first.
    public var bands: [Band]
    public var gate: Gate?
    public var file: String

    public init(id: String, name: LocalizedText, criteria: [Criterion], bands: [Band], gate: Gate?, file: String) {
        self.id = id
        self.name = name
        self.criteria = criteria
        self.bands = bands
        self.gate = gate
        self.file = file
    }

    /// Index of the band a rounded total falls in (0 = highest).
    public func bandIndex(for total: Double) -> Int {
        for (i, band) in bands.enumerated() where total >= band.min { return i }
        return max(0, bands.count - 1)
    }

    public func bandIndex(id: String) -> Int? { bands.firstIndex { $0.id == id } }
}

public enum CriterionGroup: String, Sendable, Hashable, CaseIterable {
    case a = "A"
    case b = "B"
}

public struct Criterion: Sendable {
    public var id: String
    public var name: LocalizedText
    public var basis: LocalizedText?
    public var group: CriterionGroup
    public var weight: Double
    public var required: Bool
    public var measures: [Measure]

    public init(id: String, name: LocalizedText, basis: LocalizedText?, group: CriterionGroup,
                weight: Double, required: Bool, measures: [Measure]) {
        self.id = id
        self.name = name
        self.basis = basis
        self.group = group
        self.weight = weight
        self.required = required
        self.measures = measures
    }
}

/// One way of measuring a criterion; a criterion averages its available measures.
public enum Measure: Sendable, Hashable {
    public enum GroupFilter: String, Sendable, Hashable {
        case a = "A", b = "B", any
    }

    case commitmentDelivery(group: GroupFilter, partnersOnly: Bool)
    case rating(respondents: [RespondentKind], priorWeight: Double)
    case complaintResolution
    case disclosure
    case incidentResponse
    case initiativeImpact
    case trainingRatio
    case indicatorProgress
    case assessment(key: String)

    public var metric: String {
        switch self {
        case .commitmentDelivery: return "commitment_delivery"
        case .rating: return "rating"
        case .complaintResolution: return "complaint_resolution"
        case .disclosure: return "disclosure"
        case .incidentResponse: return "incident_response"
        case .initiativeImpact: return "initiative_impact"
        case .trainingRatio: return "training_ratio"
        case .indicatorProgress: return "indicator_progress"
        case .assessment: return "assessment"
        }
    }

    public static let metrics = [
        "commitment_delivery", "rating", "complaint_resolution", "disclosure", "incident_response",
        "initiative_impact", "training_ratio", "indicator_progress", "assessment",
    ]

    /// Parameters as a short label, e.g. `group: B` or `respondents: citizen, business; prior_weight: 10`.
    public var parameterLabel: String {
        switch self {
        case let .commitmentDelivery(group, partnersOnly):
            return partnersOnly ? "group: \(group.rawValue); partners_only" : "group: \(group.rawValue)"
        case let .rating(respondents, prior):
            return "respondents: \(respondents.map(\.rawValue).joined(separator: ", ")); prior_weight: \(Number.format(prior))"
        case let .assessment(key):
            return "key: \(key)"
        default:
            return ""
        }
    }
}

public struct Band: Sendable {
    public var id: String
    public var min: Double
    public var name: LocalizedText
    public var consequences: LocalizedText

    public init(id: String, min: Double, name: LocalizedText, consequences: LocalizedText) {
        self.id = id
        self.min = min
        self.name = name
        self.consequences = consequences
    }
}

public struct Gate: Sendable {
    public var groupBMin: Double
    public var capBand: String

    public init(groupBMin: Double, capBand: String) {
        self.groupBMin = groupBMin
        self.capBand = capBand
    }
}
