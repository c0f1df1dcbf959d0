import Foundation
import Testing
@testable import Congkhai

/// `data/manifest.json` is written straight from the sorted paths; the
/// `JSONValue` document it was made from before is kept here as the
/// reference, and both must give the same bytes (anyone's `verify`
/// hashes them, and the ledger names their digest).
@Suite struct ManifestBytesTests {
    static func reference(_ province: Province, asOf: Day, hashes: [String: String]) -> [UInt8] {
        let inputs: [(String, JSONValue)] = Manifest.inputHashes(province).map { ($0.path, .string($0.hash)) }
        let outs: [(String, JSONValue)] = hashes.keys.sorted { UTF8Order.precedes($0, $1) }.map { ($0, .string(hashes[$0] ?? "")) }
        return JSONValue.object([
            ("tool", .string("congkhai")), ("version", .string(CongkhaiVersion.string)), ("rules", .string(CongkhaiVersion.rules)),
            ("as_of", .string(asOf.description)), ("framework", .string(province.framework.id)),
            ("inputs", .object(inputs)), ("outputs", .object(outs)),
        ]).bytes()
    }

    @Test func writesWhatTheDocumentWrote() throws {
        let demo = try TemplateKeyTests.demo()
        let p = demo.run.province, asOf = demo.run.scoreboard.asOf
        let odd = ["a\"quote.html": "1", "b<tag>&.html": "2", "Đường/ắ.html": "3", "z\u{2028}.txt": "4", "tab\there": "5", "A.html": "6"]
        var many: [String: String] = [:]
        for i in 0..<500 { many["dia-phuong/x\(i % 7)/o\(i)/index.html"] = SHA256.hex(Array("\(i)".utf8)) }
        for hashes in [[:], ["index.html": "abc"], odd, many.merging(odd) { a, _ in a }] {
            #expect(Manifest.file(province: p, asOf: asOf, hashes: hashes).bytes == ManifestBytesTests.reference(p, asOf: asOf, hashes: hashes))
        }
        // A province without inputs (the empty object is written `{}`).
        var bare = p
        bare.inputFiles = []
        #expect(Manifest.file(province: bare, asOf: asOf, hashes: odd).bytes == ManifestBytesTests.reference(bare, asOf: asOf, hashes: odd))
        #expect(Manifest.file(province: bare, asOf: asOf, hashes: [:]).bytes == ManifestBytesTests.reference(bare, asOf: asOf, hashes: [:]))
    }
}
