/// Warnings about exports' headers, said once per cause rather than once
/// per file (decision 115).
///
/// A national feed is thousands of exports written by one system, each with
/// the same header: a column congkhai does not read was one warning per
/// file (1,033 for a province's feedback cut into 4,006 exports), and the
/// warnings that differ from file to file were lost among them. The first
/// `listed` exports with a cause are named at their header's line, as
/// before; the others are counted in one more warning at the last of them,
/// so the count and a real line of the defect are both in the run's output.
/// Errors (a missing or duplicated column) are never folded: each file with
/// one is unusable and is named.
final class HeaderWarnings {
    /// Exports named for each cause before the rest are counted.
    static let listed = 3

    private struct Cause {
        var message: String
        var count = 0
        var lastFile = ""
        var lastLine = 0
    }

    private var causes: [Cause] = []
    private var byMessage: [String: Int] = [:]

    /// Logs the warning `message` at `file:line` if fewer than `listed`
    /// exports have had it, else counts it.
    func warn(_ file: String, _ line: Int, _ message: String, log: DiagnosticLog) {
        let i: Int
        if let known = byMessage[message] {
            i = known
        } else {
            i = causes.count
            byMessage[message] = i
            causes.append(Cause(message: message))
        }
        causes[i].count += 1
        if causes[i].count <= Self.listed {
            log.warning(file, line, 0, message)
        } else {
            (causes[i].lastFile, causes[i].lastLine) = (file, line)
        }
    }

    /// One warning per cause that was counted past the first exports, in
    /// the order the causes first appeared, at the last export that had it.
    func finish(log: DiagnosticLog) {
        for cause in causes where cause.count > Self.listed {
            let more = cause.count - Self.listed
            log.warning(cause.lastFile, cause.lastLine, 0,
                        cause.message + " — also in \(more) more export\(more == 1 ? "" : "s") after the first \(Self.listed) named above "
                            + "(the same header; this is the last of them)")
        }
    }
}
