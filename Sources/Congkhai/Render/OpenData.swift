import Dispatch

/// The open-data files of DESIGN.md's output contract, plus the explanations
/// that let anyone recompute every criterion. Text is data here: JSON-encoded
/// or CSV-quoted (with the formula-injection prefix), never HTML-escaped.
enum OpenData {
    /// A rebuild's way to the runs of rows it may keep (`TableRuns`): the
    /// published run of `table` for official `official` when its inputs are
    /// unchanged (nil: make it), and where each official's run lies in the
    /// table written, noted for the next build.
    struct RowRuns: Sendable {
        var kept: @Sendable (_ table: String, _ official: Int) -> [UInt8]?
        var note: @Sendable (_ table: String, _ official: Int, _ offset: Int, _ length: Int) -> Void
    }

    /// Handed to `emit` one at a time (an explanation per official: a national
    /// site's are hundreds of MB); `emit` is also called from inside
    /// `criteria.csv`'s producer, as that table streams.
    static func files(run: ScoringRun, plan: SitePlan, history: SiteHistory = .empty, keep: @escaping Feeds.Keep = { _, _, make in make() },
                      rows: RowRuns? = nil, emit: @escaping @Sendable (OutputFile) throws -> Void) rethrows {
        // Each table written as soon as it is made, not all six held at
        // once (nationally ~250 MB of bytes together); the two largest are
        // written as they are made, never held whole (criteria.csv 110 MB,
        // commitments.csv 60 MB: the page stage's peak; decision 96).
        //
        // The three tables made whole are made side by side, each on a
        // core, then written in order: made one after another they were
        // the serial tail of a one-file rebuild's page stage (~40 ms of a
        // province's ~75 ms of open data with the other core idle). Held
        // together nationally ~50 MB, against the 34 MB of the largest.
        let whole = Slots<[UInt8]>(count: 3)
        DispatchQueue.concurrentPerform(iterations: 3) { k in
            switch k {
            case 0: whole.set(0, ScoresReport.jsonBytes(run))
            case 1: whole.set(1, Array(ScoresReport.csv(run).utf8))
            default: whole.set(2, feedbackCSV(run))
            }
        }
        let made = whole.values  // every slot is set when `concurrentPerform` returns
        try emit(OutputFile(path: "data/scores.json", bytes: made[0]))
        try emit(OutputFile(path: "data/scores.csv", bytes: made[1]))
        // An explanation per official, made on every core with its rows of
        // `criteria.csv` from one explained result (explaining is the cost of
        // both: made apart, every official was explained twice here) and
        // written in order while the table streams.
        let results = run.scoreboard.results
        try emit(OutputFile(path: "data/criteria.csv", streamed: { sink in
            try criteriaCSV(run, rows: rows, explanation: { i, explained in
                let o = run.province.officials[results[i].official]
                let path = "data/" + SitePaths.explanation(o.locality, o.id)
                return keep(path, .official(results[i].official)) {
                    OutputFile(path: path, bytes: ExplanationReport.json(run, explained: explained()))
                }
            }, into: sink, emitting: emit)
        }))
        try emit(OutputFile(path: "data/commitments.csv", streamed: { try commitmentsCSV(run, history: history, rows: rows, into: $0) }))
        try emit(OutputFile(path: "data/feedback-summary.csv", bytes: made[2]))
        try emit(OutputFile(path: "data/datapackage.json", text: datapackage(run).serialized()))
        // The priors the scorer used (computed once there), exactly: `sum` is
        // a decimal with at most 9 places for ratings of up to 9 decimals,
        // and `mean_exact` is the fraction sum/n in lowest terms.
        let priors: [(String, JSONValue)] = run.scoreboard.priors.all.map { prior in
            (prior.key, .object([("mean", .num(prior.mean, places: 6)), ("mean_exact", .string(prior.mean.description)),
                                 ("n", .integer(prior.count)), ("sum", .num(prior.sum, places: 9))]))
        }
        // The index's entries made as written (decision 96).
        try emit(OutputFile(path: "data/explanations/index.json", bytes: JSONValue.bytes([
            ("as_of", .string(run.scoreboard.asOf.description)),
            ("rating_priors", .object(priors)),
        ], last: "officials", count: results.count) { i in
            let o = run.province.officials[results[i].official]
            return .object([("id", .string(o.id)), ("locality", .string(o.locality)),
                            ("path", .string(SitePaths.explanation(o.locality, o.id)))])
        }))
    }

