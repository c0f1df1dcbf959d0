/// `data/manifest.json`: SHA-256 of every input and output file, so anyone can
/// tell whether a published site matches the content it claims to come from.
enum Manifest {
    static func file(province: Province, asOf: Day, outputs: [OutputFile]) -> OutputFile {
        var hashes: [String: String] = [:]
        for f in outputs { hashes[f.path] = SHA256.hex(f.bytes) }
        return file(province: province, asOf: asOf, hashes: hashes)
    }

    /// From the hashes taken as the outputs were written (a streaming build).
    ///
    /// The pretty JSON `JSONValue.bytes()` writes, written straight from the
    /// sorted paths: a national manifest lists 370,000 files, and making a
    /// `JSONValue` of each and writing the document was ~0.5 s of a
    /// national rebuild on one core (`perf`).
    static func file(province: Province, asOf: Day, hashes: [String: String]) -> OutputFile {
        var out: [UInt8] = []
        out.reserveCapacity(128 * (hashes.count + province.inputFiles.count) + 512)
        func member(_ key: String, _ value: String, depth: Int, last: Bool) {
            for _ in 0..<depth { out.append(contentsOf: "  ".utf8) }
            JSONValue.quote(key, htmlSafe: true, into: &out)
            out.append(contentsOf: ": ".utf8)
            JSONValue.quote(value, htmlSafe: true, into: &out)
            out.append(contentsOf: (last ? "\n" : ",\n").utf8)
        }
        func object(_ key: String, _ pairs: [(String, String)], last: Bool) {
            out.append(contentsOf: "  ".utf8)
            JSONValue.quote(key, htmlSafe: true, into: &out)
            guard !pairs.isEmpty else {
                out.append(contentsOf: (last ? ": {}\n" : ": {},\n").utf8)
                return
            }
            out.append(contentsOf: ": {\n".utf8)
            for (i, (k, v)) in pairs.enumerated() { member(k, v, depth: 2, last: i == pairs.count - 1) }
            out.append(contentsOf: (last ? "  }\n" : "  },\n").utf8)
        }
        out.append(contentsOf: "{\n".utf8)
        member("tool", "congkhai", depth: 1, last: false)
        member("version", CongkhaiVersion.string, depth: 1, last: false)
        member("rules", CongkhaiVersion.rules, depth: 1, last: false)
        member("as_of", asOf.description, depth: 1, last: false)
        member("framework", province.framework.id, depth: 1, last: false)
        object("inputs", inputHashes(province).map { ($0.path, $0.hash) }, last: false)
        object("outputs", hashes.sorted { UTF8Order.precedes($0.key, $1.key) }.map { ($0.key, $0.value) }, last: true)
        out.append(contentsOf: "}\n".utf8)
        return OutputFile(path: "data/manifest.json", bytes: out)
    }

    /// The bytes that were scored: content as loaded, feedback as scanned; static files as copied.
    static func inputHashes(_ province: Province) -> [(path: String, hash: String)] {
        province.inputFiles.map { ($0, province.inputDigest($0)) }
    }
}

extension Manifest {
    /// Why bytes are not a manifest's.
    struct Invalid: Error, CustomStringConvertible {
        var description: String
    }

    /// The `outputs` of a published manifest, path → SHA-256 hex: one
    /// reading for `verify` and for a build that carries published files
    /// forward (decision 121).
    /// `keeping`: the paths wanted (a build needs a few folders' of a
    /// national manifest's 320,000).
    static func outputs(_ bytes: [UInt8], keeping keep: (String) -> Bool = { _ in true }) -> Result<[String: String], Invalid> {
        // The ledger's own JSON reader: no untyped dictionaries, the same parser for every published file.
        guard case let .object(pairs)? = CanonicalJSON.parse(String(decoding: bytes, as: UTF8.self))?["outputs"] else {
            return .failure(Invalid(description: "not a valid manifest"))
        }
        var outputs: [String: String] = [:]
        for (path, value) in pairs {
            guard let hash = value.stringValue else { return .failure(Invalid(description: "the hash of \(path) is not a string")) }
            if keep(path) { outputs[path] = hash }
        }
        return .success(outputs)
    }
}
