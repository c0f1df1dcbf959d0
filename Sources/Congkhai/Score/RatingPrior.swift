/// The province-wide mean m that a `rating` measure pulls small samples
/// toward (DESIGN.md, `rating`): deduplicated, in-window ratings of its
/// respondent kinds that name an official. With no such rating, m = 3, the
/// middle of the scale.
public struct RatingPrior: Sendable {
    public var kinds: [RespondentKind]
    public var count: Int
    public var sum: Rational

    public var mean: Rational { count == 0 ? Rational(3) : sum / count }

    /// `citizen+business`: the key used in open data.
    public var key: String { kinds.map(\.rawValue).joined(separator: "+") }
}

/// Every prior the framework's rating measures need, computed once per
/// scoring run and shared by the scorer, the explanations and open data.
public struct RatingPriors: Sendable {
    public private(set) var all: [RatingPrior] = []

    init(framework: Framework, tally: FeedbackTally) {
        for criterion in framework.criteria {
            for measure in criterion.measures {
                guard let kinds = measure.priorKinds, !all.contains(where: { $0.kinds == kinds }) else { continue }
                all.append(tally.prior(of: kinds))
            }
        }
    }

    public func prior(of kinds: [RespondentKind]) -> RatingPrior {
        all.first { $0.kinds == kinds } ?? RatingPrior(kinds: kinds, count: 0, sum: .zero)
    }
}