    static func row(_ cells: [String]) -> String { CSVWriter.row(cells) }
    static func t(_ s: String) -> String { CSVWriter.text(s) }
    static func n(_ x: Rational?, _ places: Int = 2) -> String { CSVWriter.number(x, places: places) }

    static let criteriaColumns = ["locality", "official", "criterion", "group", "weight", "status", "criterion_attainment",
                                  "contribution", "metric", "parameters", "measure_attainment", "inputs"]

    /// The table to `sink` in pieces of about a megabyte (`Pieces`): the national
    /// table is ~110 MB, and held whole it was the page stage's peak.
    static func criteriaCSV(_ run: ScoringRun, rows runs: RowRuns? = nil, into sink: ([UInt8]) throws -> Void) rethrows {
        try criteriaCSV(run, rows: runs, explanation: nil, into: sink, emitting: { _ in })
    }

    /// `criteriaCSV(run, rows:, into:)`, and with `explanation` a file made
    /// beside each result's rows (on the same core, from the same explained
    /// result, which it asks for only if it needs it), handed to `emit`
    /// after the rows, in order.
    static func criteriaCSV(_ run: ScoringRun, rows runs: RowRuns?,
                            explanation: (@Sendable (_ result: Int, _ explained: () -> OfficialResult) -> OutputFile)?,
                            into sink: ([UInt8]) throws -> Void, emitting emit: (OutputFile) throws -> Void) rethrows {
        let table = "data/criteria.csv"
        var out = Pieces()
        try out.append(row(criteriaColumns), to: sink)
        // Each official's rows made on every core (explaining a result is
        // the cost), or kept from the published table, appended in order.
        let results = run.scoreboard.results
        try PipelinedMap.run(count: results.count, make: { i -> (rows: [UInt8], file: OutputFile?) in
            // Explained at most once, by whichever of the two needs it first.
            var memo: OfficialResult?
            func explained() -> OfficialResult {
                if let memo { return memo }
                let r = run.explained(results[i])
                memo = r
                return r
            }
            let rows = runs?.kept(table, results[i].official) ?? criteriaRows(run, explained())
            return (rows, explanation?(i, explained))
        }) { i, made in
            runs?.note(table, results[i].official, out.count, made.rows.count)
            try out.append(bytes: made.rows, to: sink)
            if let file = made.file { try emit(file) }
        }
        try out.finish(to: sink)
    }

    /// One explained result's rows of `criteria.csv`.
    private static func criteriaRows(_ run: ScoringRun, _ r: OfficialResult) -> [UInt8] {
        let o = run.province.officials[r.official]
        // Cells written as bytes: rows of joined strings and an inputs
        // cell grown by appends were most of this table's cost.
        var rows = CSVRowBytes(capacity: 4096)
        var inputs = [UInt8]()
        for c in r.criteria {
            let (weight, attainment, contribution) = (n(c.weight, 6), n(c.attainment, 6), n(c.counts ? c.contribution : nil, 6))
            for m in c.measures {
                inputs.removeAll(keepingCapacity: true)
                for (k, fact) in m.explanation.facts.enumerated() {
                    if k > 0 { inputs.append(contentsOf: "; ".utf8) }
                    inputs.append(contentsOf: fact.key.utf8)
                    inputs.append(UInt8(ascii: "="))
                    inputs.append(contentsOf: fact.value.display.utf8)
                }
                rows.text(o.locality); rows.text(o.id); rows.text(c.id); rows.cell(c.group.rawValue); rows.cell(weight)
                rows.cell(c.status.rawValue); rows.cell(attainment); rows.cell(contribution); rows.cell(m.measure.name)
                rows.text(m.measure.parameterLabel); rows.cell(n(m.attainment, 6)); rows.text(String(decoding: inputs, as: UTF8.self))
                rows.endRow()
            }
        }
        return rows.bytes
    }

