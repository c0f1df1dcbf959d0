/// Stable URLs: built from ids (already ASCII slugs), Vietnamese at the root
/// and English under `en/`. Every page is a folder with an `index.html`, so
/// URLs end in `/` and survive a change of static host.
public enum SitePaths {
    public static func prefix(_ language: String, default defaultLanguage: String) -> String {
        language == defaultLanguage ? "" : language + "/"
    }

    public static let home = ""

    /// Official ids that would put the official's page where its locality's
    /// own pages are (`dia-phuong/<locality>/thong-bao/`, `…/thay-doi/`):
    /// one page silently replaced the other, so such a file is an error
    /// (decision 90).
    public static let reservedOfficialIDs: Set<String> = ["thong-bao", "thay-doi"]

    /// A locality id `trang-N` would be page N of the localities list
    /// (`dia-phuong/trang-N/`): an error like the reserved official ids.
    public static func isReservedLocalityID(_ id: String) -> Bool {
        guard id.hasPrefix("trang-") else { return false }
        let n = id.utf8.dropFirst(6)
        return !n.isEmpty && n.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
    public static let localities = "dia-phuong/"
    /// A content file (`officials/…/x.md`, `localities/x.yaml`) as published for recomputation.
    public static func contentFile(_ file: String) -> String { Concat.join("data/content/", file) }
    public static func locality(_ id: String) -> String { Concat.join("dia-phuong/", id, "/") }
    public static func official(_ locality: String, _ id: String) -> String { Concat.join("dia-phuong/", locality, "/", id, "/") }
    /// Page `n` of an official's commitments: the official's own page first,
    /// then `…/<official>/trang-N/` (inside the official's own folder).
    public static func officialCommitments(_ locality: String, _ id: String, _ n: Int) -> String {
        paged(official(locality, id), n)
    }
    public static func notice(_ locality: String) -> String { Concat.join("dia-phuong/", locality, "/thong-bao/") }
    /// Page `n` of a locality's leaderboard: the locality's own page first,
    /// then `xep-hang/<locality>/trang-N/` — outside the locality's folder,
    /// where an official's id could be any slug, so no id is taken from editors.
    public static func localityBoard(_ locality: String, _ n: Int) -> String {
        n <= 1 ? SitePaths.locality(locality) : "xep-hang/\(locality)/trang-\(n)/"
    }
    public static let peerGroups = "nhom-so-sanh/"
    public static func peerGroup(_ key: String) -> String { "nhom-so-sanh/\(key)/" }

    /// `chu-tich-mien-nui`: a peer group's URL in Vietnamese words.
    public static func peerGroupSlug(role: Official.Role, context: Locality.Context) -> String {
        let r: String
        switch role {
        case .partySecretary: r = "bi-thu"
        case .chairman: r = "chu-tich"
        case .viceChairman: r = "pho-chu-tich"
        case .departmentHead: r = "thu-truong"
        case .deputyHead: r = "cap-pho"
        case .other: r = "khac"
        }
        return r + "-" + contextSlug(context)
    }
    /// Officials side by side per criterion, all or one context (`so-sanh/mien-nui/`).
    public static func compare(_ context: Locality.Context?) -> String {
        context.map { "so-sanh/\(contextSlug($0))/" } ?? "so-sanh/"
    }

    static func contextSlug(_ context: Locality.Context) -> String {
        switch context {
        case .urban: return "do-thi"
        case .rural: return "nong-thon"
        case .mountainous: return "mien-nui"
        case .disadvantaged: return "kho-khan"
        }
    }

    public static func commitments(_ list: CommitmentList) -> String { "cam-ket/\(list.slug)/" }
    public static let feedback = "phan-anh/"
    public static let methodology = "phuong-phap/"
    public static let explainer = "phuong-phap/giai-thich/"
    public static let openData = "du-lieu/"
    /// The open data page's list of the ledger's files: what a link to
    /// "the ledger" opens, whether it is one file or numbered segments
    /// (decision 118). Root-absolute where used (with the page's language
    /// prefix), like the ledger itself, so a frozen copy's pages open the
    /// live list.
    public static let openDataLedger = openData + "#so-cai"
    public static let search = "tim-kiem/"
    public static let feed = "feed.xml"
    /// Recent changes from the ledger: the province's and each locality's, with Atom feeds.
    public static let changes = "thay-doi/"
    public static func localityChanges(_ id: String) -> String { "dia-phuong/\(id)/thay-doi/" }
    public static let changesFeed = "thay-doi/feed.xml"
    public static func localityChangesFeed(_ id: String) -> String { "dia-phuong/\(id)/thay-doi/feed.xml" }
    public static func localityFeed(_ id: String) -> String { "dia-phuong/\(id)/feed.xml" }
    public static func officialFeed(_ locality: String, _ id: String) -> String { "dia-phuong/\(locality)/\(id)/feed.xml" }

    /// Page `n` (1-based) of a paginated list: the list's own path for the
    /// first page, `…/trang-2/` after it.
    public static func paged(_ base: String, _ n: Int) -> String {
        n <= 1 ? base : base + "trang-\(n)/"
    }

    /// An official's score explanation in the open data, relative to `data/`.
    public static func explanation(_ locality: String, _ id: String) -> String { Concat.join("explanations/", locality, "/", id, ".json") }

    /// Per-locality list of published data files (so a mirror finds them all).
    public static func dataFiles(_ locality: String) -> String { Concat.join("du-lieu/tep/", locality, "/") }

    /// The file that serves a page path (`x/` → `x/index.html`).
    public static func file(for path: String) -> String {
        path.isEmpty || path.hasSuffix("/") ? path + "index.html" : path
    }

    /// A link from the page at `from` (a page path) to `to` (a path), relative so
    /// the site works under any base path and from the file system.
    public static func relative(from: String, to: String) -> String {
        // The folders `from` is in: its non-empty parts, less the last when
        // it names a file (no `/` at the end). Counted on the bytes: split
        // into an array for every page, it was ~3 % of a rebuild's pages.
        var parts = 0, inPart = false
        for b in from.utf8 {
            if b == UInt8(ascii: "/") { inPart = false } else if !inPart { inPart = true; parts += 1 }
        }
        let depth = parts - (from.hasSuffix("/") || from.isEmpty ? 0 : 1)
        let up = String(repeating: "../", count: max(0, depth))
        let target = up + to
        return target.isEmpty ? "./" : target
    }
}

/// The four public commitment indexes.
public enum CommitmentList: String, Sendable, CaseIterable {
    case overdue, dueSoon, done, withdrawn

    public var slug: String {
        switch self {
        case .overdue: return "qua-han"
        case .dueSoon: return "sap-den-han"
        case .done: return "hoan-thanh"
        case .withdrawn: return "da-rut"
        }
    }
}
