import ArgumentParser
import Congkhai
import Foundation

/// `congkhai serve`: build into a private folder and preview it on this machine.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build the site into a temporary folder and preview it at http://127.0.0.1:PORT/ (editors' preview)."
    )

    @Argument(help: "The content folder.")
    var content: String = "content"

    @Option(help: "Port on 127.0.0.1.")
    var port: UInt16 = 8080

    @Option(name: .customLong("as-of"), help: "Scoring date YYYY-MM-DD (overrides site.yaml).")
    var asOf: String?

    func validate() throws {
        _ = try parseAsOf(asOf)
    }

    func run() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("congkhai-preview").path
        let log = DiagnosticLog()
        let result = SiteBuild.run(.init(content: content, output: output, asOf: asOf.flatMap { Day(iso: $0) }), log: log)
        printDiagnostics(log, root: content, quiet: false)
        guard case .built = result.outcome else {
            stderr("build failed: fix the errors above and run `congkhai serve` again")
            throw ExitCode(1)
        }
        do {
            try PreviewServer(root: output, port: port).run { url in
                stderr("preview of \(content) at \(url) — press Ctrl-C to stop (rebuild by running the command again)")
            }
        } catch {
            stderr("error: \(error)")
            throw ExitCode(3)
        }
    }
}
