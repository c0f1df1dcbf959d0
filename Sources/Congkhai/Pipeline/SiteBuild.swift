import CSupport
import Foundation

/// `congkhai build`: score, plan, render and publish, with a report either way.
public enum SiteBuild {
    public struct Options: Sendable {
        public var content: String
        public var output: String
        public var asOf: Day?
        public var baseURL: String?
        public var strict: Bool
        /// `--new-ledger`: start a new ledger chain even though a published one is missing or broken.
        public var newLedger: Bool
        public var newLedgerReason: String?
        /// `--new-pseudonym-key`: the pseudonym key was changed on purpose;
        /// publish every pseudonym anew (one ledger entry per changed row).
        public var newPseudonymKey = false
        /// Where keys come from (`CONGKHAI_PSEUDONYM_KEY…`, `CONGKHAI_SIGNING_KEY`); the process's by default.
        public var environment: [String: String]
        /// `serve`: build for the editor's eyes only — no history read, no feedback
        /// published, so a rebuild takes well under a second on a province.
        public var preview = false
        /// Render only the site's first language (`serve` without `--all-languages`).
        public var firstLanguageOnly = false
        /// Pages from this process's previous build, reused when their model is unchanged (`serve`).
        public var renderCache: RenderCache?

        public init(content: String, output: String, asOf: Day? = nil, baseURL: String? = nil, strict: Bool = false,
                    newLedger: Bool = false, newLedgerReason: String? = nil,
                    environment: [String: String] = ProcessInfo.processInfo.environment) {
            self.content = content
            self.output = output
            self.asOf = asOf
            self.baseURL = baseURL
            self.strict = strict
            self.newLedger = newLedger
            self.newLedgerReason = newLedgerReason
            self.environment = environment
        }
    }

    public enum Outcome: Sendable {
        case built(pages: Int, files: Int, quarantined: Int)
        /// Same manifest as the last published build: nothing appended, no file rewritten.
        case unchanged
        /// Same manifest, but published files had been altered or removed: they
        /// were written again from the content; nothing appended to the ledger.
        case restored(files: Int)
        case contentErrors
        case ioError(String)
    }

    public struct Report: Sendable {
        public var outcome: Outcome
        public var run: ScoringRun?
        public var seconds: Double
        /// Files (pages, feeds, explanations) linked from the published site
        /// because their inputs were the last build's (decision 99), not made again.
        public var keptFiles = 0
        /// What the last build found, when this one recognised its inputs as
        /// unchanged and stopped before scoring (`run` is nil then).
        var replayed: Replay?
        /// Why a build that had a last build to compare with read and scored
        /// everything again (the first difference found; in the report as
        /// `full_build_reason`): an operator whose nightly is slow, or whose
        /// rebuild with nothing changed was not recognised, sees what did it.
        /// Nil for a first build and for one that stopped before scoring.
        public var fullBuildReason: String?

        struct Replay: Sendable {
            var asOf: Day
            var quarantined: [QuarantinedRow]
            var quarantinedCount: Int
        }

        init(outcome: Outcome, run: ScoringRun?, seconds: Double, replayed: Replay? = nil) {
            self.outcome = outcome
            self.run = run
            self.seconds = seconds
            self.replayed = replayed
        }

        /// Quarantined rows listed (capped), from this build or the one it replayed.
        public var quarantined: [QuarantinedRow] { run?.quarantined ?? replayed?.quarantined ?? [] }
        public var quarantinedCount: Int { run?.quarantinedCount ?? replayed?.quarantinedCount ?? 0 }
        public var asOf: Day? { run?.scoreboard.asOf ?? replayed?.asOf }
    }

    /// Runs the whole build; diagnostics go to `log`, the outcome says what happened.
    public static func run(_ options: Options, log: DiagnosticLog, progress: (String) -> Void = { _ in }) -> Report {
        let start = ContinuousClock.now
        func seconds() -> Double {
            let d = ContinuousClock.now - start
            return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        }
        // The lock is held for the whole build: the previous site read at the
        // start is the one the new entries extend.
        let publisher = Publisher(destination: options.output)
        do {
            return try publisher.withLock {
                lockedRun(options, log: log, publisher: publisher, seconds: seconds, progress: progress)
            }
        } catch {
            return Report(outcome: .ioError("\(error)"), run: nil, seconds: seconds())
        }
    }

