/// Collects diagnostics from one stage of work.
///
/// A reference type so that nested readers can append without threading an
/// `inout` through every call; each task owns its own log and the pipeline
/// merges them, so it never crosses threads.
public final class DiagnosticLog {
    public private(set) var items: [Diagnostic] = []

    public init() {}

    public func add(_ diagnostic: Diagnostic) { items.append(diagnostic) }
    public func add(contentsOf other: [Diagnostic]) { items.append(contentsOf: other) }

    public func error(_ file: String, _ line: Int, _ column: Int, _ message: String) {
        items.append(.error(file, line, column, message))
    }

    public func warning(_ file: String, _ line: Int, _ column: Int, _ message: String) {
        items.append(.warning(file, line, column, message))
    }

    public var hasErrors: Bool { items.contains { $0.severity == .error } }
    public var errorCount: Int { items.count { $0.severity == .error } }
}
