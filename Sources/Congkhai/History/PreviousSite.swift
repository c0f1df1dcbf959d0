import Foundation

/// What the last build published, read back from the output folder: the
/// previous state every build compares itself with (DESIGN.md: "the
/// published site is the log"). Only the published files are read — the
/// content as scored (`data/content/`), the feedback rows (`data/feedback/`),
/// the score history, the frozen periods and the ledger.
struct PreviousSite {
    let root: String
    /// A published site is there (it has a manifest or a home page).
    var exists = false
    var ledger = LedgerFile()
    /// `data/content/` scanned (not loaded: its officials are read a batch
    /// at a time by the comparison, `officials(_:)`), its audits loaded;
    /// these and `feedbackFiles` only between `loadComparison` and `dropComparison`.
    var contentTree: ContentTree?
    /// `locality/id` → the published official file.
    var officialFiles: [String: ContentTree.OfficialFile] = [:]
    var audits: [AuditEntry] = []
    var frameworkBytes: [UInt8]?
    /// The published feedback files (`data/feedback/*.csv.gz`), which the
    /// ledger's comparison reads one at a time (`ChangeSet.feedbackChanges`).
    var feedbackFiles: [String] = []
    /// `data/history/*.csv` and everything under `ky/`, carried forward.
    var carried: [CarriedFiles.File] = []
    /// Where `carried` is not what was published (`CarriedFiles`): the build stops.
    var carriedProblems: [PublishedFiles.Problem] = []
    /// The published manifest's digests of `data/content/` and
    /// `data/feedback/` (nil when it cannot be trusted), and where the
    /// copies there differ from them (`ComparisonBasis`), found by
    /// `loadComparison`.
    var basisDigests: [String: String]?
    var basisProblems: [PublishedFiles.Problem] = []
    /// The published files as the last build recorded them (decision 124).
    var signatures: PublishedSignatures?
    /// The same for the published feedback exports, kept through the build:
    /// a replayed feedback stage publishes them again (decision 98).
    var exportSignatures: PublishedSignatures?
    /// The same for the published copies of the content, kept through the
    /// build: a copy whose bytes this build's file has is linked, not read.
    var contentSignatures: PublishedSignatures?

    /// `checked`: where the last build left what it checked of the ledger
    /// (`CheckedLedger`), read and then left anew by this build.
    /// `signatures`: where the last build recorded the files read back here
    /// (`PublishedSignatures`): those still as it left them are not hashed again.
    static func read(_ output: String, checked: CheckedLedger.Place? = nil, signatures: PublishedSignatures.Place? = nil) -> PreviousSite {
        var site = PreviousSite(root: output)
        let fm = FileManager.default
        site.exists = fm.fileExists(atPath: output + "/data/manifest.json") || fm.fileExists(atPath: output + "/index.html")
        guard site.exists else { return site }
        site.ledger = LedgerFile.read(site: output, checked: checked.flatMap(CheckedLedger.read), recordsClean: checked != nil)
        let outputs = PublishedFiles.outputs(output, ledger: site.ledger, keeping: { CarriedFiles.isCarried($0) || ComparisonBasis.isBasis($0) })
        let recorded = signatures.flatMap(PublishedSignatures.read)
        (site.carried, site.carriedProblems) = CarriedFiles.read(output, outputs: outputs, trusting: recorded)
        // Only the comparison's copies are looked up from here on (a frozen
        // national period's entries are 320,000 paths).
        site.signatures = recorded?.keeping(ComparisonBasis.isBasis)
        site.exportSignatures = recorded?.keeping { $0.hasPrefix("data/feedback/") }
        site.contentSignatures = recorded?.keeping { $0.hasPrefix(SitePaths.contentFile("")) }
        if case let .success(listed) = outputs { site.basisDigests = listed.filter { ComparisonBasis.isBasis($0.key) } }
        return site
    }

