import ArgumentParser
import Congkhai
import Foundation

/// `congkhai build`: the nightly job.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the site into a folder, atomically (exit 0 ok, 1 content errors, 2 usage, 3 I/O)."
    )

    @Argument(help: "The content folder.")
    var content: String = "content"

    @Option(name: .shortAndLong, help: "Destination folder (replaced atomically).")
    var output: String = "output"

    @Option(name: .customLong("as-of"), help: "Scoring date YYYY-MM-DD (overrides site.yaml).")
    var asOf: String?

    @Option(name: .customLong("base-url"), help: "Public URL of the site (overrides site.yaml).")
    var baseURL: String?

    @Option(help: "Where to write the JSON build report (default: beside the output folder).")
    var report: String?

    @Flag(help: "Treat quarantined feedback rows as errors.")
    var strict = false

    @Flag(help: "Print errors only.")
    var quiet = false

    @Flag(name: .customLong("new-ledger"),
          help: "Start a new ledger chain although the published one is missing or broken (recorded as ledger_started).")
    var newLedger = false

    @Option(name: .customLong("new-ledger-reason"), help: "Why a new ledger is started (published in the ledger).")
    var newLedgerReason: String?

    @Flag(name: .customLong("new-pseudonym-key"),
          help: "The pseudonym key was changed on purpose (a leaked key): publish every respondent pseudonym anew; the ledger records each such row as changed.")
    var newPseudonymKey = false

    func validate() throws {
        _ = try parseAsOf(asOf)
        if let baseURL, !(baseURL.lowercased().hasPrefix("http://") || baseURL.lowercased().hasPrefix("https://")) {
            throw ValidationError("--base-url must start with http:// or https://")
        }
    }

    func run() throws {
        var options = SiteBuild.Options(content: content, output: output, asOf: asOf.flatMap { Day(iso: $0) },
                                        baseURL: baseURL, strict: strict, newLedger: newLedger,
                                        newLedgerReason: newLedgerReason)
        options.newPseudonymKey = newPseudonymKey
        let log = DiagnosticLog()
        let tty = isatty(STDERR_FILENO) == 1 && !quiet
        // CONGKHAI_TIMING=1: when each stage started, CPU time so far (user
        // + system, all threads: a stage that uses both cores adds twice its
        // wall time) and peak memory so far (for benchmarks).
        let timing = ProcessInfo.processInfo.environment["CONGKHAI_TIMING"] == "1"
        let started = Date()
        let result = SiteBuild.run(options, log: log) { stage in
            if timing {
                var usage = rusage()
                getrusage(RUSAGE_SELF.rawValue, &usage)
                // Resident now (from /proc/self/statm, pages) beside the peak so far.
                let statm = (try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8)) ?? ""
                let resident = statm.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
                let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
                    + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
                stderr(String(format: "timing: %8.3f s  %7.2f cpu  %6d MB  %6d MB now  %@", Date().timeIntervalSince(started), cpu, usage.ru_maxrss / 1024,
                              resident * Int(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576, stage))
            } else if tty {
                FileHandle.standardError.write(Data("\r\u{1B}[K[\(stage)]…".utf8))
            }
        }
        if tty { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        printDiagnostics(log, root: content, quiet: quiet)
        if !quiet { printQuarantine(result.quarantined, total: result.quarantinedCount, root: content) }
        let reportPath = report ?? defaultReportPath()
        let json = SiteBuild.reportJSON(result, log: log, options: options).serialized()
        try? Data(json.utf8).write(to: URL(fileURLWithPath: reportPath), options: .atomic)
        let warnings = log.items.count { $0.severity == .warning }
        if !quiet, let reason = result.fullBuildReason { stderr("note: every input read and scored again: \(reason)") }
        switch result.outcome {
        case let .built(pages, files, quarantined):
            let kept = result.keptFiles > 0 ? " (\(result.keptFiles) unchanged, linked from the last build)" : ""
            stderr("built \(output): \(pages) pages, \(files) files\(kept), \(warnings) warning(s), \(quarantined) quarantined row(s), "
                + String(format: "%.2f", result.seconds) + " s")
        case .unchanged:
            stderr("unchanged \(output): the published site already matches this build; nothing written"
                + (result.run == nil ? " (inputs unchanged since the last build; its findings repeated above)" : ""))
        case let .restored(files):
            stderr("restored \(output): \(files) published file(s) no longer matched the manifest and were written again; the ledger is unchanged")
        case .contentErrors:
            stderr("build failed: \(log.errorCount) error(s); \(output) left unchanged (report: \(reportPath))")
            throw ExitCode(1)
        case let .ioError(message):
            stderr("error: \(message)")
            stderr("build failed: \(output) left unchanged (report: \(reportPath))")
            throw ExitCode(3)
        }
        exitNow(0, keeping: (result, log))
    }

    func defaultReportPath() -> String {
        var trimmed = output
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        return trimmed + ".build-report.json"
    }
}
