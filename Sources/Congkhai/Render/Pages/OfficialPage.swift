/// An official's page, top first: who, the commitments tally, the score
/// and why, the commitments as cards, feedback; the per-criterion breakdown
/// and formulas last, folded.
struct OfficialPage: Encodable, Sendable {
    var name: String
    var position: String
    var localityName: String
    var localityHref: String
    var termStart: DateText?
    var tally: CommitmentTally
    var score: ScoreCard
    var commitments: [CommitmentCard]
    var hasCommitments: Bool
    /// Between the commitments' pages when there are more than one (`OfficialCommitmentsPage`).
    var commitmentsPager: Pager?
    var removed: [RemovedCommitment]
    var hasRemoved: Bool
    /// "… and 12 more removed commitments" past `PageSize.removedCommitments`, linking to the ledger's open data.
    var removedMore: String?
    var ledgerHref: String?
    var trend: TrendBlock?
    /// True when the official's file has a body: its section is shown.
    var hasBody: Bool
    /// The body as HTML, whole or its first blocks (`BodyExcerpt`); nil when none fit.
    var bodyHTML: String?
    /// "The rest of the profile (312 KB) is in …" when the body is cut, linking to the published content file.
    var bodyMore: String?
    var bodyMoreHref: String?
    var feedback: FeedbackBlock
    var breakdown: Breakdown
    /// For the page's `<meta name="description">`.
    var summary: String
}

/// A commitment the content no longer holds, with its last published state (from the ledger).
struct RemovedCommitment: Encodable, Sendable {
    var id: String
    var title: String
    var removed: String
    var facts: String
    var history: [String]
}

/// The per-criterion detail: what each criterion means in plain words, its
/// number, then the formula and the inputs.
struct Breakdown: Encodable, Sendable {
    struct Criterion: Encodable, Sendable {
        var id: String
        var name: String
        var group: String
        /// `A` or `B`: the table stays narrow enough for a phone.
        var groupLetter: String
        var weight: String
        var attainment: String
        var contribution: String
        var statusNote: String?
        var measures: [MeasureDetail]
    }

    struct Audit: Encodable, Sendable {
        var date: DateText
        var by: String
        var finding: String
        var reference: String
        var action: String
        var ignored: Bool
    }

    struct Incident: Encodable, Sendable {
        var title: String
        var occurred: String
        var responded: String
        var resolved: String
        var targetHours: String
        var outcome: String
    }

    struct Initiative: Encodable, Sendable {
        var title: String
        var adoptedOn: DateText
        var changes: String
        var sustained: String
        var verifiedBy: String?
    }

    var criteria: [Criterion]
    var weightedTotal: String
    var countedWeight: String
    var adjusted: String?
    /// The robustness sentence when the band does not depend on the weights
    /// (the score card only shows it when it does).
    var robustBand: String?
    var audits: [Audit]
    var hasAudits: Bool
    var gate: String?
    var incidents: [Incident]
    var hasIncidents: Bool
    var initiatives: [Initiative]
    var hasInitiatives: Bool
    /// "… and 12 more post-audits" past `PageSize.breakdownRecords`, linking to the explanation file.
    var auditsMore: String?
    var auditsMoreHref: String?
    /// The same for incidents and initiatives, linking to the published content file.
    var incidentsMore: String?
    var initiativesMore: String?
    var recordsMoreHref: String?
}

/// One measure of a criterion: plain words first, the formula second.
struct MeasureDetail: Encodable, Sendable {
    struct Fact: Encodable, Sendable {
        var label: String
        var value: String
    }

    struct Item: Encodable, Sendable {
        var title: String
        var counted: Bool
        var note: String?
        /// Not `facts`: Mustache would fall back to the measure's list when nil.
        var details: String?
    }

    var label: String
    var plain: String
    var attainment: String
    var formula: String
    var notApplicable: String?
    var facts: [Fact]
    var hasFacts: Bool
    var items: [Item]
    var hasItems: Bool
    /// "… and 250 more: in the explanation file" past `PageSize.breakdownItems` items.
    var itemsMore: String?
    var explanationHref: String?

