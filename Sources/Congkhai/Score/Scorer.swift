import Foundation

/// Applies the scoring rules (DESIGN.md, "Scoring (rules v1)") to a province.
///
/// Pure and exact: the same province, tally and `asOf` give the same
/// scoreboard, and every number is a `Rational` until it is rounded once
/// for publication.
public enum Scorer {
    /// `bandRobustness` false: no official's band is tried at the corners
    /// of the weight box (`robustness` stays nil). Only for runs that show
    /// no score (`check`): the corners were 4 % of a national check's CPU,
    /// and no diagnostic depends on them.
    public static func score(_ province: Province, tally: FeedbackTally, asOf: Day, bandRobustness: Bool = true) -> Scoreboard {
        let framework = province.framework
        let priors = RatingPriors(framework: framework, tally: tally)
        var localityByID: [String: Locality] = [:]
        for l in province.localities { localityByID[l.id] = l }
        var auditsByOfficial: [String: [Audit]] = [:]
        for a in province.audits { auditsByOfficial[a.official, default: []].append(a) }
        let corners: WeightCorners? = bandRobustness ? WeightCorners(framework) : nil

        // Officials are scored independently (ranks come after), on every core:
        // with national-size feedback the exact sums outgrow 64 bits and each
        // official's 32 weight corners take milliseconds.
        let slots = Slots<OfficialResult>(count: province.officials.count)
        let localities = localityByID, audited = auditsByOfficial
        DispatchQueue.concurrentPerform(iterations: province.officials.count) { index in
            let official = province.officials[index]
            guard let locality = localities[official.locality] else { return }
            let ctx = MetricContext(province: province, officialIndex: index, official: official, locality: locality,
                                    asOf: asOf, tally: tally, priors: priors)
            var result = scoreOfficial(ctx, framework: framework, audits: audited[official.key] ?? [], corners: corners)
            // The measures' inputs and items are dropped here and recomputed
            // where one official is shown (`ScoringRun.explained`): kept for
            // every official they were ~15 KB each (0.7 GB for a country).
            for c in result.criteria.indices {
                for m in result.criteria[c].measures.indices {
                    let e = result.criteria[c].measures[m].explanation
                    result.criteria[c].measures[m].explanation = Explanation(formula: e.formula, notApplicable: e.notApplicable)
                    result.criteria[c].measures[m].explained = false
                }
            }
            slots.set(index, result)
        }
        var results = slots.values
        let rankings = Rankings(results: &results, province: province)
        return Scoreboard(asOf: asOf, results: results, tally: tally, priors: priors, rankings: rankings,
                          diagnostics: ExcellenceQuota.check(results, province: province))
    }

    /// The measures' explanations of one scored official, computed again
    /// (the scorer is pure: the same inputs give the same words and numbers).
    static func explain(_ result: OfficialResult, province: Province, scoreboard: Scoreboard) -> OfficialResult {
        guard result.criteria.contains(where: { $0.measures.contains { !$0.explained } }) else { return result }
        let official = province.officials[result.official]
        guard let li = province.localityIndex(official.locality) else { return result }
        let locality = province.localities[li]
        let ctx = MetricContext(province: province, officialIndex: result.official, official: official, locality: locality,
                                asOf: scoreboard.asOf, tally: scoreboard.tally, priors: scoreboard.priors)
        var out = result
        for c in out.criteria.indices {
            for m in out.criteria[c].measures.indices where !out.criteria[c].measures[m].explained {
                out.criteria[c].measures[m].explanation = out.criteria[c].measures[m].measure.metric.evaluate(ctx).explanation
                out.criteria[c].measures[m].explained = true
            }
        }
        return out
    }

    static func scoreOfficial(_ ctx: MetricContext, framework: Framework, audits: [Audit],
                              corners: WeightCorners?) -> OfficialResult {
        var criteria: [CriterionResult] = []
        // Exactly sized: grown by doubling, a dozen criteria held room for
        // sixteen, ~60 MB over a country's officials for the whole build.
        criteria.reserveCapacity(framework.criteria.count)
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
        if let corners, !corners.isEmpty {
            robustness = corners.robustness(criteria: criteria, audits: audits, framework: framework, asOf: ctx.asOf)
        }
        return OfficialResult(official: ctx.officialIndex, criteria: criteria, countedWeight: outcome.countedWeight,
                              weightedTotal: outcome.weightedTotal, adjustedTotal: outcome.adjustedTotal,
                              total: outcome.total, bandFromTotal: outcome.bandFromTotal, band: outcome.band,
                              audits: outcome.audits, gate: outcome.gate, robustness: robustness)
    }
}
