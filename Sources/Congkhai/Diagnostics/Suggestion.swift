/// "Did you mean …?" for misspelt field names and ids.
enum Suggestion {
    /// The closest candidate within an edit distance that scales with length, or nil.
    static func closest(to word: String, in candidates: [String]) -> String? {
        let w = Array(word.lowercased().utf8)
        var best: (String, Int)?
        for candidate in candidates {
            let d = distance(w, Array(candidate.lowercased().utf8))
            if let current = best, current.1 <= d { continue }
            best = (candidate, d)
        }
        guard let (name, d) = best else { return nil }
        let limit = max(1, min(3, w.count / 3))
        return d <= limit ? name : nil
    }

    static func hint(for word: String, in candidates: [String]) -> String {
        if let s = closest(to: word, in: candidates) { return " (did you mean \"\(s)\"?)" }
        return ""
    }

    /// Levenshtein distance on bytes; field names are ASCII.
    static func distance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count)
        var cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }
}
