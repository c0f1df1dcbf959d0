import Foundation
import Testing
@testable import Congkhai

/// The ledger's feedback comparison skips the runs of rows a published file
/// still holds byte for byte (decision 82). Whatever the edit, the entries
/// must be exactly those of comparing every row; and the skip must happen,
/// or a national nightly build compares 20 million rows again.
@Suite struct FeedbackComparisonTests {
    struct Row: Equatable {
        var id: String
        var rating: Int
        var file: String
    }

    static let header = Array(CSVWriter.row(FeedbackExport.columns).utf8)

    static func line(_ r: Row) -> [UInt8] {
        Array("\(r.id),2026-03-01,survey,xa-a,,,rating,citizen,,\(r.rating),,,,,,,\(r.file)\r\n".utf8)
    }

    static func csv(_ rows: [Row]) -> [UInt8] { header + rows.flatMap(line) }

    /// Runs of consecutive rows from one file, as `FeedbackExport.add` records them.
    static func segments(_ rows: [Row]) -> [FeedbackExport.Segment] {
        var out: [FeedbackExport.Segment] = []
        for r in rows {
            let n = line(r).count
            if let last = out.indices.last, out[last].file == r.file {
                out[last].rows += 1
                out[last].bytes += n
            } else {
                out.append(.init(file: r.file, rows: 1, bytes: n))
            }
        }
        return out
    }

    /// Entries (serialized, sorted) and rows visited, with or without the skip.
    static func compare(previous: [UInt8], now: [Row], skipping: Bool) -> (entries: [String], visited: Int) {
        var digests = RowDigests()
        _ = digests.read(csv: csv(now))
        digests.seal()
        let nowCSV = csv(now), runs = segments(now)
        let result = ChangeSet.feedbackChanges(
            previous: ["/site/data/feedback/xa-a.csv.gz"], current: digests,
            exported: { id, published in
                guard skipping, id == "xa-a", !runs.isEmpty else { return nil }
                return .init(shared: CommonPrefix.length(published, nowCSV), header: header.count, segments: runs)
            },
            read: { _ in Gzip.compress(previous) })
        #expect(result.readable)
        return (result.entries.map { CanonicalJSON.serialize($0.body) }.sorted(), result.visited)
    }

    static func rows(_ file: String, _ prefix: String, _ range: ClosedRange<Int>, rating: Int = 4) -> [Row] {
        range.map { Row(id: "\(prefix)\($0)", rating: rating, file: file) }
    }

