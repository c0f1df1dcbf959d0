extension SearchIndex {
    /// Where an entry's JSON (`start..<end` in `blob`) and its sort key
    /// (`keyStart..<keyEnd` in `sortKeys`) are: offsets into two shared
    /// buffers rather than an array and a string per entry (~25 MB fewer
    /// nationally, at the build's memory peak).
    struct Entry {
        var keyStart: Int
        var keyEnd: Int
        var start: Int
        var end: Int
    }

    /// Every entry serialized once into `blob`, and one (key, entry) pair for
    /// each key an entry is listed under.
    struct Collected {
        var blob: [UInt8] = []
        /// Each entry's sort key: its kind (0 official, 1 locality, 2
        /// commitment), its folded name, a 0 byte, its address — compared as
        /// bytes, the order of decision 91.
        var sortKeys: [UInt8] = []
        var entries: [Entry] = []
        var keys: [String] = []
        /// `(key index << 32) | (other field << 31) | entry index`.
        var pairs: [UInt64] = []
    }

    /// Up to this many keys an entry's repeated keys are found by comparing.
    static let smallKeys = 32

    /// Localities, officials and their published commitments, each with the
    /// keys `site.js` can find it by (decision 91).
    static func collect(run: ScoringRun) -> Collected {
        let p = run.province
        let localityName = Dictionary(p.localities.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let D = run.scoreboard.asOf
        var c = Collected()
        var keyIDs: [String: UInt32] = [:]

        func add(_ kind: UInt8, _ name: String, _ description: String, _ url: String,
                 matchedBy matchWords: [String], nameWords: [String], pairsOfName: Bool) {
            let index = UInt64(c.entries.count)
            let start = c.blob.count
            c.blob.append(contentsOf: "[\"".utf8)
            c.blob.append(kind == 0 ? UInt8(ascii: "o") : kind == 1 ? UInt8(ascii: "l") : UInt8(ascii: "c"))
            c.blob.append(contentsOf: "\",".utf8)
            JSONValue.quote(name, htmlSafe: true, into: &c.blob)
            c.blob.append(UInt8(ascii: ","))
            JSONValue.quote(description, htmlSafe: true, into: &c.blob)
            c.blob.append(UInt8(ascii: ","))
            JSONValue.quote(url, htmlSafe: true, into: &c.blob)
            c.blob.append(UInt8(ascii: "]"))
            let keyStart = c.sortKeys.count
            c.sortKeys.append(kind)
            for (i, word) in nameWords.enumerated() {
                if i > 0 { c.sortKeys.append(UInt8(ascii: " ")) }
                c.sortKeys.append(contentsOf: word.utf8)
            }
            c.sortKeys.append(0)
            c.sortKeys.append(contentsOf: url.utf8)
            c.entries.append(Entry(keyStart: keyStart, keyEnd: c.sortKeys.count, start: start, end: c.blob.count))
            var own = matchWords
            if pairsOfName, nameWords.count > 1 {
                for i in 0..<(nameWords.count - 1) { own.append(nameWords[i] + " " + nameWords[i + 1]) }
            }
            // An entry has a handful of keys: they are compared in place;
            // hashed sets (one built and one grown per entry) were a third
            // of collecting a country's 450,000 entries. Past `smallKeys`
            // (a title of hundreds of words) the sets come back, so that
            // no entry costs the square of its words.
            let small = own.count <= SearchIndex.smallKeys
            let inNameSet = small ? [] : Set(nameWords)
            var seenSet: Set<String> = []
            for (k, key) in own.enumerated() {
                if small {
                    if own[..<k].contains(key) { continue }
                } else if !seenSet.insert(key).inserted {
                    continue
                }
                let id: UInt32
                if let known = keyIDs[key] {
                    id = known
                } else {
                    id = UInt32(c.keys.count)
                    keyIDs[key] = id
                    c.keys.append(key)
                }
                // Name pairs come after the match words, and are in the name.
                let other = k < matchWords.count && !(small ? nameWords.contains(key) : inNameSet.contains(key))
                c.pairs.append(UInt64(id) << 32 | (other ? SearchIndex.otherField : 0) | index)
            }
        }

        for l in p.localities {
            let name = words(l.name)
            add(1, l.name, "", SitePaths.locality(l.id), matchedBy: name + l.id.split(separator: "-").map(String.init),
                nameWords: name, pairsOfName: true)
        }
        for o in p.officials {
            let loc = localityName[o.locality] ?? o.locality
            let url = SitePaths.official(o.locality, o.id)
            let name = words(o.name)
            let description = o.position + ", " + loc
            add(0, o.name, description, url, matchedBy: name + words(description), nameWords: name, pairsOfName: true)
            for (ci, commitment) in o.commitments.enumerated() where commitment.isPublished(asOf: D) {
                let title = words(commitment.title)
                add(2, commitment.title, o.name + ", " + loc, SitePlan.cardPath(o, ci, asOf: D), matchedBy: title,
                    nameWords: title, pairsOfName: false)
            }
        }
        return c
    }
}
