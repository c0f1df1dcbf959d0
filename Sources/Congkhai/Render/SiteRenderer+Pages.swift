import Foundation

extension SiteRenderer {
    func homeContext(_ e: PageEnv) -> [String: Any] {
        let p = run.province
        let fw = p.framework
        var counts = [Int](repeating: 0, count: fw.bands.count)
        for r in run.scoreboard.results { counts[r.band] += 1 }
        let n = max(1, run.scoreboard.results.count)
        let bands: [[String: Any]] = fw.bands.indices.map { i in
            var b = bandContext(i, e)
            b["count"] = counts[i]
            b["share"] = fmt(Rational(100 * counts[i], n), e, places: 1) + " %"
            return b
        }
        let chart = Charts.horizontal(fw.bands.indices.map {
            Charts.Bar(label: fw.bands[$0].name.text(e.language), value: Double(counts[$0]), valueText: String(counts[$0]), fill: bandColours.colour($0))
        }, maxValue: Double(counts.max() ?? 0), title: e.label("band_distribution"))
        let overdue = plan.commitmentLists[.overdue] ?? []
        let updates: [[String: Any]] = plan.recentUpdates.prefix(10).map { ref in
            let o = p.officials[ref.official]
            let c = o.commitments[ref.commitment]
            let u = c.updates[ref.update]
            var m: [String: Any] = ["date": u.on.description, "official_name": o.name,
                                    "official_href": officialLink(ref.official, e) + "#ck-" + c.id, "title": c.title]
            if let pr = u.progress { m["progress"] = fmtShort(pr, e) }
            if !u.note.isEmpty { m["note"] = u.note }
            return m
        }
        var ctx: [String: Any] = [
            "n_officials": p.officials.count, "n_localities": p.localities.count,
            "n_commitments": p.officials.reduce(0) { $0 + $1.commitments.count },
            "n_feedback": run.scoreboard.tally.inWindowRows,
            "bands": bands, "band_chart": chart,
            "localities": localityRows(e).prefix(10).map { $0 },
            "n_overdue": overdue.count, "overdue_href": e.link(SitePaths.commitments(.overdue)),
            "changes_href": e.link(SitePaths.changes),
            // Root-absolute (from base_url's path): the same bytes must also work inside the frozen copy itself.
            "frozen": history.frozenPeriods.map { ["id": $0, "href": basePath + "ky/" + $0 + "/"] },
            "has_frozen": !history.frozenPeriods.isEmpty,
            "updates": updates,
        ]
        if !overdue.isEmpty {
            ctx["has_overdue"] = true
            ctx["overdue"] = overdue.prefix(10).map { commitmentRow($0, e, withOfficial: true) }
        }
        return ctx
    }

    func localityRows(_ e: PageEnv) -> [[String: Any]] {
        let p = run.province
        return plan.localityRanking.map { lr in
            let l = p.localities[lr.locality]
            return ["rank": lr.rank, "name": l.name, "href": e.link(SitePaths.locality(l.id)),
                    "kind": e.label("locality_" + l.kind.rawValue), "context": e.label("context_" + l.context.rawValue),
                    "mean": fmt(lr.mean, e), "officials": lr.officials]
        }
    }

    func localitiesContext(_ e: PageEnv) -> [String: Any] { ["localities": localityRows(e)] }

