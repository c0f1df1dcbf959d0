import Foundation

/// `congkhai build`: score, plan, render and publish, with a report either way.
public enum SiteBuild {
    public struct Options: Sendable {
        public var content: String
        public var output: String
        public var asOf: Day?
        public var baseURL: String?
        public var strict: Bool
        /// `--new-ledger`: start a new ledger chain even though a published one is missing or broken.
        public var newLedger: Bool
        public var newLedgerReason: String?
        /// Where keys come from (`CONGKHAI_PSEUDONYM_KEY…`, `CONGKHAI_SIGNING_KEY`); the process's by default.
        public var environment: [String: String]
        /// `serve`: build for the editor's eyes only — no history read, no feedback
        /// published, so a rebuild takes well under a second on a province.
        public var preview = false
        /// Render only the site's first language (`serve` without `--all-languages`).
        public var firstLanguageOnly = false
        /// Pages from this process's previous build, reused when their model is unchanged (`serve`).
        public var renderCache: RenderCache?

        public init(content: String, output: String, asOf: Day? = nil, baseURL: String? = nil, strict: Bool = false,
                    newLedger: Bool = false, newLedgerReason: String? = nil,
                    environment: [String: String] = ProcessInfo.processInfo.environment) {
            self.content = content
            self.output = output
            self.asOf = asOf
            self.baseURL = baseURL
            self.strict = strict
            self.newLedger = newLedger
            self.newLedgerReason = newLedgerReason
            self.environment = environment
        }
    }

    public enum Outcome: Sendable {
        case built(pages: Int, files: Int, quarantined: Int)
        /// Same manifest as the last published build: nothing appended, no file rewritten.
        case unchanged
        case contentErrors
        case ioError(String)
    }

    public struct Report: Sendable {
        public var outcome: Outcome
        public var run: ScoringRun?
        public var seconds: Double
    }

    /// Runs the whole build; diagnostics go to `log`, the outcome says what happened.
    public static func run(_ options: Options, log: DiagnosticLog, progress: (String) -> Void = { _ in }) -> Report {
        let start = ContinuousClock.now
        func seconds() -> Double {
            let d = ContinuousClock.now - start
            return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        }
        // The lock is held for the whole build: the previous site read at the
        // start is the one the new entries extend.
        let publisher = Publisher(destination: options.output)
        do {
            return try publisher.withLock {
                lockedRun(options, log: log, publisher: publisher, seconds: seconds, progress: progress)
            }
        } catch {
            return Report(outcome: .ioError("\(error)"), run: nil, seconds: seconds())
        }
    }

