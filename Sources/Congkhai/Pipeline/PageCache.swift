import Foundation

/// The fingerprints of the pages the last build published
/// (`.NAME.congkhai.pages` beside the site, never published; decision 99):
/// under the build's global fingerprint, each page's path, fingerprint and
/// the SHA-256 of its bytes, with the published folder's `SiteFingerprint`
/// taken once the site was in place. A rebuild trusts a page only while
/// the folder is exactly as that build left it — any file written, touched,
/// added or removed since changes the folder's fingerprint, and then every
/// page is rendered — so a kept page is linked from the published file
/// without reading it, and the manifest takes the digest recorded here.
struct PageCache: Sendable {
    static let format = "congkhai-page-cache 2"

    typealias Entry = PageReuse.Entry

    /// `SiteRenderer.globalFingerprint` of the build that left the file.
    var global: String
    /// `SiteFingerprint` of the published folder after that build.
    var site: String
    var entries: [String: Entry]
    /// Where each official's run of rows lies in the province's tables (`TableRuns`).
    var runs: [String: TableRuns.Run] = [:]

    /// Writes the file: each page's path, fingerprint and digest, and the
    /// runs, in any order — sorted here by their bytes, so the file does not
    /// depend on the order pages were made in. Arrays, not the dictionaries
    /// `trusted` reads back: a national build's ~130,000 pages were hashed
    /// into one only to be sorted out of it (~0.3 CPU-s with its teardown,
    /// on the serial end's longest thread).
    static func write(to path: String, sealKey: [UInt8], global: String, site: String,
                      entries: [(page: String, entry: Entry)], runs: [(name: String, run: TableRuns.Run)]) {
        SealedFile.write(to: path, sealKey: sealKey) { w in
            w.string(PageCache.format)
            w.string(global)
            w.string(site)
            w.int(entries.count)
            for (page, e) in entries.sorted(by: { UTF8Order.precedes($0.page, $1.page) }) {
                w.string(page)
                w.string(e.fingerprint)
                w.string(e.digest)
            }
            w.int(runs.count)
            for (name, run) in runs.sorted(by: { UTF8Order.precedes($0.name, $1.name) }) {
                w.string(name)
                w.string(run.fingerprint)
                w.int(run.offset)
                w.int(run.length)
            }
        }
    }

    /// The cache to trust: the file's entries and runs when it is whole,
    /// was left under `global`, and the folder at `output` is still as it
    /// left it; nil otherwise (a nightly's new `as_of` stops at the file's
    /// first bytes, before the folder is listed).
    static func trusted(_ path: String, global: String, output: String, sealKey: [UInt8]) -> PageCache? {
        guard var r = SealedFile.read(path, prefix: [format, global], sealKey: sealKey) else { return nil }
        do {
            let site = try r.string()
            var entries: [String: Entry] = [:]
            for _ in 0..<(try r.count(minimumBytes: 3)) {
                let page = try r.string()
                entries[page] = Entry(fingerprint: try r.string(), digest: try r.string())
            }
            var runs: [String: TableRuns.Run] = [:]
            for _ in 0..<(try r.count(minimumBytes: 4)) {
                let name = try r.string()
                runs[name] = TableRuns.Run(fingerprint: try r.string(), offset: try r.int(), length: try r.int())
            }
            guard r.isAtEnd, SiteFingerprint.of(output) == site else { return nil }
            return PageCache(global: global, site: site, entries: entries, runs: runs)
        } catch {
            return nil
        }
    }
}
