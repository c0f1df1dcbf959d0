import Foundation
import Testing
@testable import Congkhai

/// The search index in small files (decision 91): every entry found under each
/// of its words, lists in one order, no file past its size, the same hash as
/// `site.js`. The browser side is `scripts/search_check.py`.
@Suite struct SearchIndexTests {
    /// The demo's index written with tiny limits, so long lists go to parts and
    /// full buckets move their largest lists out, as on a national site.
    static let small = SearchIndex.Limits(inlineBytes: 400, partBytes: 1_500, bucketBytes: 800, bucketMaxBytes: 1_200, maxParts: 2)

    struct Index {
        var buckets = 0
        var files: [String: [UInt8]] = [:]
        /// Key → its entries as written, whole lists (parts joined).
        var lists: [String: [[String]]] = [:]
        var counts: [String: Int] = [:]
        /// Keys whose lists are in files of their own.
        var parted: Set<String> = []
        /// Keys whose lists are longer than `maxParts` parts, written only that far.
        var capped: Set<String> = []
    }

    static func read(_ limits: SearchIndex.Limits) throws -> Index {
        let run = try #require(SiteBuildTests.demo.1.run)
        var index = Index()
        SearchIndex.files(run: run, limits: limits) { index.files[$0.path] = $0.bytes }
        let meta = try #require(try JSONSerialization.jsonObject(with: Data(index.files[SearchIndex.metaPath] ?? [])) as? [String: Int])
        index.buckets = try #require(meta["buckets"])
        #expect(meta["parts"] == limits.maxParts)
        #expect(!index.files.keys.contains { $0.hasSuffix("-\(limits.maxParts + 1).json") }, "no part past maxParts is written")
        for b in 0..<index.buckets {
            let bucket = try #require(index.files["search/\(b).json"], "bucket \(b) missing")
            let keys = try #require(try JSONSerialization.jsonObject(with: Data(bucket)) as? [String: [String: Any]])
            for (key, value) in keys {
                #expect(Int(SearchIndex.hash(key)) % index.buckets == b, "\(key) in the wrong bucket")
                index.counts[key] = value["n"] as? Int
                if let inline = value["e"] as? [[String]] {
                    index.lists[key] = inline
                } else {
                    let parts = try #require(value["p"] as? Int), name = try #require(value["f"] as? String)
                    var all: [[String]] = []
                    if parts > limits.maxParts { index.capped.insert(key) }
                    for p in 1...min(parts, limits.maxParts) {
                        let part = try #require(index.files["search/\(name)-\(p).json"], "part \(name)-\(p) missing")
                        all += try #require(try JSONSerialization.jsonObject(with: Data(part)) as? [[String]])
                    }
                    index.lists[key] = all
                    index.parted.insert(key)
                }
            }
        }
        return index
    }

    /// The keys an entry must be listed under: what `site.js` matches it by,
    /// and for people and places each adjacent pair of name words.
    static func keys(of e: [String]) -> Set<String> {
        let name = SearchIndex.words(e[1])
        var words = name
        if e[0] == "o" { words += SearchIndex.words(e[2]) }
        if e[0] == "l" { words += e[3].split(separator: "/")[1].split(separator: "-").map(String.init) }
        var keys = Set(words)
        if e[0] != "c", name.count > 1 { for i in 0..<(name.count - 1) { keys.insert(name[i] + " " + name[i + 1]) } }
        return keys
    }

    @Test func theHashIsFNV1aAsInSiteJS() {
        #expect(SearchIndex.hash("") == 0x811C_9DC5)
        #expect(SearchIndex.hash("a") == 0xE40C_292C)
        #expect(SearchIndex.hash("foobar") == 0xBF9C_F968)
        let js = EmbeddedTheme.assets.first { $0.name == "site.js" }?.text ?? ""
        #expect(js.contains("0x811c9dc5") && js.contains("Math.imul(h, 0x01000193)"))
    }

    /// Where an entry sorts in the list of `key`: with the key in its name
    /// first, then officials, localities, commitments, then folded name, then address.
    static func precedes(_ x: [String], _ y: [String], in key: String) -> Bool {
        func kind(_ e: [String]) -> Int { ["o": 0, "l": 1, "c": 2][e[0]] ?? 9 }
        func other(_ e: [String]) -> Bool { !key.contains(" ") && !SearchIndex.words(e[1]).contains(key) }
        let (a, b) = (SearchIndex.words(x[1]).joined(separator: " "), SearchIndex.words(y[1]).joined(separator: " "))
        if other(x) != other(y) { return !other(x) }
        if kind(x) != kind(y) { return kind(x) < kind(y) }
        if a != b { return a.utf8.lexicographicallyPrecedes(b.utf8) }
        return x[3].utf8.lexicographicallyPrecedes(y[3].utf8)
    }

