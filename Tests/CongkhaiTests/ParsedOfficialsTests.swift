import Foundation
import Testing
@testable import Congkhai

/// The last build's decoded officials (decision 111): a load that takes them
/// must give every field and every diagnostic a fresh parse gives, take them
/// only for the bytes they were made from, and only from a sealed file of
/// the same program.
@Suite struct ParsedOfficialsTests {
    static let sealKey = Array("test seal key for parsed officials".utf8)

    /// Every stored field, recursively, with dictionaries in key order: a
    /// field added to the model and not to the codec shows here.
    static func describe(_ value: Any) -> String {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .dictionary:
            let pairs = mirror.children.map { child -> (String, String) in
                let pair = Array(Mirror(reflecting: child.value).children)
                return (describe(pair[0].value), describe(pair[1].value))
            }
            return "[" + pairs.sorted { $0.0 < $1.0 }.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + "]"
        case .struct, .class, .tuple, .collection, .set:
            return "\(mirror.subjectType)(" + mirror.children.map { "\($0.label ?? ""): \(describe($0.value))" }.joined(separator: ", ") + ")"
        case .optional:
            return mirror.children.first.map { "some(\(describe($0.value)))" } ?? "nil"
        case .enum:
            return "\(value)" + (mirror.children.first.map { "(\(describe($0.value)))" } ?? "")
        default:
            return "\(value)"
        }
    }

    /// Officials with their bodies inline (a parked body's place differs between two loads).
    static func described(_ officials: [Official]) -> [String] {
        officials.map { o in
            var o = o
            o.body = o.body
            return describe(o)
        }
    }

    /// The same officials, field for field; a difference names the first official that has one.
    static func expectSame(_ a: [Official], _ b: [Official]) {
        #expect(a.count == b.count)
        let (x, y) = (described(a), described(b))
        if let i = x.indices.first(where: { $0 < y.count && x[$0] != y[$0] }) {
            Issue.record("\(b[i].file) differs: \(x[i].prefix(300))…")
        }
    }

    /// A copy of the demo with one official given an unknown field (a
    /// decoder warning that a cached load must repeat).
    static func demoCopy() throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("congkhai-parsed-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: DemoContentTests.root, toPath: root)
        let file = root + "/officials/xa-hoa-loc/nguyen-van-hung.md"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        try text.replacingOccurrences(of: "\nposition:", with: "\nnmae: \"Nguyễn\"\nposition:").write(toFile: file, atomically: true, encoding: .utf8)
        return root
    }

    /// Loads `root` with `last`, recording into a new file at `cache`.
    static func load(_ root: String, last: ParsedOfficials?, cache: String, program: String = "p1") -> (LoadedContent, [Diagnostic]) {
        let log = DiagnosticLog()
        let recording = ParsedOfficials.Recorded()
        let loaded = ContentLoader.load(root, log: log, parsed: last, recording: recording)
        recording.write(to: cache, program: program, sealKey: sealKey)
        return (loaded, log.items)
    }

    @Test func aLoadFromTheCacheIsAFreshLoadFieldForField() throws {
        let root = try ParsedOfficialsTests.demoCopy()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let cache = root + "-cache"
        defer { unlink(cache) }
        let (fresh, freshLog) = ParsedOfficialsTests.load(root, last: nil, cache: cache)
        #expect(freshLog.contains { $0.message.contains("nmae") && $0.file.hasSuffix("nguyen-van-hung.md") })
        let last = try #require(ParsedOfficials.read(cache, program: "p1", sealKey: ParsedOfficialsTests.sealKey))
        let (cached, cachedLog) = ParsedOfficialsTests.load(root, last: last, cache: cache)
        #expect(fresh.officials.count == 62)
        ParsedOfficialsTests.expectSame(cached.officials, fresh.officials)
        #expect(cachedLog == freshLog)
        #expect(cached.inputFiles == fresh.inputFiles)
        // What the cached load left is what it found: read again, the same.
        let again = try #require(ParsedOfficials.read(cache, program: "p1", sealKey: ParsedOfficialsTests.sealKey))
        let (third, thirdLog) = ParsedOfficialsTests.load(root, last: again, cache: cache)
        ParsedOfficialsTests.expectSame(third.officials, fresh.officials)
        #expect(thirdLog == freshLog)
    }

    /// An entry is taken (the name below comes from it, not from the file)
    /// only while the file's bytes are those it was made from.
    @Test func anEntryIsTakenOnlyForItsBytes() throws {
        let root = try ParsedOfficialsTests.demoCopy()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let cache = root + "-cache"
        defer { unlink(cache) }
        let path = "officials/xa-an-binh/nguyen-van-an.md"
        let bytes = try #require(FileManager.default.contents(atPath: root + "/" + path))
        let (fresh, _) = ParsedOfficialsTests.load(root, last: nil, cache: cache)
        var planted = try #require(fresh.officials.first { $0.file == path })
        planted.name = "Tên trong bộ nhớ đệm"
        let recording = ParsedOfficials.Recorded()
        recording.add(path, digest: SHA256.hex([UInt8](bytes)), entry: ParsedOfficials.entry(planted, diagnostics: []))
        recording.write(to: cache, program: "p1", sealKey: ParsedOfficialsTests.sealKey)
        let last = try #require(ParsedOfficials.read(cache, program: "p1", sealKey: ParsedOfficialsTests.sealKey))
        let (taken, _) = ParsedOfficialsTests.load(root, last: last, cache: cache + "-2")
        defer { unlink(cache + "-2") }
        #expect(taken.officials.first { $0.file == path }?.name == "Tên trong bộ nhớ đệm")
        // The file edited: its own bytes decide.
        try (String(decoding: bytes, as: UTF8.self) + "\nThêm một dòng.\n").write(toFile: root + "/" + path, atomically: true, encoding: .utf8)
        let (edited, _) = ParsedOfficialsTests.load(root, last: last, cache: cache + "-2")
        #expect(edited.officials.first { $0.file == path }?.name == fresh.officials.first { $0.file == path }?.name)
    }

    /// An entry that does not decode (a sealed file of the same program
    /// cannot hold one but by a bug) costs only its parse: the file is read
    /// as if there were no entry.
    @Test func anEntryThatDoesNotDecodeIsParsedAgain() throws {
        let root = try ParsedOfficialsTests.demoCopy()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let cache = root + "-cache"
        defer { unlink(cache); unlink(cache + "-2") }
        let path = "officials/xa-an-binh/nguyen-van-an.md"
        let bytes = try #require(FileManager.default.contents(atPath: root + "/" + path))
        let (fresh, freshLog) = ParsedOfficialsTests.load(root, last: nil, cache: cache)
        let recording = ParsedOfficials.Recorded()
        recording.add(path, digest: SHA256.hex([UInt8](bytes)), entry: [7, 0xFF, 3])
        recording.write(to: cache, program: "p1", sealKey: ParsedOfficialsTests.sealKey)
        let last = try #require(ParsedOfficials.read(cache, program: "p1", sealKey: ParsedOfficialsTests.sealKey))
        #expect(last.official(path, digest: SHA256.hex([UInt8](bytes)), body: "") == nil)
        let (loaded, log) = ParsedOfficialsTests.load(root, last: last, cache: cache + "-2")
        ParsedOfficialsTests.expectSame(loaded.officials, fresh.officials)
        #expect(log == freshLog)
    }

    /// Another program's file, an altered one, or one sealed under another key is not read.
    @Test func onlyASealedFileOfTheSameProgramIsRead() throws {
        let root = try ParsedOfficialsTests.demoCopy()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let cache = root + "-cache"
        defer { unlink(cache) }
        _ = ParsedOfficialsTests.load(root, last: nil, cache: cache)
        #expect(ParsedOfficials.read(cache, program: "p1", sealKey: ParsedOfficialsTests.sealKey) != nil)
        #expect(ParsedOfficials.read(cache, program: "p2", sealKey: ParsedOfficialsTests.sealKey) == nil)
        #expect(ParsedOfficials.read(cache, program: "p1", sealKey: Array("another key".utf8)) == nil)
        var bytes = [UInt8](try #require(FileManager.default.contents(atPath: cache)))
        bytes[bytes.count / 2] ^= 0x20
        try Data(bytes).write(to: URL(fileURLWithPath: cache))
        #expect(ParsedOfficials.read(cache, program: "p1", sealKey: ParsedOfficialsTests.sealKey) == nil)
    }

    /// Two builds of the demo through `SiteBuild`: the second, after one
    /// official's file was edited, takes the others from the first's file
    /// and publishes what a build that parsed everything publishes.
    @Test func aRebuildTakesUnchangedOfficialsAndPublishesTheSame() throws {
        let root = try ParsedOfficialsTests.demoCopy()
        let out = root + "-out", cold = root + "-cold"
        defer { for p in [root, out, cold] { try? FileManager.default.removeItem(atPath: p) } }
        func build(_ output: String) throws -> SiteBuild.Report {
            let log = DiagnosticLog()
            var options = SiteBuild.Options(content: root, output: output)
            options.environment = ["CONGKHAI_PSEUDONYM_KEY": "test key for parsed officials"]
            return SiteBuild.run(options, log: log)
        }
        _ = try build(out)
        let publisher = Publisher(destination: out)
        #expect(FileManager.default.fileExists(atPath: publisher.parsedOfficialsPath))
        // A new name: an entry taken for the old bytes would publish the old one.
        let file = root + "/officials/xa-an-binh/nguyen-van-an.md"
        try (try String(contentsOfFile: file, encoding: .utf8)).replacingOccurrences(of: "\nname: \"", with: "\nname: \"Tân ")
            .write(toFile: file, atomically: true, encoding: .utf8)
        let second = try build(out)
        guard case .built = second.outcome else { Issue.record("\(second.outcome)"); return }
        _ = try build(cold)
        for page in ["dia-phuong/xa-an-binh/nguyen-van-an/index.html", "dia-phuong/xa-hoa-loc/nguyen-van-hung/index.html",
                     "data/scores.json", "data/commitments.csv"] {
            #expect(FileManager.default.contents(atPath: out + "/" + page) == FileManager.default.contents(atPath: cold + "/" + page), "\(page)")
        }
    }
}
