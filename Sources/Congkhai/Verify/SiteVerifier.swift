import Foundation

/// `congkhai verify`: checks a published site — possibly a mirror fetched with
/// `wget --mirror`, with no access to the content repository — against the
/// ledger contract (DESIGN.md, "congkhai verify"). Every problem is one line.
public enum SiteVerifier {
    public struct Options: Sendable {
        public var site: String
        public var previous: String?
        public var recompute: Bool
        /// Base64 raw Ed25519 public key; else the one in `data/content/site.yaml`.
        public var key: String?

        public init(site: String, previous: String? = nil, recompute: Bool = false, key: String? = nil) {
            self.site = site
            self.previous = previous
            self.recompute = recompute
            self.key = key
        }
    }

    public struct Result: Sendable {
        public var problems: [String] = []
        /// What was checked, for the summary line and `--format json`.
        public var entries = 0
        public var files = 0
        public var recomputed = 0
        public var signed = false

        public var ok: Bool { problems.isEmpty }

        public var json: JSONValue {
            .object([("ok", .bool(ok)), ("ledger_entries", .integer(entries)), ("files", .integer(files)),
                     ("recomputed_officials", .integer(recomputed)), ("signature_checked", .bool(signed)),
                     ("problems", .array(problems.map(JSONValue.string)))])
        }
    }

    public static func verify(_ options: Options) -> Result {
        var result = Result()
        let site = options.site.hasSuffix("/") && options.site.count > 1 ? String(options.site.dropLast()) : options.site
        let ledger = LedgerFile.read(site: site)
        result.problems += ledger.problems
        result.entries = ledger.entries.count
        let fm = FileManager.default
        guard let manifestData = fm.contents(atPath: site + "/data/manifest.json") else {
            result.problems.append("data/manifest.json: missing")
            return result
        }
        let manifestBytes = Array(manifestData)
        if let last = ledger.lastBuild {
            if last.new?["manifest"]?.stringValue != SHA256.hex(manifestBytes) {
                result.problems.append("ledger seq \(last.seq): the last build entry does not name the SHA-256 of data/manifest.json")
            }
        } else if ledger.problems.isEmpty {
            result.problems.append("ledger: no build entry")
        }
        checkManifest(site: site, manifest: manifestBytes, into: &result)
        if let previous = options.previous {
            checkExtends(site: site, previous: previous, ledger: ledger, into: &result)
            checkFrozen(site: site, previous: previous, into: &result)
            checkHistory(site: site, previous: previous, into: &result)
        }
        checkSignature(site: site, key: options.key, into: &result)
        if options.recompute { recompute(site: site, into: &result) }
        return result
    }

    // MARK: - Manifest

    static func checkManifest(site: String, manifest: [UInt8], into result: inout Result) {
        let outputs: [String: String]
        switch Manifest.outputs(manifest) {
        case let .success(o): outputs = o
        case let .failure(invalid):
            result.problems.append("data/manifest.json: \(invalid)")
            return
        }
        guard let listed = FileWalk.entries(under: site, skipping: { $0 == ".git" }) else {
            result.problems.append("\(site): cannot list the site's files")
            return
        }
        var found = Set<String>()
        let ledger = LedgerFile.dir + "/"
        for entry in listed where entry.path != "data/manifest.json" {
            if entry.path.hasPrefix(ledger) {
                // The chain covers the ledger's own files; nothing covers another file there.
                // (A misnamed segment is the ledger reading's problem, named there.)
                let name = entry.path.dropFirst(ledger.count)
                let segmentLike = name.hasPrefix("entries-") && name.hasSuffix(".jsonl")
                if entry.kind != .file || !(LedgerFile.isLedgerPath(entry.path) || segmentLike) {
                    result.problems.append("\(entry.path): not a ledger file (entries, head.json, head.sig) and not in data/manifest.json")
                }
                continue
            }
            if let problem = unexpected(entry) {
                result.problems.append(problem)
                continue
            }
            if entry.path != ".gitkeep" { found.insert(entry.path) }
        }
        let present = found
        result.files = present.count
        // Every listed file hashed on every core (a national site: 319,000
        // files, 7 GB), the problems reported in the manifest's order.
        let listedPaths = outputs.keys.sorted(), digests = Slots<String>(count: listedPaths.count)
        DispatchQueue.concurrentPerform(iterations: listedPaths.count) { i in
            if present.contains(listedPaths[i]) { digests.set(i, SHA256.hex(fileAt: site + "/" + listedPaths[i]) ?? "") }
        }
        for (i, path) in listedPaths.enumerated() {
            guard let digest = digests.value(i) else {
                // Every published file is linked from some page, so a mirror holds them all.
                result.problems.append("\(path): listed in data/manifest.json but missing")
                continue
            }
            if digest != outputs[path] { result.problems.append("\(path): sha256 mismatch") }
        }
        for path in present.subtracting(outputs.keys).sorted() {
            result.problems.append("\(path): not in data/manifest.json")
        }
    }

