import Foundation
import Testing
@testable import Congkhai

/// The published feedback files and the ledger's row digests do not depend
/// on whether rows waited in memory or went through the spill file (a
/// national export spills; the demo never reaches the 32 MB threshold).
@Suite struct FeedbackExportTests {
    /// The guessed-then-bracketed search finds exactly what a scan finds,
    /// keys present and absent, at both ends, in files of every size.
    @Test func rowIndexFindsWhatAScanFinds() {
        var seed: UInt64 = 42
        func next() -> UInt64 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return seed ^ (seed >> 29)
        }
        for size in [0, 1, 2, 3, 17, 1000, 5000] {
            var d = RowDigests()
            let file = "f\(size).csv"
            let f = Int(d.index(of: file))
            for i in 0..<size { d.records[f].append(.init(key: .init(a: next(), b: UInt64(i % 3)), digest: UInt64(i))) }
            // Some keys share their first word (the second decides).
            if size > 10 { d.records[f].append(.init(key: .init(a: d.records[f][3].key.a, b: 99), digest: 7)) }
            // Appended directly (to choose the keys): sorted here as `seal()` sorts.
            d.records[f].sort { $0.key.a != $1.key.a ? $0.key.a < $1.key.a : $0.key.b < $1.key.b }
            let recs = d.records[f]
            for (i, r) in recs.enumerated() where d.index(file: f, key: r.key) != i {
                Issue.record("size \(size): row \(i) not found where it is")
            }
            var absent: [RowDigests.Key] = [.init(a: 0, b: 0), .init(a: .max, b: .max)]
            for _ in 0..<200 { absent.append(.init(a: next(), b: 5)) }
            for r in recs.prefix(50) { absent.append(.init(a: r.key.a, b: r.key.b &+ 1000)) }
            for k in absent where !recs.contains(where: { $0.key == k }) && d.index(file: f, key: k) != nil {
                Issue.record("size \(size): absent key found")
            }
        }
    }

    @Test func spillingEveryRowChangesNothingPublished() throws {
        let log = DiagnosticLog()
        let province = try #require(ContentValidator.validate(ContentLoader.load(DemoContentTests.root, log: log), log: log))
        let asOf = try #require(province.site.asOf)
        // The spill file is unlinked as soon as it is open: while the export
        // lives (a build that could be killed), nothing of it is on disk.
        func spillFolders() -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path)) ?? [])
                .filter { $0.hasPrefix("congkhai-feedback-\(getpid())-") }
        }
        func export(budget: Int) -> (files: [OutputFile], rows: RowDigests) {
            let e = FeedbackExport(province: province, pseudonymKey: Array("k".utf8), bufferBudget: budget)
            _ = FeedbackIngest.run(province, asOf: asOf, log: DiagnosticLog(), export: e)
            #expect(spillFolders().isEmpty, "spilled rows left on disk: \(spillFolders())")
            var files: [OutputFile] = []
            e.files { files.append($0) }
            return (files, e.rows)
        }
        let kept = export(budget: FeedbackExport.bufferBudget), spilled = export(budget: 0)
        #expect(kept.files.count > 5)
        #expect(kept.files.map(\.path) == spilled.files.map(\.path))
        #expect(kept.files.map(\.bytes) == spilled.files.map(\.bytes))
        #expect(kept.rows.files == spilled.rows.files)
        #expect(kept.rows.records.map { $0.map(\.digest) } == spilled.rows.records.map { $0.map(\.digest) })
        #expect(kept.rows.counts.reduce(0, +) > 20_000)
    }

    /// What a locality's published file shares with a previous copy is
    /// found from the spill a chunk at a time (decision 82): the same as
    /// comparing the whole file, whether every row was spilled or none, for
    /// a copy that is equal, shorter, longer, or differs at any place; and
    /// the runs of rows add up to the file.
    @Test func theSharedPrefixIsFoundChunkByChunk() throws {
        let log = DiagnosticLog()
        let province = try #require(ContentValidator.validate(ContentLoader.load(DemoContentTests.root, log: log), log: log))
        let asOf = try #require(province.site.asOf)
        for budget in [FeedbackExport.bufferBudget, 0, 700] {
            let e = FeedbackExport(province: province, pseudonymKey: Array("k".utf8), bufferBudget: budget, keepsRowDigests: true)
            _ = FeedbackIngest.run(province, asOf: asOf, log: DiagnosticLog(), export: e)
            var files: [OutputFile] = []
            e.files { files.append($0) }
            #expect(files.count > 5)
            for file in files {
                let id = String(file.path.dropFirst("data/feedback/".count).dropLast(".csv.gz".count))
                let whole = try #require(Gzip.decompress(file.bytes))
                let runs = try #require(e.sharedPrefix(locality: id, with: whole))
                #expect(runs.shared == whole.count)
                #expect(runs.header + runs.segments.reduce(0) { $0 + $1.bytes } == whole.count)
                // Runs keep their export by index; each names a real export.
                #expect(runs.segments.allSatisfy { province.feedbackFiles.contains($0.file) && $0.rows > 0 && $0.bytes > 0 })
                #expect(zip(runs.segments, runs.segments.dropFirst()).allSatisfy { $0.file != $1.file })
                var variants: [[UInt8]] = [[], Array(whole.prefix(runs.header - 1)), Array(whole.dropLast()), whole + [0x41]]
                for at in [0, runs.header, whole.count / 3, whole.count / 2, whole.count - 1] where at < whole.count {
                    var changed = whole
                    changed[at] ^= 0x01
                    variants.append(changed)
                }
                for previous in variants {
                    #expect(e.sharedPrefix(locality: id, with: previous)?.shared == CommonPrefix.length(previous, whole))
                }
            }
            #expect(e.sharedPrefix(locality: "khong-co", with: []) == nil)
            // Once the ledger has compared, the runs are let go with the digests.
            e.dropRowDigests()
            for file in files {
                let id = String(file.path.dropFirst("data/feedback/".count).dropLast(".csv.gz".count))
                #expect(e.sharedPrefix(locality: id, with: []) == nil)
            }
        }
    }

    /// The rows' keys are read back into room made for exactly as many rows
    /// as each file published: sized from the files' bytes (130 a row), a
    /// file of shorter rows doubled its room as it was read back, leaving
    /// the first behind (a nightly's memory: decision 132).
    @Test func rowKeysAreReadBackIntoRoomOfTheirExactSize() throws {
        let log = DiagnosticLog()
        let province = try #require(ContentValidator.validate(ContentLoader.load(DemoContentTests.root, log: log), log: log))
        let asOf = try #require(province.site.asOf)
        for budget in [FeedbackExport.bufferBudget, 0] {
            let e = FeedbackExport(province: province, pseudonymKey: Array("k".utf8), bufferBudget: budget, keepsRowDigests: true)
            _ = FeedbackIngest.run(province, asOf: asOf, log: DiagnosticLog(), export: e)
            #expect(e.rows.records.reduce(0) { $0 + $1.count } > 1_000)
            for (f, records) in e.rows.records.enumerated() where records.count > 100 {
                #expect(records.capacity * 4 < records.count * 5, "\(e.rows.files[f]): \(records.count) rows in room for \(records.capacity)")
            }
        }
    }

    /// The runs kept for the ledger's comparison come back as they were
    /// packed: small and large values (a varint's every length, up to
    /// `Int.max`), in order, one after another in one buffer.
    @Test func runsComeBackAsPacked() {
        var generator = SystemRandomNumberGenerator()
        let edges = [0, 1, 127, 128, 16_383, 16_384, 2_097_151, 2_097_152, Int(UInt32.max), Int(UInt32.max) + 1, 5_000_000_000, Int.max]
        var runs: [FeedbackExport.Run] = []
        for a in edges { for b in edges { runs.append(.init(bytes: b, file: a % 10_000, rows: a)) } }
        for _ in 0..<2_000 {
            runs.append(.init(bytes: Int.random(in: 1...1 << 40, using: &generator), file: Int.random(in: 0...100_000, using: &generator),
                              rows: Int.random(in: 1...1 << 33, using: &generator)))
        }
        var packed: [UInt8] = []
        for run in runs { run.pack(into: &packed) }
        #expect(FeedbackExport.Run.unpack(packed) == runs)
        // A run of a few rows from one of a few thousand exports: five bytes, not 32.
        var small: [UInt8] = []
        FeedbackExport.Run(bytes: 700, file: 3_000, rows: 4).pack(into: &small)
        #expect(small.count == 5)
        #expect(FeedbackExport.Run.unpack([]).isEmpty)
    }

    /// Every exported line is what `CSVWriter`'s cells give (the export
    /// writes bytes through `ExportLine` for speed): formula prefixes,
    /// quotes, commas and line breaks in text cells, ratings that are not
    /// one digit, days outside 0…9999, rows without the optional cells, and
    /// a line longer than the writer's first buffer.
    @Test func linesAreCSVWritersCells() throws {
        let log = DiagnosticLog()
        var province = try #require(ContentValidator.validate(ContentLoader.load(DemoContentTests.root, log: log), log: log))
        // A row names its export by index; the export writes that file's name.
        province.feedbackFiles = ["a.csv", "-weird,\"name\".csv"]
        let o = try #require(province.officials.indices.first { !province.officials[$0].commitments.isEmpty })
        // A later official's last commitment: the ids are read from one table of every official's commitments.
        let late = try #require(province.officials.indices.last { province.officials[$0].commitments.count >= 2 })
        #expect(late > o)
        let l = try #require(province.localityIndex(province.officials[o].locality))
        let day = try #require(Day(iso: "2026-03-04"))
        func row(_ id: String, official: Int? = nil, commitment: Int? = nil, kind: FeedbackKind = .rating,
                 respondent: String = "", rating: Rational? = nil, category: String = "", status: ComplaintStatus = .open,
                 due: Day? = nil, resolvedOn: Day? = nil, comment: String = "", publish: Bool = false,
                 channel: FeedbackChannel? = .hotline, respondentKind: RespondentKind? = nil, file: Int = 0,
                 date: Day? = nil) -> FeedbackRow {
            FeedbackRow(id: id, date: date ?? day, channel: channel, locality: l, official: official, commitment: commitment,
                        kind: kind, respondentKind: respondentKind, respondent: respondent, rating: rating, category: category,
                        status: status, due: due, resolvedOn: resolvedOn, comment: comment, publish: publish, file: file, line: 2)
        }
        let rows = [
            row("r1", official: o, commitment: 0, respondent: "Nguyễn A", rating: Rational(4), category: "thủ tục"),
            row("=cmd|' /c calc'!A0", official: o, kind: .complaint, rating: Rational(9, 2), category: "+a,b", status: .inProgress,
                due: Day(ordinal: day.ordinal + 3), resolvedOn: day, comment: "say \"hi\",\r\nthen\nbye", publish: true,
                channel: nil, respondentKind: .business, file: 1),
            row("@x", kind: .suggestion, rating: Rational(10), category: "\tcat", status: .resolved, comment: "hidden", publish: false,
                respondentKind: .citizen),
            row("r4", rating: Rational(1, 3), comment: "\r" + String(repeating: "dài \"q\" ", count: 2000), publish: true,
                date: Day(ordinal: -800_000)),
            row("r5", official: o, kind: .complaint, rating: Rational(0), status: .open, due: Day(ordinal: 3_000_000)),
            row("r6", official: late, commitment: province.officials[late].commitments.count - 1, kind: .suggestion),
            row("r7", official: late, commitment: 0, kind: .complaint, status: .resolved),
        ]
        let e = FeedbackExport(province: province, pseudonymKey: Array("k".utf8))
        // As the ingest hands them over: a block at a time, every date in the window.
        rows.withUnsafeBufferPointer { e.add(rows: $0, from: Day(ordinal: -1_000_000), to: Day(ordinal: 4_000_000)) }
        var files: [OutputFile] = []
        e.files { files.append($0) }
        let file = try #require(files.first)
        let text = String(decoding: try #require(Gzip.decompress(file.bytes)), as: UTF8.self)
        func plain(_ s: String) -> String { CSVWriter.quoteIfNeeded(s) }
        // The pseudonym as DESIGN.md words it: the first 16 hex digits of HMAC-SHA-256(key, respondent).
        func pseudonym(_ respondent: String) -> String {
            guard !respondent.isEmpty else { return "" }
            return Crypto.hmacSHA256(key: Array("k".utf8), message: Array(respondent.utf8)).prefix(8)
                .map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
        }
        func dayText(_ d: Day?) -> String { d.map { plain($0.description) } ?? "" }
        var expected = CSVWriter.row(FeedbackExport.columns)
        for r in rows {
            let status = r.kind == .complaint ? r.status.rawValue : (r.status == .open ? "" : r.status.rawValue)
            let cells = [
                CSVWriter.text(r.id), dayText(r.date), plain(r.channel?.rawValue ?? ""), plain(province.localities[r.locality].id),
                plain(r.official.map { province.officials[$0].id } ?? ""),
                plain(r.commitment.flatMap { c in r.official.map { province.officials[$0].commitments[c].id } } ?? ""),
                plain(r.kind.rawValue), plain(r.respondentKind?.rawValue ?? ""), plain(pseudonym(r.respondent)),
                plain(r.rating?.decimalText ?? ""), CSVWriter.text(r.category), plain(status), dayText(r.due), dayText(r.resolvedOn),
                r.publish ? CSVWriter.text(r.comment) : "", r.publish ? "yes" : "", CSVWriter.text(province.feedbackFiles[r.file]),
            ]
            expected += CSVWriter.row(cells)
        }
        // The first difference, with a little of its context (a comment here is 22 KB).
        let at = CommonPrefix.length(Array(text.utf8), Array(expected.utf8))
        #expect(at == expected.utf8.count && at == text.utf8.count,
                "differs at byte \(at): \(String(decoding: Array(text.utf8).dropFirst(max(0, at - 40)).prefix(80), as: UTF8.self))")
        let prefixed = text.contains("'=cmd|"), ratings = [",4.5,", ",10,", ",0.333333333333333333,"].allSatisfy(text.contains)
        #expect(prefixed && ratings)
    }

    /// The ledger's row keys and digests are taken from each line as it is
    /// written (and set aside until the ingest is over); they must be what
    /// reading the published lines back finds, hostile cells included, set
    /// aside on disk (budget 1) or kept in memory.
    @Test func rowRecordsAreWhatReadingThePublishedLinesFinds() throws {
        let log = DiagnosticLog()
        var province = try #require(ContentValidator.validate(ContentLoader.load(DemoContentTests.root, log: log), log: log))
        let day = try #require(Day(iso: "2026-03-04"))
        let ids = ["r1", "=cmd|' /c calc'!A0", "@x", "a,\"b\"", "\"q\"", "'=already", "-1", "dài,\r\nthật", "+", "x\ty"]
        let files = ["feedback/a.csv", "-weird,\"name\".csv", "'quoted.csv", "feedback/b.csv"]
        province.feedbackFiles = files
        var rows: [FeedbackRow] = []
        for i in 0..<400 {
            let l = i % min(5, province.localities.count)
            rows.append(FeedbackRow(id: ids[i % ids.count] + "-\(i)", date: day, channel: .hotline, locality: l, official: nil,
                                    commitment: nil, kind: .suggestion, respondentKind: nil, respondent: i % 3 == 0 ? "r\(i % 7)" : "",
                                    rating: nil, category: i % 2 == 0 ? "c,\"\(i % 4)\"" : "", status: .open, due: nil, resolvedOn: nil,
                                    comment: "say \"\(i)\"", publish: i % 5 == 0, file: (i / 7) % files.count, line: i + 2))
        }
        // 700 bytes: some rows spilled, the last ones still buffered when the ingest ends.
        for budget in [1, 700, FeedbackExport.bufferBudget] {
            let e = FeedbackExport(province: province, pseudonymKey: Array("k".utf8), bufferBudget: budget, keepsRowDigests: true)
            for r in rows { e.add(r) }
            // As the ingest ends: rows still buffered join the spilled ones (budget 1) or stay (no spill yet).
            e.releaseBuffers()
            e.seal()
            var published: [OutputFile] = []
            e.files { published.append($0) }
            var reference = RowDigests()
            for f in published { #expect(reference.read(csv: try #require(Gzip.decompress(f.bytes)))) }
            reference.seal()
            #expect(Set(e.rows.files) == Set(reference.files) && reference.files.count == files.count)
            for name in reference.files {
                let mine = e.rows.records[Int(try #require(e.rows.fileIndex[name]))]
                let theirs = reference.records[Int(try #require(reference.fileIndex[name]))]
                #expect(mine == theirs, "budget \(budget), file \(name)")
            }
            #expect(e.rows.counts.reduce(0, +) == rows.count)
        }
    }
}
