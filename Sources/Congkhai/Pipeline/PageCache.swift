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
    static let format = "congkhai-page-cache 1"

    typealias Entry = PageReuse.Entry

    /// `SiteRenderer.globalFingerprint` of the build that left the file.
    var global: String
    /// `SiteFingerprint` of the published folder after that build.
    var site: String
    var entries: [String: Entry]

    func write(to path: String, sealKey: [UInt8]) {
        SealedFile.write(to: path, sealKey: sealKey) { w in
            w.string(PageCache.format)
            w.string(global)
            w.string(site)
            w.int(entries.count)
            for (page, e) in entries.sorted(by: { UTF8Order.precedes($0.key, $1.key) }) {
                w.string(page)
                w.string(e.fingerprint)
                w.string(e.digest)
            }
        }
    }

    /// The pages to trust: the file's entries when it is whole, was left
    /// under `global`, and the folder at `output` is still as it left it;
    /// nil otherwise (a nightly's new `as_of` stops at the file's first
    /// bytes, before the folder is listed).
    static func trusted(_ path: String, global: String, output: String, sealKey: [UInt8]) -> [String: Entry]? {
        guard var r = SealedFile.read(path, prefix: [format, global], sealKey: sealKey) else { return nil }
        do {
            let site = try r.string()
            var entries: [String: Entry] = [:]
            for _ in 0..<(try r.count(minimumBytes: 3)) {
                let page = try r.string()
                entries[page] = Entry(fingerprint: try r.string(), digest: try r.string())
            }
            guard r.isAtEnd, SiteFingerprint.of(output) == site else { return nil }
            return entries
        } catch {
            return nil
        }
    }
}
