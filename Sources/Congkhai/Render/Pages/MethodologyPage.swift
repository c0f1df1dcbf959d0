/// How scores are computed: criteria in plain words with weights, bands, the
/// adjustment rules.
struct MethodologyPage: Encodable, Sendable {
    struct Criterion: Encodable, Sendable {
        struct Measure: Encodable, Sendable {
            var label: String
            var plain: String
            var formula: String
        }

        var id: String
        var name: String
        var group: String
        var weight: String
        var weightRange: String
        var required: String
        var requiredNote: String?
        var basis: String
        var measures: [Measure]
    }

    struct Band: Encodable, Sendable {
        var band: BandTag
        var min: String
        var consequences: String
    }

    var frameworkName: String
    var explainerHref: String
    var criteria: [Criterion]
    var bands: [Band]
    var provisional: String?
    var gate: String?
    var quota: String?
    var robustness: String?
}

extension SiteRenderer {
    func methodologyPage(_ d: Display) -> MethodologyPage {
        let fw = run.province.framework
        func name(_ id: String) -> String { fw.bandIndex(id: id).map { fw.bands[$0].name.text(d.language) } ?? id }
        var page = MethodologyPage(
            frameworkName: fw.name.text(d.language), explainerHref: d.link(SitePaths.explainer),
            criteria: fw.criteria.map { c in
                MethodologyPage.Criterion(
                    id: c.id, name: c.name.text(d.language), group: d.label("group_" + c.group.rawValue), weight: d.number(c.weight),
                    weightRange: c.weightRange.map { d.number($0.lowerBound) + "–" + d.number($0.upperBound) } ?? "—",
                    required: d.label(c.required ? "yes" : "no"), requiredNote: c.required ? d.label("required_zero") : nil,
                    basis: c.basis?.text(d.language) ?? d.label("proposal"),
                    measures: c.measures.map { m in
                        .init(label: m.label { d.label($0) }, plain: d.label("plain_" + m.name), formula: d.phrase(m.formula))
                    })
            },
            bands: fw.bands.indices.map {
                MethodologyPage.Band(band: d.band($0, fw), min: d.number(fw.bands[$0].min), consequences: fw.bands[$0].consequences.text(d.language))
            },
            provisional: provisional(d))
        if fw.hasWeightRanges {
            let results = run.scoreboard.results
            let robust = results.filter(\.bandIsRobust).count
            page.robustness = d.fill("robustness_summary", ["robust": d.count(robust), "total": d.count(results.count),
                                                            "dependent": d.count(results.count - robust)])
        }
        if let q = fw.excellenceQuota {
            page.quota = d.fill("quota_rule", ["band": name(q.band), "of_band": name(q.ofBand), "share": d.number(q.share * 100)])
        }
        if let g = fw.gate {
            page.gate = d.fill("gate_rule", ["min": d.number(g.groupBMin), "band": name(g.capBand)])
        }
        return page
    }
}
