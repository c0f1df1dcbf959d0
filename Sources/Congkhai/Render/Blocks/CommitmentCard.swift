/// One commitment as a citizen reads it: what, where it stands, by when,
/// how far (a bar), the latest report with its evidence; older reports and
/// the ledger's record of changes folded away. Lists that mix officials lay
/// the same model out as a one-paragraph item (`commitment-item`) that links
/// to the official's page, so they stay light.
struct CommitmentCard: Encodable, Sendable {
    struct Update: Encodable, Sendable {
        var date: DateText
        /// Named apart from the card's `progress`: Mustache would otherwise fall back to it.
        var progressReport: String?
        var note: String?
        var evidence: String?
    }

    var id: String
    /// `ck-<id>` on the official's own page (links point there); nil on lists,
    /// where two officials' commitments may share an id.
    var anchor: String?
    var title: String
    var standing: String
    var standingLabel: String
    var statusLabel: String
    var alert: Bool
    var deadline: DateText
    /// "Còn 12 ngày", "Quá hạn 30 ngày", "Hoàn thành 12/05/2026 (đúng hạn)".
    var timing: String
    var progress: Int?
    var progressText: String?
    /// Status says done, numbers disagree: both, in one sentence.
    var honesty: String?
    var target: String?
    var actual: String?
    var group: String
    var difficulty: String
    var acceptance: String?
    var partners: String?
    var withdrawal: String?
    var latest: Update?
    var older: [Update]
    var hasOlder: Bool
    /// "… and 300 earlier reports" past `PageSize.cardUpdates`, linking to the published content files.
    var olderMore: String?
    var olderHref: String?
    var history: [String]
    var hasHistory: Bool
    /// "… and 40 earlier changes" past the newest `SiteHistory.commitmentShown`, linking to the ledger's open data.
    var historyEarlier: String?
    var ledgerHref: String?
    /// Whose commitment, on lists that mix officials.
    var officialName: String?
    var officialHref: String?
    var localityName: String?
}