    func localityContext(_ li: Int, _ e: PageEnv) -> [String: Any] {
        let p = run.province
        let l = p.localities[li]
        var ctx: [String: Any] = [
            "name": l.name, "kind": e.label("locality_" + l.kind.rawValue), "context": e.label("context_" + l.context.rawValue),
            "notice_href": e.link(SitePaths.notice(l.id)), "feed_href": e.root + SitePaths.localityFeed(l.id),
            "caption": e.label("leaderboard") + " — " + l.name,
            "rows": leaderboardRows(plan.localityBoards[li], e, showLocality: false),
        ]
        if let pop = l.population { ctx["population"] = pop.formatted(.number.locale(Locale(identifier: e.language == "vi" ? "vi_VN" : "en_US"))) }
        if let lr = plan.localityRanking.first(where: { $0.locality == li }) {
            ctx["locality_rank"] = lr.rank
            ctx["mean"] = fmt(lr.mean, e)
        }
        if let q = ExcellenceQuota.status(locality: l.id, results: run.scoreboard.results, province: p), q.exceeded {
            ctx["quota_exceeded"] = true
            ctx["excellent"] = q.counted
            ctx["good"] = q.of
        }
        let indicators: [[String: Any]] = l.indicators.map { i in
            var m: [String: Any] = ["name": i.name, "baseline": fmtShort(i.baseline, e), "target": fmtShort(i.target, e),
                                    "actual": i.actual.map { fmtShort($0, e) } ?? e.label("no_data"),
                                    "direction": e.label("direction_" + i.direction.rawValue)]
            if !i.unit.isEmpty { m["unit"] = i.unit }
            return m
        }
        if !indicators.isEmpty { ctx["has_indicators"] = true; ctx["indicators"] = indicators }
        let adjustments: [[String: Any]] = l.normAdjustments.map { a in
            var m: [String: Any] = ["product": p.products[a.product]?.name ?? a.product, "factor": fmtShort(a.factor, e),
                                    "reason": a.reason, "approved_by": a.approvedBy, "decision": a.decision]
            if let on = a.approvedOn { m["approved_on"] = on.description }
            return m
        }
        if !adjustments.isEmpty { ctx["has_adjustments"] = true; ctx["adjustments"] = adjustments }
        let overdue = (plan.commitmentLists[.overdue] ?? []).filter { p.officials[$0.official].locality == l.id }
        if !overdue.isEmpty {
            ctx["has_overdue"] = true
            ctx["overdue"] = overdue.map { commitmentRow($0, e, withOfficial: true) }
        }
        let comments = run.scoreboard.tally.comments.filter { $0.locality == li }
        for (k, v) in feedbackContext(run.scoreboard.tally.localitySummaries[li], comments: comments, id: "loc", e) { ctx[k] = v }
        ctx["changes_href"] = e.link(SitePaths.localityChanges(l.id))
        if let n = history.removedRows[l.id], n > 0 {
            ctx["removed_rows"] = changeText(e).fill("removed_rows", ["count": String(n)])
        }
        if let tr = trend(series: localitySeries(l), title: e.label("mean_trend"), e) {
            ctx["trend_chart"] = tr["chart"]
            ctx["trend_rows"] = tr["rows"]
            ctx["has_trend"] = true
        }
        return ctx
    }

