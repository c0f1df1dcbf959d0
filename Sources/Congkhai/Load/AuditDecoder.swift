/// An audit entry as written, before its official reference is resolved.
struct AuditEntry {
    var officialRef: String
    var refLine: Int
    var refColumn: Int
    var by: String
    var on: Day
    var finding: String
    var action: Audit.Action
    var reference: String
    var file: String
    var line: Int
    /// Where the action's value is written (`cap: good`), for messages about it.
    var actionLine: Int
    var actionColumn: Int
}

enum AuditDecoder {
    static let fields = ["official", "by", "on", "finding", "action", "reference", "note"]

    static func decode(_ root: YAMLValue, file: String, log: DiagnosticLog) -> [AuditEntry] {
        guard case let .sequence(items, _, _) = root else {
            log.error(file, root.line, root.column, "an audit file must be a list of findings")
            return []
        }
        var out: [AuditEntry] = []
        for item in items {
            guard let a = YAMLFields(item, known: fields, file: file, log: log, what: "an audit finding") else { continue }
            let refScalar = a.scalar("official", required: true)
            if let r = refScalar {
                let parts = r.text.split(separator: "/", omittingEmptySubsequences: false)
                if parts.count > 2 || !parts.allSatisfy({ Identifier.isValid(String($0)) }) {
                    a.error(.scalar(r), "official \"\(r.text)\" must be an official id or LOCALITY/ID")
                }
            }
            let by = a.string("by", required: true)
            let on = a.day("on", required: true)
            var action: Audit.Action?
            var actionLine = a.line, actionColumn = a.column
            if let act = a.fields("action", known: ["deduct", "downgrade", "cap"], required: true) {
                let present = ["deduct", "downgrade", "cap"].filter { act.has($0) }
                if present.count != 1 {
                    log.error(file, act.line, act.column,
                              "an audit action needs exactly one of deduct, downgrade or cap (found \(present.isEmpty ? "none" : present.joined(separator: ", ")))")
                } else if present[0] == "deduct" {
                    if let n = act.number("deduct") {
                        if n < 0, let v = act.value("deduct") { act.error(v, "deduct must not be negative") } else { action = .deduct(n) }
                    }
                } else if present[0] == "downgrade" {
                    if let n = act.integer("downgrade") {
                        if n < 0, let v = act.value("downgrade") { act.error(v, "downgrade must not be negative") } else { action = .downgrade(n) }
                    }
                } else if let band = act.id("cap", allowUnderscore: true) {
                    action = .cap(band)
                }
                if present.count == 1, let v = act.value(present[0]) {
                    actionLine = v.line
                    actionColumn = v.column
                }
            }
            guard let r = refScalar, let by, let on, let action else { continue }
            out.append(AuditEntry(officialRef: r.text, refLine: r.line, refColumn: r.column, by: by, on: on,
                                  finding: a.string("finding") ?? "", action: action, reference: a.string("reference") ?? "",
                                  file: file, line: a.line, actionLine: actionLine, actionColumn: actionColumn))
        }
        return out
    }
}
