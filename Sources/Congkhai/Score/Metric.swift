/// One metric of the open set (DESIGN.md, "Metrics"): its parameters decoded
/// from the framework, its exact value for one official, and its explanation.
///
/// Adding a metric means one file that conforms to this protocol, one line in
/// `MetricRegistry.all`, its strings and its JSON Schema entry; nothing else
/// switches on metric names.
protocol Metric: Sendable {
    /// The `metric:` name in framework.yaml.
    static var name: String { get }
    /// The parameter keys it accepts besides `metric`.
    static var parameterKeys: [String] { get }
    /// The rule in plain words, for pages and explanations.
    static var formula: Phrase { get }

    /// Decodes the parameters of one measure; reports and returns nil on a bad value.
    init?(_ parameters: YAMLFields)

    /// Parameters as a short label, e.g. `group: B`; empty without parameters.
    var parameterLabel: String { get }

    /// A label for people, built from theme strings (`label(key)` looks one up).
    func label(_ label: (String) -> String) -> String

    /// Exact attainment 0–100 (nil = N/A) and how it was reached.
    func evaluate(_ ctx: MetricContext) -> MetricValue

    /// The respondent kinds whose province-wide prior this measure needs.
    var priorKinds: [RespondentKind]? { get }

    /// The feedback response-time window the tally must count for it.
    var responseWindow: ResponseWindow? { get }
}

extension Metric {
    var parameterLabel: String { "" }
    var priorKinds: [RespondentKind]? { nil }
    var responseWindow: ResponseWindow? { nil }
    func label(_ label: (String) -> String) -> String { label("metric_" + Self.name) }
}

/// What a metric returns for one official.
struct MetricValue {
    var attainment: Rational?
    var explanation: Explanation
}

/// Every metric congkhai knows, in the order the methodology lists them.
enum MetricRegistry {
    static let all: [any Metric.Type] = [
        CommitmentDelivery.self, RatingMetric.self, ComplaintResolution.self, Disclosure.self,
        IncidentResponse.self, InitiativeImpact.self, TrainingRatio.self, IndicatorProgress.self,
        AssessmentMetric.self, FeedbackResponseTime.self,
    ]

    static var names: [String] { all.map { $0.name } }

    static func named(_ name: String) -> (any Metric.Type)? { all.first { $0.name == name } }
}

/// One measure of a criterion: a metric with its parameters.
public struct Measure: Sendable {
    let metric: any Metric

    init(_ metric: any Metric) { self.metric = metric }

    /// `commitment_delivery`, `rating`, …
    public var name: String { type(of: metric).name }
    public var parameterLabel: String { metric.parameterLabel }
    public var formula: Phrase { type(of: metric).formula }
    public var priorKinds: [RespondentKind]? { metric.priorKinds }
    public var responseWindow: ResponseWindow? { metric.responseWindow }

    /// A label for people from theme strings.
    public func label(_ label: (String) -> String) -> String { metric.label(label) }
}