    static func lockedRun(_ options: Options, log: DiagnosticLog, publisher: Publisher, seconds: () -> Double,
                          progress: (String) -> Void) -> Report {
        progress("load")
        // The previous site first: a broken ledger stops the build before any work.
        guard let history = HistoryStage.open(output: options.output,
                                              options: .init(newLedger: options.newLedger, newLedgerReason: options.newLedgerReason,
                                                             preview: options.preview),
                                              log: log) else {
            return Report(outcome: .contentErrors, run: nil, seconds: seconds())
        }
        // The theme next: a missing or broken theme must fail in milliseconds,
        // not after millions of feedback rows have been read.
        let themeName = SiteBuild.themeName(content: options.content)
        let contentPath = options.content.hasPrefix("/") ? options.content : FileManager.default.currentDirectoryPath + "/" + options.content
        guard let themeSource = ThemeFiles.locate(name: themeName, contentRoot: contentPath) else {
            log.error("site.yaml", 0, 0, "theme \"\(themeName)\" not found (looked for themes/\(themeName) beside the content folder and in the working directory; only \"default\" is built in)")
            return Report(outcome: .contentErrors, run: nil, seconds: seconds())
        }
        guard let themeFiles = ThemeFiles.load(themeSource, name: themeName, log: log),
              let theme = Theme.compile(themeFiles, log: log) else {
            return Report(outcome: .contentErrors, run: nil, seconds: seconds())
        }
        let env = options.environment
        guard var run = ScoringRun.run(content: options.content, options: .init(asOf: options.asOf, strict: options.strict), log: log,
                                       export: options.preview ? nil : { province in
                                           FeedbackExport(province: province,
                                                          pseudonymKey: HistoryStage.pseudonymKey(environment: env, demo: province.site.demo, log: log))
                                       }) else {
            return Report(outcome: .contentErrors, run: nil, seconds: seconds())
        }
        if options.firstLanguageOnly { run.province.site.languages = Array(run.province.site.languages.prefix(1)) }
        let signing = HistoryStage.signingKey(environment: env, site: run.province.site, log: log)
        if log.hasErrors { return Report(outcome: .contentErrors, run: run, seconds: seconds()) }
        progress("render")
        let plan = SitePlan.make(run)
        let baseURL = options.baseURL ?? run.province.site.baseURL
        let pending = history.changes(run: run)
        let scoreHistory = history.scoreHistory(run: run)
        let siteHistory = history.siteHistory(run: run, pending: pending, scores: scoreHistory)
        progress("pages")
        // Written into the staging folder as rendered: the site is never held in memory whole.
        let staging: Staging
        do { staging = try publisher.stage() } catch { return Report(outcome: .ioError("\(error)"), run: run, seconds: seconds()) }
        var scores: [UInt8] = []
        var pageCount = 0
        func emit(_ file: OutputFile) throws {
            try staging.write(file)
            if file.path == "data/scores.json" { scores = file.bytes }
            if file.path.hasSuffix(".html") { pageCount += 1 }
        }
        do {
            try SiteRenderer(run: run, plan: plan, theme: theme, baseURL: baseURL, history: siteHistory,
                             cache: options.renderCache).render(log: log, emit: emit)
            if log.hasErrors {
                publisher.discard(staging)
                return Report(outcome: .contentErrors, run: run, seconds: seconds())
            }
            progress("data")
            for file in history.dataFiles(run: run, history: scoreHistory) { try emit(file) }
            if let frozen = history.freezing(run: run) {
                for path in staging.hashes.keys.sorted() where HistoryStage.belongsInFrozenCopy(path) {
                    try staging.copy(path, to: frozen + path)
                    if path.hasSuffix(".html") { pageCount += 1 }
                }
            }
            progress("manifest")
            let manifest = Manifest.file(province: run.province, asOf: run.scoreboard.asOf, hashes: staging.hashes)
            try emit(manifest)
            if history.isUnchanged(manifest: manifest.bytes) {
                publisher.discard(staging)
                return Report(outcome: .unchanged, run: run, seconds: seconds())
            }
            for file in history.ledgerFiles(entries: pending, asOf: run.scoreboard.asOf,
                                             manifest: manifest.bytes, scores: scores, signingKey: signing) { try emit(file) }
            progress("publish")
            try publisher.commit(staging)
        } catch {
            publisher.discard(staging)
            return Report(outcome: .ioError("\(error)"), run: run, seconds: seconds())
        }
        let pages = pageCount
        let files = staging.hashes.count

        return Report(outcome: .built(pages: pages, files: files, quarantined: run.quarantinedCount), run: run,
                      seconds: seconds())
    }

    /// `theme:` of site.yaml, read on its own before anything else is loaded
    /// (errors in site.yaml are reported by the full load that follows).
    static func themeName(content: String) -> String {
        guard let data = FileManager.default.contents(atPath: content + "/site.yaml"),
              case let .success(text) = TextDecoding.decode(Array(data)),
              case let .success(value?) = YAMLParser.parse(text),
              case let .mapping(pairs, _, _) = value,
              let pair = pairs.first(where: { $0.key.text == "theme" }), case let .scalar(s) = pair.value,
              Identifier.isValid(s.text) else { return "default" }
        return s.text
    }

    /// The machine-readable report: every diagnostic and quarantined row.
    public static func reportJSON(_ report: Report, log: DiagnosticLog, options: Options) -> JSONValue {
        var status = "ok"
        var extra: [(String, JSONValue)] = []
        switch report.outcome {
        case let .built(pages, files, quarantined):
            extra = [("pages", .integer(pages)), ("files", .integer(files)), ("quarantined", .integer(quarantined))]
        case .unchanged: status = "unchanged"
        case .contentErrors: status = "content_errors"
        case let .ioError(message): status = "io_error"; extra = [("io_error", .string(message))]
        }
        return DiagnosticsReport.json(status: status, content: options.content, run: report.run, log: log,
                                      extra: [("output", .string(options.output))] + extra)
    }
}