    /// A measure's name and plain words, the same on every official's page
    /// of one language: made once per build (`Display.Tables.measures`); a
    /// rating measure's name lowercases its respondents' words, ~10,000
    /// instructions each time.
    struct Words: Sendable {
        var label: String
        var plain: String

        init(_ m: Measure, _ d: Display) {
            label = m.label { d.label($0) }
            plain = d.label("plain_" + m.name)
        }
    }

    init(_ m: MeasureResult, _ d: Display, explanationHref: String, words: Words? = nil) {
        let words = words ?? Words(m.measure, d)
        label = words.label
        plain = words.plain
        attainment = m.attainment.map { d.score($0) } ?? d.label("not_applicable")
        formula = d.phrase(m.explanation.formula)
        notApplicable = m.explanation.notApplicable.map(d.phrase)
        facts = m.explanation.facts.map { Fact(label: d.factLabel($0.key), value: $0.value.text(d.language, strings: d.t, marks: d.marks)) }
        hasFacts = !facts.isEmpty
        let hidden = m.explanation.items.count - SitePlan.PageSize.breakdownItems
        if hidden > 0 {
            itemsMore = d.fill("items_more", ["count": d.count(hidden)])
            self.explanationHref = explanationHref
        }
        var text = [UInt8]()
        items = m.explanation.items.prefix(SitePlan.PageSize.breakdownItems).map { item in
            // "label: value; label: value" written into one buffer of bytes:
            // mapped and joined it was ~2.5 CPU-s of a national page stage,
            // and a `String` grown by appends still ~60 % of an item's cost.
            text.removeAll(keepingCapacity: true)
            for (k, fact) in item.facts.enumerated() {
                if k > 0 { text.append(contentsOf: "; ".utf8) }
                text.append(contentsOf: d.factLabel(fact.key).utf8)
                text.append(contentsOf: ": ".utf8)
                text.append(contentsOf: fact.value.text(d.language, strings: d.t, marks: d.marks).utf8)
            }
            return Item(title: item.title, counted: item.counted, note: item.note.map(d.phrase),
                        details: text.isEmpty ? nil : String(decoding: text, as: UTF8.self))
        }
        hasItems = !items.isEmpty
    }
}

extension SiteRenderer {
    func officialPage(_ oi: Int, _ d: Display, memo: PageGroupMemo? = nil) -> OfficialPage? {
        let p = run.province
        let fw = p.framework
        let o = p.officials[oi]
        guard let ri = plan.resultOf[oi], let li = localityIndex[o.locality] else { return nil }
        let r = run.scoreboard.results[ri]
        let l = p.localities[li]
        let D = run.scoreboard.asOf
        let visible = SitePlan.cardCommitments(o, asOf: D)
        let (cards, cardsPager) = commitmentCards(oi, page: 1, d)
        let (removed, removedMore) = removedCommitments(o, d)
        let series = officialSeries(o)
        let card = scoreCard(r, li: li, d, bigMove: bigMove(series, d))
        var details = breakdown(memo?.explained(r, by: run) ?? run.explained(r), o, d)
        if !card.weightDependent { details.robustBand = card.robustness }
        let body = bodies[oi]
        var bodyHTML: String? = body.isEmpty ? nil : body
        var bodyMore: String?, bodyMoreHref: String?
        if let cut = BodyExcerpt.cut(body, budget: SitePlan.PageSize.bodyBytes) {
            bodyHTML = cut.shown.isEmpty ? nil : cut.shown
            bodyMore = d.fill("profile_more", ["kb": d.count((cut.hidden + 999) / 1000)])
            bodyMoreHref = d.root + SitePaths.contentFile(o.file)  // one content file for every language
        }
        return OfficialPage(
            name: o.name, position: o.position, localityName: l.name, localityHref: d.link(SitePaths.locality(l.id)),
            termStart: o.termStart.map(d.date),
            tally: CommitmentTally(visible.map { $0.standing(asOf: D) }, d),
            score: card,
            commitments: cards, hasCommitments: !cards.isEmpty, commitmentsPager: cardsPager, removed: removed, hasRemoved: !removed.isEmpty,
            removedMore: removedMore, ledgerHref: removedMore == nil ? nil : d.link(SitePaths.openData),
            trend: trend(series: series, title: d.label("score_trend"), d),
            hasBody: !body.isEmpty, bodyHTML: bodyHTML, bodyMore: bodyMore, bodyMoreHref: bodyMoreHref,
            feedback: FeedbackBlock(run.scoreboard.tally.officialSummaries[oi], comments: run.scoreboard.tally.commentGroups.officials[oi],
                                    categoryNames: run.scoreboard.tally.categoryNames, id: "fb", period: p.site.period, asOf: D, d),
            breakdown: details,
            summary: "\(o.name), \(o.position): \(d.score(r.total))/100, \(fw.bands[r.band].name.text(d.language))")
    }

