import ArgumentParser
import Congkhai
import Foundation

/// `congkhai serve`: the editors' live preview.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Preview the site at http://127.0.0.1:PORT/, rebuilding and reloading the page on every save (editors' preview).",
        discussion: """
        Watches the content folder and the theme (inotify; polling where unavailable). Content errors are shown \
        in the browser, with file:line, instead of stopping the preview. The reload script exists only in the \
        preview, never in a published build.
        """
    )

    @Argument(help: "The content folder.")
    var content: String = "content"

    @Option(help: "Port to listen on.")
    var port: UInt16 = 8080

    @Option(help: "Address to listen on. The default serves this machine only; give 0.0.0.0 explicitly to share the preview on the network.")
    var bind: String = "127.0.0.1"

    @Option(name: .customLong("as-of"), help: "Scoring date YYYY-MM-DD (overrides site.yaml).")
    var asOf: String?

    @Flag(name: .customLong("all-languages"), help: "Also build the English pages (slower rebuilds; by default only the first language).")
    var allLanguages = false

    func validate() throws {
        _ = try parseAsOf(asOf)
    }

    func run() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("congkhai-preview-\(getpid())").path
        // Stopped (Ctrl-C, a terminal closed, `kill`): the private output and
        // everything beside it go, then the signal ends the process as before.
        let publisher = Publisher(destination: output)
        let stops = [SIGINT, SIGTERM, SIGHUP].map { number -> any DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                publisher.removeAll()
                signal(number, SIG_DFL)
                kill(getpid(), number)  // to the process: a dispatch thread blocks signals
            }
            source.resume()
            return source
        }
        defer { withExtendedLifetime(stops) {} }
        let session = PreviewSession(.init(content: content, output: output, asOf: asOf.flatMap { Day(iso: $0) }, host: bind, port: port,
                                                 allLanguages: allLanguages)) {
            stderr($0)
        }
        if bind != "127.0.0.1" && bind != "localhost" {
            stderr("warning: the preview is reachable from other machines on \(bind):\(port)")
        }
        do {
            try session.run { url in
                stderr("preview of \(content) at \(url) — edits reload the page; press Ctrl-C to stop")
            }
        } catch {
            stderr("error: \(error)")
            publisher.removeAll()
            throw ExitCode(3)
        }
    }
}
