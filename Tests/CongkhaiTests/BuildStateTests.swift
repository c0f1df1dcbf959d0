import Foundation
import Testing
@testable import Congkhai

/// Decision 71: a build whose inputs and published folder are exactly as the
/// last build left them stops before scoring and repeats its findings; any
/// change to an input, an option, a key or a published file makes it run in full.
@Suite struct BuildStateTests {
    static func content() -> TestContent {
        var c = LedgerTests.content()
        c["feedback/a.csv"] = (c["feedback/a.csv"] ?? "") + "r4,2026-03-04,fax,xa-an-binh,,,suggestion,,,,,,,,,\n"
        return c
    }

    @discardableResult
    static func build(_ root: String, _ out: String, asOf: String? = nil, newPseudonymKey: Bool = false,
                      environment: [String: String] = [:]) -> (SiteBuild.Report, DiagnosticLog) {
        LedgerTests.build(root, into: out, asOf: asOf, newPseudonymKey: newPseudonymKey, environment: environment)
    }

    @Test func aSecondBuildWithNothingChangedRepeatsTheFirstWithoutScoring() throws {
        let root = try BuildStateTests.content().write()
        let out = root + "-out"
        let (first, firstLog) = BuildStateTests.build(root, out)
        guard case .built = first.outcome else { Issue.record("first build: \(first.outcome)"); return }
        #expect(first.quarantinedCount == 1)
        let files = try BuiltSite(root: out).files
        let (again, againLog) = BuildStateTests.build(root, out)
        guard case .unchanged = again.outcome else { Issue.record("expected unchanged, got \(again.outcome)"); return }
        #expect(again.run == nil, "the inputs were recognised: nothing was scored")
        #expect(againLog.items == firstLog.items, "the first build's warnings are repeated")
        #expect(again.quarantined == first.quarantined && again.quarantinedCount == 1 && again.asOf == first.asOf)
        #expect(try BuiltSite(root: out).files == files)
        // The report reads the same as the full build's would.
        let options = SiteBuild.Options(content: root, output: out)
        let report = SiteBuild.reportJSON(again, log: againLog, options: options)
        #expect(report["quarantined_total"]?.intValue == 1)
        #expect(report["as_of"]?.stringValue == first.asOf?.description)
    }

