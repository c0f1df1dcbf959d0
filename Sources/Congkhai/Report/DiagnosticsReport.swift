import Foundation

/// Diagnostics for machines: the JSON of `build --report` and `check
/// --format json` (one schema), and GitHub workflow annotations
/// (`check --format github`), so CI and editors' tools never scrape text.
public enum DiagnosticsReport {
    /// `{"tool", "status", "content", "as_of", "errors", "warnings", "quarantined_total", …extra, "diagnostics", "quarantined_rows"}`;
    /// `file` is relative to the content folder unless absolute, as in the text form.
    public static func json(status: String, content: String, run: ScoringRun?, log: DiagnosticLog,
                            extra: [(String, JSONValue)] = []) -> JSONValue {
        json(status: status, content: content, asOf: run?.scoreboard.asOf, quarantined: run?.quarantined ?? [],
             quarantinedCount: run?.quarantinedCount ?? 0, log: log, extra: extra)
    }

    /// The same from the parts (a build that replayed its predecessor's findings has no run).
    public static func json(status: String, content: String, asOf: Day?, quarantined rows: [QuarantinedRow], quarantinedCount: Int,
                            log: DiagnosticLog, extra: [(String, JSONValue)] = []) -> JSONValue {
        let diagnostics: [JSONValue] = log.items.sorted().map { d in
            .object([("severity", .string(d.severity.rawValue)), ("file", .string(d.file)), ("line", .integer(d.line)),
                     ("column", .integer(d.column)), ("message", .string(d.message))])
        }
        let quarantined: [JSONValue] = rows.map { q in
            .object([("file", .string(q.file)), ("line", .integer(q.line)), ("id", .string(q.id)), ("reason", .string(q.reason))])
        }
        return .object([
            ("tool", .string("congkhai " + CongkhaiVersion.string)),
            ("status", .string(status)),
            ("content", .string(content)),
            ("as_of", asOf.map { .string($0.description) } ?? .null),
            ("errors", .integer(log.errorCount)),
            ("warnings", .integer(log.items.count { $0.severity == .warning })),
            ("quarantined_total", .integer(quarantinedCount)),
        ] + extra + [("diagnostics", .array(diagnostics)), ("quarantined_rows", .array(quarantined))])
    }

    /// One `::error file=…,line=…,col=…::message` line per diagnostic (and a
    /// warning per quarantined row), paths from the repository root.
    public static func github(content: String, run: ScoringRun?, log: DiagnosticLog) -> String {
        var out = ""
        for d in log.items.sorted() {
            out += annotation(d.severity == .error ? "error" : "warning", file: d.path(prefix: content), line: d.line, column: d.column,
                              message: d.message)
        }
        for q in run?.quarantined ?? [] {
            out += annotation("warning", file: Diagnostic.warning(q.file, q.line, 0, "").path(prefix: content), line: q.line, column: 0,
                              message: "feedback row quarantined: " + q.reason)
        }
        return out
    }

    static func annotation(_ kind: String, file: String, line: Int, column: Int, message: String) -> String {
        var props = file.isEmpty ? "" : "file=" + escapeProperty(file)
        if !file.isEmpty { props += ",line=\(max(1, line))" }
        if !file.isEmpty, line > 0, column > 0 { props += ",col=\(column)" }
        return "::\(kind)" + (props.isEmpty ? "" : " " + props) + "::" + escapeData(message) + "\n"
    }

    /// The workflow-command escapes (actions/toolkit `escapeData`, `escapeProperty`).
    static func escapeData(_ s: String) -> String {
        s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    static func escapeProperty(_ s: String) -> String {
        escapeData(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