    /// Finds what only the ledger's comparison reads — the published content
    /// and feedback — right before it, and `dropComparison` lets it go right
    /// after. The comparison itself reads published officials a batch at a
    /// time and published feedback one file at a time: at national size each
    /// was ~0.5 GB held whole, and read at the start of the build they
    /// stayed resident through the whole ingest.
    ///
    /// The published copies are believed only as far as the manifest vouches
    /// for them (decision 122): the comparison reads only files it lists,
    /// takes a copy whose digest it lists as this build's file as unchanged
    /// without reading it — also when the copy on the server was altered
    /// or removed since (this build's bytes are then the published ones) —
    /// and any other altered copy is a problem (`basisProblems`).
    mutating func loadComparison(current: ComparisonBasis.Current) {
        guard exists else { return }
        guard let listed = basisDigests else {
            basisProblems = [PublishedFiles.Problem(path: "data/manifest.json", message: "cannot be trusted, so the published content cannot be compared")]
            return
        }
        let contentPrefix = "data/content/"
        // Content files whose published digest is this build's: known without their copies.
        var resolved = Set<String>()
        basisProblems = ComparisonBasis.problems(root, listed: listed, trusting: signatures).filter { problem in
            if problem.kind == .added { return false }  // never read: only listed files are
            if problem.path.hasPrefix(contentPrefix), let want = listed[problem.path] {
                let path = String(problem.path.dropFirst(contentPrefix.count))
                if current.digest(path) == want {
                    resolved.insert(path)
                    return false
                }
            }
            return true
        }
        func isListed(_ path: String) -> Bool { listed[contentPrefix + path] != nil }
        let fm = FileManager.default
        let contentRoot = root + "/" + String(contentPrefix.dropLast())
        if fm.fileExists(atPath: contentRoot + "/site.yaml") || resolved.contains("site.yaml"),
           var tree = ContentTree.scan(contentRoot, log: DiagnosticLog()) {
            tree.keepsBytes = false
            let log = DiagnosticLog()
            var inputs: [String] = []
            let frameworkFile = resolved.contains("site.yaml") ? current.frameworkFile
                : ContentLoader.parseYAMLFile("site.yaml", tree: tree, log: log, inputs: &inputs)
                    .flatMap { SiteDecoder.decode($0, file: "site.yaml", log: log) }?.frameworkFile ?? "framework.yaml"
            // A framework published as this build's has no change to record.
            frameworkBytes = resolved.contains(frameworkFile) || !isListed(frameworkFile) ? nil
                : fm.contents(atPath: contentRoot + "/" + frameworkFile).map { Array($0) }
            let auditPaths = Set(tree.auditFiles).union(resolved.filter { $0.hasPrefix("audits/") }).filter(isListed)
            for path in auditPaths.sorted(by: UTF8Order.precedes) {
                if resolved.contains(path) {
                    audits.append(contentsOf: current.audits(path))
                    continue
                }
                guard let yaml = ContentLoader.parseYAMLFile(path, tree: tree, log: log, inputs: &inputs) else { continue }
                audits.append(contentsOf: AuditDecoder.decode(yaml, file: path, log: log))
            }
            for file in tree.officialFiles where isListed(file.path) { officialFiles[file.locality + "/" + file.id] = file }
            // Removed from the server but published as this build's: unchanged, never read.
            for path in resolved {
                let parts = path.split(separator: "/")
                guard parts.count == 3, parts[0] == "officials", parts[2].hasSuffix(".md") else { continue }
                let file = ContentTree.OfficialFile(locality: String(parts[1]), id: String(parts[2].dropLast(3)), path: path)
                if officialFiles[file.locality + "/" + file.id] == nil { officialFiles[file.locality + "/" + file.id] = file }
            }
            contentTree = tree
        }
        let feedbackDir = root + "/data/feedback"
        feedbackFiles = ((try? fm.contentsOfDirectory(atPath: feedbackDir)) ?? []).sorted()
            .filter { $0.hasSuffix(".csv.gz") && listed["data/feedback/" + $0] != nil }.map { feedbackDir + "/" + $0 }
    }

    /// A new chain (`--new-ledger`) over copies that are not what was
    /// published: each is compared with nothing in its place (its
    /// official, audits, framework or rows recorded as new), so the chain
    /// says only what can be believed.
    mutating func setAsideBasisProblems() {
        for problem in basisProblems {
            if problem.path == "data/manifest.json" {
                officialFiles = [:]
                audits = []
                frameworkBytes = nil
                feedbackFiles = []
                continue
            }
            if problem.path.hasPrefix("data/feedback/") {
                feedbackFiles.removeAll { $0 == root + "/" + problem.path }
                continue
            }
            let path = String(problem.path.dropFirst("data/content/".count))
            if path.hasPrefix("officials/") {
                officialFiles = officialFiles.filter { $0.value.path != path }
            } else if path.hasPrefix("audits/") {
                audits.removeAll { $0.file == path }
            } else {
                frameworkBytes = nil  // site.yaml names it; either may be the one altered
            }
        }
        basisProblems = []
    }

    mutating func dropComparison() {
        contentTree = nil
        officialFiles = [:]
        audits = []
        frameworkBytes = nil
        feedbackFiles = []
        signatures = nil
    }

    /// Which of `keys` (`locality/id`) were published byte for byte as this
    /// build read them (`hashes`: SHA-256 of this build's file, nil when it
    /// has none; the published digest is the manifest's): loading such a
    /// file would give this build's official again (an official is a
    /// function of its file's bytes and path), so the comparison need not
    /// parse it — parsing YAML was most of a nightly build's comparison.
    func unchanged(_ keys: [String], hashes: [String?]) -> Set<String> {
        // What was published, as the manifest lists it (decision 122); with
        // no manifest to trust, `loadComparison` found no official at all.
        guard let listed = basisDigests, contentTree != nil else { return [] }
        return Set(keys.indices.filter { i in
            guard let file = officialFiles[keys[i]], let hash = hashes[i] else { return false }
            return listed["data/content/" + file.path] == hash
        }.map { keys[$0] })
    }

    /// The published officials of `keys` (`locality/id`), loaded on every
    /// core; a key whose file is missing or no longer loads is left out
    /// (as the whole-tree loader left it out before).
    func officials(_ keys: [String]) -> [String: Official] {
        guard let tree = contentTree else { return [:] }
        let files = keys.compactMap { officialFiles[$0] }
        let slots = Slots<Official>(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { i in
            var inputs: [String] = []
            if let o = ContentLoader.loadOfficial(files[i], tree: tree, log: DiagnosticLog(), inputs: &inputs) { slots.set(i, o) }
        }
        var out: [String: Official] = [:]
        for o in slots.values { out[o.key] = o }
        return out
    }
}
