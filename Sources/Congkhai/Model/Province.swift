/// Everything loaded and validated: the input of scoring.
///
/// Localities and officials are sorted by id (officials by locality, then id)
/// so every later stage can iterate without sorting again.
public struct Province: Sendable {
    public var root: String
    public var site: SiteConfig
    public var framework: Framework
    public var products: [String: Product]
    public var localities: [Locality]
    public var officials: [Official]
    /// In file-name then list order: the order actions apply.
    public var audits: [Audit]
    /// The audit files' entries as written (the ledger compares them).
    var auditEntries: [AuditEntry] = []
    /// Relative paths of the feedback CSV files in byte order of their names.
    public var feedbackFiles: [String]
    /// Relative paths of every input file read, sorted, for the manifest.
    public var inputFiles: [String]
    /// `static/…` files, published at the same path without `static/`.
    public var staticFiles: [String] = []
    /// Content files as the loader read them, and SHA-256 of each feedback file
    /// as it was scanned: the manifest and `data/content/` use these, never a
    /// second read of a file that may have changed meanwhile.
    public var inputBytes = ContentBytes()
    public var feedbackHashes: [String: String] = [:]

    public init(root: String, site: SiteConfig, framework: Framework, products: [String: Product],
                localities: [Locality], officials: [Official], audits: [Audit], feedbackFiles: [String],
                inputFiles: [String]) {
        self.root = root
        self.site = site
        self.framework = framework
        self.products = products
        self.localities = localities
        self.officials = officials
        self.audits = audits
        self.feedbackFiles = feedbackFiles
        self.inputFiles = inputFiles
    }

    /// SHA-256 of the bytes read for one input: as the loader or the ingest
    /// took it, or as the renderer copied it (static files), else hashed now
    /// (a static file before or without its copy).
    public func inputDigest(_ path: String) -> String {
        inputBytes.hash(path) ?? feedbackHashes[path] ?? inputBytes.copiedHash(path) ?? SHA256.hex(fileAt: root + "/" + path) ?? ""
    }

    public func localityIndex(_ id: String) -> Int? {
        binarySearch(localities.count) { UTF8Order.precedes(localities[$0].id, id) }
            .flatMap { localities.indices.contains($0) && localities[$0].id == id ? $0 : nil }
    }

    public func officialIndex(locality: String, id: String) -> Int? {
        let key = locality + "/" + id
        return binarySearch(officials.count) { UTF8Order.precedes(officials[$0].key, key) }
            .flatMap { officials.indices.contains($0) && officials[$0].key == key ? $0 : nil }
    }

    private func binarySearch(_ count: Int, _ isBefore: (Int) -> Bool) -> Int? {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if isBefore(mid) { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
