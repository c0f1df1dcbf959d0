import ArgumentParser
import Congkhai

/// `congkhai check`: what an editor runs before committing.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a content folder (exit 0 clean, 1 content errors, 2 usage)."
    )

    @Argument(help: "The content folder.")
    var content: String = "content"

    @Option(name: .customLong("as-of"), help: "Scoring date YYYY-MM-DD (overrides site.yaml).")
    var asOf: String?

    @Flag(help: "Treat quarantined feedback rows as errors.")
    var strict = false

    @Flag(help: "Print errors only.")
    var quiet = false

    /// How diagnostics are printed: for people, for tools, for GitHub Actions.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, github
    }

    @Option(help: "text (file:line:col: error: …, on stderr), json (the build report's schema, on stdout) or github (workflow annotations, on stdout).")
    var format: Format = .text

    @Flag(name: .customLong("fix-encoding"),
          help: "Convert Windows-1258, TCVN3 and UTF-16 files to UTF-8 NFC in place (original kept as .bak).")
    var fixEncoding = false

    func validate() throws {
        _ = try parseAsOf(asOf)
    }

    func run() throws {
        let day = asOf.flatMap { Day(iso: $0) }
        if fixEncoding {
            for r in LegacyConverter.fixAll(root: content) {
                stderr(Diagnostic(r.converted ? .warning : .error, file: r.file, line: 0, "\(r.encoding): \(r.note)").formatted(prefix: content))
            }
        }
        let log = DiagnosticLog()
        let run = ScoringRun.run(content: content, options: .init(asOf: day, strict: strict, feedsPages: false, hashesFeedback: false,
                                                                                   bandRobustness: false), log: log)
        switch format {
        case .text: break
        case .json:
            stdout(DiagnosticsReport.json(status: run == nil ? "content_errors" : "ok", content: content, run: run, log: log).serialized() + "\n")
            if run == nil { throw ExitCode(1) }
            return
        case .github:
            stdout(DiagnosticsReport.github(content: content, run: run, log: log))
            if run == nil { throw ExitCode(1) }
            return
        }
        printDiagnostics(log, root: content, quiet: quiet)
        if let run {
            if !quiet { printQuarantine(run, root: content) }
            let warnings = log.items.count { $0.severity == .warning }
            stderr("\(content): \(run.province.localities.count) localities, \(run.province.officials.count) officials, "
                + "\(run.feedbackRows) feedback rows (\(run.quarantinedCount) quarantined), \(warnings) warning(s), 0 errors")
            exitNow(0, keeping: (run, log))
        } else {
            stderr("\(content): \(log.errorCount) error(s)")
            throw ExitCode(1)
        }
    }
}