    func scoreCard(_ r: OfficialResult, li: Int, _ d: Display, bigMove: String?) -> ScoreCard {
        let fw = run.province.framework
        var card = ScoreCard(total: d.score(r.total), band: d.band(r.band, fw), why: d.bandReason(r, fw), ranks: "",
                             weightDependent: !r.bandIsRobust, consequences: fw.bands[r.band].consequences.text(d.language),
                             provisional: provisional(d), bigMove: bigMove)
        var ranks = d.fill("rank_in_locality_of", ["rank": d.count(r.rankInLocality), "size": d.count(plan.localityBoards[li].count)])
        if let gi = peerGroupOf[r.official] {
            let g = plan.peerGroups[gi]
            ranks += " · " + d.fill("rank_in_peer_group_of", ["rank": d.count(r.rankInPeerGroup), "size": d.count(g.members.count),
                                                             "group": peerGroupName(g, d)])
            card.peerHref = d.link(SitePaths.peerGroup(g.key))
            if g.members.count < SiteRenderer.smallPeerGroup {
                card.peerNote = d.fill("peer_group_small", ["size": d.count(g.members.count)])
            }
        }
        card.ranks = ranks
        if let rb = r.robustness {
            func name(_ i: Int) -> String { fw.bands[i].name.text(d.language) }
            card.robustness = d.fill(rb.isRobust(band: r.band) ? "robust_band" : "weight_dependent_band",
                                     ["min": d.score(rb.totalRange.lowerBound), "max": d.score(rb.totalRange.upperBound),
                                      "lowest": name(rb.lowestBand), "highest": name(rb.highestBand)])
        }
        return card
    }