    /// A problem for an entry no build publishes whatever the manifest says
    /// (decision 120): a symbolic link or special file (a link to a folder
    /// would put a whole other tree on the site), or a hidden file — web
    /// servers serve and obey those (`.htaccess` can redirect any page) —
    /// other than the repository placeholder `.gitkeep` at the top, which a
    /// build keeps. A `.git` folder at the top (a site kept in a repository)
    /// is not walked.
    static func unexpected(_ entry: FileWalk.Entry) -> String? {
        switch entry.kind {
        case .link: return "\(entry.path): a symbolic link (a build publishes none)"
        case .other: return "\(entry.path): not a regular file (a build publishes none)"
        case .file:
            guard entry.path != ".gitkeep", entry.path.split(separator: "/").contains(where: { $0.hasPrefix(".") }) else { return nil }
            return "\(entry.path): a hidden file, not in data/manifest.json (a build publishes none but .gitkeep)"
        }
    }

    // MARK: - Previous copy

    static func checkExtends(site: String, previous: String, ledger: LedgerFile, into result: inout Result) {
        let old = LedgerFile.read(site: previous)
        if old.entries.isEmpty {
            result.problems.append("--previous \(previous): no ledger entries to compare")
            return
        }
        for (i, entry) in old.entries.enumerated() {
            guard i < ledger.entries.count else {
                result.problems.append("ledger: does not extend previous (ends at seq \(ledger.entries.last?.seq ?? 0), previous at seq \(old.entries.last?.seq ?? 0))")
                return
            }
            if ledger.line(ledger.entries[i]) != old.line(entry) {
                result.problems.append("ledger: does not extend previous (seq \(entry.seq) differs)")
                return
            }
        }
    }

    /// Every file of a frozen period in the older copy is in the site, byte
    /// for byte (DESIGN.md: kept "unchanged" in every later build): the
    /// manifest and the chain vouch only for the site as it is, so a past
    /// rewritten before a build carried it forward shows only here
    /// (decision 121).
    static func checkFrozen(site: String, previous: String, into result: inout Result) {
        guard let old = FileWalk.entries(under: previous + "/ky") else { return }
        let paths = old.filter { $0.kind == .file }.map { "ky/" + $0.path }, same = Slots<Bool>(count: paths.count)
        DispatchQueue.concurrentPerform(iterations: paths.count) { i in
            if let a = SHA256.hex(fileAt: previous + "/" + paths[i]), a == SHA256.hex(fileAt: site + "/" + paths[i]) { same.set(i, true) }
        }
        for (i, path) in paths.enumerated() where same.value(i) != true {
            let missing = !FileManager.default.fileExists(atPath: site + "/" + path)
            result.problems.append("\(path): \(missing ? "missing, but in" : "differs from") the frozen period of --previous (kept unchanged in every later build)")
        }
    }

