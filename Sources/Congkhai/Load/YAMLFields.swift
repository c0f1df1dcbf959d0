import Foundation

/// Typed, diagnosed access to one YAML mapping.
///
/// Every reader reports into the file's log with the node's line and column
/// and returns nil on a bad value, so decoding goes on and one run reports
/// every problem. Unknown keys become "did you mean" warnings at creation.
struct YAMLFields {
    let pairs: [YAMLPair]
    let line: Int
    let column: Int
    let file: String
    let log: DiagnosticLog
    /// Prefix for messages, e.g. `commitment "cap-so-do": `.
    let context: String

    /// Nil (with an error) when `value` is not a mapping.
    init?(_ value: YAMLValue, known: [String], file: String, log: DiagnosticLog, context: String = "",
          what: String = "this entry") {
        guard case let .mapping(pairs, line, column) = value else {
            log.error(file, value.line, value.column, "\(context)\(what) must be a mapping of fields, found \(value.kindName)")
            return nil
        }
        self.pairs = pairs
        self.line = line
        self.column = column
        self.file = file
        self.log = log
        self.context = context
        for key in pairs.map(\.key) where !known.contains(key.text) {
            log.warning(file, key.line, key.column,
                        "\(context)unknown field \"\(key.text)\" is ignored\(Suggestion.hint(for: key.text, in: known))")
        }
    }

    func value(_ key: String) -> YAMLValue? {
        for pair in pairs where pair.key.text == key {
            return pair.value.isNull ? nil : pair.value
        }
        return nil
    }

    func has(_ key: String) -> Bool { value(key) != nil }

    func keyScalar(_ key: String) -> YAMLScalar? { pairs.first { $0.key.text == key }?.key }

    // MARK: - Reporting

    func error(_ node: YAMLValue, _ message: String) {
        log.error(file, node.line, node.column, context + message)
    }

    func warning(_ node: YAMLValue, _ message: String) {
        log.warning(file, node.line, node.column, context + message)
    }

    func missing(_ key: String) {
        log.error(file, line, column, "\(context)missing required field \"\(key)\"")
    }

    // MARK: - Scalars

    func scalar(_ key: String, required: Bool) -> YAMLScalar? {
        guard let v = value(key) else {
            if required { missing(key) }
            return nil
        }
        guard case let .scalar(s) = v else {
            error(v, "\(key) must be a single value, found \(v.kindName)")
            return nil
        }
        return s
    }

    func string(_ key: String, required: Bool = false) -> String? {
        guard let s = scalar(key, required: required) else { return nil }
        // Blank means every character is white space: usually decided by the
        // first one, where trimming copied every required text (2 % of `check`).
        if required && s.text.unicodeScalars.allSatisfy({ CharacterSet.whitespacesAndNewlines.contains($0) }) {
            error(.scalar(s), "\(key) must not be empty")
            return nil
        }
        TextLimit.check(s, key: key, fields: self)
        return s.text
    }

    func id(_ key: String, required: Bool = false, allowUnderscore: Bool = false) -> String? {
        guard let s = scalar(key, required: required) else { return nil }
        guard Identifier.isValid(s.text, allowUnderscore: allowUnderscore) else {
            error(.scalar(s), "\(key) \"\(s.text)\" is not a valid id (lowercase ASCII letters, digits and hyphens\(allowUnderscore ? " or underscores" : ""))")
            return nil
        }
        return s.text
    }

    func number(_ key: String, required: Bool = false) -> Rational? {
        guard let s = scalar(key, required: required) else { return nil }
        return YAMLFields.number(s, key: key, fields: self)
    }

    /// Exact: `0.15` is 15/100, never the binary double nearest to it.
    static func number(_ s: YAMLScalar, key: String, fields: YAMLFields) -> Rational? {
        guard let v = Number.parse(s.text) else {
            fields.error(.scalar(s), "\(key) \"\(s.text)\" is not a number")
            return nil
        }
        if !s.plain {
            fields.warning(.scalar(s), "\(key) is quoted; write the number without quotes")
        }
        return v
    }

