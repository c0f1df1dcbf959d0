import Foundation

/// The search index in small files (decision 91): a phone fetches only the
/// lists of the words it searches for, never the whole index.
///
/// One file of 70 MB (a national site) or 2.6 MB (a province of 1,800
/// officials) was fetched whole before the first result. Now every entry —
/// a locality, an official, a published commitment — is listed under each
/// word it can be found by (what `site.js` matches: an official's name,
/// position and locality; a locality's name and id; a commitment's title),
/// and officials and localities also under each pair of adjacent words of
/// their names, because in Vietnamese single syllables (`nguyen`, `van`,
/// `an`) are shared by thousands of people while pairs are not. Keys are
/// spread over `buckets` files by a hash (FNV-1a of the key's bytes, the same
/// in `site.js`): `search/<b>.json` maps each key of bucket `b` to its list
/// of entries, or — when the list is long — to the files that hold it,
/// `search/<b>-<j>-<p>.json`, in parts of at most `partBytes`; a list longer
/// than `maxParts` parts is written only that far, since the browser never
/// fetches more (on the national tree such lists would have been 390 of
/// 450 MB). `search/index.json` gives the bucket count and `maxParts`.
///
/// Lists are in the order the browser ranks in — entries with the word in
/// their name (a commitment's title is its name) before those with it only in
/// their description; then officials, localities, commitments; then folded
/// name and address — so that the first parts of a very long list hold the
/// likeliest results.
///
/// Written bucket by bucket from one sorted array of (key, entry) pairs, each
/// entry serialized once: nationally ~2.7 M pairs (22 MB) and the entries'
/// bytes (~45 MB), less than the one 71 MB buffer it replaces.
enum SearchIndex {
    /// File sizes; tests shrink them to reach every branch on small sites.
    struct Limits: Sendable {
        /// A list this size or smaller is written inside its bucket.
        var inlineBytes = 2_048
        /// The largest list file (one entry more if a single entry is larger).
        var partBytes = 48_000
        /// The average bucket the bucket count aims for: a query fetches one
        /// bucket per word before it knows which list to take.
        var bucketBytes = 8_000
        /// No bucket grows past this: its largest lists move to files of their own.
        var bucketMaxBytes = 64_000
        /// The most parts of one list `site.js` fetches; longer lists are
        /// written only this far (it looks for a narrower list instead).
        var maxParts = 3
    }

    static let folder = "search/"
    /// At most what `,"p":12345,"f":"12345-12345"` adds to a key's
    /// `"key":{"n":1234567}` in its bucket: bucket sizes are estimated on the
    /// high side, so no bucket outgrows `bucketMaxBytes`.
    private static let pointerBytes = 48

    /// What a key takes in its bucket: its name and braces, and its list
    /// inline or a pointer to its parts (estimated on the high side).
    private static func bucketCost(key: String, listBytes: Int, inline: Bool) -> Int {
        key.utf8.count + 20 + (inline ? listBytes : pointerBytes)
    }
    /// A pair is `(key << 32) | (other field << 31) | entry`: an entry listed
    /// under a word of its description (an official's position or locality)
    /// sorts after those that have the word in their name, as it ranks.
    static let otherField: UInt64 = 1 << 31
    static let entryMask: UInt64 = (1 << 31) - 1
    static let metaPath = "search/index.json"

    /// FNV-1a, 32 bits, over the key's UTF-8 bytes; `site.js` computes the same
    /// over the key's characters (keys are ASCII).
    static func hash(_ key: String) -> UInt32 {
        var h: UInt32 = 0x811C_9DC5
        for b in key.utf8 {
            h ^= UInt32(b)
            h = h &* 0x0100_0193
        }
        return h
    }