    func officialContext(_ oi: Int, _ e: PageEnv) -> [String: Any] {
        let p = run.province
        let fw = p.framework
        let o = p.officials[oi]
        guard let ri = plan.resultOf[oi] else { return [:] }
        let r = run.scoreboard.results[ri]
        let li = p.localities.firstIndex { $0.id == o.locality } ?? 0
        let l = p.localities[li]
        let D = run.scoreboard.asOf
        var ctx: [String: Any] = [
            "name": o.name, "position": o.position, "locality_name": l.name, "locality_href": e.link(SitePaths.locality(l.id)),
            "total": fmt(r.total, e), "rank_in_locality": r.rankInLocality, "locality_size": plan.localityBoards[li].count,
            "rank_in_peer_group": r.rankInPeerGroup,
            "consequences": fw.bands[r.band].consequences.text(e.language),
            "weighted_total": fmt(r.weightedTotal, e), "counted_weight": fmtShort(r.countedWeight, e),
            "description": "\(o.name), \(o.position): \(Number.fixed(r.total))/100, \(fw.bands[r.band].name.text(e.language))",
        ]
        for (k, v) in bandContext(r.band, e) { ctx[k] = v }
        if let rb = r.robustness {
            func name(_ i: Int) -> String { fw.bands[i].name.text(e.language) }
            ctx["robustness_text"] = e.label(rb.isRobust(band: r.band) ? "robust_band" : "weight_dependent_band")
                .replacingOccurrences(of: "{{min}}", with: fmt(rb.totalRange.lowerBound, e))
                .replacingOccurrences(of: "{{max}}", with: fmt(rb.totalRange.upperBound, e))
                .replacingOccurrences(of: "{{lowest}}", with: name(rb.lowestBand))
                .replacingOccurrences(of: "{{highest}}", with: name(rb.highestBand))
            if !rb.isRobust(band: r.band) { ctx["weight_dependent"] = true }
        }
        if r.band != r.bandFromTotal {
            ctx["band_changed"] = true
            ctx["band_from_total"] = fw.bands[r.bandFromTotal].name.text(e.language)
        }
        if Number.round(r.weightedTotal) != r.total { ctx["adjusted"] = true }
        if let ts = o.termStart { ctx["term_start"] = ts.description }
        if let gi = plan.peerGroups.firstIndex(where: { g in g.members.contains { $0.result == ri } }) {
            ctx["peer_href"] = e.link(SitePaths.peerGroup(plan.peerGroups[gi].key))
            ctx["peer_size"] = plan.peerGroups[gi].members.count
        }
        let body = bodies[oi]
        if !body.isEmpty { ctx["has_body"] = true; ctx["body_html"] = body }

        // Breakdown.
        var criteria: [[String: Any]] = []
        var bars: [Charts.Bar] = []
        for (criterion, c) in zip(fw.criteria, r.criteria) {
            var m: [String: Any] = [
                "id": c.id, "name": criterion.name.text(e.language), "group": c.group.rawValue,
                "weight": fmtShort(c.weight, e), "contribution": c.counts ? fmt(c.contribution, e) : "—",
            ]
            switch c.status {
            case .scored: m["attainment"] = fmt(c.attainment ?? .zero, e)
            case .requiredZero: m["attainment"] = fmt(.zero, e); m["status_note"] = e.label("required_zero")
            case .dropped: m["attainment"] = e.label("not_applicable"); m["status_note"] = e.label("dropped")
            }
            // The bar takes the colour of the band its attainment would fall in: the framework's bands, not literals.
            bars.append(Charts.Bar(label: criterion.name.text(e.language), value: (c.attainment ?? .zero).approximateDouble,
                                   valueText: c.counts ? fmt(c.attainment ?? .zero, e) : e.label("not_applicable"),
                                   fill: bandColours.colour(fw.bandIndex(for: (c.attainment ?? .zero).rounded(places: 2)))))
            m["measures"] = c.measures.map { measureContext($0, e) }
            criteria.append(m)
        }
        ctx["criteria"] = criteria
        ctx["criteria_chart"] = Charts.horizontal(bars, maxValue: 100, title: e.label("breakdown"))

        let audits: [[String: Any]] = r.audits.map { a in
            func bandName(_ id: String) -> String { fw.bandIndex(id: id).map { fw.bands[$0].name.text(e.language) } ?? id }
            var action = a.audit.action.describe(e.language, bandName: bandName)
            if a.applied, case .deduct = a.audit.action {
                action += " (\(a.before.replacingOccurrences(of: ".", with: e.language == "vi" ? "," : ".")) → \(a.after.replacingOccurrences(of: ".", with: e.language == "vi" ? "," : ".")))"
            } else if a.applied {
                action += " (\(bandName(a.before)) → \(bandName(a.after)))"
            }
            var m: [String: Any] = ["on": a.audit.on.description, "by": a.audit.by, "finding": a.audit.finding,
                                    "reference": a.audit.reference, "action": action]
            if !a.applied { m["ignored"] = true }
            return m
        }
        if !audits.isEmpty { ctx["has_audits"] = true; ctx["audits"] = audits }
        if let g = r.gate, let a = g.attainment {
            ctx["has_gate"] = true
            ctx["gate_attainment"] = fmt(a, e)
            ctx["gate_min"] = fmtShort(g.minimum, e)
            ctx["gate_status"] = g.passed ? e.label("gate_passed") : e.label("group_b_fail")
            if g.capped {
                ctx["gate_capped"] = true
                ctx["gate_band"] = fw.bandIndex(id: g.capBand).map { fw.bands[$0].name.text(e.language) } ?? g.capBand
            }
        }

        // Commitments with their timelines.
        let visible = o.commitments.filter { $0.isPublished(asOf: D) }
        let commitments: [[String: Any]] = visible.map { c in
            var m = commitmentRow(SitePlan.CommitmentRef(official: oi, commitment: o.commitments.firstIndex { $0.id == c.id } ?? 0), e, withOfficial: false)
            m["id"] = c.id
            m["group"] = c.group.rawValue
            m["difficulty"] = e.label("difficulty_" + c.difficulty.rawValue)
            if !c.unit.isEmpty { m["unit"] = c.unit }
            if !c.acceptance.isEmpty { m["acceptance"] = c.acceptance }
            if !c.partners.isEmpty {
                m["partners"] = c.partners.map { id in p.localities.first { $0.id == id }?.name ?? id }.joined(separator: ", ")
            }
            if c.status == .withdrawn {
                m["withdrawn_note"] = c.isApprovedWithdrawal ? e.label("withdrawn_approved") : e.label("withdrawn_unapproved")
                if let w = c.withdrawal {
                    var parts: [String] = []
                    if !w.reason.isEmpty { parts.append(e.label("withdrawn_reason") + ": " + w.reason) }
                    if !w.approvedBy.isEmpty { parts.append(e.label("approved_by") + ": " + w.approvedBy) }
                    if !w.decision.isEmpty { parts.append(e.label("decision") + ": " + w.decision) }
                    if let on = w.on { parts.append(e.label("withdrawn_on") + ": " + (e.language == "vi" ? on.vietnamese : on.description)) }
                    if !parts.isEmpty { m["withdrawal"] = parts.joined(separator: " · ") }
                }
            }
            let updates: [[String: Any]] = c.updates.filter { $0.on <= D }.map { u in
                var um: [String: Any] = ["on": u.on.description]
                if let pr = u.progress { um["progress"] = fmtShort(pr, e) }
                if !u.note.isEmpty { um["note"] = u.note }
                if let ev = u.evidence, let safe = LinkPolicy.href(ev) {
                    um["evidence"] = safe.hasPrefix("/") ? e.root + String(safe.dropFirst()) : safe
                }
                return um
            }
            if !updates.isEmpty { m["has_updates"] = true; m["updates"] = updates }
            return m
        }
        ctx["commitments"] = commitments.map { m -> [String: Any] in
            var m = m
            let lines = commitmentHistory(o, m["id"] as? String ?? "", e)
            m["c_history"] = lines
            if !lines.isEmpty { m["has_c_history"] = true }
            return m
        }
        if !commitments.isEmpty { ctx["has_commitments"] = true }
        let removed = removedCommitments(o, e).map { m -> [String: Any] in
            var m = m
            if let lines = m["history"] as? [String], !lines.isEmpty { m["c_history"] = lines; m["has_c_history"] = true }
            m["history"] = nil
            return m
        }
        if !removed.isEmpty { ctx["removed_commitments"] = removed; ctx["has_removed_commitments"] = true }
        let series = officialSeries(o)
        if let tr = trend(series: series, title: e.label("score_trend"), e) {
            ctx["trend_chart"] = tr["chart"]
            ctx["trend_rows"] = tr["rows"]
            ctx["has_trend"] = true
        }
        if let move = bigMove(series, e) { ctx["big_move"] = move }

        let incidents: [[String: Any]] = o.incidents.map { i in
            [
                "title": i.title, "occurred": i.occurred.description.replacingOccurrences(of: "T", with: " "),
                "responded": i.responded.map { $0.description.replacingOccurrences(of: "T", with: " ") } ?? "—",
                "resolved": i.resolved.map { $0.description.replacingOccurrences(of: "T", with: " ") } ?? "—",
                "target_hours": fmtShort(i.targetResponseHours, e), "outcome": e.label("outcome_" + i.outcome.rawValue),
            ]
        }
        if !incidents.isEmpty { ctx["has_incidents"] = true; ctx["incidents"] = incidents }
        let initiatives: [[String: Any]] = o.initiatives.map { i in
            var parts: [String] = []
            if let b = i.baseline.days, let c = i.current.days { parts.append("\(fmtShort(b, e)) → \(fmtShort(c, e)) \(e.label("days"))") }
            if let b = i.baseline.costVND, let c = i.current.costVND { parts.append("\(fmtShort(b, e)) → \(fmtShort(c, e)) \(e.label("vnd"))") }
            if let b = i.baseline.steps, let c = i.current.steps { parts.append("\(fmtShort(b, e)) → \(fmtShort(c, e)) \(e.label("steps"))") }
            var m: [String: Any] = [
                "title": i.title, "adopted_on": i.adoptedOn.description, "changes": parts.joined(separator: ", "),
                "sustained": e.label(i.sustained.map { $0 ? "sustained_true" : "sustained_false" } ?? "sustained_unknown"),
            ]
            if !i.verifiedBy.isEmpty { m["verified_by"] = i.verifiedBy }
            return m
        }
        if !initiatives.isEmpty { ctx["has_initiatives"] = true; ctx["initiatives"] = initiatives }
        let comments = run.scoreboard.tally.comments.filter { $0.official == oi }
        for (k, v) in feedbackContext(run.scoreboard.tally.officialSummaries[oi], comments: comments, id: "off", e) { ctx[k] = v }
        return ctx
    }