    /// The fingerprint left after a swap is taken from the files the build
    /// wrote (`SiteFingerprint.listed`), not by walking the site: it must
    /// be what the next build's walk finds, the repository's placeholder
    /// (`output/.gitkeep`, written by the swap, not the site) included.
    @Test func theFingerprintLeftAfterASwapIsTheOneTheNextWalkFinds() throws {
        let root = try BuildStateTests.content().write()
        let out = root + "-out"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: out + "/.gitkeep", contents: Data())
        for round in 0..<2 {
            let (built, _) = BuildStateTests.build(root, out)
            guard case .built = built.outcome else { Issue.record("build \(round): \(built.outcome)"); return }
            #expect(FileManager.default.fileExists(atPath: out + "/.gitkeep"))
            let state = try #require(BuildState.read(Publisher(destination: out).statePath))
            #expect(state.site == SiteFingerprint.of(out))
            let (again, _) = BuildStateTests.build(root, out)
            guard case .unchanged = again.outcome else { Issue.record("expected unchanged, got \(again.outcome)"); return }
            let replayed = again.run == nil
            #expect(replayed, "the published site was recognised by its fingerprint")
            // The second round replaces a published site (the first one made it).
            try (try String(contentsOfFile: root + "/site.yaml", encoding: .utf8) + "\n# round \(round)\n")
                .write(toFile: root + "/site.yaml", atomically: true, encoding: .utf8)
        }
    }

    /// A first build hashes the feedback exports once, while scoring them: its
    /// key, completed with those digests, is the key the next build computes
    /// in full; an export whose bytes differ from what was scored (edited
    /// during the build) gives another key, so the next build runs in full.
    @Test func aFirstBuildsKeyIsCompletedWithTheDigestsOfWhatItScored() throws {
        let root = try BuildStateTests.content().write()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let inputs = BuildKey.Inputs(content: root, output: root + "-out", theme: .embedded, asOf: nil, baseURL: nil, strict: false,
                                     firstLanguageOnly: false, environment: [:])
        let full = try #require(BuildKey.compute(inputs))
        let partial = try #require(BuildKey.prepare(inputs, deferring: BuildKey.isFeedbackExport))
        #expect(partial.files.filter { $0.digest == nil }.map(\.path) == ["feedback/a.csv"])
        let scored = try #require(SHA256.hex(fileAt: root + "/feedback/a.csv"))
        #expect(partial.value(filling: ["feedback/a.csv": scored])?.key == full.key)
        #expect(partial.value(filling: ["feedback/a.csv": scored])?.digests == full.digests)
        #expect(partial.value(filling: ["feedback/a.csv": String(repeating: "0", count: 64)])?.key != full.key)
        #expect(partial.value(filling: [:]) == nil, "an export the ingest did not hash leaves no key (the next build runs in full)")
        #expect(BuildKey.isFeedbackExport("feedback/B.CSV") && !BuildKey.isFeedbackExport("feedback/old/b.csv")
                && !BuildKey.isFeedbackExport("officials/feedback/a.csv"))
    }

    /// The key without the exports' bytes (decision 83) moves with as_of,
    /// with any other file and with an export added, never with an export's
    /// bytes; completed, it is the full key. A build whose partial key differs
    /// from the state's completes its key from the ingest's digests, and that
    /// key is the one the next build computes in full.
    @Test func thePartialKeyIgnoresOnlyTheExportsBytes() throws {
        let root = try BuildStateTests.content().write()
        let out = root + "-out"
        func inputs(_ asOf: String?) -> BuildKey.Inputs {
            BuildKey.Inputs(content: root, output: out, theme: .embedded, asOf: asOf.flatMap { Day(iso: $0) }, baseURL: nil,
                            strict: false, firstLanguageOnly: false, environment: [:])
        }
        func partial(_ asOf: String? = nil) throws -> BuildKey.Partial {
            try #require(BuildKey.prepare(inputs(asOf), deferring: BuildKey.isFeedbackExport))
        }
        let before = try partial()
        let beforeKey = before.completed()?.key
        #expect(beforeKey == BuildKey.compute(inputs(nil))?.key)
        #expect(before.completed()?.digests == BuildKey.compute(inputs(nil))?.digests)
        let handle = try #require(FileHandle(forWritingAtPath: root + "/feedback/a.csv"))
        handle.seekToEndOfFile()
        handle.write(Data("r9,2026-03-09,survey,xa-an-binh,,,suggestion,,,,,,,,,\n".utf8))
        handle.closeFile()
        #expect(try partial().digest == before.digest)
        #expect(try partial().completed()?.key != beforeKey)
        #expect(try partial().completed()?.key == BuildKey.compute(inputs(nil))?.key)
        #expect(try partial("2026-11-02").digest != before.digest)
        try "x".write(toFile: root + "/notes.txt", atomically: true, encoding: .utf8)
        let noted = try partial()
        #expect(noted.digest != before.digest)
        try TestContent.feedbackHeader.write(toFile: root + "/feedback/b.csv", atomically: true, encoding: .utf8)
        #expect(try partial().digest != noted.digest)

        // Builds: the state keeps the partial key; the next day's build (partial
        // key differs) completes its key from the ingest, and a build after it
        // with nothing changed recognises it (so that key was the full key).
        BuildStateTests.build(root, out, asOf: "2026-11-01")
        let first = try #require(BuildState.read(Publisher(destination: out).statePath))
        #expect(first.partial != nil)
        let (nextDay, _) = BuildStateTests.build(root, out, asOf: "2026-11-02")
        #expect(nextDay.run != nil)
        let state = try #require(BuildState.read(Publisher(destination: out).statePath))
        #expect(state.partial != nil && state.partial != first.partial && state.key != first.key)
        let (same, _) = BuildStateTests.build(root, out, asOf: "2026-11-02")
        #expect(same.run == nil)
        // An export edited after that: the partial key matches, the full key does not.
        let more = try #require(FileHandle(forWritingAtPath: root + "/feedback/a.csv"))
        more.seekToEndOfFile()
        more.write(Data("r10,2026-03-10,survey,xa-an-binh,,,suggestion,,,,,,,,,\n".utf8))
        more.closeFile()
        let (edited, _) = BuildStateTests.build(root, out, asOf: "2026-11-02")
        #expect(edited.run != nil)
    }

    @Test func anyChangedInputOptionOrKeyRunsInFull() throws {
        let root = try BuildStateTests.content().write()
        let out = root + "-out"
        BuildStateTests.build(root, out)
        // An option.
        let (otherDay, _) = BuildStateTests.build(root, out, asOf: "2026-11-02")
        #expect(otherDay.run != nil)
        BuildStateTests.build(root, out, asOf: "2026-11-02")
        let (same, _) = BuildStateTests.build(root, out, asOf: "2026-11-02")
        #expect(same.run == nil)
        // A key from the environment (changed on purpose: decision 97).
        let (keyed, _) = BuildStateTests.build(root, out, asOf: "2026-11-02", newPseudonymKey: true,
                                               environment: ["CONGKHAI_PSEUDONYM_KEY": "k2"])
        #expect(keyed.run != nil)
        // One byte of a feedback file, and a file that is not even loaded (it could be, by another version).
        for (path, text) in [("feedback/a.csv", "r5,2026-03-05,survey,xa-an-binh,,,suggestion,,,,,,,,,\n"), ("notes.txt", "x")] {
            BuildStateTests.build(root, out, asOf: "2026-11-02", environment: ["CONGKHAI_PSEUDONYM_KEY": "k2"])
            if !FileManager.default.fileExists(atPath: root + "/" + path) { try Data().write(to: URL(fileURLWithPath: root + "/" + path)) }
            let handle = try #require(FileHandle(forWritingAtPath: root + "/" + path))
            handle.seekToEndOfFile()
            handle.write(Data(text.utf8))
            try handle.close()
            let (changed, _) = BuildStateTests.build(root, out, asOf: "2026-11-02", environment: ["CONGKHAI_PSEUDONYM_KEY": "k2"])
            #expect(changed.run != nil, "\(path) changed")
        }
    }

    /// A build that reads everything again although a last build is there
    /// to compare with says why, in its report: each cause on its own.
    @Test func aFullBuildSaysWhyItWasNotRecognised() throws {
        let root = try BuildStateTests.content().write()
        let out = root + "-out"
        func reason(asOf: String? = nil, _ change: () throws -> Void = {}) throws -> String? {
            try change()
            let (built, log) = BuildStateTests.build(root, out, asOf: asOf)
            let json = SiteBuild.reportJSON(built, log: log, options: SiteBuild.Options(content: root, output: out))
            #expect(json["full_build_reason"]?.stringValue == built.fullBuildReason)
            return built.fullBuildReason
        }
        func append(_ path: String, _ text: String) throws {
            let path = path.hasPrefix("/") ? path : root + "/" + path
            if !FileManager.default.fileExists(atPath: path) { try Data().write(to: URL(fileURLWithPath: path)) }
            let handle = try #require(FileHandle(forWritingAtPath: path))
            handle.seekToEndOfFile()
            handle.write(Data(text.utf8))
            try handle.close()
        }
        #expect(try reason() == nil, "a first build")
        #expect(try reason() == nil, "recognised: nothing scored")
        #expect(try reason(asOf: "2026-11-02")?.contains("options (as_of") == true)
        #expect(try reason(asOf: "2026-11-02") == nil)
        #expect(try reason(asOf: "2026-11-02") { try append("feedback/a.csv", "r5,2026-03-05,survey,xa-an-binh,,,suggestion,,,,,,,,,\n") }?
            .contains("a feedback export") == true)
        #expect(try reason(asOf: "2026-11-02") { try append("notes.txt", "x") }?.contains("the content folder") == true)
        #expect(try reason(asOf: "2026-11-02") { try append(out + "/robots.txt", "#") }?.contains("published site was changed") == true)
        #expect(try reason(asOf: "2026-11-02") { try FileManager.default.removeItem(atPath: Publisher(destination: out).statePath) }?
            .contains("no record of the last build") == true)
        #expect(try reason(asOf: "2026-11-02") == nil)
    }

    /// Decision 97: a build whose pseudonym key is not the last build's
    /// stops before reading any feedback and publishes nothing (every
    /// published pseudonym would change: one ledger entry per row); with
    /// `--new-pseudonym-key` it goes ahead and records the changed rows.
    /// Without a state to compare with (another machine), nothing stops it.
    @Test func anotherPseudonymKeyStopsTheBuildUnlessItIsDeliberate() throws {
        // Two rows with a respondent (p1, p2).
        let root = try BuildStateTests.content().write()
        let out = root + "-out"
        let keyFile = root + "-key"
        try Data("key-c\n".utf8).write(to: URL(fileURLWithPath: keyFile))
        defer { for path in [root, out, keyFile] { try? FileManager.default.removeItem(atPath: path) } }
        let a = ["CONGKHAI_PSEUDONYM_KEY": "key-a"], b = ["CONGKHAI_PSEUDONYM_KEY": "key-b"]
        let (first, firstLog) = BuildStateTests.build(root, out, environment: a)
        guard case .built = first.outcome else { Issue.record("first build: \(first.outcome) \(firstLog.items)"); return }
        let published = try BuiltSite(root: out).files
        for environment in [b, [:], ["CONGKHAI_PSEUDONYM_KEY_FILE": keyFile]] {
            let (refused, log) = BuildStateTests.build(root, out, asOf: "2026-11-02", environment: environment)
            guard case .contentErrors = refused.outcome else { Issue.record("\(environment): \(refused.outcome)"); continue }
            #expect(refused.run == nil, "stopped before scoring")
            #expect(log.items.contains { $0.file == "CONGKHAI_PSEUDONYM_KEY" && $0.message.contains("--new-pseudonym-key") })
            #expect(try BuiltSite(root: out).files == published, "nothing published")
        }
        // An unreadable key file is that error, not this one.
        let (missing, missingLog) = BuildStateTests.build(root, out, asOf: "2026-11-02",
                                                          environment: ["CONGKHAI_PSEUDONYM_KEY_FILE": root + "/no-such-key"])
        #expect(missingLog.items.contains { $0.file == "CONGKHAI_PSEUDONYM_KEY_FILE" })
        #expect(!missingLog.items.contains { $0.file == "CONGKHAI_PSEUDONYM_KEY" }, "\(missing.outcome)")
        // The same key again: built.
        let (same, _) = BuildStateTests.build(root, out, asOf: "2026-11-02", environment: a)
        guard case .built = same.outcome else { Issue.record("same key: \(same.outcome)"); return }
        // Deliberately: built, each row with a respondent recorded as changed, and the new key is the one kept.
        let (deliberate, _) = BuildStateTests.build(root, out, asOf: "2026-11-03", newPseudonymKey: true, environment: b)
        guard case .built = deliberate.outcome else { Issue.record("deliberate: \(deliberate.outcome)"); return }
        let changed = try LedgerTests.lastBuild(out).filter { $0["kind"]?.stringValue == "feedback_row_changed" }
        #expect(changed.count == 2)
        let (next, _) = BuildStateTests.build(root, out, asOf: "2026-11-04", environment: b)
        guard case .built = next.outcome else { Issue.record("after the change: \(next.outcome)"); return }
        // No state beside the site (built elsewhere): not stopped.
        BuildState.remove(Publisher(destination: out).statePath)
        let (elsewhere, _) = BuildStateTests.build(root, out, asOf: "2026-11-05", environment: a)
        guard case .built = elsewhere.outcome else { Issue.record("without a state: \(elsewhere.outcome)"); return }
    }

    /// `--new-ledger` starts a new chain but still compares with the
    /// published rows: another key is refused there too, and the key is kept
    /// after such a build (which keeps no build key) for the builds after it.
    @Test func aNewLedgerChainChecksAndKeepsThePseudonymKey() throws {
        let root = try BuildStateTests.content().write()
        let out = root + "-out"
        defer { for path in [root, out] { try? FileManager.default.removeItem(atPath: path) } }
        let a = ["CONGKHAI_PSEUDONYM_KEY": "key-a"], b = ["CONGKHAI_PSEUDONYM_KEY": "key-b"]
        let (first, _) = LedgerTests.build(root, into: out, environment: a)
        guard case .built = first.outcome else { Issue.record("first build: \(first.outcome)"); return }
        let published = try BuiltSite(root: out).files
        let (refused, log) = LedgerTests.build(root, into: out, asOf: "2026-11-02", newLedger: true, environment: b)
        guard case .contentErrors = refused.outcome else { Issue.record("new ledger, another key: \(refused.outcome)"); return }
        #expect(log.items.contains { $0.file == "CONGKHAI_PSEUDONYM_KEY" })
        #expect(try BuiltSite(root: out).files == published, "nothing published")
        let (started, _) = LedgerTests.build(root, into: out, asOf: "2026-11-02", newLedger: true, environment: a)
        guard case .built = started.outcome else { Issue.record("new ledger, same key: \(started.outcome)"); return }
        let state = try #require(BuildState.read(Publisher(destination: out).statePath), "a state is kept for the key")
        #expect(state.pseudonymCheck == HistoryStage.pseudonymCheck(environment: a))
        let (after, _) = LedgerTests.build(root, into: out, asOf: "2026-11-03", environment: b)
        guard case .contentErrors = after.outcome else { Issue.record("after the new chain, another key: \(after.outcome)"); return }
        let (same, _) = LedgerTests.build(root, into: out, asOf: "2026-11-03", environment: a)
        #expect(same.run != nil, "that state matches no build: the next build runs in full")
        guard case .built = same.outcome else { Issue.record("same key: \(same.outcome)"); return }
        let (deliberate, _) = LedgerTests.build(root, into: out, asOf: "2026-11-04", newLedger: true, newPseudonymKey: true, environment: b)
        guard case .built = deliberate.outcome else { Issue.record("deliberate: \(deliberate.outcome)"); return }
    }

    @Test func aPublishedFileAlteredOrRemovedIsNoticedAndRestored() throws {
        let root = try BuildStateTests.content().write()
        let out = root + "-out"
        BuildStateTests.build(root, out)
        let before = try BuiltSite(root: out).files
        // The same length, the mtime put back: only the status-change time tells.
        let page = out + "/index.html"
        let attributes = try FileManager.default.attributesOfItem(atPath: page)
        var bytes = try #require(FileManager.default.contents(atPath: page))
        bytes[bytes.count - 2] = UInt8(ascii: "X")
        try bytes.write(to: URL(fileURLWithPath: page))
        try FileManager.default.setAttributes([.modificationDate: try #require(attributes[.modificationDate])], ofItemAtPath: page)
        try FileManager.default.removeItem(atPath: out + "/robots.txt")
        let (again, log) = BuildStateTests.build(root, out)
        guard case let .restored(files) = again.outcome else { Issue.record("expected restored, got \(again.outcome)"); return }
        #expect(files == 2)
        #expect(log.items.contains { $0.file == out + "/index.html" && $0.message.contains("did not match its manifest") })
        #expect(try BuiltSite(root: out).files == before, "every file as the manifest says, the ledger unchanged")
        // The repair is not repeated as a finding of the content.
        let (third, thirdLog) = BuildStateTests.build(root, out)
        guard case .unchanged = third.outcome else { Issue.record("expected unchanged, got \(third.outcome)"); return }
        #expect(third.run == nil)
        #expect(!thirdLog.items.contains { $0.message.contains("did not match its manifest") })
    }

    @Test func anOutputFolderInsideTheContentIsNotAnInput() throws {
        let root = try BuildStateTests.content().write()
        let out = root + "/site"
        BuildStateTests.build(root, out)
        // The report a CLI build writes beside the output, inside the content here.
        try "{}".write(toFile: root + "/site.build-report.json", atomically: true, encoding: .utf8)
        let (again, _) = BuildStateTests.build(root, out)
        #expect(again.run == nil, "the site, its lock, state and report are not content")
    }

    @Test func aTornOrForeignStateOnlyCostsAFullBuild() throws {
        let root = try BuildStateTests.content().write()
        let out = root + "-out"
        BuildStateTests.build(root, out)
        let statePath = Publisher(destination: out).statePath
        let state = try #require(BuildState.read(statePath))
        #expect(BuildState.parse(state.json) == state)
        for text in ["", "{", String(state.json.dropLast(20)), state.json.replacingOccurrences(of: state.key, with: String(repeating: "0", count: 64))] {
            try text.write(toFile: statePath, atomically: true, encoding: .utf8)
            let (again, _) = BuildStateTests.build(root, out)
            guard case .unchanged = again.outcome else { Issue.record("expected unchanged, got \(again.outcome)"); return }
            #expect(again.run != nil, "a full build, which finds the site unchanged")
        }
    }

    /// Decision 92: a nothing-changed build takes a content file's digest from
    /// the last build's state instead of reading it, while the file's size,
    /// times and inode are those recorded — and an export or an official's
    /// file edited in place with its modification time put back is read
    /// again (its status-change time moved).
    @Test func anExportIsTakenOnTrustOnlyWhileItsSignatureHolds() throws {
        let root = try BuildStateTests.content().write()
        let out = root + "-out"
        let export = root + "/feedback/a.csv"
        let statePath = Publisher(destination: out).statePath
        BuildStateTests.build(root, out)
        // Written just now: a change in the same clock tick as the listing could
        // keep its signature, so it is not recorded yet.
        #expect(try #require(BuildState.read(statePath)).trusted.isEmpty)
        Thread.sleep(forTimeInterval: 1.2)
        BuildState.remove(statePath)
        let (full, _) = BuildStateTests.build(root, out)
        #expect(full.run != nil)
        let state = try #require(BuildState.read(statePath))
        #expect(state.trusted.contains { $0.path == "feedback/a.csv" } && state.trusted.contains { $0.path == "site.yaml" })
        let index = try #require(state.trusted.firstIndex { $0.path == "feedback/a.csv" })
        #expect(state.trusted[index].digest == SHA256.hex(fileAt: export))
        #expect(BuildState.parse(state.json) == state)

        // Taken on trust: with a wrong digest recorded the key differs, so the
        // build runs in full (had the file been read, it would have matched).
        var lying = state
        lying.trusted[index].digest = String(repeating: "0", count: 64)
        try lying.json.write(toFile: statePath, atomically: true, encoding: .utf8)
        let (trusted, _) = BuildStateTests.build(root, out)
        #expect(trusted.run != nil, "the recorded digest was used, not the file's")
        // The same for a content file the key hashes itself (`Partial.hashing`).
        BuildState.remove(statePath)
        BuildStateTests.build(root, out)
        var lyingSite = try #require(BuildState.read(statePath))
        let siteIndex = try #require(lyingSite.trusted.firstIndex { $0.path == "site.yaml" })
        lyingSite.trusted[siteIndex].digest = String(repeating: "0", count: 64)
        try lyingSite.json.write(toFile: statePath, atomically: true, encoding: .utf8)
        let (trustedSite, _) = BuildStateTests.build(root, out)
        #expect(trustedSite.run != nil, "the recorded digest of site.yaml was used, not the file's")
        // Its key held a digest the ingest did not see: no key is left (only
        // the pseudonym key's check, in a state no build matches), the next
        // build runs in full and records the true one; then nothing is read.
        let left = try #require(BuildState.read(statePath))
        #expect(left.key == "-" && left.header == "-" && left.partial == "-" && left.trusted.isEmpty && left.pseudonymCheck != nil)
        BuildStateTests.build(root, out)
        #expect(try #require(BuildState.read(statePath)).trusted.first { $0.path == "feedback/a.csv" }?.digest == SHA256.hex(fileAt: export))
        let (fast, _) = BuildStateTests.build(root, out)
        guard case .unchanged = fast.outcome else { Issue.record("expected unchanged, got \(fast.outcome)"); return }
        #expect(fast.run == nil)

        // Edited in place: same size, modification time put back.
        let mtime = try #require(try FileManager.default.attributesOfItem(atPath: export)[.modificationDate] as? Date)
        let text = try String(contentsOfFile: export, encoding: .utf8)
        try text.replacingOccurrences(of: "r2,2026-03-02", with: "r2,2026-03-05").write(toFile: export, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: mtime], ofItemAtPath: export)
        #expect(try FileManager.default.attributesOfItem(atPath: export)[.size] as? Int == text.utf8.count)
        let (edited, _) = BuildStateTests.build(root, out)
        guard case .built = edited.outcome else { Issue.record("the edited export was not read again: \(edited.outcome)"); return }
        #expect(try String(contentsOfFile: out + "/data/manifest.json", encoding: .utf8).contains(try #require(SHA256.hex(fileAt: export))))

        // The same for an official's file (content files are trusted the same way).
        Thread.sleep(forTimeInterval: 1.2)
        BuildState.remove(statePath)
        BuildStateTests.build(root, out)
        let (quiet, _) = BuildStateTests.build(root, out)
        #expect(quiet.run == nil)
        let official = root + "/officials/xa-an-binh/nguyen-van-an.md"
        let officialTime = try #require(try FileManager.default.attributesOfItem(atPath: official)[.modificationDate] as? Date)
        let source = try String(contentsOfFile: official, encoding: .utf8)
        try source.replacingOccurrences(of: "Nguyễn Văn An", with: "Nguyễn Văn Ai").write(toFile: official, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: officialTime], ofItemAtPath: official)
        let (renamed, _) = BuildStateTests.build(root, out)
        guard case .built = renamed.outcome else { Issue.record("the edited official was not read again: \(renamed.outcome)"); return }
        #expect(try String(contentsOfFile: out + "/dia-phuong/xa-an-binh/nguyen-van-an/index.html", encoding: .utf8).contains("Nguyễn Văn Ai"))
    }
}
