@testable import Congkhai

/// A parse result as one line — every node's line, column, style and text —
/// so two readers of the same document can be compared whole. Compare two
/// descriptions with `sameBytes`: scalar texts are written as they are, and
/// `String`'s `==` would let a precomposed letter equal a decomposed one.
func describeYAML(_ result: Result<YAMLValue?, YAMLParser.Failure>) -> String {
    switch result {
    case let .failure(f): return "failure \(f.line):\(f.column) \(f.message)"
    case .success(nil): return "empty"
    case let .success(value?): return describeYAML(value)
    }
}

func describeYAML(_ value: YAMLValue) -> String {
    switch value {
    case let .scalar(s): return describeYAML(s)
    case let .sequence(items, line, column):
        return "[\(line):\(column) " + items.map { describeYAML($0) }.joined(separator: ", ") + "]"
    case let .mapping(pairs, line, column):
        return "{\(line):\(column) " + pairs.map { describeYAML($0.key) + ": " + describeYAML($0.value) }.joined(separator: ", ") + "}"
    }
}

func describeYAML(_ s: YAMLScalar) -> String {
    "\(s.line):\(s.column)\(s.plain ? "p" : "q")\(s.text.debugDescription)"
}
