/// `data/manifest.json`: SHA-256 of every input and output file, so anyone can
/// tell whether a published site matches the content it claims to come from.
enum Manifest {
    static func file(province: Province, asOf: Day, outputs: [OutputFile]) -> OutputFile {
        var hashes: [String: String] = [:]
        for f in outputs { hashes[f.path] = SHA256.hex(f.bytes) }
        return file(province: province, asOf: asOf, hashes: hashes)
    }

    /// From the hashes taken as the outputs were written (a streaming build).
    static func file(province: Province, asOf: Day, hashes: [String: String]) -> OutputFile {
        let inputs: [(String, JSONValue)] = inputHashes(province).map { ($0.path, .string($0.hash)) }
        let outs: [(String, JSONValue)] = hashes.keys.sorted { UTF8Order.precedes($0, $1) }
            .map { ($0, .string(hashes[$0] ?? "")) }
        let json = JSONValue.object([
            ("tool", .string("congkhai")),
            ("version", .string(CongkhaiVersion.string)),
            ("rules", .string(CongkhaiVersion.rules)),
            ("as_of", .string(asOf.description)),
            ("framework", .string(province.framework.id)),
            ("inputs", .object(inputs)),
            ("outputs", .object(outs)),
        ])
        return OutputFile(path: "data/manifest.json", bytes: json.bytes())
    }

    /// The bytes that were scored: content as loaded, feedback as scanned; static files as they are.
    static func inputHashes(_ province: Province) -> [(path: String, hash: String)] {
        province.inputFiles.map { ($0, province.inputDigest($0)) }
    }
}
