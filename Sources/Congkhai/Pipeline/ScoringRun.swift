/// Load → validate → (stream feedback) → score, for the CLI and tests.
public struct ScoringRun: Sendable {
    public var province: Province
    public var scoreboard: Scoreboard
    public var quarantined: [QuarantinedRow]
    public var quarantinedCount: Int
    public var feedbackRows: Int
    public var feedbackBytes: Int
    /// The rows published for recomputation, when the build asked for them.
    var export: FeedbackExport?

    public struct Options: Sendable {
        public var asOf: Day?
        public var strict: Bool
        /// False when no page will be rendered (`check`, `score`, `verify`'s
        /// recomputation): the published comments, kept in memory and their
        /// texts spooled to disk for the pages, are then not collected.
        public var keepsComments: Bool

        public init(asOf: Day? = nil, strict: Bool = false, keepsComments: Bool = true) {
            self.asOf = asOf
            self.strict = strict
            self.keepsComments = keepsComments
        }
    }

    /// `r` with its measures' inputs and items: the scoreboard keeps only the
    /// formulas (memory), and what is shown of one official is computed again here.
    public func explained(_ r: OfficialResult) -> OfficialResult {
        Scorer.explain(r, province: province, scoreboard: scoreboard)
    }

    /// Returns nil when the content has errors; every diagnostic is in `log`.
    public static func run(content root: String, options: Options, log: DiagnosticLog) -> ScoringRun? {
        run(content: root, options: options, log: log, export: nil)
    }

    /// `export` receives the feedback rows scoring used (the build publishes them).
    static func run(content root: String, options: Options, log: DiagnosticLog,
                    export: ((Province) -> FeedbackExport)?, progress: (String) -> Void = { _ in }) -> ScoringRun? {
        let loaded = ContentLoader.load(root, log: log)
        progress("validate")
        // Cross-file checks run even after file errors, so one run reports everything.
        guard var province = ContentValidator.validate(loaded, log: log), !log.hasErrors else { return nil }
        guard let asOf = options.asOf ?? province.site.asOf else {
            log.error("site.yaml", 0, 0, "no as_of date: set as_of in site.yaml or pass --as-of")
            return nil
        }
        let exporter = export?(province)
        progress("feedback")
        let ingest = FeedbackIngest.run(province, asOf: asOf, log: log, export: exporter, keepsComments: options.keepsComments)
        province.feedbackHashes = ingest.hashes
        if options.strict {
            for q in ingest.quarantined { log.error(q.file, q.line, 0, "feedback row rejected: \(q.reason)") }
        }
        if log.hasErrors { return nil }
        progress("officials")
        let board = Scorer.score(province, tally: ingest.tally, asOf: asOf)
        log.add(contentsOf: board.diagnostics)
        var run = ScoringRun(province: province, scoreboard: board, quarantined: ingest.quarantined,
                             quarantinedCount: ingest.quarantinedCount, feedbackRows: ingest.rowsRead,
                             feedbackBytes: ingest.bytesRead)
        run.export = exporter
        return run
    }
}