    func measureLabel(_ m: Measure, _ e: PageEnv) -> String { m.label { e.label($0) } }

    func measureContext(_ m: MeasureResult, _ e: PageEnv) -> [String: Any] {
        var ctx: [String: Any] = [
            "label": measureLabel(m.measure, e),
            "attainment": m.attainment.map { fmt($0, e) } ?? e.label("not_applicable"),
            "formula": m.explanation.formula.text(e.t, iso: e.language == "en"),
        ]
        if let na = m.explanation.notApplicable { ctx["na"] = na.text(e.t, iso: e.language == "en") }
        let facts: [[String: Any]] = m.explanation.facts.map { ["label": $0.label.text(e.t), "value": factValue($0.value, e)] }
        if !facts.isEmpty { ctx["has_facts"] = true; ctx["facts"] = facts }
        let items: [[String: Any]] = m.explanation.items.map { item in
            var im: [String: Any] = ["title": item.title, "counted": item.counted]
            if let note = item.note { im["note"] = note.text(e.t, iso: e.language == "en") }
            let text = item.facts.map { "\($0.label.text(e.t)): \(factValue($0.value, e))" }.joined(separator: "; ")
            if !text.isEmpty { im["facts_text"] = text }
            return im
        }
        if !items.isEmpty { ctx["has_items"] = true; ctx["items"] = items }
        return ctx
    }