    func integer(_ key: String, required: Bool = false) -> Int? {
        guard let s = scalar(key, required: required) else { return nil }
        guard let v = YAMLFields.number(s, key: key, fields: self) else { return nil }
        guard let i = v.intValue, abs(i) < 1_000_000_000_000_000 else {
            error(.scalar(s), "\(key) \"\(s.text)\" must be a whole number")
            return nil
        }
        return i
    }

    func bool(_ key: String, required: Bool = false) -> Bool? {
        guard let s = scalar(key, required: required) else { return nil }
        guard let b = s.bool else {
            error(.scalar(s), "\(key) \"\(s.text)\" must be true or false (YAML 1.2: yes/no/on/off are not booleans)")
            return nil
        }
        return b
    }

    func day(_ key: String, required: Bool = false) -> Day? {
        guard let s = scalar(key, required: required) else { return nil }
        guard let d = Day(iso: s.text) else {
            error(.scalar(s), "\(key) \"\(s.text)\" is not a valid date (YYYY-MM-DD)")
            return nil
        }
        return d
    }

    func timestamp(_ key: String, required: Bool = false) -> Timestamp? {
        guard let s = scalar(key, required: required) else { return nil }
        guard let t = Timestamp(iso: s.text) else {
            error(.scalar(s), "\(key) \"\(s.text)\" is not a valid timestamp (YYYY-MM-DDTHH:MM)")
            return nil
        }
        return t
    }

    func enumeration<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type, required: Bool = false) -> E?
    where E.RawValue == String {
        guard let s = scalar(key, required: required) else { return nil }
        if let e = E(rawValue: s.text) { return e }
        let names = E.allCases.map(\.rawValue)
        error(.scalar(s), "\(key) \"\(s.text)\" is not one of \(names.joined(separator: ", "))\(Suggestion.hint(for: s.text, in: names))")
        return nil
    }

    // MARK: - Collections

    func list(_ key: String, required: Bool = false) -> [YAMLValue]? {
        guard let v = value(key) else {
            if required { missing(key) }
            return nil
        }
        guard case let .sequence(items, _, _) = v else {
            error(v, "\(key) must be a list, found \(v.kindName)")
            return nil
        }
        return items
    }

    func fields(_ key: String, known: [String], required: Bool = false) -> YAMLFields? {
        guard let v = value(key) else {
            if required { missing(key) }
            return nil
        }
        return YAMLFields(v, known: known, file: file, log: log, context: context, what: key)
    }

    /// A `{ vi: ..., en: ... }` mapping, or a bare string meaning Vietnamese.
    func localized(_ key: String, required: Bool = false) -> LocalizedText? {
        guard let v = value(key) else {
            if required { missing(key) }
            return nil
        }
        if case let .scalar(s) = v { return LocalizedText(vi: s.text) }
        guard let f = YAMLFields(v, known: ["vi", "en"], file: file, log: log, context: context, what: key),
              let vi = f.string("vi", required: true) else { return nil }
        return LocalizedText(vi: vi, en: f.string("en") ?? "")
    }

    /// A list of ids, each validated.
    func idList(_ key: String, allowUnderscore: Bool = false) -> [(id: String, line: Int, column: Int)] {
        guard let items = list(key) else { return [] }
        var out: [(String, Int, Int)] = []
        for item in items {
            guard case let .scalar(s) = item, !s.isNull else {
                error(item, "\(key) must list ids, found \(item.kindName)")
                continue
            }
            guard Identifier.isValid(s.text, allowUnderscore: allowUnderscore) else {
                error(item, "\(key): \"\(s.text)\" is not a valid id")
                continue
            }
            out.append((s.text, s.line, s.column))
        }
        return out
    }
}
