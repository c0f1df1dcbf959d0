import ArgumentParser
import Congkhai

/// `congkhai rollback SITE --to RELEASE`: publish an earlier build again.
struct RollbackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback",
        abstract: "Put an earlier build (e.g. one kept by the nightly job) back in place, atomically, after verifying it (exit 0 ok, 1 the release does not verify, 3 I/O)."
    )

    @Argument(help: "The published site folder.")
    var site: String

    @Option(help: "The earlier build to publish again.")
    var to: String

    func run() throws {
        do {
            let check = try Rollback.run(site: site, release: to)
            guard check.ok else {
                for p in check.problems { stderr("\(to): \(p)") }
                stderr("rollback refused: \(to) does not verify; \(site) left unchanged")
                throw ExitCode(1)
            }
            stderr("rolled back: \(site) is now the build from \(to) (\(check.entries) ledger entries, \(check.files) files verified)")
        } catch let e as Publisher.Failure {
            stderr("error: \(e)")
            throw ExitCode(3)
        }
    }
}
