/// A commune, ward, special zone, department or the province itself.
public struct Locality: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case commune, ward, specialZone = "special_zone", department, province
    }

    public enum Context: String, Sendable, CaseIterable {
        case urban, rural, mountainous, disadvantaged
    }

    public var id: String
    public var name: String
    public var kind: Kind
    public var context: Context
    public var population: Int?
    public var normAdjustments: [NormAdjustment]
    public var indicators: [Indicator]
    public var file: String

    public init(id: String, name: String, kind: Kind, context: Context, population: Int?,
                normAdjustments: [NormAdjustment], indicators: [Indicator], file: String) {
        self.id = id
        self.name = name
        self.kind = kind
        self.context = context
        self.population = population
        self.normAdjustments = normAdjustments
        self.indicators = indicators
        self.file = file
    }
}

/// A locally approved deviation from a catalog norm.
public struct NormAdjustment: Sendable {
    public var product: String
    public var factor: Rational
    public var reason: String
    public var approvedBy: String
    public var decision: String
    public var approvedOn: Day?
    public var line: Int

    public init(product: String, factor: Rational, reason: String, approvedBy: String, decision: String,
                approvedOn: Day?, line: Int) {
        self.product = product
        self.factor = factor
        self.reason = reason
        self.approvedBy = approvedBy
        self.decision = decision
        self.approvedOn = approvedOn
        self.line = line
    }
}

/// A social-impact indicator with an approved local target.
public struct Indicator: Sendable {
    public enum Direction: String, Sendable, CaseIterable {
        case higher, lower
    }

    public var id: String
    public var name: String
    public var unit: String
    public var baseline: Rational
    public var target: Rational
    public var actual: Rational?
    public var direction: Direction

    public init(id: String, name: String, unit: String, baseline: Rational, target: Rational, actual: Rational?,
                direction: Direction) {
        self.id = id
        self.name = name
        self.unit = unit
        self.baseline = baseline
        self.target = target
        self.actual = actual
        self.direction = direction
    }
}
