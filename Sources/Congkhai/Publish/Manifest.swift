/// `data/manifest.json`: SHA-256 of every input and output file, so anyone can
/// tell whether a published site matches the content it claims to come from.
enum Manifest {
    static func file(province: Province, asOf: Day, outputs: [OutputFile]) -> OutputFile {
        var inputs: [(String, JSONValue)] = []
        for path in province.inputFiles {
            inputs.append((path, .string(SHA256.hex(fileAt: province.root + "/" + path) ?? "")))
        }
        let sorted = outputs.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        let outs: [(String, JSONValue)] = sorted.map { ($0.path, .string(SHA256.hex($0.bytes))) }
        let json = JSONValue.object([
            ("tool", .string("congkhai")),
            ("version", .string(CongkhaiVersion.string)),
            ("rules", .string(CongkhaiVersion.rules)),
            ("as_of", .string(asOf.description)),
            ("framework", .string(province.framework.id)),
            ("inputs", .object(inputs)),
            ("outputs", .object(outs)),
        ])
        return OutputFile(path: "data/manifest.json", text: json.serialized())
    }
}
