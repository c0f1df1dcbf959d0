import Foundation

/// `congkhai build`: score, plan, render and publish, with a report either way.
public enum SiteBuild {
    public struct Options: Sendable {
        public var content: String
        public var output: String
        public var asOf: Day?
        public var baseURL: String?
        public var strict: Bool

        public init(content: String, output: String, asOf: Day? = nil, baseURL: String? = nil, strict: Bool = false) {
            self.content = content
            self.output = output
            self.asOf = asOf
            self.baseURL = baseURL
            self.strict = strict
        }
    }

    public enum Outcome: Sendable {
        case built(pages: Int, files: Int, quarantined: Int)
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
        progress("load")
        guard let run = ScoringRun.run(content: options.content, options: .init(asOf: options.asOf, strict: options.strict), log: log) else {
            return Report(outcome: .contentErrors, run: nil, seconds: seconds())
        }
        guard let themePath = ThemeFiles.locate(name: run.province.site.theme, contentRoot: run.province.root) else {
            log.error("site.yaml", 0, 0, "theme \"\(run.province.site.theme)\" not found (looked for themes/\(run.province.site.theme) beside the content folder and in the working directory)")
            return Report(outcome: .contentErrors, run: run, seconds: seconds())
        }
        guard let themeFiles = ThemeFiles.load(path: themePath, name: run.province.site.theme, log: log),
              let theme = Theme.compile(themeFiles, log: log) else {
            return Report(outcome: .contentErrors, run: run, seconds: seconds())
        }
        progress("render")
        let plan = SitePlan.make(run)
        let baseURL = options.baseURL ?? run.province.site.baseURL
        var files = SiteRenderer(run: run, plan: plan, theme: theme, baseURL: baseURL).render()
        files.append(Manifest.file(province: run.province, asOf: run.scoreboard.asOf, outputs: files))
        progress("publish")
        do {
            let publisher = Publisher(destination: options.output)
            try publisher.withLock { try publisher.publish(files) }
        } catch {
            return Report(outcome: .ioError("\(error)"), run: run, seconds: seconds())
        }
        let pages = files.count { $0.path.hasSuffix(".html") }
        return Report(outcome: .built(pages: pages, files: files.count, quarantined: run.quarantinedCount), run: run,
                      seconds: seconds())
    }

    /// The machine-readable report: every diagnostic and quarantined row.
    public static func reportJSON(_ report: Report, log: DiagnosticLog, options: Options) -> JSONValue {
        var status = "ok"
        var extra: [(String, JSONValue)] = []
        switch report.outcome {
        case let .built(pages, files, quarantined):
            extra = [("pages", .integer(pages)), ("files", .integer(files)), ("quarantined", .integer(quarantined))]
        case .contentErrors: status = "content_errors"
        case let .ioError(message): status = "io_error"; extra = [("io_error", .string(message))]
        }
        let diagnostics: [JSONValue] = log.items.sorted().map { d in
            .object([("severity", .string(d.severity.rawValue)), ("file", .string(d.file)), ("line", .integer(d.line)),
                     ("column", .integer(d.column)), ("message", .string(d.message))])
        }
        let quarantined: [JSONValue] = (report.run?.quarantined ?? []).map { q in
            .object([("file", .string(q.file)), ("line", .integer(q.line)), ("id", .string(q.id)), ("reason", .string(q.reason))])
        }
        return .object([
            ("tool", .string("congkhai " + CongkhaiVersion.string)),
            ("status", .string(status)),
            ("content", .string(options.content)),
            ("output", .string(options.output)),
            ("as_of", report.run.map { .string($0.scoreboard.asOf.description) } ?? .null),
            ("errors", .integer(log.errorCount)),
            ("warnings", .integer(log.items.count { $0.severity == .warning })),
            ("quarantined_total", .integer(report.run?.quarantinedCount ?? 0)),
        ] + extra + [("diagnostics", .array(diagnostics)), ("quarantined_rows", .array(quarantined))])
    }
}