extension CommitmentCard {
    /// The commitment, its official, the province and the words are
    /// borrowed: an initializer takes its arguments owned, and each card
    /// copied them — a copy of `Province` retains every table of the
    /// country, the same objects on both cores.
    init(_ c: borrowing Commitment, official o: borrowing Official, locality: Locality?, province p: borrowing Province, asOf D: Day,
         _ d: borrowing Display, history: [String] = [], withOfficial: Bool = false, officialHref: String? = nil) {
        id = c.id
        anchor = withOfficial ? nil : Concat.join("ck-", c.id)
        title = c.title
        let s = c.standing(asOf: D)
        standing = s.rawValue
        standingLabel = d.label(Concat.join("standing_", s.rawValue))
        statusLabel = d.label(Concat.join("status_", c.status.rawValue))
        alert = s == .overdue
        deadline = d.date(c.deadline)
        switch s {
        case .doneOnTime, .doneLate:
            timing = d.fill(s == .doneOnTime ? "timing_done_on_time" : "timing_done_late",
                            ["date": c.completedOn.map { $0.vietnamese } ?? "", "days": d.count(max(0, (c.completedOn ?? D) - c.deadline))])
        case .overdue: timing = d.fill("timing_overdue", ["days": d.count(D - c.deadline)])
        case .withdrawn: timing = d.label("standing_withdrawn")
        case .inProgress:
            let left = c.deadline - D
            timing = left == 0 ? d.label("timing_due_today") : d.fill("timing_days_left", ["days": d.count(left)])
        }
        let effective = p.effectiveTarget(of: c, locality: locality, asOf: D)
        if let pr = c.progress(asOf: D, target: effective) {
            progress = pr.roundedInt
            progressText = d.percent(pr)
        }
        if let gap = c.doneShortfall(target: effective, asOf: D) {
            var parts: [String] = []
            if let share = gap.shareOfTarget { parts.append(d.fill("honesty_share", ["share": d.percent(share)])) }
            if let last = gap.lastProgress { parts.append(d.fill("honesty_progress", ["progress": d.percent(last)])) }
            honesty = d.label("honesty_reported_done") + " — " + parts.joined(separator: "; ")
        }
        target = effective.map { d.quantity($0, unit: c.unit) }
        actual = c.actual.map { d.quantity($0, unit: c.unit) }
        group = d.label(Concat.join("commitment_group_", c.group.rawValue))
        difficulty = d.label(Concat.join("difficulty_", c.difficulty.rawValue))
        acceptance = c.acceptance.isEmpty ? nil : c.acceptance
        partners = c.partners.isEmpty ? nil
            : c.partners.map { id in p.localityIndex(id).map { p.localities[$0].name } ?? id }.joined(separator: ", ")
        if c.status == .withdrawn {
            var parts = [d.label(c.isApprovedWithdrawal ? "withdrawn_approved" : "withdrawn_unapproved")]
            if let w = c.withdrawal {
                if !w.reason.isEmpty { parts.append(d.label("withdrawn_reason") + ": " + w.reason) }
                if let on = w.on { parts.append(d.label("withdrawn_on") + ": " + on.vietnamese) }
                if !w.decision.isEmpty { parts.append(d.label("decision") + ": " + w.decision) }
                if !w.approvedBy.isEmpty { parts.append(d.label("approved_by") + ": " + w.approvedBy) }
            }
            withdrawal = parts.joined(separator: " · ")
        }
        // Newest first; the card lists the latest and up to
        // `PageSize.cardUpdates` before it (a commitment reported on daily
        // would carry hundreds) whose notes and links fit in
        // `PageSize.cardUpdateBytes` (decision 114): fifty cards a page.
        let reported = c.updates.filter { $0.on <= D }.sorted { $0.on > $1.on }
        var shown = min(reported.count, 1), bytes = 0
        for u in reported.dropFirst().prefix(SitePlan.PageSize.cardUpdates) {
            bytes += u.note.utf8.count + (u.evidence?.utf8.count ?? 0)
            if bytes > SitePlan.PageSize.cardUpdateBytes { break }
            shown += 1
        }
        let updates = reported.prefix(shown).map { u in
            Update(date: d.date(u.on), progressReport: u.progress.map { d.percent($0) }, note: u.note.isEmpty ? nil : u.note,
                   evidence: u.evidence.flatMap { LinkPolicy.href($0) }.map { $0.hasPrefix("/") ? d.root + String($0.dropFirst()) : $0 })
        }
        latest = updates.first
        older = Array(updates.dropFirst())
        hasOlder = !older.isEmpty
        if reported.count > updates.count {
            olderMore = d.fill("updates_earlier", ["count": d.count(reported.count - updates.count)])
            olderHref = d.link(SitePaths.dataFiles(o.locality))
        }
        self.history = history
        hasHistory = !history.isEmpty
        if withOfficial {
            officialName = o.name
            self.officialHref = officialHref
            localityName = locality?.name ?? o.locality
        }
    }
}

extension CommitmentCard: TemplateRepresentable {
    func fields(into f: inout TemplateTree) {
        f.put("id", id); f.put("anchor", anchor); f.put("title", title); f.put("standing", standing)
        f.put("standingLabel", standingLabel); f.put("statusLabel", statusLabel); f.put("alert", alert)
        f.put("deadline", deadline); f.put("timing", timing); f.put("progress", progress); f.put("progressText", progressText)
        f.put("honesty", honesty); f.put("target", target); f.put("actual", actual); f.put("group", group)
        f.put("difficulty", difficulty); f.put("acceptance", acceptance); f.put("partners", partners)
        f.put("withdrawal", withdrawal); f.put("latest", latest); f.put("older", older); f.put("hasOlder", hasOlder)
        f.put("olderMore", olderMore); f.put("olderHref", olderHref)
        f.put("history", history); f.put("hasHistory", hasHistory)
        f.put("historyEarlier", historyEarlier); f.put("ledgerHref", ledgerHref); f.put("officialName", officialName)
        f.put("officialHref", officialHref); f.put("localityName", localityName)
    }
}

extension CommitmentCard.Update: TemplateRepresentable {
    func fields(into f: inout TemplateTree) {
        f.put("date", date); f.put("progressReport", progressReport); f.put("note", note); f.put("evidence", evidence)
    }
}
