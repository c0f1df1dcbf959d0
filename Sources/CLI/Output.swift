import ArgumentParser
import Congkhai
import Foundation

func stdout(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}

func stderr(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

func parseAsOf(_ text: String?) throws -> Day? {
    guard let text else { return nil }
    guard let day = Day(iso: text) else { throw ValidationError("--as-of \"\(text)\" is not a valid date (YYYY-MM-DD)") }
    return day
}

func printDiagnostics(_ log: DiagnosticLog, root: String, quiet: Bool) {
    var lines = ""
    for d in log.items.sorted() where !quiet || d.severity == .error {
        lines += d.formatted(prefix: root) + "\n"
    }
    if !lines.isEmpty { FileHandle.standardError.write(Data(lines.utf8)) }
}

func printQuarantine(_ run: ScoringRun, root: String) {
    printQuarantine(run.quarantined, total: run.quarantinedCount, root: root)
}

func printQuarantine(_ rows: [QuarantinedRow], total: Int, root: String) {
    var lines = ""
    for q in rows {
        lines += Diagnostic.warning(q.file, q.line, 0, "feedback row quarantined: \(q.reason)").formatted(prefix: root) + "\n"
    }
    if total > rows.count {
        lines += "… and \(total - rows.count) more quarantined rows\n"
    }
    if !lines.isEmpty { FileHandle.standardError.write(Data(lines.utf8)) }
}

/// Ends the process with `code` without releasing what `values` hold. A
/// national run's model is millions of objects (officials, commitments,
/// strings): releasing them one by one took ~1 s after a build's work was
/// done and printed (~0.3 s after `check`), and the kernel frees the
/// memory at once on exit. Nothing a command holds at its end acts outside
/// the process when released: spill files are unlinked as soon as they are
/// opened, the published folder is committed and its lock released before
/// the command prints, and `exit(3)` flushes stdio.
func exitNow<T>(_ code: Int32, keeping values: T) -> Never {
    withExtendedLifetime(values) { Foundation.exit(code) }
}
