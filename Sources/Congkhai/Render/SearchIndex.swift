/// The prebuilt search index: officials, localities and commitment titles,
/// each with its name, a short description, a URL relative to the site root
/// and its words folded without diacritics (`k`), which `site.js` matches as
/// whole words and ranks (exact name first, then name, then other words).
///
/// Written straight into bytes, entry by entry: nationally it holds ~400,000
/// entries (71 MB), and building them as `JSONValue`s first held ~140 MB more
/// at the page stage's end, the build's peak. The bytes are those
/// `JSONValue.serialized(pretty: false)` gives (same quoting, same key order).
enum SearchIndex {
    static func file(run: ScoringRun, plan: SitePlan) -> OutputFile {
        let p = run.province
        let localityName = Dictionary(p.localities.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let D = run.scoreboard.asOf
        // Sized once from the raw texts (folding only shortens them; escapes
        // are rare): outgrowing a guess doubled a 71 MB buffer and copied it,
        // at the page stage's end, which is the build's memory peak.
        var bound = 2
        func room(_ name: String, _ description: String, _ url: String, _ words: String) {
            bound += 48 + 3 * name.utf8.count + description.utf8.count + url.utf8.count + words.utf8.count
        }
        for l in p.localities { room(l.name, "", SitePaths.locality(l.id), l.id) }
        for o in p.officials {
            let loc = localityName[o.locality] ?? o.locality
            let url = SitePaths.official(o.locality, o.id)
            room(o.name, o.position + ", " + loc, url, o.position + " " + loc)
            for c in o.commitments where c.isPublished(asOf: D) { room(c.title, o.name + ", " + loc, url + "#ck-" + c.id, "") }
        }
        var out: [UInt8] = []
        out.reserveCapacity(bound)
        out.append(UInt8(ascii: "["))
        var first = true
        func entry(_ type: String, _ name: String, _ description: String, _ url: String, _ words: String) {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            let fields = [("y", type), ("n", name), ("f", Slug.fold(name)), ("d", description), ("u", url),
                          ("k", Slug.fold(name + " " + words))]
            out.append(UInt8(ascii: "{"))
            for (i, (key, value)) in fields.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                out.append(contentsOf: JSONValue.quote(key).utf8)
                out.append(UInt8(ascii: ":"))
                out.append(contentsOf: JSONValue.quote(value).utf8)
            }
            out.append(UInt8(ascii: "}"))
        }
        for l in p.localities {
            entry("l", l.name, "", SitePaths.locality(l.id), l.id.replacingOccurrences(of: "-", with: " "))
        }
        for o in p.officials {
            let loc = localityName[o.locality] ?? o.locality
            entry("o", o.name, o.position + ", " + loc, SitePaths.official(o.locality, o.id), o.position + " " + loc)
            for c in o.commitments where c.isPublished(asOf: D) {
                entry("c", c.title, o.name + ", " + loc, SitePaths.official(o.locality, o.id) + "#ck-" + c.id, "")
            }
        }
        out.append(UInt8(ascii: "]"))
        return OutputFile(path: "search-index.json", bytes: out)
    }
}
