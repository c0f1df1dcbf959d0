import Foundation

/// What the last build left beside the published site (`.NAME.congkhai.state`,
/// never published): its `BuildKey`, the manifest it published, a fingerprint
/// of the published folder, and what it told the user. A build whose key and
/// fingerprint both match knows its output would be the published site again,
/// so it replays the findings and stops (decision 71).
struct BuildState: Equatable {
    var key: String
    /// SHA-256 of the published `data/manifest.json`.
    var manifest: String
    /// `SiteFingerprint` of the published folder right after the build.
    var site: String
    var asOf: Day
    var diagnostics: [Diagnostic]
    var quarantined: [QuarantinedRow]
    var quarantinedCount: Int
    /// `BuildKey.Partial.digest` of the build: the key without the feedback
    /// exports' bytes. Nil in a state written before it existed.
    var partial: String? = nil
    /// `BuildKey.Partial.header` of the build: program, options, as_of,
    /// keys and theme, without any content byte. Nil in older states.
    var header: String? = nil
    /// Content files (exports included) whose digests the next build may
    /// take without reading them, while their `FileWalk.signature` is
    /// unchanged (decision 92).
    var trusted: [TrustedFile] = []
    /// `HistoryStage.pseudonymCheck` of the key the build pseudonymized
    /// respondents with: the next build stops if its key differs (every
    /// published pseudonym would change, one ledger entry per row; decision
    /// 97). Nil in older states and builds without an export.
    var pseudonymCheck: String? = nil

    struct TrustedFile: Equatable {
        var path: String
        var signature: String
        var digest: String
    }

    static let format = "congkhai-build-state 1"

    var json: String {
        JSONValue.object([
            ("format", .string(BuildState.format)),
            ("key", .string(key)),
            ("partial", partial.map { .string($0) } ?? .null),
            ("header", header.map { .string($0) } ?? .null),
            ("manifest", .string(manifest)),
            ("site", .string(site)),
            ("as_of", .string(asOf.description)),
            ("diagnostics", .array(diagnostics.map { d in
                .object([("severity", .string(d.severity.rawValue)), ("file", .string(d.file)), ("line", .integer(d.line)),
                         ("column", .integer(d.column)), ("message", .string(d.message))])
            })),
            ("quarantined_total", .integer(quarantinedCount)),
            ("quarantined", .array(quarantined.map { q in
                .object([("file", .string(q.file)), ("line", .integer(q.line)), ("id", .string(q.id)), ("reason", .string(q.reason))])
            })),
            ("trusted", .array(trusted.map { e in
                .object([("path", .string(e.path)), ("signature", .string(e.signature)), ("digest", .string(e.digest))])
            })),
            ("pseudonym_check", pseudonymCheck.map { .string($0) } ?? .null),
        ]).serialized(pretty: false)
    }

    /// Nil for anything but a complete state of this format (a torn or foreign
    /// file only costs a full build).
    static func parse(_ text: String) -> BuildState? {
        guard let v = CanonicalJSON.parse(text), v["format"]?.stringValue == format,
              let key = v["key"]?.stringValue, let manifest = v["manifest"]?.stringValue, let site = v["site"]?.stringValue,
              let asOf = v["as_of"]?.stringValue.flatMap(Day.init(iso:)),
              case let .array(ds)? = v["diagnostics"], case let .array(qs)? = v["quarantined"],
              let total = v["quarantined_total"]?.intValue else { return nil }
        var diagnostics: [Diagnostic] = []
        for d in ds {
            guard let severity = d["severity"]?.stringValue.flatMap(Diagnostic.Severity.init(rawValue:)),
                  let file = d["file"]?.stringValue, let line = d["line"]?.intValue, let column = d["column"]?.intValue,
                  let message = d["message"]?.stringValue else { return nil }
            diagnostics.append(Diagnostic(severity, file: file, line: line, column: column, message))
        }
        var quarantined: [QuarantinedRow] = []
        for q in qs {
            guard let file = q["file"]?.stringValue, let line = q["line"]?.intValue, let id = q["id"]?.stringValue,
                  let reason = q["reason"]?.stringValue else { return nil }
            quarantined.append(QuarantinedRow(file: file, line: line, id: id, reason: reason))
        }
        var trusted: [TrustedFile] = []
        if case let .array(es)? = v["trusted"] {
            for e in es {
                guard let path = e["path"]?.stringValue, let signature = e["signature"]?.stringValue,
                      let digest = e["digest"]?.stringValue else { return nil }
                trusted.append(TrustedFile(path: path, signature: signature, digest: digest))
            }
        }
        return BuildState(key: key, manifest: manifest, site: site, asOf: asOf, diagnostics: diagnostics,
                          quarantined: quarantined, quarantinedCount: total, partial: v["partial"]?.stringValue,
                          header: v["header"]?.stringValue, trusted: trusted, pseudonymCheck: v["pseudonym_check"]?.stringValue)
    }

    static func read(_ path: String) -> BuildState? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return parse(String(decoding: data, as: UTF8.self))
    }

    /// Written to a temporary name and renamed: a killed build leaves the old state or none.
    func write(to path: String, with publisher: Publisher) {
        let tmp = path + ".tmp"
        do {
            try publisher.write(Array(json.utf8), to: tmp)
            if rename(tmp, path) != 0 { unlink(tmp) }
        } catch {
            unlink(tmp)
        }
    }

    static func remove(_ path: String) { unlink(path) }
}
