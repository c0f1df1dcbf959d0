/// The prebuilt search index: names, a short description, a URL relative to
/// the site root, and diacritic-folded keys the browser matches against.
enum SearchIndex {
    static func file(run: ScoringRun, plan: SitePlan) -> OutputFile {
        let p = run.province
        var entries: [JSONValue] = []
        for l in p.localities {
            entries.append(.object([("n", .string(l.name)), ("d", .string("")), ("u", .string(SitePaths.locality(l.id))),
                                    ("k", .string(Slug.fold(l.name) + " " + l.id))]))
        }
        let localityName = Dictionary(uniqueKeysWithValues: p.localities.map { ($0.id, $0.name) })
        for o in p.officials {
            let loc = localityName[o.locality] ?? o.locality
            entries.append(.object([("n", .string(o.name)), ("d", .string(o.position + ", " + loc)),
                                    ("u", .string(SitePaths.official(o.locality, o.id))),
                                    ("k", .string(Slug.fold(o.name + " " + o.position + " " + loc) + " " + o.id))]))
        }
        return OutputFile(path: "search-index.json", text: JSONValue.array(entries).serialized(pretty: false))
    }
}