    /// Every published score-history row of the older copy whose day was
    /// not its last (a rebuild on the same day replaces that day's rows) is
    /// in the site unchanged wherever the site still has that day — days
    /// older than a month are thinned to one a month (DESIGN.md: "carried
    /// forward from the previous site"; decision 121).
    static func checkHistory(site: String, previous: String, into result: inout Result) {
        let folder = "data/history"
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: previous + "/" + folder)) ?? []).filter { $0.hasSuffix(".csv") }
        for name in names.sorted(by: UTF8Order.precedes) {
            let path = folder + "/" + name
            guard let oldData = FileManager.default.contents(atPath: previous + "/" + path) else { continue }
            guard let newData = FileManager.default.contents(atPath: site + "/" + path) else {
                result.problems.append("\(path): missing, but in --previous (the score history is carried forward)")
                continue
            }
            func days(_ data: Data) -> [Day: [String]] {
                var byDay: [Day: [String]] = [:]
                let history = ScoreHistory.parse(Array(data))
                for r in history.rows {
                    let s = history.subject(r)
                    byDay[r.asOf, default: []].append([s.locality, s.official, history.total(r), history.band(r)].joined(separator: ","))
                }
                return byDay.mapValues { $0.sorted(by: UTF8Order.precedes) }
            }
            let old = days(oldData), now = days(newData)
            guard let last = old.keys.max() else { continue }
            for day in old.keys.sorted() where day < last {
                if let rows = now[day], rows != old[day] {
                    result.problems.append("\(path): the rows of \(day) differ from --previous (published history is carried forward unchanged)")
                }
            }
        }
    }

    // MARK: - Signature

    static func checkSignature(site: String, key: String?, into result: inout Result) {
        var publicKey = key
        if publicKey == nil, let data = FileManager.default.contents(atPath: site + "/data/content/site.yaml"),
           case let .success(value?) = YAMLParser.parse(String(decoding: data, as: UTF8.self)),
           case let .mapping(pairs, _, _) = value,
           let pair = pairs.first(where: { $0.key.text == "signing_key" }), case let .scalar(s) = pair.value {
            publicKey = s.text
        }
        guard let publicKey else { return }
        result.signed = true
        guard let head = FileManager.default.contents(atPath: site + "/data/ledger/head.json") else { return }
        guard let sigText = FileManager.default.contents(atPath: site + "/data/ledger/head.sig"),
              let sig = Data(base64Encoded: String(decoding: sigText, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            result.problems.append("data/ledger/head.sig: missing or not base64, but the site has a signing key")
            return
        }
        if !Crypto.verify(signature: Array(sig), message: Array(head), publicKeyBase64: publicKey) {
            result.problems.append("data/ledger/head.sig: signature does not verify with key \(publicKey)")
        }
    }

    // MARK: - Recompute

    /// Scores `data/content/` with the rows in `data/feedback/` and compares
    /// with `data/scores.json`, value by value, exactly.
    static func recompute(site: String, into result: inout Result) {
        let fm = FileManager.default
        guard let scoresData = fm.contents(atPath: site + "/data/scores.json"),
              let published = CanonicalJSON.parse(String(decoding: scoresData, as: UTF8.self)),
              let asOfText = published["as_of"]?.stringValue, let asOf = Day(iso: asOfText) else {
            result.problems.append("data/scores.json: missing or not valid")
            return
        }
        let tmp = fm.temporaryDirectory.path + "/congkhai-verify-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        defer { try? fm.removeItem(atPath: tmp) }
        do {
            try fm.copyItem(atPath: site + "/data/content", toPath: tmp)
            try fm.createDirectory(atPath: tmp + "/feedback", withIntermediateDirectories: true)
            let feedbackDir = site + "/data/feedback"
            for name in ((try? fm.contentsOfDirectory(atPath: feedbackDir)) ?? []).sorted() where name.hasSuffix(".csv.gz") {
                guard let gz = fm.contents(atPath: feedbackDir + "/" + name), let csv = Gzip.decompress(Array(gz)) else {
                    result.problems.append("data/feedback/\(name): not valid gzip")
                    continue
                }
                _ = fm.createFile(atPath: tmp + "/feedback/" + String(name.dropLast(3)), contents: Data(csv))
            }
        } catch {
            result.problems.append("data/content: cannot be read (\(error.localizedDescription))")
            return
        }
        let log = DiagnosticLog()
        guard let run = ScoringRun.run(content: tmp, options: .init(asOf: asOf, feedsPages: false, hashesFeedback: false), log: log) else {
            let first = log.items.first { $0.severity == .error }.map { "\($0.file):\($0.line): \($0.message)" } ?? ""
            result.problems.append("recompute: the published data does not score (\(first))")
            return
        }
        guard let mine = CanonicalJSON.parse(ScoresReport.json(run).serialized()) else { return }
        func officials(_ v: JSONValue) -> [String: JSONValue] {
            guard case let .array(items)? = v["officials"] else { return [:] }
            var out: [String: JSONValue] = [:]
            for o in items {
                if let l = o["locality"]?.stringValue, let id = o["id"]?.stringValue { out[l + "/" + id] = o }
            }
            return out
        }
        let theirs = officials(published), ours = officials(mine)
        func text(_ v: JSONValue?) -> String {
            switch v {
            case let .raw(s)?: return s
            case let .string(s)?: return s
            case .null?: return "null"
            case let .array(items)?: return "[" + items.map { text($0) }.joined(separator: ", ") + "]"
            default: return "—"
            }
        }
        func same(_ a: JSONValue?, _ b: JSONValue?) -> Bool {
            switch (a, b) {
            case let (.raw(x)?, .raw(y)?): return Rational(decimal: x) == Rational(decimal: y)
            case let (.array(x)?, .array(y)?): return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
            default: return text(a) == text(b)
            }
        }
        for key in Set(theirs.keys).union(ours.keys).sorted() {
            guard let t = theirs[key] else { result.problems.append("score \(key): recomputed but not published"); continue }
            guard let o = ours[key] else { result.problems.append("score \(key): published but not recomputed"); continue }
            result.recomputed += 1
            for field in ["total", "band", "rank_in_locality", "rank_in_peer_group", "total_range", "band_range"] where !same(t[field], o[field]) {
                let label = field == "total" ? "" : " \(field)"
                result.problems.append("score \(key):\(label) published \(text(t[field])), recomputed \(text(o[field]))")
            }
            if case let .object(criteria)? = o["criteria"] {
                for (cid, value) in criteria where !same(t["criteria"]?[cid], value) {
                    result.problems.append("score \(key) \(cid): published \(text(t["criteria"]?[cid])), recomputed \(text(value))")
                }
            }
        }
    }
}
