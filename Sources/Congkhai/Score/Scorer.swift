/// Applies the scoring rules (DESIGN.md, "Scoring (rules v1)") to a province.
///
/// Pure: the same province, tally and `asOf` give the same scoreboard.
public enum Scorer {
    public static func score(_ province: Province, tally: FeedbackTally, asOf: Day) -> Scoreboard {
        let framework = province.framework
        var priors: [[RespondentKind]: (Double, Int, Double)] = [:]
        for criterion in framework.criteria {
            for case let .rating(kinds, _) in criterion.measures where priors[kinds] == nil {
                priors[kinds] = tally.priorMean(of: kinds)
            }
        }
        var localityByID: [String: Locality] = [:]
        for l in province.localities { localityByID[l.id] = l }
        var auditsByOfficial: [String: [Audit]] = [:]
        for a in province.audits { auditsByOfficial[a.official, default: []].append(a) }

        var results: [OfficialResult] = []
        results.reserveCapacity(province.officials.count)
        for (index, official) in province.officials.enumerated() {
            guard let locality = localityByID[official.locality] else { continue }
            let ctx = MetricContext(province: province, officialIndex: index, official: official, locality: locality,
                                    asOf: asOf, tally: tally)
            results.append(scoreOfficial(ctx, framework: framework, priors: priors,
                                         audits: auditsByOfficial[official.key] ?? []))
        }
        Ranking.assignRanks(&results, province: province)
        return Scoreboard(asOf: asOf, results: results, tally: tally,
                          diagnostics: ExcellenceQuota.check(results, province: province))
    }

    static func evaluate(_ measure: Measure, _ ctx: MetricContext,
                         priors: [[RespondentKind]: (Double, Int, Double)]) -> MeasureResult {
        let (a, explanation): (Double?, Explanation)
        switch measure {
        case let .commitmentDelivery(group, partnersOnly):
            (a, explanation) = CommitmentDelivery.evaluate(ctx, group: group, partnersOnly: partnersOnly)
        case let .rating(kinds, prior):
            (a, explanation) = RatingMetric.evaluate(ctx, respondents: kinds, priorWeight: prior,
                                                      prior: priors[kinds] ?? (3, 0, 0))
        case .complaintResolution: (a, explanation) = ComplaintResolution.evaluate(ctx)
        case .disclosure: (a, explanation) = Disclosure.evaluate(ctx)
        case .incidentResponse: (a, explanation) = IncidentResponse.evaluate(ctx)
        case .initiativeImpact: (a, explanation) = InitiativeImpact.evaluate(ctx)
        case .trainingRatio: (a, explanation) = TrainingRatio.evaluate(ctx)
        case .indicatorProgress: (a, explanation) = IndicatorProgress.evaluate(ctx)
        case let .assessment(key): (a, explanation) = AssessmentMetric.evaluate(ctx, key: key)
        }
        return MeasureResult(measure: measure, attainment: a, explanation: explanation)
    }

    static func scoreOfficial(_ ctx: MetricContext, framework: Framework,
                              priors: [[RespondentKind]: (Double, Int, Double)], audits: [Audit]) -> OfficialResult {
        var criteria: [CriterionResult] = []
        for criterion in framework.criteria {
            let measures = criterion.measures.map { evaluate($0, ctx, priors: priors) }
            let available = measures.compactMap(\.attainment)
            var status = CriterionResult.Status.scored
            var attainment: Double?
            if available.isEmpty {
                status = criterion.required ? .requiredZero : .dropped
                attainment = criterion.required ? 0 : nil
            } else {
                attainment = available.reduce(0, +) / Double(available.count)
            }
            criteria.append(CriterionResult(id: criterion.id, group: criterion.group, weight: criterion.weight,
                                            status: status, attainment: attainment, contribution: 0, measures: measures))
        }
        let countedWeight = criteria.filter(\.counts).reduce(0) { $0 + $1.weight }
        var weighted = 0.0
        for i in criteria.indices where criteria[i].counts {
            let a = criteria[i].attainment ?? 0
            weighted += criteria[i].weight * a
            criteria[i].contribution = countedWeight > 0 ? criteria[i].weight * a / countedWeight : 0
        }
        let weightedTotal = countedWeight > 0 ? weighted / countedWeight : 0

        // Audits dated after D are ignored; deductions come before rounding.
        var effects: [AuditEffect] = []
        var adjusted = weightedTotal
        for a in audits {
            guard a.on <= ctx.asOf else { continue }
            if case let .deduct(n) = a.action {
                let before = adjusted
                adjusted = max(0, adjusted - n)
                effects.append(AuditEffect(audit: a, applied: true, before: Number.fixed(before), after: Number.fixed(adjusted)))
            }
        }
        let total = Number.round(adjusted)
        let bandFromTotal = framework.bandIndex(for: total)
        var band = bandFromTotal
        let lowest = max(0, framework.bands.count - 1)
        for a in audits where a.on <= ctx.asOf {
            let before = framework.bands[band].id
            switch a.action {
            case .deduct: continue
            case let .downgrade(n): band = min(lowest, band + n)
            case let .cap(id): if let cap = framework.bandIndex(id: id) { band = max(band, cap) }
            }
            effects.append(AuditEffect(audit: a, applied: true, before: before, after: framework.bands[band].id))
        }
        for a in audits where a.on > ctx.asOf {
            effects.append(AuditEffect(audit: a, applied: false, before: "", after: ""))
        }
        effects.sort { ($0.audit.file, $0.audit.line) < ($1.audit.file, $1.audit.line) }

        var gate: GateResult?
        if let g = framework.gate {
            let groupB = criteria.filter { $0.group == .b && $0.counts }
            let wB = groupB.reduce(0) { $0 + $1.weight }
            var attainmentB: Double?
            if !groupB.isEmpty, wB > 0 {
                attainmentB = groupB.reduce(0) { $0 + $1.weight * ($1.attainment ?? 0) } / wB
            }
            var capped = false
            if let aB = attainmentB, aB < g.groupBMin, let cap = framework.bandIndex(id: g.capBand), cap > band {
                band = cap
                capped = true
            }
            gate = GateResult(attainment: attainmentB, minimum: g.groupBMin, capBand: g.capBand, capped: capped)
        }
        return OfficialResult(official: ctx.officialIndex, criteria: criteria, countedWeight: countedWeight,
                              weightedTotal: weightedTotal, adjustedTotal: adjusted, total: total,
                              bandFromTotal: bandFromTotal, band: band, audits: effects, gate: gate)
    }
}

extension Scorer {
    /// The plain-words formula of a measure, for the methodology page.
    public static func formula(of measure: Measure) -> LocalizedText {
        switch measure {
        case .commitmentDelivery: return CommitmentDelivery.formula
        case .rating: return RatingMetric.formula
        case .complaintResolution: return ComplaintResolution.formula
        case .disclosure: return Disclosure.formula
        case .incidentResponse: return IncidentResponse.formula
        case .initiativeImpact: return InitiativeImpact.formula
        case .trainingRatio: return TrainingRatio.formula
        case .indicatorProgress: return IndicatorProgress.formula
        case .assessment: return AssessmentMetric.formula
        }
    }
}
