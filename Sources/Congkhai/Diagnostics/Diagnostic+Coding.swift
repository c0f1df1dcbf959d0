/// A diagnostic in `ByteWriter`'s form, for the files that replay what a
/// stage logged when a later build takes its results instead of running it
/// (the feedback cache, the parsed officials).
extension Diagnostic {
    func encode(into w: inout ByteWriter) {
        w.string(severity.rawValue)
        w.string(file)
        w.int(line)
        w.int(column)
        w.string(message)
    }

    static func decode(_ r: inout ByteReader) throws -> Diagnostic {
        guard let severity = Severity(rawValue: try r.string()) else { throw ByteReader.Malformed() }
        return Diagnostic(severity, file: try r.string(), line: try r.int(), column: try r.int(), try r.string())
    }
}