    static let commitmentColumns = ["locality", "official", "id", "title", "group", "product", "effective_target", "unit",
                                    "actual", "acceptance", "published_on", "deadline", "difficulty", "status", "completed_on",
                                    "withdrawal_approved", "partners", "latest_update", "latest_progress", "evidence_links",
                                    "overdue", "removed_on"]

    /// In pieces, as `criteriaCSV` (~60 MB nationally).
    static func commitmentsCSV(_ run: ScoringRun, history: SiteHistory, rows runs: RowRuns? = nil,
                               into sink: ([UInt8]) throws -> Void) rethrows {
        let table = "data/commitments.csv"
        let p = run.province
        let D = run.scoreboard.asOf
        var out = Pieces()
        try out.append(row(commitmentColumns), to: sink)
        for (oi, o) in p.officials.enumerated() {
            let start = out.count
            defer { runs?.note(table, oi, start, out.count - start) }
            if let kept = runs?.kept(table, oi) {
                try out.append(bytes: kept, to: sink)
                continue
            }
            let locality = p.localityIndex(o.locality).map { p.localities[$0] }
            for c in o.commitments {
                guard c.isPublished(asOf: D) else { continue }
                let target = p.effectiveTarget(of: c, locality: locality, asOf: D)
                let updates = c.updates.filter { $0.on <= D }
                let latest = c.latestUpdate(asOf: D)
                let latestProgress = c.latestUpdate(asOf: D, withProgress: true)
                let overdue = c.isOverdue(asOf: D)
                try out.append(row([t(o.locality), t(o.id), t(c.id), t(c.title), c.group.rawValue, t(c.product ?? ""), n(target, 6),
                            t(c.unit), n(c.actual, 6), t(c.acceptance), c.publishedOn?.description ?? "", c.deadline.description,
                            c.difficulty.rawValue, c.status.rawValue, c.completedOn?.description ?? "",
                            c.status == .withdrawn ? (c.isApprovedWithdrawal ? "true" : "false") : "",
                            t(c.partners.joined(separator: " ")), latest?.on.description ?? "",
                            n(latestProgress?.progress, 6), t(updates.compactMap(\.evidence).joined(separator: " ")),
                            overdue ? "true" : "false", ""]), to: sink)
            }
            // Commitments removed from the content stay, marked, with their last published state.
            for r in history.removedCommitments[o.key] ?? [] {
                func str(_ k: String) -> String { r.state[k]?.stringValue ?? "" }
                func num(_ k: String) -> String { if case let .raw(v)? = r.state[k] { return v }; return "" }
                var withdrawal = ""
                if case let .object(w)? = r.state["withdrawn"] {
                    let by = w.first { $0.0 == "approved_by" }?.1.stringValue ?? "", d = w.first { $0.0 == "decision" }?.1.stringValue ?? ""
                    withdrawal = !Whitespace.isBlank(by) && !Whitespace.isBlank(d) ? "true" : "false"
                }
                try out.append(row([t(o.locality), t(o.id), t(r.id), t(str("title")), str("group"), t(str("product")), num("target"),
                            t(str("unit")), num("actual"), t(str("acceptance")), str("published_on"), str("deadline"),
                            str("difficulty"), str("status"), str("completed_on"), withdrawal, "", "", "", "", "false",
                            r.on.description]), to: sink)
            }
        }
        try out.finish(to: sink)
    }

    static var feedbackColumns: [String] {
        var cols = ["level", "locality", "official", "rows", "ratings", "rating_sum", "rating_mean"]
        cols += FeedbackKind.allCases.map { "kind_" + $0.rawValue }
        cols += FeedbackChannel.allCases.map { "channel_" + $0.rawValue } + ["channel_none"]
        cols += ["complaints_open", "complaints_resolved_on_time", "complaints_resolved_late", "complaints_overdue",
                 "complaints_rejected", "median_days_to_resolve"]
        cols += RespondentKind.allCases.flatMap { ["scored_ratings_\($0.rawValue)", "scored_rating_sum_\($0.rawValue)"] }
        cols += ["scored_complaints_due", "scored_complaints_on_time", "scored_complaints_late", "scored_complaints_unresolved"]
        return cols
    }