    static func lockedRun(_ options: Options, log: DiagnosticLog, publisher: Publisher, seconds: () -> Double,
                          progress: (String) -> Void) -> Report {
        progress("load")
        let themeName = SiteBuild.themeName(content: options.content)
        let contentPath = options.content.hasPrefix("/") ? options.content : FileManager.default.currentDirectoryPath + "/" + options.content
        let themeSource = ThemeFiles.locate(name: themeName, contentRoot: contentPath)
        // Nothing changed since the last build (same program, options, theme and
        // content bytes; the published folder untouched since): its findings are
        // replayed and nothing is read or written (decision 71).
        var key: BuildKey.Value?
        var partialKey: BuildKey.Partial?
        var partialDigest: String?
        var header: String?
        /// The key's parts with no content file hashed yet (decision 87).
        var contentDeferred: BuildKey.Partial?
        /// The content as listed before anything read it: the files' signatures (decision 92).
        var listed: BuildKey.Partial?
        /// Content files the last build recorded with their signatures and digests (decision 92).
        var trusted: [String: BuildState.TrustedFile] = [:]
        /// With `contentDeferred`: the files no stage reads, hashed meanwhile.
        var early: EarlyDigests?
        var fullBuildReason: String?
        defer { early?.stop() }
        if !options.preview, !options.newLedger, options.renderCache == nil, let themeSource {
            progress("key")
            let inputs = BuildKey.Inputs(content: options.content, output: options.output, theme: themeSource, asOf: options.asOf,
                                         baseURL: options.baseURL, strict: options.strict,
                                         firstLanguageOnly: options.firstLanguageOnly, environment: options.environment)
            // The options and theme first (no content byte read): when they
            // differ from the last build's (a first build, a nightly as_of),
            // nothing more is hashed here; the content's digests are those
            // the loader takes of the bytes it reads (decision 87). Else
            // everything but the feedback exports: when that differs (an
            // edited file), the exports — gigabytes nationally — are hashed
            // once, by the ingest, not also here (decision 83).
            let listing = BuildKey.prepare(inputs, deferring: { _ in true })
            listed = listing
            header = listing?.header
            let state = BuildState.read(publisher.statePath)
            if pseudonymKeyChanged(since: state, options: options, log: log) {
                return Report(outcome: .contentErrors, run: nil, seconds: seconds())
            }
            let compare = state != nil && (state?.header == nil || state?.header == header)
            if let state {
                fullBuildReason = state.key == "-" ? "the last build kept no key: an input changed while it ran, or it started a new ledger"
                    : !compare ? "the program, its options (as_of, base URL), the keys or the theme are not the last build's" : nil
            } else if FileManager.default.fileExists(atPath: publisher.destination + "/data/manifest.json") {
                fullBuildReason = "no record of the last build beside the published site (its state file is missing, torn or another's)"
            }
            // Files whose signature is the one the last build recorded are not read again (decision 92).
            trusted = Dictionary((state?.trusted ?? []).map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
            let partial = compare ? listing?.hashing(except: BuildKey.isFeedbackExport, trusting: trusted) : nil
            partialDigest = partial?.digest
            if !compare {
                contentDeferred = listing
                early = listing.map { listing in
                    EarlyDigests(root: listing.root, paths: listing.files.compactMap {
                        $0.digest == nil && EarlyDigests.isUnread($0.path) ? $0.path : nil
                    })
                }
            } else if let state, let partial, state.partial == nil || state.partial == partial.digest {
                key = partial.completed(trusting: trusted)
                if let key, state.key == key.key,
                   SiteFingerprint.of(publisher.destination) == state.site,
                   SHA256.hex(fileAt: publisher.destination + "/data/manifest.json") == state.manifest {
                    log.add(contentsOf: state.diagnostics)
                    return Report(outcome: .unchanged, run: nil, seconds: seconds(),
                                  replayed: .init(asOf: state.asOf, quarantined: state.quarantined, quarantinedCount: state.quarantinedCount))
                }
                fullBuildReason = fullBuildReason ?? (key == nil ? "a content file could not be read"
                    : state.key != key?.key ? "a feedback export is not the one the last build read"
                    : "the published site was changed since the last build (a file written, touched, added or removed)")
            } else {
                // Here there is a state and its header matched (`compare`).
                fullBuildReason = fullBuildReason ?? (partial == nil ? "a content file could not be read"
                    : "the content folder is not the one the last build read (a file other than a feedback export edited, or a file added or removed)")
                // Nothing to compare with, or already different: the key is
                // completed with the digests the ingest takes of the exports.
                partialKey = partial
            }
        }
        // The officials the last build decoded (decision 111): read beside
        // the theme and the history, taken by the loader for unchanged files.
        let parsedOfficials: (program: String, sealKey: [UInt8], last: BackgroundValue<ParsedOfficials?>, recording: ParsedOfficials.Recorded)?
            = listed?.program.flatMap { program in
                HistoryStage.cacheSealKey(environment: options.environment).map { sealKey in
                    (program, sealKey, BackgroundValue { [path = publisher.parsedOfficialsPath] in
                        ParsedOfficials.read(path, program: program, sealKey: sealKey)
                    }, ParsedOfficials.Recorded())
                }
            }
        // A new ledger chain compares with the published rows all the same:
        // the key is checked there too (the key block above was skipped).
        if options.newLedger, !options.preview,
           pseudonymKeyChanged(since: BuildState.read(publisher.statePath), options: options, log: log) {
            return Report(outcome: .contentErrors, run: nil, seconds: seconds())
        }
        // The previous site first: a broken ledger stops the build before any work.
        let checkedLedger = listed?.program.flatMap { program in
            HistoryStage.cacheSealKey(environment: options.environment).map {
                CheckedLedger.Place(path: publisher.checkedLedgerPath, program: program, sealKey: $0)
            }
        }
        // The published files read back, as the last build left them (decision 124).
        let signatures = listed?.program.flatMap { program in
            HistoryStage.cacheSealKey(environment: options.environment).map {
                PublishedSignatures.Place(path: publisher.publishedSignaturesPath, program: program, sealKey: $0)
            }
        }
        guard var history = HistoryStage.open(output: options.output,
                                              options: .init(newLedger: options.newLedger, newLedgerReason: options.newLedgerReason,
                                                             preview: options.preview, checkedLedger: checkedLedger,
                                                             segmentBytes: LedgerSegments.limit(environment: options.environment),
                                                             signatures: signatures),
                                              log: log) else {
            return Report(outcome: .contentErrors, run: nil, seconds: seconds())
        }
        // The theme next: a missing or broken theme must fail in milliseconds,
        // not after millions of feedback rows have been read.
        guard let themeSource else {
            log.error("site.yaml", 0, 0, "theme \"\(themeName)\" not found (looked for themes/\(themeName) beside the content folder and in the working directory; only \"default\" is built in)")
            return Report(outcome: .contentErrors, run: nil, seconds: seconds())
        }
        guard let themeFiles = ThemeFiles.load(themeSource, name: themeName, log: log),
              let theme = Theme.compile(themeFiles, log: log) else {
            return Report(outcome: .contentErrors, run: nil, seconds: seconds())
        }
        let env = options.environment
        let publishedSiteExists = history.previous.exists
        let pseudonymCheck = options.preview ? nil : HistoryStage.pseudonymCheck(environment: env)
        // The last build's feedback stage, when its inputs are this one's
        // (decision 98); only where the key's header exists (not a preview,
        // not `--new-ledger`), the same condition as the state's.
        var feedbackCache: FeedbackCache.Lookup?
        if let header, let stats = listed?.stats, let sealKey = HistoryStage.cacheSealKey(environment: env) {
            let trusted = trusted
            feedbackCache = FeedbackCache.Lookup(path: publisher.feedbackCachePath, header: header, trustedDigest: { path in
                guard let t = trusted[path], let now = stats[path], t.signature == now.signature else { return nil }
                return t.digest
            }, output: publisher.destination, pseudonymCheck: pseudonymCheck, sealKey: sealKey,
               recorded: history.previous.exportSignatures)
        }
        progress("score")
        guard var run = ScoringRun.run(content: options.content, options: .init(asOf: options.asOf, strict: options.strict), log: log,
                                       export: options.preview ? nil : { province in
                                           FeedbackExport(province: province,
                                                          pseudonymKey: HistoryStage.pseudonymKey(environment: env, demo: province.site.demo, log: log),
                                                          keepsRowDigests: publishedSiteExists)
                                       }, cache: feedbackCache,
                                       parsed: parsedOfficials.map { ($0.last.value, $0.recording) }, progress: progress) else {
            return Report(outcome: .contentErrors, run: nil, seconds: seconds())
        }
        if let contentDeferred {
            // The bytes the loader read (and will publish), then anything it did not read.
            let p = run.province
            let unread = early?.value ?? [:]
            let partial = contentDeferred.filled({ p.inputBytes.hash($0) ?? unread[$0] ?? SHA256.hex(fileAt: p.root + "/" + $0) },
                                                 keepDeferred: BuildKey.isFeedbackExport)
            partialDigest = partial?.digest
            partialKey = partial
        }
        if let partialKey { key = partialKey.value(filling: run.province.feedbackHashes) }
        if options.firstLanguageOnly { run.province.site.languages = Array(run.province.site.languages.prefix(1)) }
        let signing = HistoryStage.signingKey(environment: env, site: run.province.site, log: log)
        if log.hasErrors { return Report(outcome: .contentErrors, run: run, seconds: seconds()) }
        // Written into the staging folder as made: the site is never held in memory whole.
        let staging: Staging
        do { staging = try publisher.stage() } catch { return Report(outcome: .ioError("\(error)"), run: run, seconds: seconds()) }
        // The feedback exports' gzip (~17 s of CPU nationally) is needed only
        // by the data stage: it starts now, on a thread that takes only the
        // time the history and the pages leave the cores idle (`IdleWork`),
        // and the data stage finishes what is left on every core.
        let exportFiles = run.replayedExports != nil ? nil : run.export.map { export in
            let localities = export.localitiesWithRows
            return IdleWork(count: localities.count) { i in try staging.write(export.file(localities[i])) }
        }
        let emitted = EmittedFiles(staging: staging)
        let emit: @Sendable (OutputFile) throws -> Void = { try emitted.emit($0) }
        var searchIndex: BackgroundValue<Result<Void, any Error>>?
        /// A build that ends without publishing: the exports and the search
        /// index stop before their folder goes.
        func abandon() {
            exportFiles?.cancel()
            _ = searchIndex?.value
            publisher.discard(staging)
        }
        progress("render")
        // The officials' bodies, rendered one at a time by cmark-gfm, on a
        // thread of their own while the plan and the history are made.
        let bodies = BackgroundValue { [officials = run.province.officials] in OfficialBodies(officials) }
        let plan = SitePlan.make(run)
        let baseURL = options.baseURL ?? run.province.site.baseURL
        // Pages whose inputs are the last build's are linked, not rendered
        // (decision 99); fingerprinted only where the build has a key. The
        // last build's fingerprints are read, and the published folder
        // walked to check them, on a thread of their own while the history
        // is made (nothing writes the published folder before the swap).
        let sealKey = HistoryStage.cacheSealKey(environment: env)
        let reuseFound = header.flatMap { header in sealKey.map { sealKey in
            BackgroundValue { [run, destination = publisher.destination, cachePath = publisher.pageCachePath] () -> PageReuse in
                let global = SiteRenderer.globalFingerprint(run: run, plan: plan, header: header, baseURL: baseURL)
                let trusted = publishedSiteExists
                    ? PageCache.trusted(cachePath, global: global, output: destination, sealKey: sealKey) : nil
                return PageReuse(global: global, published: trusted?.entries ?? [:], runs: trusted?.runs ?? [:], output: destination)
            }
        } }
        let scoreHistory: ScoreHistory
        do { scoreHistory = try history.scoreHistory(run: run) } catch {
            _ = reuseFound?.value  // no thread of this build outlives it
            abandon()
            return Report(outcome: .ioError("\(error)"), run: run, seconds: seconds())
        }
        // This build's entries live only here: sealed to a spool and reduced
        // to what pages show, then let go.
        guard let (sealed, layout, siteHistory) = { () -> (SealedLedger, LedgerSegments, SiteHistory)? in
            guard let pending = history.changes(run: run, log: log) else { return nil }
            let sealed = history.seal(pending, asOf: run.scoreboard.asOf, province: run.province)
            let layout = history.ledgerLayout(sealed)
            var siteHistory = history.siteHistory(run: run, pending: pending, scores: scoreHistory)
            siteHistory.ledgerFiles = layout.files.map(\.path)
            return (sealed, layout, siteHistory)
        }() else {
            _ = reuseFound?.value  // no thread of this build outlives it
            abandon()
            return Report(outcome: .contentErrors, run: run, seconds: seconds())
        }
        run.export?.dropRowDigests()
        // The search index needs only the run: written on a thread of its
        // own from here, where a one-file rebuild's main thread waits for
        // the published folder's check with nothing to do, not after the
        // thread's feeds, where the open data came last. (Not earlier: its
        // sort's transient, ~100 MB nationally, stays out of the history's
        // window, a nightly's highest point.)
        searchIndex = BackgroundValue { [run] in Result { try SearchIndex.files(run: run, emit: emit) } }
        let reuse = reuseFound?.value
        progress("pages")
        var manifestBytes: [UInt8] = []
        var walkOrder: BackgroundValue<[String]>?
        do {
            try SiteRenderer(run: run, plan: plan, theme: theme, baseURL: baseURL, history: siteHistory,
                             cache: options.renderCache, reuse: reuse, bodies: bodies.value, writesSearchIndex: false).render(log: log, emit: emit)
            try searchIndex?.value.get()
            if log.hasErrors {
                abandon()
                return Report(outcome: .contentErrors, run: run, seconds: seconds())
            }
            progress("data")
            staging.startEarlyFlush()
            try history.dataFiles(run: run, history: scoreHistory, emit: emit)
            try exportFiles?.finish()
            // The exports are written: their spill files are let go beside the publishing.
            if let export = run.export { DispatchQueue.global(qos: .utility).async { export.closeFiles() } }
            if let frozen = history.freezing(run: run) {
                for path in staging.hashes.keys.sorted() where HistoryStage.belongsInFrozenCopy(path) {
                    try staging.copy(path, to: frozen + path)
                    if path.hasSuffix(".html") { emitted.countPage() }
                }
            }
            progress("manifest")
            let manifest = Manifest.file(province: run.province, asOf: run.scoreboard.asOf, hashes: staging.hashes)
            manifestBytes = manifest.bytes
            try emit(manifest)
            if history.isUnchanged(manifest: manifest.bytes) {
                // Same manifest, yet some published file differs from it (edited
                // or deleted on the server): the site is restored to what its
                // manifest and ledger say, and the ledger is left as it is.
                // Files added on the server are removed by the same swap (decision 122).
                let unlisted = staging.unlistedPublished(staysOut: LedgerFile.isLedgerPath)
                let rewritten = staging.rewrittenCount + unlisted.count
                let findings = log.items  // what the next build repeats: the content's, not this repair's
                if let first = staging.firstRewritten ?? unlisted.first {
                    log.warning(publisher.destination + "/" + first, 0, 0,
                                "the published site did not match its manifest (\(rewritten) file(s) differed, were missing or were not in it, this one first): restored from the content; the ledger is unchanged")
                    for file in history.publishedLedger() { try emit(file) }
                    try publisher.commit(staging)
                } else {
                    publisher.discard(staging)
                }
                let walked = SiteFingerprint.walk(publisher.destination), site = walked?.fingerprint
                leaveSignatures(signatures, walked: walked?.entries, hashes: staging.hashes, path: publisher.publishedSignaturesPath)
                remember(key: key, partial: partialDigest, header: header, listed: listed, run: run, manifest: manifest.bytes, findings: findings, publisher: publisher,
                         pseudonymCheck: pseudonymCheck, site: site)
                progress("cache")
                leaveFeedbackCache(run: run, hashes: staging.hashes, cache: feedbackCache)
                parsedOfficials.map { $0.recording.write(to: publisher.parsedOfficialsPath, program: $0.program, sealKey: $0.sealKey) }
                leavePageCache(reuse, fingerprints: emitted.fingerprints, staging: staging, site: site, path: publisher.pageCachePath, sealKey: sealKey)
                var report = Report(outcome: rewritten == 0 ? .unchanged : .restored(files: rewritten), run: run, seconds: seconds())
                report.keptFiles = emitted.keptFiles
                report.fullBuildReason = fullBuildReason
                return report
            }
            if history.comparisonProblems(log: log) {
                abandon()
                return Report(outcome: .contentErrors, run: run, seconds: seconds())
            }
            for file in try history.writeLedger(sealed, layout: layout, manifest: manifest.bytes, scores: emitted.scores, signingKey: signing,
                                                staging: staging) { try emit(file) }
            // Every file is written: their paths are put in the walk's order
            // on the other core while the site is swapped in (on the main
            // thread after it, ~0.5 s of a national build's serial end).
            walkOrder = BackgroundValue { [staging] in staging.hashes.keys.sorted(by: FileWalk.walkPrecedes) }
            progress("publish")
            try publisher.commit(staging)
        } catch {
            abandon()
            return Report(outcome: .ioError("\(error)"), run: run, seconds: seconds())
        }
        let pages = emitted.pageCount
        let files = staging.hashes.count
        // The feedback cache needs only the run and the staged digests: it is
        // written on its own thread while the published folder is walked
        // and the state and page cache are written (~0.5 s nationally).
        let feedbackCacheLeft = BackgroundValue { [run, hashes = staging.hashes, feedbackCache, path = publisher.parsedOfficialsPath] in
            leaveFeedbackCache(run: run, hashes: hashes, cache: feedbackCache)
            parsedOfficials.map { $0.recording.write(to: path, program: $0.program, sealKey: $0.sealKey) }
        }
        progress("fingerprint")
        // The pages' and exports' buffers, freed on every core, wait in the
        // allocator's arenas for their decay; the listing, the state and the
        // caches made next would be counted on top of them: given back now.
        congkhai_release_free_memory()
        // Taken from the files this build wrote, each `lstat`ed where the
        // swap put it, not by listing every folder again: anything else in
        // the site makes the next build's walk differ, and that build trusts
        // nothing of this one.
        let walked = walkOrder.map { SiteFingerprint.listed(publisher.destination,
                                                            walkOrdered: FileWalk.merging(staging.placeholderFiles, into: $0.value)) }
            ?? SiteFingerprint.listed(publisher.destination, files: staging.files)
        let site = walked?.fingerprint
        // Only the files the next build reads back are kept from the listing (a country's is 320,000 entries).
        let readBack = walked?.entries.filter { $0.kind == .file && PublishedSignatures.covers($0.path) }
        // The page cache (a dictionary of every page, sorted and sealed) and
        // the state (an `lstat` of every input) are each ~0.5 s on one core
        // nationally, and independent: written side by side, with the
        // signatures of the files the next build reads back.
        let pageCacheLeft = BackgroundValue { [fingerprints = emitted.fingerprints, path = publisher.pageCachePath,
                                               signaturesPath = publisher.publishedSignaturesPath] in
            leavePageCache(reuse, fingerprints: fingerprints, staging: staging, site: site, path: path, sealKey: sealKey)
            leaveSignatures(signatures, walked: readBack, hashes: staging.hashes, path: signaturesPath)
        }
        progress("state")
        remember(key: key, partial: partialDigest, header: header, listed: listed, run: run, manifest: manifestBytes, findings: log.items, publisher: publisher,
                 pseudonymCheck: pseudonymCheck, site: site)
        progress("cache")
        // Written before the build returns: the CLI exits without waiting for other threads.
        _ = pageCacheLeft.value
        _ = feedbackCacheLeft.value

        var report = Report(outcome: .built(pages: pages, files: files, quarantined: run.quarantinedCount), run: run,
                            seconds: seconds())
        report.keptFiles = emitted.keptFiles
        report.fullBuildReason = fullBuildReason
        return report
    }

    /// Another pseudonym key than the last build's changes every published
    /// pseudonym: one ledger entry per row with a respondent, for ever
    /// (millions nationally), so only on purpose (decision 97). True, with
    /// the error in `log`, when the build must stop.
    static func pseudonymKeyChanged(since state: BuildState?, options: Options, log: DiagnosticLog) -> Bool {
        guard let before = state?.pseudonymCheck, !options.newPseudonymKey,
              let now = HistoryStage.pseudonymCheck(environment: options.environment), before != now else { return false }
        log.error("CONGKHAI_PSEUDONYM_KEY", 0, 0,
                  "the pseudonym key is not the one the published site was built with (CONGKHAI_PSEUDONYM_KEY or CONGKHAI_PSEUDONYM_KEY_FILE changed, set or unset): every published respondent pseudonym would change and the ledger would record each of those rows as changed. Restore the key; if the change is deliberate (a leaked key), build once with --new-pseudonym-key. Nothing was published")
        return true
    }

    /// Leaves the state the next build compares itself with — only when every
    /// input the build read had the bytes the key hashed (no file changed
    /// while it ran); otherwise the next build runs in full.
    static func remember(key: BuildKey.Value?, partial: String?, header: String?, listed: BuildKey.Partial?, run: ScoringRun,
                         manifest: [UInt8], findings: [Diagnostic], publisher: Publisher, pseudonymCheck: String?, site: String?) {
        BuildState.remove(publisher.statePath)
        guard let key, Manifest.inputHashes(run.province).allSatisfy({ key.digests[$0.path] == $0.hash }),
              let site else {
            // No key to keep (`--new-ledger`, a file changed while the build
            // ran): the key the site's pseudonyms were made with is kept all
            // the same, in a state no build's key or header can match.
            if let pseudonymCheck {
                BuildState(key: "-", manifest: "-", site: "-", asOf: run.scoreboard.asOf, diagnostics: [], quarantined: [],
                           quarantinedCount: 0, partial: "-", header: "-", pseudonymCheck: pseudonymCheck)
                    .write(to: publisher.statePath, with: publisher)
            }
            return
        }
        BuildState(key: key.key, manifest: SHA256.hex(manifest), site: site, asOf: run.scoreboard.asOf, diagnostics: findings,
                   quarantined: run.quarantined, quarantinedCount: run.quarantinedCount, partial: partial, header: header,
                   trusted: listed.map { trustedFiles($0, digests: key.digests) } ?? [], pseudonymCheck: pseudonymCheck)
            .write(to: publisher.statePath, with: publisher)
    }

    /// Leaves this build's feedback stage for the next (decision 98) once
    /// its site is published (or found already published): the tally and
    /// findings under the stage's key, with the digests of the exports as
    /// staged. A replayed stage's cache is already there and stays.
    static func leaveFeedbackCache(run: ScoringRun, hashes: [String: String], cache: FeedbackCache.Lookup?) {
        guard let cache, run.replayedExports == nil else { return }
        let path = cache.path
        guard let key = run.feedbackCacheKey, !run.scoreboard.tally.commentsLost else { unlink(path); return }
        let exports = hashes.compactMap { path, digest -> FeedbackCache.Export? in
            guard path.hasPrefix("data/feedback/"), path.hasSuffix(".csv.gz"),
                  !path.dropFirst("data/feedback/".count).contains("/") else { return nil }
            return FeedbackCache.Export(path: path, digest: digest)
        }.sorted { UTF8Order.precedes($0.path, $1.path) }
        FeedbackCache(key: key, tally: run.scoreboard.tally, quarantined: run.quarantined, quarantinedCount: run.quarantinedCount,
                      rowsRead: run.feedbackRows, bytesRead: run.feedbackBytes, hashes: run.province.feedbackHashes,
                      diagnostics: run.feedbackDiagnostics, exports: exports).write(to: path, sealKey: cache.sealKey)
    }

    /// Leaves the fingerprints of this build's pages for the next (decision
    /// 99), with the published folder's fingerprint `site` taken once the
    /// site is in place; without fingerprints (a preview, `--new-ledger`)
    /// any earlier file is removed.
    static func leavePageCache(_ reuse: PageReuse?, fingerprints: [String: String], staging: Staging, site: String?,
                               path: String, sealKey: [UInt8]?) {
        guard let reuse, let site, let sealKey else { unlink(path); return }
        var entries: [(page: String, entry: PageCache.Entry)] = []
        entries.reserveCapacity(fingerprints.count)
        let hashes = staging.hashes
        for (path, fingerprint) in fingerprints {
            if let digest = hashes[path] { entries.append((path, PageCache.Entry(fingerprint: fingerprint, digest: digest))) }
        }
        let runs = reuse.runs.recorded { hashes[$0] != nil }.map { (name: $0.key, run: $0.value) }
        PageCache.write(to: path, sealKey: sealKey, global: reuse.global, site: site, entries: entries, runs: runs)
    }

    /// Leaves the signatures of the published files the next build reads
    /// back (decision 124), from the listing taken after the swap; without
    /// a place (a preview, `--new-ledger`) any earlier record is removed.
    static func leaveSignatures(_ place: PublishedSignatures.Place?, walked: [FileWalk.Entry]?, hashes: [String: String], path: String) {
        guard let place, let walked else {
            unlink(path)
            return
        }
        PublishedSignatures.write(place, walked: walked, digests: hashes)
    }

    /// The content files the next build may take on trust (decision 92): each with
    /// the digest this build scored, recorded only when the file's signature
    /// now is the one listed before it was read (not changed while the build
    /// ran) and its last change is over a second older than that listing
    /// (file times come from a coarse clock: a write in the same tick as the
    /// listing could leave the signature as it was).
    static func trustedFiles(_ listed: BuildKey.Partial, digests: [String: String]) -> [BuildState.TrustedFile] {
        listed.stats.keys.sorted().compactMap { path in
            guard let before = listed.stats[path], let digest = digests[path],
                  before.ctime < listed.listedAt - 1_000_000_000,
                  let now = FileWalk.signature(of: listed.root + "/" + path), now.signature == before.signature else { return nil }
            return BuildState.TrustedFile(path: path, signature: before.signature, digest: digest)
        }
    }

    /// `theme:` of site.yaml, read on its own before anything else is loaded
    /// (errors in site.yaml are reported by the full load that follows).
    static func themeName(content: String) -> String {
        guard let data = FileManager.default.contents(atPath: content + "/site.yaml"),
              case let .success(text) = TextDecoding.decode(Array(data)),
              case let .success(value?) = YAMLParser.parse(text),
              case let .mapping(pairs, _, _) = value,
              let pair = pairs.first(where: { $0.key.text == "theme" }), case let .scalar(s) = pair.value,
              Identifier.isValid(s.text) else { return "default" }
        return s.text
    }

    /// The machine-readable report: every diagnostic and quarantined row.
    public static func reportJSON(_ report: Report, log: DiagnosticLog, options: Options) -> JSONValue {
        var status = "ok"
        var extra: [(String, JSONValue)] = []
        switch report.outcome {
        case let .built(pages, files, quarantined):
            extra = [("pages", .integer(pages)), ("kept_files", .integer(report.keptFiles)), ("files", .integer(files)),
                     ("quarantined", .integer(quarantined))]
        case .unchanged: status = "unchanged"
        case let .restored(files): status = "restored"; extra = [("restored_files", .integer(files))]
        case .contentErrors: status = "content_errors"
        case let .ioError(message): status = "io_error"; extra = [("io_error", .string(message))]
        }
        if let reason = report.fullBuildReason { extra.append(("full_build_reason", .string(reason))) }
        return DiagnosticsReport.json(status: status, content: options.content, asOf: report.asOf, quarantined: report.quarantined,
                                      quarantinedCount: report.quarantinedCount, log: log,
                                      extra: [("output", .string(options.output))] + extra)
    }
}
