import ArgumentParser
import Congkhai
import Foundation

/// `congkhai new`: start a site, a locality, an official or a commitment from
/// a commented skeleton that `check` accepts unchanged. Never overwrites.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create a site, locality, official or commitment from a valid, commented skeleton (never overwrites).",
        subcommands: [NewSite.self, NewLocality.self, NewOfficial.self, NewCommitment.self]
    )
}

/// Shared: where the content folder is.
struct ContentOption: ParsableArguments {
    @Option(name: .customLong("content"), help: "The content folder.")
    var content: String = "content"
}

func scaffold(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let f as Scaffold.Failure {
        stderr("error: \(f)")
        throw ExitCode(1)
    }
}

extension Locality.Kind: ExpressibleByArgument {}
extension Locality.Context: ExpressibleByArgument {}
extension Official.Role: ExpressibleByArgument {}

struct NewSite: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "site", abstract: "A minimal valid province in DIR, with the default framework.")

    @Argument(help: "The folder to create (its content goes directly in it).")
    var dir: String

    @Option(help: "The site's title.")
    var title = "Công khai cam kết"

    @Option(help: "The province's name.")
    var province = "Tỉnh …"

    @Option(help: "The assessment year (the period runs 1 January – 31 December).")
    var year: Int = Calendar(identifier: .gregorian).component(.year, from: Date())

    func run() throws {
        try scaffold {
            let today = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? .current, from: Date())
            let now = Day(year: today.year ?? year, month: today.month ?? 1, day: today.day ?? 1) ?? Day(year: year, month: 1, day: 1)!
            let asOf = min(max(now, Day(year: year, month: 1, day: 1)!), Day(year: year, month: 12, day: 31)!)
            try Scaffold.write(Scaffold.site(title: title, province: province, year: year, asOf: asOf), root: dir)
            stderr("created \(dir): add a locality with `congkhai new locality ID --content \(dir)`, then `congkhai check \(dir)`")
        }
    }
}

struct NewLocality: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "locality", abstract: "localities/ID.yaml")

    @Argument(help: "The locality's id, e.g. xa-an-binh.")
    var id: String

    @Option(help: "commune, ward, special_zone, department or province.")
    var kind: Locality.Kind = .commune

    @Option(help: "urban, rural, mountainous or disadvantaged.")
    var context: Locality.Context = .rural

    @Option(help: "The name as written (default from the id, e.g. \"Xã An Binh\").")
    var name: String?

    @OptionGroup var where_: ContentOption

    func run() throws {
        try scaffold {
            let files = try Scaffold.locality(id: id, kind: kind, context: context, name: name)
            try Scaffold.write(files, root: where_.content)
            stderr("created \(where_.content)/\(files[0].path)")
        }
    }
}

struct NewOfficial: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "official", abstract: "officials/LOCALITY/ID.md")

    @Argument(help: "The locality's id.")
    var locality: String

    @Argument(help: "The official's id, e.g. nguyen-van-an.")
    var id: String

    @Option(help: "Full name as written.")
    var name: String?

    @Option(help: "Position as written.")
    var position: String?

    @Option(help: "party_secretary, chairman, vice_chairman, department_head, deputy_head or other.")
    var role: Official.Role = .other

    @OptionGroup var where_: ContentOption

    func run() throws {
        try scaffold {
            guard FileManager.default.fileExists(atPath: "\(where_.content)/localities/\(locality).yaml") else {
                throw Scaffold.Failure(description: "no locality \"\(locality)\" in \(where_.content)/localities/ (create it with `congkhai new locality \(locality)`)")
            }
            let files = try Scaffold.official(locality: locality, id: id, name: name, role: role, position: position)
            try Scaffold.write(files, root: where_.content)
            stderr("created \(where_.content)/\(files[0].path)")
        }
    }
}

struct NewCommitment: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "commitment", abstract: "A commitment appended to an official's file.")

    @Argument(help: "LOCALITY/OFFICIAL, e.g. xa-an-binh/nguyen-van-an.")
    var official: String

    @Option(help: "The commitment's id (default: cam-ket-N).")
    var id: String?

    @Option(help: "The commitment's title.")
    var title: String?

    @Option(help: "Deadline YYYY-MM-DD (default: the period's end).")
    var deadline: String?

    @OptionGroup var where_: ContentOption

    func validate() throws {
        if let deadline, Day(iso: deadline) == nil { throw ValidationError("--deadline \"\(deadline)\" is not a valid date (YYYY-MM-DD)") }
    }

    func run() throws {
        try scaffold {
            let parts = official.split(separator: "/")
            guard parts.count == 2 else { throw Scaffold.Failure(description: "name the official as LOCALITY/OFFICIAL, e.g. xa-an-binh/nguyen-van-an") }
            let path = "\(where_.content)/officials/\(parts[0])/\(parts[1]).md"
            guard let data = FileManager.default.contents(atPath: path) else {
                throw Scaffold.Failure(description: "no official file \(path) (create it with `congkhai new official \(parts[0]) \(parts[1])`)")
            }
            let text = String(decoding: data, as: UTF8.self)
            let due = deadline.flatMap { Day(iso: $0) } ?? Scaffold.periodEnd(content: where_.content) ?? Day(iso: "2026-12-31")!
            let commitmentID = id ?? Scaffold.nextCommitmentID(in: text)
            let updated = try Scaffold.addCommitment(to: text, id: commitmentID, title: title, deadline: due)
            try Data(updated.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            stderr("added commitment \"\(commitmentID)\" to \(path): fill in its title, group, target and deadline")
        }
    }
}
