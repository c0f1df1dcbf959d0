import Foundation

/// Applies the scoring rules (DESIGN.md, "Scoring (rules v1)") to a province.
///
/// Pure and exact: the same province, tally and `asOf` give the same
/// scoreboard, and every number is a `Rational` until it is rounded once
/// for publication.
public enum Scorer {
    public static func score(_ province: Province, tally: FeedbackTally, asOf: Day) -> Scoreboard {
        let framework = province.framework
        let priors = RatingPriors(framework: framework, tally: tally)
        var localityByID: [String: Locality] = [:]
        for l in province.localities { localityByID[l.id] = l }
        var auditsByOfficial: [String: [Audit]] = [:]
        for a in province.audits { auditsByOfficial[a.official, default: []].append(a) }
        let corners = WeightCorners(framework)

        // Officials are scored independently (ranks come after), on every core:
        // with national-size feedback the exact sums outgrow 64 bits and each
        // official's 32 weight corners take milliseconds.
        let slots = ResultSlots(count: province.officials.count)
        let localities = localityByID, audited = auditsByOfficial
        DispatchQueue.concurrentPerform(iterations: province.officials.count) { index in
            let official = province.officials[index]
            guard let locality = localities[official.locality] else { return }
            let ctx = MetricContext(province: province, officialIndex: index, official: official, locality: locality,
                                    asOf: asOf, tally: tally, priors: priors)
            slots.set(index, scoreOfficial(ctx, framework: framework, audits: audited[official.key] ?? [], corners: corners))
        }
        var results = slots.values
        let rankings = Rankings(results: &results, province: province)
        return Scoreboard(asOf: asOf, results: results, tally: tally, priors: priors, rankings: rankings,
                          diagnostics: ExcellenceQuota.check(results, province: province))
    }

    static func scoreOfficial(_ ctx: MetricContext, framework: Framework, audits: [Audit],
                              corners: WeightCorners) -> OfficialResult {
        var criteria: [CriterionResult] = []
        for criterion in framework.criteria {
            let measures = criterion.measures.map { m -> MeasureResult in
                let v = m.metric.evaluate(ctx)
                return MeasureResult(measure: m, attainment: v.attainment, explanation: v.explanation)
            }
            let available = measures.compactMap(\.attainment)
            var status = CriterionResult.Status.scored
            var attainment: Rational?
            if available.isEmpty {
                status = criterion.required ? .requiredZero : .dropped
                attainment = criterion.required ? .zero : nil
            } else {
                attainment = available.reduce(Rational.zero, +) / available.count
            }
            criteria.append(CriterionResult(id: criterion.id, group: criterion.group, weight: criterion.weight,
                                            status: status, attainment: attainment, contribution: .zero, measures: measures))
        }
        let weights = framework.criteria.map(\.weight)
        let outcome = Outcome(criteria: criteria, weights: weights, audits: audits, framework: framework, asOf: ctx.asOf)
        for i in criteria.indices where criteria[i].counts && !outcome.countedWeight.isZero {
            criteria[i].contribution = criteria[i].weight * (criteria[i].attainment ?? .zero) / outcome.countedWeight
        }
        var robustness: Robustness?
        if !corners.isEmpty {
            robustness = corners.robustness(criteria: criteria, audits: audits, framework: framework, asOf: ctx.asOf)
        }
        return OfficialResult(official: ctx.officialIndex, criteria: criteria, countedWeight: outcome.countedWeight,
                              weightedTotal: outcome.weightedTotal, adjustedTotal: outcome.adjustedTotal,
                              total: outcome.total, bandFromTotal: outcome.bandFromTotal, band: outcome.band,
                              audits: outcome.audits, gate: outcome.gate, robustness: robustness)
    }
}

/// Results written by `concurrentPerform` iterations, one slot per official (in order).
private final class ResultSlots: @unchecked Sendable {
    private var slots: [OfficialResult?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ value: OfficialResult) {
        lock.lock()
        slots[i] = value
        lock.unlock()
    }

    var values: [OfficialResult] {
        lock.lock()
        defer { lock.unlock() }
        return slots.compactMap { $0 }
    }
}
