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
    /// `data/content/` loaded with the ordinary loader (diagnostics ignored);
    /// this and `feedback` only between `loadComparison` and `dropComparison`.
    var content: LoadedContent?
    var frameworkBytes: [UInt8]?
    var feedback = RowDigests()
    var feedbackReadable = true
    /// The published feedback files, to name the rows the ledger reports (second pass).
    var feedbackFiles: [String] = []
    /// `data/history/*.csv` and everything under `ky/`, carried forward.
    var carried: [OutputFile] = []

    static func read(_ output: String) -> PreviousSite {
        var site = PreviousSite(root: output)
        let fm = FileManager.default
        site.exists = fm.fileExists(atPath: output + "/data/manifest.json") || fm.fileExists(atPath: output + "/index.html")
        guard site.exists else { return site }
        site.ledger = LedgerFile.read(site: output)
        for folder in ["data/history", "ky"] {
            let base = output + "/" + folder
            let walker = fm.enumerator(atPath: base)
            while let rel = walker?.nextObject() as? String {
                var isDir: ObjCBool = false
                guard fm.fileExists(atPath: base + "/" + rel, isDirectory: &isDir), !isDir.boolValue,
                      let data = fm.contents(atPath: base + "/" + rel) else { continue }
                site.carried.append(OutputFile(path: folder + "/" + rel, bytes: Array(data)))
            }
        }
        site.carried.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        return site
    }

    /// Reads what only the ledger's comparison needs — the published content
    /// and the published feedback rows' digests — right before it, and
    /// `dropComparison` lets them go right after: at national size they are
    /// ~0.5 GB each, and read at the start they stayed resident through the
    /// whole ingest, beside this build's own content and feedback.
    mutating func loadComparison() {
        guard exists else { return }
        let fm = FileManager.default
        let contentRoot = root + "/data/content"
        if fm.fileExists(atPath: contentRoot + "/site.yaml") {
            let log = DiagnosticLog()
            let loaded = ContentLoader.load(contentRoot, log: log)
            content = loaded
            let frameworkFile = loaded.site?.frameworkFile ?? "framework.yaml"
            frameworkBytes = fm.contents(atPath: contentRoot + "/" + frameworkFile).map { Array($0) }
        }
        let feedbackDir = root + "/data/feedback"
        feedbackFiles = []
        for name in ((try? fm.contentsOfDirectory(atPath: feedbackDir)) ?? []).sorted() where name.hasSuffix(".csv.gz") {
            feedbackFiles.append(feedbackDir + "/" + name)
            guard let data = fm.contents(atPath: feedbackDir + "/" + name), feedback.read(gzip: Array(data)) else {
                feedbackReadable = false
                continue
            }
        }
        feedback.seal()
    }

    mutating func dropComparison() {
        content = nil
        frameworkBytes = nil
        feedback = RowDigests()
    }

    /// Reads the ids and localities of `keys` from the published files.
    func names(of keys: Set<RowDigests.Key>) -> RowDigests {
        var named = RowDigests()
        guard !keys.isEmpty else { return named }
        for path in feedbackFiles {
            if let data = FileManager.default.contents(atPath: path) { _ = named.read(gzip: Array(data), names: keys) }
        }
        return named
    }
}
