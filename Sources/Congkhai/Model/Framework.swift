/// A KPI framework: criteria, bands and the group-B gate.
public struct Framework: Sendable {
    public var id: String
    public var name: LocalizedText
    public var criteria: [Criterion]
    /// Highest first.
    public var bands: [Band]
    public var gate: Gate?
    /// Decree 335's limit on "excellent" per unit, when the framework states it.
    public var excellenceQuota: ExcellenceQuotaRule?
    public var file: String

    public init(id: String, name: LocalizedText, criteria: [Criterion], bands: [Band], gate: Gate?,
                excellenceQuota: ExcellenceQuotaRule? = nil, file: String) {
        self.id = id
        self.name = name
        self.criteria = criteria
        self.bands = bands
        self.gate = gate
        self.excellenceQuota = excellenceQuota
        self.file = file
    }

    /// True when some criterion carries a `weight_range` (band robustness applies).
    public var hasWeightRanges: Bool { criteria.contains { $0.weightRange != nil } }

    /// Index of the band a rounded total falls in (0 = highest).
    public func bandIndex(for total: Rational) -> Int {
        // By index: `enumerated()` copied each band (its id, names and
        // colour retained and released) for every corner of every
        // official's robustness search (~1 % of a one-file rebuild).
        for i in bands.indices where total >= bands[i].min { return i }
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
    public var weight: Rational
    /// `weight_range: [lo, hi]`: the weights the policy allows; band
    /// robustness scores every corner of the box these ranges span.
    public var weightRange: ClosedRange<Rational>?
    public var required: Bool
    public var measures: [Measure]

    public init(id: String, name: LocalizedText, basis: LocalizedText?, group: CriterionGroup,
                weight: Rational, weightRange: ClosedRange<Rational>? = nil, required: Bool, measures: [Measure]) {
        self.id = id
        self.name = name
        self.basis = basis
        self.group = group
        self.weight = weight
        self.weightRange = weightRange
        self.required = required
        self.measures = measures
    }
}

public struct Band: Sendable {
    public var id: String
    public var min: Rational
    public var name: LocalizedText
    public var consequences: LocalizedText
    /// `colour: "#1b5e20"`: how pages draw this band; the theme's palette by
    /// position when absent.
    public var colour: String?

    public init(id: String, min: Rational, name: LocalizedText, consequences: LocalizedText, colour: String? = nil) {
        self.id = id
        self.min = min
        self.name = name
        self.consequences = consequences
        self.colour = colour
    }
}

/// `excellence_quota: { band: excellent, of_band: good, share: 0.2 }`: at most
/// `share` × (number in `of_band`) officials of a unit in `band`. A warning,
/// never a change of band (Decree 335/2025/NĐ-CP).
public struct ExcellenceQuotaRule: Sendable {
    public var band: String
    public var ofBand: String
    public var share: Rational

    public init(band: String, ofBand: String, share: Rational) {
        self.band = band
        self.ofBand = ofBand
        self.share = share
    }
}

public struct Gate: Sendable {
    public var groupBMin: Rational
    public var capBand: String

    public init(groupBMin: Rational, capBand: String) {
        self.groupBMin = groupBMin
        self.capBand = capBand
    }
}
