/// The prebuilt search index: officials, localities and commitment titles,
/// each with its name, a short description, a URL relative to the site root
/// and its words folded without diacritics (`k`), which `site.js` matches as
/// whole words and ranks (exact name first, then name, then other words).
enum SearchIndex {
    static func file(run: ScoringRun, plan: SitePlan) -> OutputFile {
        let p = run.province
        var entries: [JSONValue] = []
        func entry(_ type: String, _ name: String, _ description: String, _ url: String, _ words: String) -> JSONValue {
            .object([("y", .string(type)), ("n", .string(name)), ("f", .string(Slug.fold(name))), ("d", .string(description)),
                     ("u", .string(url)), ("k", .string(Slug.fold(name + " " + words)))])
        }
        for l in p.localities {
            entries.append(entry("l", l.name, "", SitePaths.locality(l.id), l.id.replacingOccurrences(of: "-", with: " ")))
        }
        let localityName = Dictionary(p.localities.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let D = run.scoreboard.asOf
        for o in p.officials {
            let loc = localityName[o.locality] ?? o.locality
            entries.append(entry("o", o.name, o.position + ", " + loc, SitePaths.official(o.locality, o.id), o.position + " " + loc))
            for c in o.commitments where c.isPublished(asOf: D) {
                entries.append(entry("c", c.title, o.name + ", " + loc, SitePaths.official(o.locality, o.id) + "#ck-" + c.id, ""))
            }
        }
        return OutputFile(path: "search-index.json", text: JSONValue.array(entries).serialized(pretty: false))
    }
}
