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
    /// The feedback stage's cache key, when the build offered a cache (decision 98).
    var feedbackCacheKey: String?
    /// What the feedback stage logged (header warnings), kept with the cache.
    var feedbackDiagnostics: [Diagnostic] = []
    /// The stage was replayed from the cache: the published exports, emitted
    /// again as they are, instead of `export`.
    var replayedExports: [FeedbackCache.Export]?

    public struct Options: Sendable {
        public var asOf: Day?
        public var strict: Bool
        /// False when no page will be rendered (`check`, `score`, `verify`'s
        /// recomputation): the tally then collects only what scores read —
        /// not the published comments (kept in memory, their texts spooled
        /// to disk for the pages) and not the summaries' counts and
        /// histograms (months, categories, days to resolve: two cold
        /// histograms a row, ~9 % of a national `check`'s CPU).
        public var feedsPages: Bool
        /// False when nothing will publish the feedback exports' digests or
        /// key a cache with them (`check`, `score`, `verify`): the exports
        /// are then read without hashing them (2.6 GB of SHA-256, ~1.8 s on
        /// the ingest's ordered thread, on a national tree).
        public var hashesFeedback: Bool
        /// False when no score is shown (`check`): bands are not tried at
        /// the corners of the weight box (`Scorer.score`), whose results
        /// only pages and reports show.
        public var bandRobustness: Bool

        public init(asOf: Day? = nil, strict: Bool = false, feedsPages: Bool = true, hashesFeedback: Bool = true,
                    bandRobustness: Bool = true) {
            self.asOf = asOf
            self.strict = strict
            self.feedsPages = feedsPages
            self.hashesFeedback = hashesFeedback
            self.bandRobustness = bandRobustness
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
    /// `cache`: where the last build's feedback stage may be found and this one's key comes from.
    /// `parsed`: the last build's decoded officials and where this load's go (decision 111).
    static func run(content root: String, options: Options, log: DiagnosticLog,
                    export: ((Province) -> FeedbackExport)?, cache: FeedbackCache.Lookup? = nil,
                    parsed: (last: ParsedOfficials?, recording: ParsedOfficials.Recorded)? = nil,
                    progress: (String) -> Void = { _ in }) -> ScoringRun? {
        let loaded = ContentLoader.load(root, log: log, parsed: parsed?.last, recording: parsed?.recording)
        parsed?.last?.release()
        progress("validate")
        // Cross-file checks run even after file errors, so one run reports everything.
        guard var province = ContentValidator.validate(loaded, log: log), !log.hasErrors else { return nil }
        guard let asOf = options.asOf ?? province.site.asOf else {
            log.error("site.yaml", 0, 0, "no as_of date: set as_of in site.yaml or pass --as-of")
            return nil
        }
        progress("feedback")
        // Made either way: making it reads the pseudonym key, which may warn.
        var exporter = export?(province)
        let ingest: FeedbackIngest.Result
        var cacheKey: String?
        var replayed: [FeedbackCache.Export]?
        var feedbackDiagnostics: [Diagnostic] = []
        if let cache, let key = cache.key(province: province, asOf: asOf, feedsPages: options.feedsPages,
                                          feedbackDigest: cache.trustedDigest),
           let hit = FeedbackCache.read(cache.path, key: key, province: province, sealKey: cache.sealKey),
           FeedbackCache.published(hit.exports, under: cache.output, trusting: cache.recorded) {
            log.add(contentsOf: hit.diagnostics)
            ingest = FeedbackIngest.Result(tally: hit.tally, quarantined: hit.quarantined, quarantinedCount: hit.quarantinedCount,
                                           rowsRead: hit.rowsRead, bytesRead: hit.bytesRead, hashes: hit.hashes)
            (cacheKey, replayed, feedbackDiagnostics) = (key, hit.exports, hit.diagnostics)
            exporter = nil
        } else {
            let logged = log.items.count
            // A run that publishes or keys a cache hashes whatever the option
            // says: its manifest and keys must name the bytes it scored.
            ingest = FeedbackIngest.run(province, asOf: asOf, log: log, export: exporter, feedsPages: options.feedsPages,
                                        hashes: options.hashesFeedback || exporter != nil || cache != nil)
            feedbackDiagnostics = Array(log.items[logged...])
            cacheKey = cache?.key(province: province, asOf: asOf, feedsPages: options.feedsPages,
                                  feedbackDigest: { ingest.hashes[$0] })
        }
        province.feedbackHashes = ingest.hashes
        if options.strict {
            for q in ingest.quarantined { log.error(q.file, q.line, 0, "feedback row rejected: \(q.reason)") }
        }
        if log.hasErrors { return nil }
        progress("officials")
        let board = Scorer.score(province, tally: ingest.tally, asOf: asOf, bandRobustness: options.bandRobustness)
        log.add(contentsOf: board.diagnostics)
        var run = ScoringRun(province: province, scoreboard: board, quarantined: ingest.quarantined,
                             quarantinedCount: ingest.quarantinedCount, feedbackRows: ingest.rowsRead,
                             feedbackBytes: ingest.bytesRead)
        run.export = exporter
        run.feedbackCacheKey = cacheKey
        run.feedbackDiagnostics = feedbackDiagnostics
        run.replayedExports = replayed
        return run
    }
}