    func factValue(_ v: Explanation.Value, _ e: PageEnv) -> String { v.text(e.language, strings: e.t) }

    func noticeContext(_ li: Int, _ e: PageEnv) -> [String: Any] {
        let p = run.province
        let l = p.localities[li]
        let D = run.scoreboard.asOf
        let officials: [[String: Any]] = plan.localityBoards[li].map { m in
            let r = run.scoreboard.results[m.result]
            let o = p.officials[r.official]
            let url = baseURL + SitePaths.prefix(e.language, default: plan.defaultLanguage) + SitePaths.official(o.locality, o.id)
            let commitments: [[String: Any]] = o.commitments.enumerated().compactMap { ci, c in
                guard c.isPublished(asOf: D) else { return nil }
                return commitmentRow(SitePlan.CommitmentRef(official: r.official, commitment: ci), e, withOfficial: false)
            }
            var m: [String: Any] = ["name": o.name, "position": o.position, "total": fmt(r.total, e),
                                    "band_name": p.framework.bands[r.band].name.text(e.language), "commitments": commitments]
            if let qr = QRCode.svg(url, label: e.label("notice_scan") + ": " + o.name) { m["qr"] = qr }
            return m
        }
        var ctx: [String: Any] = ["name": l.name, "locality_href": e.link(SitePaths.locality(l.id)), "officials": officials]
        if let portal = p.site.feedbackChannels.first(where: { $0.key == "portal" })?.value, LinkPolicy.href(portal) != nil,
           let qr = QRCode.svg(portal, label: e.label("notice_feedback_qr")) {
            ctx["portal_qr"] = qr
        }
        return ctx
    }

