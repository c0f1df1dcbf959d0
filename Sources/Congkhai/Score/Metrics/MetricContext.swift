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

    /// A commitment published after D is ignored entirely.
    func isVisible(_ c: Commitment) -> Bool {
        guard let p = c.publishedOn else { return true }
        return p <= asOf
    }

    /// Done means status done and completed on or before D.
    func isDone(_ c: Commitment) -> Bool {
        guard c.status == .done, let on = c.completedOn else { return false }
        return on <= asOf
    }

    /// `target`, else the product norm × the locality's factor approved by D.
    func effectiveTarget(_ c: Commitment) -> (value: Double, source: String)? {
        Scorer.effectiveTarget(of: c, locality: locality, province: province, asOf: asOf)
            .map { ($0, c.target != nil ? "target" : "norm × factor") }
    }

    /// Latest update dated on or before D (ties: last in the list), optionally only those with progress.
    func latestUpdate(_ c: Commitment, withProgress: Bool) -> Update? {
        var best: Update?
        for u in c.updates where u.on <= asOf && (!withProgress || u.progress != nil) {
            if let b = best, b.on > u.on { continue }
            best = u
        }
        return best
    }
}

extension LocalizedText {
    init(_ vi: String, _ en: String) { self.init(vi: vi, en: en) }
}
