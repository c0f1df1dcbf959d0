import Foundation
import Testing
@testable import Congkhai

/// A rebuild copies each unchanged official's run of rows of `criteria.csv`
/// and `commitments.csv` from the published table (decision 105): the runs
/// noted while a table is written are where its rows lie, and a table made
/// of kept runs is the table made whole.
@Suite struct TableRunsTests {
    static func table(_ make: (OpenData.RowRuns?, ([UInt8]) -> Void) -> Void, rows: OpenData.RowRuns?) -> [UInt8] {
        var bytes: [UInt8] = []
        make(rows) { bytes += $0 }
        return bytes
    }

    @Test func keptRunsMakeTheSameTables() throws {
        let demo = try TemplateKeyTests.demo()
        let run = demo.run
        let tables: [(String, (OpenData.RowRuns?, ([UInt8]) -> Void) -> Void)] = [
            ("data/criteria.csv", { rows, sink in OpenData.criteriaCSV(run, rows: rows, into: sink) }),
            ("data/commitments.csv", { rows, sink in OpenData.commitmentsCSV(run, history: .empty, rows: rows, into: sink) }),
        ]
        for (name, make) in tables {
            let whole = TableRunsTests.table(make, rows: nil)
            // Written once, noting each official's run.
            let noted = Locked<[Int: (offset: Int, length: Int)]>([:])
            let first = TableRunsTests.table(make, rows: OpenData.RowRuns(kept: { _, _ in nil }, note: { table, oi, offset, length in
                #expect(table == name)
                noted.update { $0[oi] = (offset, length) }
            }))
            #expect(first == whole)
            let runs = noted.value
            #expect(runs.count == run.province.officials.count || name == "data/criteria.csv")
            #expect(runs.values.map(\.length).reduce(0, +) + (whole.firstIndex(of: 0x0A).map { $0 + 1 } ?? 0) == whole.count)
            // Then made again keeping every run but one official's, read from the first table.
            let made = try #require(runs.keys.sorted().dropFirst(3).first)
            let keptCount = Locked<Int>(0)
            let again = TableRunsTests.table(make, rows: OpenData.RowRuns(kept: { _, oi in
                guard oi != made, let r = runs[oi] else { return nil }
                keptCount.update { $0 += 1 }
                return Array(first[r.offset..<(r.offset + r.length)])
            }, note: { _, _, _, _ in }))
            #expect(again == whole, "\(name): kept runs in their places")
            #expect(keptCount.value == runs.count - 1)
        }
    }

    /// Runs are read from the published table, and only under the
    /// fingerprint they were recorded with.
    @Test func aRunIsReadOnlyUnderItsFingerprint() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("congkhai-runs-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/data", withIntermediateDirectories: true)
        try Data("header\nrow a1\nrow a2\nrow b1\n".utf8).write(to: URL(fileURLWithPath: dir + "/data/t.csv"))
        let runs = TableRuns(published: ["data/t.csv#x/a": .init(fingerprint: "fa", offset: 7, length: 14),
                                         "data/t.csv#x/b": .init(fingerprint: "fb", offset: 21, length: 7),
                                         "data/t.csv#x/c": .init(fingerprint: "fc", offset: 25, length: 70)],
                             output: dir)
        #expect(runs.kept("data/t.csv", "data/t.csv#x/a", fingerprint: "fa") == Array("row a1\nrow a2\n".utf8))
        #expect(runs.kept("data/t.csv", "data/t.csv#x/b", fingerprint: "fb") == Array("row b1\n".utf8))
        #expect(runs.kept("data/t.csv", "data/t.csv#x/a", fingerprint: "changed") == nil)
        #expect(runs.kept("data/t.csv", "data/t.csv#x/a", fingerprint: nil) == nil)
        #expect(runs.kept("data/t.csv", "data/t.csv#x/c", fingerprint: "fc") == nil, "past the end of the table")
        runs.note("data/t.csv#x/a", .init(fingerprint: "fa2", offset: 7, length: 14))
        runs.note("data/u.csv#x/a", .init(fingerprint: "u", offset: 0, length: 1))
        #expect(runs.recorded { $0 == "data/t.csv" } == ["data/t.csv#x/a": .init(fingerprint: "fa2", offset: 7, length: 14)])
    }
}
