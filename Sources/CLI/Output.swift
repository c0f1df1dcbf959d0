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
