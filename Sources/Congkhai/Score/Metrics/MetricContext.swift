/// What a metric may read about one official: the validated province, the
/// feedback tally, the priors computed once per run and the scoring date.
/// Nothing else (no clock, no files).
struct MetricContext {
    let province: Province
    let officialIndex: Int
    let official: Official
    let locality: Locality
    let asOf: Day
    let tally: FeedbackTally
    let priors: RatingPriors

    var period: Period { province.site.period }

    func isVisible(_ c: Commitment) -> Bool { c.isPublished(asOf: asOf) }

    func isDone(_ c: Commitment) -> Bool { c.isDone(asOf: asOf) }

    /// `target`, else the product norm × the locality's factor approved by D.
    func effectiveTarget(_ c: Commitment) -> Rational? {
        province.effectiveTarget(of: c, locality: locality, asOf: asOf)
    }

    func latestUpdate(_ c: Commitment, withProgress: Bool) -> Update? {
        c.latestUpdate(asOf: asOf, withProgress: withProgress)
    }
}


/// 100 · x: attainments are percentages of a 0–1 share.
func percent(_ x: Rational) -> Rational { Rational.hundred * x }