    func peerGroupsContext(_ e: PageEnv) -> [String: Any] {
        ["groups": plan.peerGroups.map { g -> [String: Any] in
            ["href": e.link(SitePaths.peerGroup(g.key)), "role": e.label("role_" + g.role.rawValue),
             "context": e.label("context_" + g.context.rawValue), "size": g.members.count]
        }]
    }

    func peerGroupContext(_ gi: Int, _ e: PageEnv) -> [String: Any] {
        let g = plan.peerGroups[gi]
        let role = e.label("role_" + g.role.rawValue), context = e.label("context_" + g.context.rawValue)
        return ["role": role, "context": context, "groups_href": e.link(SitePaths.peerGroups), "show_locality": true,
                "caption": "\(role) — \(context)", "rows": leaderboardRows(g.members, e, showLocality: true)]
    }

    func commitmentsContext(_ list: CommitmentList, _ e: PageEnv) -> [String: Any] {
        let key: [CommitmentList: String] = [.overdue: "list_overdue", .dueSoon: "list_due_soon", .done: "list_done", .withdrawn: "list_withdrawn"]
        let items = plan.commitmentLists[list] ?? []
        var ctx: [String: Any] = [
            "heading": e.label(key[list] ?? ""), "count": items.count,
            "lists": CommitmentList.allCases.map { l -> [String: Any] in
                var m: [String: Any] = ["href": e.link(SitePaths.commitments(l)), "label": e.label(key[l] ?? "")]
                if l == list { m["current"] = true }
                return m
            },
        ]
        if !items.isEmpty {
            ctx["has_items"] = true
            ctx["items"] = items.map { commitmentRow($0, e, withOfficial: true) }
        }
        return ctx
    }

    func feedbackPageContext(_ e: PageEnv) -> [String: Any] {
        let p = run.province
        let tally = run.scoreboard.tally
        var ctx = feedbackContext(tally.province, comments: tally.comments, id: "prov", e)
        ctx["localities"] = p.localities.enumerated().map { li, l -> [String: Any] in
            let s = tally.localitySummaries[li]
            return ["name": l.name, "href": e.link(SitePaths.locality(l.id)), "rows": s.rows,
                    "mean": s.ratingMean.map { fmt($0, e) } ?? "—", "open": s.complaintsOpen, "overdue": s.complaintsOverdue]
        }
        return ctx
    }