    @Test func everyEntryIsFoundByEachOfItsWordsAndNoOther() throws {
        for limits in [SearchIndex.Limits(), SearchIndexTests.small] {
            let index = try SearchIndexTests.read(limits)
            var entries: [String: [String]] = [:]
            for (key, list) in index.lists {
                let n = index.counts[key] ?? -1
                #expect(index.capped.contains(key) ? list.count < n : list.count == n, "\(key): n \(n), list \(list.count)")
                for e in list {
                    entries[e[3]] = e
                    #expect(SearchIndexTests.keys(of: e).contains(key), "\(e[3]) listed under \(key)")
                }
                #expect(zip(list, list.dropFirst()).allSatisfy { SearchIndexTests.precedes($0, $1, in: key) }, "\(key) out of order")
            }
            let run = try #require(SiteBuildTests.demo.1.run)
            let published = run.province.officials.reduce(0) { $0 + $1.commitments.filter { $0.isPublished(asOf: run.scoreboard.asOf) }.count }
            let all = run.province.localities.count + run.province.officials.count + published
            // Lists written only partly can leave an entry out of every list (the
            // demo with tiny limits; nationally, commitments whose every title word
            // is common): it stays on its official's page. Full lists hold them all.
            #expect(index.capped.isEmpty ? entries.count == all : entries.count <= all)
            for e in entries.values {
                for key in SearchIndexTests.keys(of: e) {
                    let list = index.lists[key] ?? []
                    // A list written only partly holds its first entries, every one of them.
                    let expected = !index.capped.contains(key) || list.last.map { !SearchIndexTests.precedes($0, e, in: key) } == true
                    #expect(list.contains(e) == expected, "\(e[3]) under \(key)")
                }
            }
            if limits.maxParts == SearchIndexTests.small.maxParts { #expect(!index.capped.isEmpty) }
        }
    }

    @Test func noFileOutgrowsItsLimit() throws {
        let limits = SearchIndexTests.small
        let index = try SearchIndexTests.read(limits)
        let parts = index.files.keys.filter { $0.split(separator: "-").count == 3 }
        #expect(parts.count > 10, "tiny limits put long lists in parts")
        #expect(index.buckets >= 16)
        // A full bucket moved some lists short enough to stay in it out to files of their own.
        let spilled = index.parted.filter { key in
            2 + (index.lists[key] ?? []).reduce(0) { $0 + 1 + 12 + $1.reduce(0) { $0 + $1.utf8.count + 3 } } <= limits.inlineBytes
        }
        #expect(!spilled.isEmpty)
        for (path, bytes) in index.files {
            let limit = parts.contains(path) ? limits.partBytes : limits.bucketMaxBytes
            // A part holds one entry at least, even one larger than the limit.
            let single = (try? JSONSerialization.jsonObject(with: Data(bytes)) as? [Any])?.count == 1
            #expect(bytes.count <= limit || single, "\(path): \(bytes.count) bytes")
        }
        // With the default limits the demo keeps short lists inside a few buckets.
        let demo = try SearchIndexTests.read(SearchIndex.Limits())
        #expect(demo.files.values.allSatisfy { $0.count <= 100_000 })
    }

    /// Each entry is listed once under each of its keys, and as "other"
    /// only when the key is not in its name — whether its keys are few
    /// (compared in place) or many (a title of 60 words with repeats,
    /// past `SearchIndex.smallKeys`, found through sets).
    @Test func repeatedWordsListAnEntryOnceWhateverItsLength() throws {
        let short = "Cầu cầu đường Đường cầu mới"
        let long = (0..<60).map { "từ\($0 % 45)" }.joined(separator: " ")
        var c = TestContent()
        c["officials/xa-an-binh/nguyen-van-an.md"] = TestContent.official("Văn An Văn An", """
        commitments:
          - { id: a, title: "\(short)", group: B, target: 1, deadline: 2026-09-30, status: in_progress }
          - { id: b, title: "\(long)", group: B, target: 1, deadline: 2026-09-30, status: in_progress }
        """)
        let (run, log) = try c.run(asOf: "2026-10-01")
        let scored = try #require(run, "\(log.items)")
        let collected = SearchIndex.collect(run: scored)
        #expect(SearchIndex.words(long).count > SearchIndex.smallKeys)
        var byEntry: [Int: [(key: String, other: Bool)]] = [:]
        for pair in collected.pairs {
            byEntry[Int(pair & SearchIndex.entryMask), default: []].append((collected.keys[Int(pair >> 32)], pair & SearchIndex.otherField != 0))
        }
        // Entries: the locality, the official, then its two commitments.
        let official = try #require(byEntry[1]), first = try #require(byEntry[2]), second = try #require(byEntry[3])
        let person = SearchIndex.words("Văn An Văn An")
        for (entry, name, match, pairs) in [(official, person, person + SearchIndex.words("Chủ tịch UBND xã, Xã An Bình"), true),
                                            (first, SearchIndex.words(short), SearchIndex.words(short), false),
                                            (second, SearchIndex.words(long), SearchIndex.words(long), false)] {
            var expected = Set(match)
            if pairs { for i in 0..<(name.count - 1) { expected.insert(name[i] + " " + name[i + 1]) } }
            #expect(entry.map(\.key).count == Set(entry.map(\.key)).count, "a key listed twice")
            #expect(Set(entry.map(\.key)) == expected)
            for (key, other) in entry { #expect(other == (!name.contains(key) && !key.contains(" ")), "\(key)") }
        }
    }

    @Test func wordsAreFoldedRunsOfLettersAndDigits() {
        #expect(SearchIndex.words("Phó Chủ tịch UBND – Xã Đông Hòa, khu 10") == ["pho", "chu", "tich", "ubnd", "xa", "dong", "hoa", "khu", "10"])
        #expect(SearchIndex.words("  ") == [])
    }
}
