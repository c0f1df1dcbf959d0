/// A YAML node with its position, typed by us rather than by Yams' YAML 1.1
/// resolver: scalars keep their literal text and whether they were plain.
enum YAMLValue {
    case scalar(YAMLScalar)
    case sequence([YAMLValue], line: Int, column: Int)
    case mapping([YAMLPair], line: Int, column: Int)

    var line: Int {
        switch self {
        case let .scalar(s): return s.line
        case let .sequence(_, line, _), let .mapping(_, line, _): return line
        }
    }

    var column: Int {
        switch self {
        case let .scalar(s): return s.column
        case let .sequence(_, _, column), let .mapping(_, _, column): return column
        }
    }

    /// YAML 1.2 core-schema null: `null`, `Null`, `NULL`, `~` or nothing, when plain.
    var isNull: Bool {
        if case let .scalar(s) = self { return s.isNull }
        return false
    }

    var kindName: String {
        switch self {
        case let .scalar(s): return s.isNull ? "null" : "a scalar"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }
}

struct YAMLScalar {
    var text: String
    /// Plain (unquoted, not a block literal): only plain scalars resolve to
    /// null, booleans or numbers under the core schema.
    var plain: Bool
    var line: Int
    var column: Int

    var isNull: Bool {
        plain && (text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL")
    }

    var bool: Bool? {
        guard plain else { return nil }
        switch text {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: return nil
        }
    }
}

struct YAMLPair {
    var key: YAMLScalar
    var value: YAMLValue
}
