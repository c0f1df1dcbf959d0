import CYaml

/// Builds a `YAMLValue` straight from libyaml's events, for the documents
/// content is made of: no aliases, no explicit tags, plain-text keys, none
/// repeated, within the size limits.
///
/// Yams composes a `Node` tree first — a class per tag, a Foundation string
/// per scalar, a dictionary per mapping to find repeated keys — which was
/// ~70 % of loading an official (decision 85). Anything this composer does
/// not handle (a syntax error, an alias, a tag, a repeated or non-text key, a
/// document over a limit, a second document) is `unusual`, and the caller
/// parses the text again through Yams, so every message about a defect is
/// the one users already had. Both paths give the same tree for what this
/// one accepts (`YAMLComposerTests`).
enum YAMLComposer {
    enum Outcome {
        /// The document's root, or nil for a stream with no document.
        case composed(YAMLValue?)
        /// Let the Yams path decide (and word any error).
        case unusual
    }

    static func compose(_ text: String, lineOffset: Int) -> Outcome {
        var text = text
        text.makeContiguousUTF8()
        let outcome = text.utf8.withContiguousStorageIfAvailable { bytes -> Outcome in
            let events = Events(bytes)
            do {
                return .composed(try events.document(lineOffset: lineOffset))
            } catch {
                return .unusual
            }
        }
        return outcome ?? .unusual
    }

    /// Whether two keys have the same text (Yams reports that with both
    /// places, so a document with one is left to it): the composer's rule
    /// and `YAMLSubsetReader`'s.
    static func repeatsAKey(_ pairs: [YAMLPair]) -> Bool {
        if pairs.count < 16 {
            for i in pairs.indices.dropFirst() {
                for j in 0..<i where pairs[j].key.text == pairs[i].key.text { return true }
            }
            return false
        }
        var seen = Set<String>(minimumCapacity: pairs.count)
        for p in pairs where !seen.insert(p.key.text).inserted { return true }
        return false
    }
}

/// Why the composer handed a document back; never shown to anyone.
private struct Unusual: Error {}

/// One libyaml parser over borrowed bytes and the event it last produced.
private final class Events {
    private let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
    private let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
    private var holdsEvent = false
    private var ready = false
    private var nodes = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard yaml_parser_initialize(parser) == 1 else { return }
        ready = true
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(parser, bytes.baseAddress, bytes.count)
    }

    deinit {
        if holdsEvent { yaml_event_delete(event) }
        if ready { yaml_parser_delete(parser) }
        event.deallocate()
        parser.deallocate()
    }

    /// Moves to the next event and returns its type; any libyaml error is unusual.
    @discardableResult
    private func next() throws(Unusual) -> yaml_event_type_t {
        guard ready else { throw Unusual() }
        if holdsEvent {
            yaml_event_delete(event)
            holdsEvent = false
        }
        guard yaml_parser_parse(parser, event) == 1 else { throw Unusual() }
        holdsEvent = true
        return event.pointee.type
    }

    /// The stream's one document, as Yams's `singleRoot` reads it.
    func document(lineOffset: Int) throws(Unusual) -> YAMLValue? {
        guard try next() == YAML_STREAM_START_EVENT else { throw Unusual() }
        let first = try next()
        if first == YAML_STREAM_END_EVENT { return nil }
        guard first == YAML_DOCUMENT_START_EVENT else { throw Unusual() }
        try next()
        let root = try node(depth: 1, lineOffset: lineOffset)
        guard try next() == YAML_DOCUMENT_END_EVENT, try next() == YAML_STREAM_END_EVENT else { throw Unusual() }
        return root
    }

    /// Counts a node against the same limits `YAMLParser` words errors for.
    private func count(depth: Int) throws(Unusual) {
        nodes += 1
        guard nodes < YAMLParser.maxNodes, depth <= YAMLParser.maxDepth else { throw Unusual() }
    }

    /// The scalar the current event holds, if it is one without a tag.
    private func scalar(lineOffset: Int) throws(Unusual) -> YAMLScalar {
        let e = event.pointee
        guard e.type == YAML_SCALAR_EVENT, e.data.scalar.tag == nil else { throw Unusual() }
        let bytes = UnsafeBufferPointer(start: e.data.scalar.value, count: e.data.scalar.length)
        return YAMLScalar(text: String(decoding: bytes, as: UTF8.self),
                          plain: e.data.scalar.style == YAML_PLAIN_SCALAR_STYLE,
                          line: Int(e.start_mark.line) + 1 + lineOffset, column: Int(e.start_mark.column) + 1)
    }

    /// The node starting at the current event; on return the current event is its last.
    private func node(depth: Int, lineOffset: Int) throws(Unusual) -> YAMLValue {
        try count(depth: depth)
        let e = event.pointee
        let line = Int(e.start_mark.line) + 1 + lineOffset
        let column = Int(e.start_mark.column) + 1
        switch e.type {
        case YAML_SCALAR_EVENT:
            return .scalar(try scalar(lineOffset: lineOffset))
        case YAML_SEQUENCE_START_EVENT:
            guard e.data.sequence_start.tag == nil else { throw Unusual() }
            var items: [YAMLValue] = []
            while try next() != YAML_SEQUENCE_END_EVENT {
                items.append(try node(depth: depth + 1, lineOffset: lineOffset))
            }
            return .sequence(items, line: line, column: column)
        case YAML_MAPPING_START_EVENT:
            guard e.data.mapping_start.tag == nil else { throw Unusual() }
            var pairs: [YAMLPair] = []
            while try next() != YAML_MAPPING_END_EVENT {
                try count(depth: depth + 1)
                let key = try scalar(lineOffset: lineOffset)
                try next()
                pairs.append(YAMLPair(key: key, value: try node(depth: depth + 1, lineOffset: lineOffset)))
            }
            if YAMLComposer.repeatsAKey(pairs) { throw Unusual() }
            return .mapping(pairs, line: line, column: column)
        default:
            // An alias: Yams resolves it and `YAMLParser` counts its expansion.
            throw Unusual()
        }
    }
}