    func methodologyContext(_ e: PageEnv) -> [String: Any] {
        let fw = run.province.framework
        let criteria: [[String: Any]] = fw.criteria.map { c in
            var m: [String: Any] = [
                "id": c.id, "name": c.name.text(e.language), "group": e.label("group_" + c.group.rawValue),
                "weight": fmtShort(c.weight, e), "required": e.label(c.required ? "yes" : "no"),
                "weight_range": c.weightRange.map { fmtShort($0.lowerBound, e) + "–" + fmtShort($0.upperBound, e) } ?? "—",
                "basis": c.basis?.text(e.language) ?? e.label("proposal"),
                "measures": c.measures.map { m -> [String: Any] in
                    ["label": measureLabel(m, e), "formula": m.formula.text(e.t)]
                },
            ]
            if c.required { m["required_note"] = e.label("required_zero") }
            return m
        }
        var ctx: [String: Any] = [
            "criteria": criteria,
            "bands": fw.bands.indices.map { i -> [String: Any] in
                var b = bandContext(i, e)
                b["min"] = fmtShort(fw.bands[i].min, e)
                b["consequences"] = fw.bands[i].consequences.text(e.language)
                return b
            },
        ]
        if fw.hasWeightRanges {
            let results = run.scoreboard.results
            let robust = results.filter(\.bandIsRobust).count
            ctx["robustness_text"] = e.label("robustness_summary")
                .replacingOccurrences(of: "{{robust}}", with: String(robust))
                .replacingOccurrences(of: "{{total}}", with: String(results.count))
                .replacingOccurrences(of: "{{dependent}}", with: String(results.count - robust))
        }
        if let q = fw.excellenceQuota {
            func name(_ id: String) -> String { fw.bandIndex(id: id).map { fw.bands[$0].name.text(e.language) } ?? id }
            ctx["quota_text"] = e.label("quota_rule").replacingOccurrences(of: "{{band}}", with: name(q.band))
                .replacingOccurrences(of: "{{of_band}}", with: name(q.ofBand))
                .replacingOccurrences(of: "{{share}}", with: fmtShort(q.share * 100, e))
        }
        if let g = fw.gate {
            let band = fw.bandIndex(id: g.capBand).map { fw.bands[$0].name.text(e.language) } ?? g.capBand
            ctx["gate_text"] = e.label("gate_rule").replacingOccurrences(of: "{{min}}", with: fmtShort(g.groupBMin, e))
                .replacingOccurrences(of: "{{band}}", with: band)
        }
        return ctx
    }

    func openDataContext(_ e: PageEnv) -> [String: Any] {
        let files: [(String, String)] = [
            ("scores.json", "od_scores_json"), ("scores.csv", "od_scores_csv"), ("criteria.csv", "od_criteria_csv"),
            ("explanations/", "od_explanations"), ("commitments.csv", "od_commitments_csv"),
            ("feedback-summary.csv", "od_feedback_csv"), ("datapackage.json", "od_datapackage"), ("manifest.json", "od_manifest"),
        ]
        var out: [String: Any] = ["files": files.map { name, key -> [String: Any] in
            // The manifest (and the ledger below) belong to the live site: root-absolute, so a frozen copy links to them too.
            ["name": "data/" + name, "href": (name == "manifest.json" ? basePath : e.root) + "data/" + (name.hasSuffix("/") ? name + "index.json" : name),
             "description": e.label(key)]
        }]
        // Every published data file is linked from here, so that a copy made with
        // `wget --mirror` holds all of them and `congkhai verify --recompute` works on it.
        let p = run.province
        var all: [String] = [ScoreHistory.path(period: p.site.period)]
        all += p.inputFiles.filter { !$0.hasPrefix("feedback/") && !$0.hasPrefix("static/") }.map { "data/content/" + $0 }
        for (li, l) in p.localities.enumerated() where run.scoreboard.tally.localitySummaries[li].rows > 0 {
            all.append("data/feedback/\(l.id).csv.gz")
        }
        for o in p.officials { all.append("data/explanations/\(o.locality)/\(o.id).json") }
        all += ["search-index.json", "sitemap.xml", "feed.xml", SitePaths.changesFeed, "404.html"]
        var entries: [[String: Any]] = ["data/ledger/entries.jsonl", "data/ledger/head.json"].map { ["name": $0, "href": basePath + $0] }
        entries += all.map { ["name": $0, "href": e.root + $0] }
        entries += history.frozenPeriods.map { ["name": "ky/\($0)/", "href": basePath + "ky/\($0)/"] }
        out["all_files"] = entries
        return out
    }

    func searchContext(_ e: PageEnv) -> [String: Any] {
        let p = run.province
        var byLocality: [String: [[String: Any]]] = [:]
        for (oi, o) in p.officials.enumerated() {
            byLocality[o.locality, default: []].append(["name": o.name, "href": officialLink(oi, e), "position": o.position])
        }
        return [
            "index_href": e.root + "search-index.json",
            "lang_prefix": e.prefix,
            "localities": p.localities.map { l -> [String: Any] in
                ["name": l.name, "href": e.link(SitePaths.locality(l.id)), "officials": byLocality[l.id] ?? []]
            },
        ]
    }
}