    func breakdown(_ r: OfficialResult, _ o: Official, _ d: Display) -> Breakdown {
        let fw = run.province.framework
        var criteria: [Breakdown.Criterion] = []
        let explanationHref = d.root + "data/" + SitePaths.explanation(o.locality, o.id)  // the open data is not per language
        let words = d.tables.measures
        for (k, (criterion, c)) in zip(fw.criteria, r.criteria).enumerated() {
            let name = criterion.name.text(d.language)
            // The words made once for the framework's measure at the same
            // place (a result lists its criterion's measures in order).
            let made = k < words.count && words[k].count == c.measures.count ? words[k] : nil
            var row = Breakdown.Criterion(id: c.id, name: name, group: d.label("group_" + c.group.rawValue), groupLetter: c.group.rawValue,
                                          weight: d.number(c.weight),
                                          attainment: d.score(c.attainment ?? .zero),
                                          contribution: c.counts ? d.score(c.contribution) : "—",
                                          measures: c.measures.indices.map { j in
                                              MeasureDetail(c.measures[j], d, explanationHref: explanationHref, words: made?[j])
                                          })
            switch c.status {
            case .scored: break
            case .requiredZero: row.statusNote = d.label("required_zero")
            case .dropped: row.attainment = d.label("not_applicable"); row.statusNote = d.label("dropped")
            }
            criteria.append(row)
        }
        func bandName(_ id: String) -> String { fw.bandIndex(id: id).map { fw.bands[$0].name.text(d.language) } ?? id }
        let limit = SitePlan.PageSize.breakdownRecords
        let audits = r.audits.prefix(limit).map { a -> Breakdown.Audit in
            var action = a.audit.action.describe(strings: d.t, bandName: bandName)
            if a.applied, case .deduct = a.audit.action {
                let before = Rational(decimal: a.before).map { d.score($0) } ?? a.before
                let after = Rational(decimal: a.after).map { d.score($0) } ?? a.after
                action += " (\(before) → \(after))"
            } else if a.applied {
                action += " (\(bandName(a.before)) → \(bandName(a.after)))"
            }
            return Breakdown.Audit(date: d.date(a.audit.on), by: a.audit.by, finding: a.audit.finding,
                                   reference: a.audit.reference, action: action, ignored: !a.applied)
        }
        var gate: String?
        if let g = r.gate, let a = g.attainment {
            gate = d.fill(g.capped ? "gate_line_capped" : (g.passed ? "gate_line_passed" : "gate_line_failed"),
                          ["value": d.score(a), "min": d.number(g.minimum), "band": bandName(g.capBand)])
        }
        let incidents = o.incidents.prefix(limit).map { i in
            Breakdown.Incident(title: i.title, occurred: d.time(i.occurred), responded: i.responded.map(d.time) ?? "—",
                               resolved: i.resolved.map(d.time) ?? "—", targetHours: d.number(i.targetResponseHours),
                               outcome: d.label("outcome_" + i.outcome.rawValue))
        }
        let initiatives = o.initiatives.prefix(limit).map { i -> Breakdown.Initiative in
            var parts: [String] = []
            if let b = i.baseline.days, let c = i.current.days { parts.append("\(d.number(b)) → \(d.number(c)) \(d.label("days"))") }
            if let b = i.baseline.costVND, let c = i.current.costVND { parts.append("\(d.number(b)) → \(d.number(c)) \(d.label("vnd"))") }
            if let b = i.baseline.steps, let c = i.current.steps { parts.append("\(d.number(b)) → \(d.number(c)) \(d.label("steps"))") }
            return Breakdown.Initiative(title: i.title, adoptedOn: d.date(i.adoptedOn), changes: parts.joined(separator: ", "),
                                        sustained: d.label(i.sustained.map { $0 ? "sustained_true" : "sustained_false" } ?? "sustained_unknown"),
                                        verifiedBy: i.verifiedBy.isEmpty ? nil : i.verifiedBy)
        }
        return Breakdown(criteria: criteria,
                         weightedTotal: d.score(r.weightedTotal), countedWeight: d.number(r.countedWeight),
                         adjusted: Number.round(r.weightedTotal) != r.total
                            ? d.fill("adjusted_line", ["weighted": d.score(r.weightedTotal), "total": d.score(r.total)]) : nil,
                         audits: audits, hasAudits: !audits.isEmpty, gate: gate,
                         incidents: incidents, hasIncidents: !incidents.isEmpty,
                         initiatives: initiatives, hasInitiatives: !initiatives.isEmpty,
                         auditsMore: d.more("audits_more", all: r.audits.count, shown: limit),
                         auditsMoreHref: r.audits.count > limit ? explanationHref : nil,
                         incidentsMore: d.more("incidents_more", all: o.incidents.count, shown: limit),
                         initiativesMore: d.more("initiatives_more", all: o.initiatives.count, shown: limit),
                         recordsMoreHref: max(o.incidents.count, o.initiatives.count) > limit ? d.root + SitePaths.contentFile(o.file) : nil)
    }
}

