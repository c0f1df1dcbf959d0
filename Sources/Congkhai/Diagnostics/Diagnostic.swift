/// A message about the content, addressed to the editor who must fix it.
///
/// Diagnostics are values rather than thrown errors so one run can report
/// every problem at once, sorted the way a compiler would print them.
public struct Diagnostic: Sendable, Hashable, Comparable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        case error
        case warning
    }

    public var severity: Severity
    /// Path relative to the content root (`officials/xa-an-binh/nguyen-van-an.md`);
    /// empty for problems that belong to no file.
    public var file: String
    /// 1-based; 0 when unknown.
    public var line: Int
    /// 1-based; 0 when unknown.
    public var column: Int
    public var message: String

    public init(_ severity: Severity, file: String, line: Int = 0, column: Int = 0, _ message: String) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public static func error(_ file: String, _ line: Int = 0, _ column: Int = 0, _ message: String) -> Diagnostic {
        Diagnostic(.error, file: file, line: line, column: column, message)
    }

    public static func warning(_ file: String, _ line: Int = 0, _ column: Int = 0, _ message: String) -> Diagnostic {
        Diagnostic(.warning, file: file, line: line, column: column, message)
    }

    /// Compiler-style rendering; `prefix` is the content root as the user typed it.
    /// The file as a reader finds it: under the content folder unless absolute.
    public func path(prefix: String) -> String {
        // An absolute path (the output folder, a key file) is not under the content folder.
        prefix.isEmpty || file.hasPrefix("/") ? file : (prefix.hasSuffix("/") ? prefix + file : prefix + "/" + file)
    }

    public func formatted(prefix: String = "") -> String {
        var out = ""
        if !file.isEmpty {
            out += path(prefix: prefix)
            // Always `file:line`: a problem with a whole file points at its first line.
            out += ":\(max(1, line))"
            if line > 0 && column > 0 { out += ":\(column)" }
            out += ": "
        }
        out += "\(severity.rawValue): \(message)"
        return out
    }

    public var description: String { formatted() }

    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        if lhs.file != rhs.file { return UTF8Order.precedes(lhs.file, rhs.file) }
        if lhs.line != rhs.line { return lhs.line < rhs.line }
        if lhs.column != rhs.column { return lhs.column < rhs.column }
        if lhs.severity != rhs.severity { return lhs.severity == .error }
        return UTF8Order.precedes(lhs.message, rhs.message)
    }
}
