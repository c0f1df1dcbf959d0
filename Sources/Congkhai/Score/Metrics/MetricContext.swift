/// What a metric may read about one official: the validated province, the
/// feedback tally and the scoring date. Nothing else (no clock, no files).
struct MetricContext {
    let province: Province
    let officialIndex: Int
    let official: Official
    let locality: Locality
    let asOf: Day
    let tally: FeedbackTally

    var period: Period { province.site.period }

    func isVisible(_ c: Commitment) -> Bool { c.isPublished(asOf: asOf) }

    func isDone(_ c: Commitment) -> Bool { c.isDone(asOf: asOf) }

    /// `target`, else the product norm × the locality's factor approved by D.
    func effectiveTarget(_ c: Commitment) -> (value: Double, source: String)? {
        province.effectiveTarget(of: c, locality: locality, asOf: asOf)
            .map { ($0, c.target != nil ? "target" : "norm × factor") }
    }

    func latestUpdate(_ c: Commitment, withProgress: Bool) -> Update? {
        c.latestUpdate(asOf: asOf, withProgress: withProgress)
    }
}

extension LocalizedText {
    init(_ vi: String, _ en: String) { self.init(vi: vi, en: en) }
}
