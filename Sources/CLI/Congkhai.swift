import ArgumentParser
import Congkhai
import Foundation

struct CongkhaiCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "congkhai",
        abstract: "Công khai cam kết: validate, score and publish public-accountability content.",
        version: CongkhaiVersion.string,
        subcommands: [BuildCommand.self, CheckCommand.self, ScoreCommand.self, VerifyCommand.self, ServeCommand.self, NewCommand.self, RollbackCommand.self]
    )
}

/// Exit codes are part of the contract with cron jobs: 0 ok, 1 content
/// errors, 2 usage. ArgumentParser's own usage code (64) is mapped to 2.
@main
enum Main {
    static func main() {
        do {
            var command = try CongkhaiCommand.parseAsRoot()
            try command.run()
        } catch {
            let code = CongkhaiCommand.exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((CongkhaiCommand.fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            CongkhaiCommand.exit(withError: error)
        }
    }
}
