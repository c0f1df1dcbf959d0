import Foundation
import Testing
@testable import Congkhai

/// Diagnostics for machines: GitHub annotations escape what would break them.
@Suite struct DiagnosticsReportTests {
    @Test func githubAnnotationsAreEscaped() {
        let log = DiagnosticLog()
        log.error("officials/x, y.md", 3, 5, "50% done\nsecond line")
        log.warning("/abs/key.pem", 0, 0, "no key")
        let out = DiagnosticsReport.github(content: "content", run: nil, log: log)
        #expect(out.contains("::error file=content/officials/x%2C y.md,line=3,col=5::50%25 done%0Asecond line\n"))
        #expect(out.contains("::warning file=/abs/key.pem,line=1::no key\n"))
    }
}
