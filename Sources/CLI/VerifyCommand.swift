import ArgumentParser
import Congkhai
import Foundation

/// `congkhai verify`: anyone with a copy of the site checks its ledger, its
/// manifest and (optionally) every score.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a published site: ledger chain, manifest, signature, optionally every score (exit 0 ok, 1 problems, 2 usage)."
    )

    @Argument(help: "The published site folder (or a mirror of it).")
    var site: String

    @Option(help: "An older copy of the site: its ledger entries must be the first entries of this one.")
    var previous: String?

    @Flag(help: "Recompute every score from data/ alone and compare.")
    var recompute = false

    @Option(help: "Base64 raw Ed25519 public key that must have signed data/ledger/head.json (default: signing_key in data/content/site.yaml).")
    var key: String?

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    enum OutputFormat: String, ExpressibleByArgument { case text, json }

    func validate() throws {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: site, isDirectory: &isDir), isDir.boolValue else {
            throw ValidationError("\(site) is not a folder")
        }
        if let previous, !FileManager.default.fileExists(atPath: previous) { throw ValidationError("\(previous) does not exist") }
        if let key, (Data(base64Encoded: key)?.count ?? 0) != 32 {
            throw ValidationError("--key must be the base64 of a raw 32-byte Ed25519 public key")
        }
    }

    func run() throws {
        let result = SiteVerifier.verify(.init(site: site, previous: previous, recompute: recompute, key: key))
        switch format {
        case .json:
            stdout(result.json.serialized())
        case .text:
            stdout(result.problems.map { $0 + "\n" }.joined())
            let summary = "\(site): \(result.entries) ledger entries, \(result.files) files"
                + (recompute ? ", \(result.recomputed) officials recomputed" : "")
                + (result.signed ? ", signature checked" : "")
            stderr(result.ok ? "verified " + summary : "NOT verified: \(result.problems.count) problem(s); " + summary)
        }
        if !result.ok { throw ExitCode(1) }
    }
}