    /// The `[a-z0-9]` runs of `Slug.fold(text)`: the words `site.js` splits a
    /// query and an entry into.
    static func words(_ text: String) -> [String] {
        var out: [String] = []
        var folded = Slug.fold(text)
        folded.withUTF8 { b in
            var start = -1
            for i in 0...b.count {
                let c: UInt8 = i < b.count ? b[i] : 0x20
                let isWordByte = (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39)
                if isWordByte {
                    if start < 0 { start = i }
                } else if start >= 0 {
                    out.append(String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self))
                    start = -1
                }
            }
        }
        return out
    }

    static func files(run: ScoringRun, limits: Limits = Limits(), emit: (OutputFile) throws -> Void) rethrows {
        var collected = collect(run: run)
        let blob = collected.blob
        var entries = collected.entries
        var sortKeys = collected.sortKeys
        let keys = collected.keys
        var pairs = collected.pairs
        collected = Collected()

        // Entries ranked: officials, localities, commitments; by folded name, then address.
        let order: [Int] = sortKeys.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return Array(entries.indices) }
            return entries.indices.sorted { a, b in
                let x = entries[a], y = entries[b]
                let (lx, ly) = (x.keyEnd - x.keyStart, y.keyEnd - y.keyStart)
                let c = memcmp(base + x.keyStart, base + y.keyStart, min(lx, ly))
                return c != 0 ? c < 0 : lx < ly
            }
        }
        sortKeys = []
        var entryRank = [UInt32](repeating: 0, count: entries.count)
        for (rank, e) in order.enumerated() { entryRank[e] = UInt32(rank) }
        let entryBytes = order.map { entries[$0].end - entries[$0].start }
        let entryStart = order.map { entries[$0].start }
        entries = []

        // Each key's list size decides whether it sits in its bucket; the
        // buckets' total decides how many there are.
        var listBytes = [Int](repeating: 1, count: keys.count)
        for pair in pairs {
            let e = Int(entryRank[Int(pair & entryMask)])
            listBytes[Int(pair >> 32)] += entryBytes[e] + 1
        }
        var inBuckets = 2
        for (k, key) in keys.enumerated() {
            inBuckets += bucketCost(key: key, listBytes: listBytes[k], inline: listBytes[k] <= limits.inlineBytes)
        }
        var bucketCount = 1
        while bucketCount * limits.bucketBytes < inBuckets { bucketCount *= 2 }
        let mask = UInt32(bucketCount - 1)
        let bucketOf = keys.map { Int(hash($0) & mask) }
        let keyOrder = keys.indices.sorted { a, b in
            bucketOf[a] != bucketOf[b] ? bucketOf[a] < bucketOf[b] : UTF8Order.precedes(keys[a], keys[b])
        }
        var keyRank = [UInt32](repeating: 0, count: keys.count)
        for (rank, k) in keyOrder.enumerated() { keyRank[k] = UInt32(rank) }
        for i in pairs.indices {
            let pair = pairs[i]
            pairs[i] = UInt64(keyRank[Int(pair >> 32)]) << 32 | (pair & otherField) | UInt64(entryRank[Int(pair & entryMask)])
        }
        entryRank = []
        pairs.sort()

        func appendList(_ range: Range<Int>, into out: inout [UInt8]) {
            out.append(UInt8(ascii: "["))
            for i in range {
                if i > range.lowerBound { out.append(UInt8(ascii: ",")) }
                let e = Int(pairs[i] & entryMask)
                out.append(contentsOf: blob[entryStart[e]..<(entryStart[e] + entryBytes[e])])
            }
            out.append(UInt8(ascii: "]"))
        }

        var at = 0  // next pair
        var rank = 0  // next key rank
        for b in 0..<bucketCount {
            // This bucket's keys and the ranges of their pairs.
            var bucketKeys: [(key: String, range: Range<Int>, bytes: Int)] = []
            while rank < keyOrder.count, bucketOf[keyOrder[rank]] == b {
                let k = keyOrder[rank]
                let from = at
                while at < pairs.count, Int(pairs[at] >> 32) == rank { at += 1 }
                bucketKeys.append((keys[k], from..<at, listBytes[k]))
                rank += 1
            }
            var inline = bucketKeys.map { $0.bytes <= limits.inlineBytes }
            var size = 2 + bucketKeys.indices.reduce(0) {
                $0 + bucketCost(key: bucketKeys[$1].key, listBytes: bucketKeys[$1].bytes, inline: inline[$1])
            }
            while size > limits.bucketMaxBytes, let largest = bucketKeys.indices.filter({ inline[$0] }).max(by: {
                bucketKeys[$0].bytes < bucketKeys[$1].bytes
            }) {
                inline[largest] = false
                size += bucketCost(key: bucketKeys[largest].key, listBytes: bucketKeys[largest].bytes, inline: false)
                    - bucketCost(key: bucketKeys[largest].key, listBytes: bucketKeys[largest].bytes, inline: true)
            }
            var out: [UInt8] = [UInt8(ascii: "{")]
            for (j, item) in bucketKeys.enumerated() {
                if j > 0 { out.append(UInt8(ascii: ",")) }
                out.append(contentsOf: "\"\(item.key)\":{\"n\":\(item.range.count),".utf8)
                if inline[j] {
                    out.append(contentsOf: "\"e\":".utf8)
                    appendList(item.range, into: &out)
                } else {
                    var parts = 0
                    var first = item.range.lowerBound
                    while first < item.range.upperBound {
                        var last = first + 1
                        var bytes = 2 + entryBytes[Int(pairs[first] & entryMask)]
                        while last < item.range.upperBound {
                            let next = entryBytes[Int(pairs[last] & entryMask)] + 1
                            if bytes + next > limits.partBytes { break }
                            bytes += next
                            last += 1
                        }
                        parts += 1
                        if parts <= limits.maxParts {
                            var file: [UInt8] = []
                            file.reserveCapacity(bytes)
                            appendList(first..<last, into: &file)
                            try emit(OutputFile(path: folder + "\(b)-\(j)-\(parts).json", bytes: file))
                        }
                        first = last
                    }
                    out.append(contentsOf: "\"p\":\(parts),\"f\":\"\(b)-\(j)\"".utf8)
                }
                out.append(UInt8(ascii: "}"))
            }
            out.append(UInt8(ascii: "}"))
            try emit(OutputFile(path: folder + "\(b).json", bytes: out))
        }
        try emit(OutputFile(path: metaPath, text: "{\"buckets\":\(bucketCount),\"parts\":\(limits.maxParts)}"))
    }
}
