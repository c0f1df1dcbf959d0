import ArgumentParser
import Congkhai

/// `congkhai score`: the scores, or one official's explanation.
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score every official (exit 0 ok, 1 content errors, 2 usage)."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, csv, json
    }

    @Argument(help: "The content folder.")
    var content: String = "content"

    @Option(name: .customLong("as-of"), help: "Scoring date YYYY-MM-DD (overrides site.yaml).")
    var asOf: String?

    @Option(help: "Output format: table, csv or json (json is the scores.json contract).")
    var format: Format = .table

    @Flag(help: "Treat quarantined feedback rows as errors.")
    var strict = false

    @Option(help: "Explain one official's score: ID, or LOCALITY/ID when the id is not unique.")
    var explain: String?

    @Option(help: "Language of explanations: vi or en.")
    var lang: String = "vi"

    func validate() throws {
        guard ["vi", "en"].contains(lang) else { throw ValidationError("--lang must be vi or en") }
        _ = try parseAsOf(asOf)
    }

    func run() throws {
        let day = asOf.flatMap { Day(iso: $0) }
        let log = DiagnosticLog()
        guard let run = ScoringRun.run(content: content, options: .init(asOf: day, strict: strict, feedsPages: false, hashesFeedback: false), log: log) else {
            printDiagnostics(log, root: content, quiet: true)
            stderr("\(content): \(log.errorCount) error(s)")
            throw ExitCode(1)
        }
        printDiagnostics(log, root: content, quiet: true)
        if run.quarantinedCount > 0 {
            stderr("\(run.quarantinedCount) feedback row(s) quarantined; `congkhai check` lists them")
        }
        if let explain {
            let matches = run.scoreboard.results.filter {
                let o = run.province.officials[$0.official]
                return o.key == explain || o.id == explain
            }
            guard matches.count == 1, let result = matches.first else {
                if matches.isEmpty {
                    stderr("error: no official \"\(explain)\"")
                } else {
                    stderr("error: \"\(explain)\" is ambiguous: " + matches.map { run.province.officials[$0.official].key }.joined(separator: ", "))
                }
                throw ExitCode(2)
            }
            if format == .json {
                stdout(String(decoding: ExplanationReport.json(run, result: result), as: UTF8.self))
            } else {
                // The words come from the site's theme (strings.yaml), like the pages'.
                let site = run.province.site
                var strings: [String: String] = [:]
                if let source = ThemeFiles.locate(name: site.theme, contentRoot: run.province.root),
                   let files = ThemeFiles.load(source, name: site.theme, log: DiagnosticLog()) {
                    strings = files.strings(for: lang)
                } else {
                    stderr("warning: theme \"\(site.theme)\" not found: the explanation shows string keys")
                }
                stdout(ExplanationReport.text(run, result: result, language: lang, strings: strings))
            }
            return
        }
        switch format {
        case .json: stdout(ScoresReport.json(run).serialized())
        case .csv: stdout(ScoresReport.csv(run))
        case .table: stdout(ScoresReport.table(run))
        }
    }
}