    @Test func anExportAddedAfterTheOthersIsNotComparedRowByRow() {
        let before = Self.rows("feedback/a.csv", "r", 1...50)
        let after = before + Self.rows("feedback/c.csv", "c", 1...10)
        let skipped = Self.compare(previous: Self.csv(before), now: after, skipping: true)
        #expect(skipped.visited == 0)
        #expect(skipped.entries == Self.compare(previous: Self.csv(before), now: after, skipping: false).entries)
        #expect(skipped.entries.count == 1 && skipped.entries[0].contains("feedback_file_added")
            && skipped.entries[0].contains("\"count\":10"))
    }

    @Test func rowsAppendedToTheLastExportAreCountedAndTheEarlierExportSkipped() {
        let a = Self.rows("feedback/a.csv", "r", 1...20), b = Self.rows("feedback/b.csv", "b", 1...20)
        let after = a + b + Self.rows("feedback/b.csv", "b", 21...25)
        let skipped = Self.compare(previous: Self.csv(a + b), now: after, skipping: true)
        // b's run grew: its published rows are compared one by one, a's are not.
        #expect(skipped.visited == 20)
        #expect(skipped.entries == Self.compare(previous: Self.csv(a + b), now: after, skipping: false).entries)
        #expect(skipped.entries.count == 1 && skipped.entries[0].contains("feedback_rows_added")
            && skipped.entries[0].contains("\"count\":5"))
    }

    @Test func aRowRewrittenAfterASkippedRunIsStillRecorded() {
        let a = Self.rows("feedback/a.csv", "r", 1...20), b = Self.rows("feedback/b.csv", "b", 1...20)
        var edited = b
        edited[9].rating = 1
        let skipped = Self.compare(previous: Self.csv(a + b), now: a + edited, skipping: true)
        #expect(skipped.visited == 20)
        #expect(skipped.entries == Self.compare(previous: Self.csv(a + b), now: a + edited, skipping: false).entries)
        #expect(skipped.entries.count == 1 && skipped.entries[0].contains("feedback_row_changed")
            && skipped.entries[0].contains("\"row\":\"b10\""))
    }

    @Test func aRowRemovedAtTheEndOfTheFirstRunIsComparedFromThere() {
        let a = Self.rows("feedback/a.csv", "r", 1...20), b = Self.rows("feedback/b.csv", "b", 1...20)
        var edited = a
        edited.remove(at: 19)
        let skipped = Self.compare(previous: Self.csv(a + b), now: edited + b, skipping: true)
        // a's remaining 19 rows are still the published file's first bytes: from r20 on, rows are compared.
        #expect(skipped.visited == 21)
        #expect(skipped.entries == Self.compare(previous: Self.csv(a + b), now: edited + b, skipping: false).entries)
        #expect(skipped.entries.count == 1 && skipped.entries[0].contains("feedback_row_removed"))
    }

    @Test func anUnchangedExportIsNotVisitedAndAnotherHeaderIsVisitedWhole() {
        let a = Self.rows("feedback/a.csv", "r", 1...30)
        let same = Self.compare(previous: Self.csv(a), now: a, skipping: true)
        #expect(same.visited == 0 && same.entries.isEmpty)
        // A published file with another column order shares no prefix: every row is compared.
        var columns = FeedbackExport.columns
        columns.swapAt(1, 2)
        let other = Array(CSVWriter.row(columns).utf8) + a.flatMap(Self.line)
        let visited = Self.compare(previous: other, now: a, skipping: true)
        #expect(visited.visited == 30)
        #expect(visited.entries == Self.compare(previous: other, now: a, skipping: false).entries)
    }

    /// Random edits (rows changed, removed, added anywhere, files added and
    /// dropped): the skip never changes what is recorded.
    @Test func randomEditsRecordWhatAFullComparisonRecords() {
        var random = SeededSequence(seed: 0x9E3779B97F4A7C15)
        func next(_ n: Int) -> Int { random.next(n) }
        var visitedTotal = 0, rowsTotal = 0
        for _ in 0..<200 {
            let files = ["feedback/a.csv", "feedback/b.csv", "feedback/c.csv"].prefix(1 + next(3))
            var before: [Row] = []
            for (i, f) in files.enumerated() { before += Self.rows(f, "\(i)-", 1...(1 + next(12))) }
            var after = before
            for _ in 0..<next(3) {
                guard !after.isEmpty else { break }
                let i = next(after.count)
                switch next(4) {
                case 0: after[i].rating = 1 + next(5)
                case 1: after.remove(at: i)
                case 2: after.insert(Row(id: "n\(next(1000))", rating: 3, file: after[i].file), at: i)
                default: after += Self.rows("feedback/z.csv", "z", 1...(1 + next(4)))
                }
            }
            if next(5) == 0 { after.removeAll { $0.file == "feedback/a.csv" } }
            // Ids stay unique per file, as validation keeps them.
            var seen = Set<String>()
            after = after.filter { seen.insert($0.file + "/" + $0.id).inserted }
            let fast = Self.compare(previous: Self.csv(before), now: after, skipping: true)
            let full = Self.compare(previous: Self.csv(before), now: after, skipping: false)
            #expect(fast.entries == full.entries, "\(before) → \(after)")
            visitedTotal += fast.visited
            rowsTotal += before.count
        }
        // Most edits leave a first run or more untouched.
        #expect(visitedTotal < rowsTotal)
    }

    /// The shared length is the byte-by-byte count, wherever the first
    /// difference falls against the 4 KB blocks `memcmp` compares.
    @Test func commonPrefixIsTheByteByByteCount() {
        let base = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
        for at in [0, 1, 4095, 4096, 4097, 8191, 8192, 9_999] {
            var other = base
            other[at] ^= 0xFF
            #expect(CommonPrefix.length(base, other) == at)
            #expect(CommonPrefix.length(other, base) == at)
        }
        #expect(CommonPrefix.length(base, base) == base.count)
        #expect(CommonPrefix.length(base, Array(base.prefix(4096))) == 4096)
        #expect(CommonPrefix.length(Array(base.prefix(5000)), base) == 5000)
        #expect(CommonPrefix.length([], base) == 0 && CommonPrefix.length(base, []) == 0)
    }
}
