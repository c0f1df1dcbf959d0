import Congkhai
import ArgumentParser

@main
struct CongkhaiCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "congkhai",
        abstract: "Công khai cam kết: validate, score and publish public-accountability content.",
        version: CongkhaiVersion.string,
        subcommands: [CheckCommand.self, ScoreCommand.self]
    )
}