extension OfficialPage: TemplateRepresentable {
    func fields(into f: inout TemplateTree) {
        f.put("name", name); f.put("position", position); f.put("localityName", localityName)
        f.put("localityHref", localityHref); f.put("termStart", termStart); f.put("tally", tally); f.put("score", score)
        f.put("commitments", commitments); f.put("hasCommitments", hasCommitments)
        f.put("commitmentsPager", commitmentsPager); f.put("removed", removed)
        f.put("hasRemoved", hasRemoved)
        f.put("removedMore", removedMore); f.put("ledgerHref", ledgerHref); f.put("trend", trend); f.put("hasBody", hasBody); f.put("bodyHTML", bodyHTML)
        f.put("bodyMore", bodyMore); f.put("bodyMoreHref", bodyMoreHref); f.put("feedback", feedback)
        f.put("breakdown", breakdown); f.put("summary", summary)
    }
}

extension RemovedCommitment: TemplateRepresentable {
    func fields(into f: inout TemplateTree) {
        f.put("id", id); f.put("title", title); f.put("removed", removed); f.put("facts", facts); f.put("history", history)
    }
}

extension Breakdown: TemplateRepresentable {
    func fields(into f: inout TemplateTree) {
        f.put("criteria", criteria); f.put("weightedTotal", weightedTotal); f.put("countedWeight", countedWeight)
        f.put("adjusted", adjusted); f.put("robustBand", robustBand); f.put("audits", audits); f.put("hasAudits", hasAudits)
        f.put("gate", gate); f.put("incidents", incidents); f.put("hasIncidents", hasIncidents)
        f.put("initiatives", initiatives); f.put("hasInitiatives", hasInitiatives)
        f.put("auditsMore", auditsMore); f.put("auditsMoreHref", auditsMoreHref); f.put("incidentsMore", incidentsMore)
        f.put("initiativesMore", initiativesMore); f.put("recordsMoreHref", recordsMoreHref)
    }
}

extension Breakdown.Criterion: TemplateRepresentable {
    func fields(into f: inout TemplateTree) {
        f.put("id", id); f.put("name", name); f.put("group", group); f.put("groupLetter", groupLetter); f.put("weight", weight)
        f.put("attainment", attainment); f.put("contribution", contribution); f.put("statusNote", statusNote)
        f.put("measures", measures)
    }
}

extension Breakdown.Audit: TemplateRepresentable {
    func fields(into f: inout TemplateTree) {
        f.put("date", date); f.put("by", by); f.put("finding", finding); f.put("reference", reference)
        f.put("action", action); f.put("ignored", ignored)
    }
}

extension Breakdown.Incident: TemplateRepresentable {
    func fields(into f: inout TemplateTree) {
        f.put("title", title); f.put("occurred", occurred); f.put("responded", responded); f.put("resolved", resolved)
        f.put("targetHours", targetHours); f.put("outcome", outcome)
    }
}

extension Breakdown.Initiative: TemplateRepresentable {
    func fields(into f: inout TemplateTree) {
        f.put("title", title); f.put("adoptedOn", adoptedOn); f.put("changes", changes); f.put("sustained", sustained)
        f.put("verifiedBy", verifiedBy)
    }
}

extension MeasureDetail: TemplateRepresentable {
    func fields(into f: inout TemplateTree) {
        f.put("label", label); f.put("plain", plain); f.put("attainment", attainment); f.put("formula", formula)
        f.put("notApplicable", notApplicable); f.put("facts", facts); f.put("hasFacts", hasFacts); f.put("items", items)
        f.put("hasItems", hasItems); f.put("itemsMore", itemsMore); f.put("explanationHref", explanationHref)
    }
}

extension MeasureDetail.Fact: TemplateRepresentable {
    func fields(into f: inout TemplateTree) {
        f.put("label", label); f.put("value", value)
    }
}

extension MeasureDetail.Item: TemplateRepresentable {
    func fields(into f: inout TemplateTree) {
        f.put("title", title); f.put("counted", counted); f.put("note", note); f.put("details", details)
    }
}