    static func feedbackCSV(_ run: ScoringRun) -> [UInt8] {
        let p = run.province
        let tally = run.scoreboard.tally
        var out = CSVRowBytes(capacity: (p.localities.count + p.officials.count + 2) * 192)
        for column in feedbackColumns { out.cell(column) }
        out.endRow()
        func summary(_ s: FeedbackTally.Summary) {
            out.int(s.rows)
            out.int(s.ratingCount)
            out.cell(n(s.ratingSum.value, 9))
            out.cell(n(s.ratingMean, 6))
            for k in s.byKind { out.int(k) }
            for c in s.byChannel { out.int(c) }
            for x in [s.complaintsOpen, s.complaintsResolvedOnTime, s.complaintsResolvedLate, s.complaintsOverdue, s.complaintsRejected] {
                out.int(x)
            }
            out.cell(n(s.medianResolveDays, 1))
        }
        let blanks = RespondentKind.allCases.count * 2 + 4
        out.cell("province"); out.cell(""); out.cell("")
        summary(tally.province)
        for _ in 0..<blanks { out.cell("") }
        out.endRow()
        for li in p.localities.indices {
            out.cell("locality"); out.text(p.localities[li].id); out.cell("")
            summary(tally.localitySummaries[li])
            for _ in 0..<blanks { out.cell("") }
            out.endRow()
        }
        // By index: an `Official` copied per row retained and released its every field.
        for oi in p.officials.indices {
            out.cell("official"); out.text(p.officials[oi].locality); out.text(p.officials[oi].id)
            summary(tally.officialSummaries[oi])
            let r = tally.ratings[oi]
            for k in RespondentKind.allCases {
                out.int(r.count(of: [k]))
                out.cell(n(r.sum(of: [k]), 9))
            }
            let c = tally.complaints[oi]
            for x in [c.counted, c.resolvedOnTime, c.resolvedLate, c.unresolved] { out.int(x) }
            out.endRow()
        }
        return out.bytes
    }

    static func datapackage(_ run: ScoringRun) -> JSONValue {
        func schema(_ columns: [String], numeric: (String) -> Bool) -> JSONValue {
            .object([("fields", .array(columns.map { c in
                .object([("name", .string(c)), ("type", .string(numeric(c) ? "number" : "string"))])
            }))])
        }
        let criteriaIDs = Set(run.province.framework.criteria.map(\.id))
        let scoresColumns = ["id", "locality", "name", "role", "total", "band", "rank_in_locality", "rank_in_peer_group"]
            + run.province.framework.criteria.map(\.id)
            + (run.province.framework.hasWeightRanges ? ["total_min", "total_max", "band_lowest", "band_highest"] : [])
        let numericFeedback: (String) -> Bool = { !["level", "locality", "official"].contains($0) }
        func resource(_ name: String, _ path: String, _ title: String, _ fields: JSONValue) -> JSONValue {
            .object([("name", .string(name)), ("path", .string(path)), ("title", .string(title)), ("format", .string("csv")),
                     ("mediatype", .string("text/csv")), ("encoding", .string("utf-8")), ("schema", fields)])
        }
        return .object([
            ("profile", .string("tabular-data-package")),
            ("name", .string("congkhai-" + Slug.make(run.province.site.province))),
            ("title", .string(run.province.site.title)),
            ("version", .string(run.scoreboard.asOf.description)),
            ("created", .string(run.scoreboard.asOf.description)),
            ("resources", .array([
                resource("scores", "scores.csv", "Scores per official",
                         schema(scoresColumns) { ["total", "rank_in_locality", "rank_in_peer_group", "total_min", "total_max"].contains($0) || criteriaIDs.contains($0) }),
                resource("criteria", "criteria.csv", "Every criterion and measure of every official",
                         schema(criteriaColumns) { ["weight", "criterion_attainment", "contribution", "measure_attainment"].contains($0) }),
                resource("commitments", "commitments.csv", "Every public commitment",
                         schema(commitmentColumns) { ["effective_target", "actual", "latest_progress"].contains($0) }),
                resource("feedback-summary", "feedback-summary.csv", "Feedback per official, locality and province",
                         schema(feedbackColumns, numeric: numericFeedback)),
            ])),
        ])
    }
}
