/// What a split page lists, and on which page a commitment's card is: the
/// rules the plan counts pages by and the renderer lays pages out by, in one
/// place, so a link and the page it points to cannot disagree (decision 93).
extension SitePlan {
    /// An official's commitment cards, in order: the commitments published
    /// at `asOf`, in file order, `PageSize.officialCommitments` a page (the
    /// plan counts its pages by it, the pages lay it out, `cardPage` finds
    /// a card in it).
    public static func cardCommitments(_ o: Official, asOf: Day) -> [Commitment] {
        o.commitments.filter { $0.isPublished(asOf: asOf) }
    }

    /// The page of its official's page that holds commitment `ci`'s card
    /// (`o.commitments[ci]`, published at `asOf`): its place among
    /// `cardCommitments`, counted without making the list.
    public static func cardPage(_ o: Official, _ ci: Int, asOf: Day) -> Int {
        o.commitments[..<ci].count { $0.isPublished(asOf: asOf) } / PageSize.officialCommitments + 1
    }

    /// Each locality's content files as published under `data/content/`:
    /// its own file, then its officials' (one pass over the inputs).
    public static func contentFilesByLocality(_ p: Province) -> [[String]] {
        let indexOf = Dictionary(p.localities.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var files = Array(repeating: [String](), count: p.localities.count)
        for path in p.inputFiles {
            let parts = path.split(separator: "/", maxSplits: 2)
            if parts.count == 2, parts[0] == "localities", parts[1].hasSuffix(".yaml"), let li = indexOf[String(parts[1].dropLast(5))] {
                files[li].append(path)
            } else if parts.count == 3, parts[0] == "officials", let li = indexOf[String(parts[1])] {
                files[li].append(path)
            }
        }
        return files
    }

    /// What a locality's data-files pages list, in order: its content files
    /// as scored, its feedback file, each official's explanation, its feeds.
    /// The plan counts them for its pages; the page lays out one slice.
    public static func dataFileNames(_ p: Province, locality li: Int, contentFiles: [String], officials: [Int],
                                     hasFeedback: Bool) -> [String] {
        let l = p.localities[li]
        var names = contentFiles.map(SitePaths.contentFile)
        if hasFeedback { names.append("data/feedback/\(l.id).csv.gz") }
        for oi in officials { names.append("data/" + SitePaths.explanation(l.id, p.officials[oi].id)) }
        names += [SitePaths.localityFeed(l.id), SitePaths.localityChangesFeed(l.id)]
        return names
    }

    /// Where commitment `ci`'s card is, site-relative, with its fragment (`…/#ck-<id>`).
    public static func cardPath(_ o: Official, _ ci: Int, asOf: Day) -> String {
        Concat.join(SitePaths.officialCommitments(o.locality, o.id, cardPage(o, ci, asOf: asOf)), "#ck-", o.commitments[ci].id)
    }
}
