/// Reads the YAML that content is almost always written in — block
/// mappings and lists by indentation, one-line flow collections, plain and
/// one-line quoted scalars, comments — straight from the bytes, without
/// libyaml (decision 127).
///
/// libyaml scans a byte at a time through a character buffer, a token
/// queue and an event per node; for the 49,859 officials of the national
/// tree, `YAMLComposer` over its events was ~5 of the ~10 CPU-seconds of
/// loading (`perf`), in every `check` and first build. This reader makes
/// the same `YAMLValue` tree — texts, styles, lines and columns (counted
/// in characters, as libyaml counts them) — for what it accepts, and hands
/// everything else back as `unusual`: the caller then asks `YAMLComposer`,
/// and after it Yams, so every document it declines reads and fails
/// exactly as before. It declines rather than guesses: a tab, a carriage
/// return not followed by a line feed, a control or line-separator
/// character anywhere; document markers; anchors, aliases, tags, block
/// scalars; quoted or spaced keys; empty values; a plain scalar that goes
/// on to a second line or holds `": "`; escapes in double quotes; a flow
/// collection that does not close on its line, ends with a comma or holds
/// a comment; a repeated key; the composer's node and depth limits.
/// `YAMLSubsetReaderTests` holds it to libyaml (through Yams) on the demo
/// content and on random and damaged documents.
enum YAMLSubsetReader {
    static func compose(_ text: String, lineOffset: Int) -> YAMLComposer.Outcome {
        var text = text
        text.makeContiguousUTF8()
        let outcome = text.utf8.withContiguousStorageIfAvailable { bytes -> YAMLComposer.Outcome in
            guard SubsetReader.admits(bytes) else { return .unusual }
            var reader = SubsetReader(bytes, lineOffset: lineOffset)
            do {
                return .composed(try reader.document())
            } catch {
                return .unusual
            }
        }
        return outcome ?? .unusual
    }
}

/// Why the reader handed a document back; never shown to anyone.
private struct Declined: Error {}

/// One pass over the lines of a document, a content line at a time.
private struct SubsetReader {
    private let b: UnsafeBufferPointer<UInt8>
    private let lineOffset: Int
    private var nodes = 0
    /// The current content line (not blank, not only a comment): its
    /// number (1-based), first byte, end (its `\n` or the text's end) and
    /// indentation in spaces.
    private var line = 0
    private var start = 0
    private var end = 0
    private var indent = 0
    private var atEnd = false
    /// Where the line after the current one starts.
    private var next = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>, lineOffset: Int) {
        b = bytes
        self.lineOffset = lineOffset
    }

    // MARK: Bytes

    private static let space = UInt8(ascii: " "), newline = UInt8(ascii: "\n"), hash = UInt8(ascii: "#")
    private static let carriageReturn = UInt8(ascii: "\r")
    private static let colon = UInt8(ascii: ":"), dash = UInt8(ascii: "-"), comma = UInt8(ascii: ",")
    private static let doubleQuote = UInt8(ascii: "\""), singleQuote = UInt8(ascii: "'")
    private static let openBrace = UInt8(ascii: "{"), closeBrace = UInt8(ascii: "}")
    private static let openBracket = UInt8(ascii: "["), closeBracket = UInt8(ascii: "]")

    /// Bytes a key may not hold, and a scalar may not start with: YAML's
    /// indicators, quotes, the escape and the space.
    private static let notInKey: [Bool] = {
        var t = [Bool](repeating: false, count: 256)
        for c in " :#,[]{}\"'&*!|>%@`?\\" .utf8 { t[Int(c)] = true }
        return t
    }()

    /// Only bytes libyaml reads as printable text, `\n` or `\r\n`, with none of the
    /// characters it reads as line breaks (U+0085, U+2028, U+2029) or as a
    /// byte-order mark, nor U+FFFE / U+FFFF, nor C1 controls. The text is
    /// valid UTF-8 (a `String`), so only lead bytes need looking at.
    static func admits(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c >= 0x20 && c < 0x7F || c == newline {
                i += 1
                continue
            }
            switch c {
            case carriageReturn:
                if i + 1 == n || b[i + 1] != newline { return false }  // a line break of its own to libyaml
            case 0xC2:
                if i + 1 < n, b[i + 1] < 0xA0 { return false }  // U+0080–U+009F, NEL among them
            case 0xE2:
                if i + 2 < n, b[i + 1] == 0x80, b[i + 2] == 0xA8 || b[i + 2] == 0xA9 { return false }
            case 0xEF:
                if i + 2 < n, b[i + 1] == 0xBB, b[i + 2] == 0xBF { return false }
                if i + 2 < n, b[i + 1] == 0xBF, b[i + 2] >= 0xBE { return false }
            default:
                if c < 0x80 { return false }  // controls, tab, carriage return, DEL
            }
            i += 1
        }
        return true
    }

    // MARK: Lines

    /// Moves to the next content line, or to the end.
    private mutating func advance() throws(Declined) {
        while next < b.count {
            let s = next
            var e = s
            while e < b.count, b[e] != SubsetReader.newline { e += 1 }
            line += 1
            next = e + 1
            // A Windows line's `\r\n` is one line break to libyaml, as `\n` is.
            if e > s, b[e - 1] == SubsetReader.carriageReturn { e -= 1 }
            var i = s
            while i < e, b[i] == SubsetReader.space { i += 1 }
            if i == e || b[i] == SubsetReader.hash { continue }
            // Document markers, and anything at the margin libyaml might read as one.
            if i == s, e - s >= 3, b[s] == SubsetReader.dash || b[s] == UInt8(ascii: "."), b[s + 1] == b[s], b[s + 2] == b[s] {
                throw Declined()
            }
            (start, end, indent) = (s, e, i - s)
            return
        }
        atEnd = true
    }

    /// The last column asked for: the next one on the same line is counted
    /// on from it, so a long one-line flow collection is not counted from
    /// the line's start at every node (quadratic in a 2 MiB line).
    private var counted = (start: -1, at: 0, column: 1)

    /// The 1-based column of byte `at` on the current line, in characters.
    private mutating func column(_ at: Int) -> Int {
        var (i, column) = counted.start == start && counted.at <= at ? (counted.at, counted.column) : (start, 1)
        while i < at {
            if b[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        counted = (start, at, column)
        return column
    }

    private var lineNumber: Int { line + lineOffset }

    /// Counts a node against the limits `YAMLComposer` keeps.
    private mutating func count(depth: Int) throws(Declined) {
        nodes += 1
        guard nodes < YAMLParser.maxNodes, depth <= YAMLParser.maxDepth else { throw Declined() }
    }

    private func text(_ from: Int, _ to: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: b[from..<to]), as: UTF8.self)
    }

    /// A list entry's `-` at `i`: followed by a space or the line's end.
    private func isEntry(_ i: Int) -> Bool {
        i < end && b[i] == SubsetReader.dash && (i + 1 == end || b[i + 1] == SubsetReader.space)
    }

    /// Where `i` reaches a space run's end on the current line.
    private func skipSpaces(_ i: Int) -> Int {
        var i = i
        while i < end, b[i] == SubsetReader.space { i += 1 }
        return i
    }

    // MARK: Block structure

    mutating func document() throws(Declined) -> YAMLValue? {
        try advance()
        if atEnd { throw Declined() }  // no document: left to the composer
        let root = try blockNode(depth: 1)
        if !atEnd { throw Declined() }  // a line outdented past the root
        return root
    }

    /// The block collection starting on the current line at its indentation.
    private mutating func blockNode(depth: Int) throws(Declined) -> YAMLValue {
        let at = start + indent
        if isEntry(at) { return try blockSequence(indent: indent, depth: depth) }
        guard let colon = keyEnd(at) else { throw Declined() }  // a scalar on its own line
        return try blockMapping(indent: indent, firstKey: at, colon: colon, depth: depth)
    }

    /// The `:` ending a plain key that starts at `i`, when one does: the
    /// key's bytes are none of `notInKey`, its first not `-`, and the colon
    /// is followed by a space or the line's end (`flow`: by a space).
    private func keyEnd(_ i: Int, flow: Bool = false) -> Int? {
        guard i < end, b[i] != SubsetReader.dash, !SubsetReader.notInKey[Int(b[i])] else { return nil }
        var k = i + 1
        while k < end, !SubsetReader.notInKey[Int(b[k])] { k += 1 }
        guard k < end, b[k] == SubsetReader.colon, k - i <= 1_000 else { return nil }
        if k + 1 == end { return flow ? nil : k }
        return b[k + 1] == SubsetReader.space ? k : nil
    }

    private mutating func blockMapping(indent column: Int, firstKey: Int, colon: Int, depth: Int) throws(Declined) -> YAMLValue {
        try count(depth: depth)
        let line = lineNumber, mappingColumn = self.column(firstKey)
        var pairs: [YAMLPair] = []
        var key = firstKey, keyColon = colon
        while true {
            try count(depth: depth + 1)
            let name = YAMLScalar(text: text(key, keyColon), plain: true, line: lineNumber, column: self.column(key))
            let value = try blockValue(after: keyColon + 1, owner: column, depth: depth + 1)
            pairs.append(YAMLPair(key: name, value: value))
            if atEnd || indent < column { break }
            key = start + indent
            guard indent == column, let c = keyEnd(key) else { throw Declined() }
            keyColon = c
        }
        if YAMLComposer.repeatsAKey(pairs) { throw Declined() }
        return .mapping(pairs, line: line, column: mappingColumn)
    }

    /// A key's value, from just after its colon: on the same line, or the
    /// collection on the lines below (more indented, or a list at the key's
    /// own indentation). Ends on the next content line.
    private mutating func blockValue(after i: Int, owner: Int, depth: Int) throws(Declined) -> YAMLValue {
        let v = skipSpaces(i)
        if v == end || b[v] == SubsetReader.hash {
            try advance()
            if atEnd { throw Declined() }  // an empty value
            if indent > owner { return try blockNode(depth: depth) }
            if indent == owner, isEntry(start + indent) { return try blockSequence(indent: indent, depth: depth) }
            throw Declined()  // an empty value
        }
        return try inlineBlockValue(at: v, depth: depth)
    }

    /// A scalar or flow collection at `v`, alone on the rest of its line
    /// (a comment may follow). A next line indented past the collection it
    /// is in — a plain scalar going on, or an error — is declined by that
    /// collection's loop, which takes only lines at its own indentation.
    private mutating func inlineBlockValue(at v: Int, depth: Int) throws(Declined) -> YAMLValue {
        let (value, after) = try inline(at: v, flow: false, depth: depth)
        let rest = skipSpaces(after)
        guard rest == end || rest > after && b[rest] == SubsetReader.hash else { throw Declined() }
        try advance()
        return value
    }

    private mutating func blockSequence(indent column: Int, depth: Int) throws(Declined) -> YAMLValue {
        try count(depth: depth)
        let line = lineNumber
        var items: [YAMLValue] = []
        while true {
            let v = skipSpaces(start + column + 1)
            if v == end || b[v] == SubsetReader.hash || isEntry(v) { throw Declined() }  // empty, or a list in a list
            if let colon = keyEnd(v) {
                // `- key: value`: a mapping whose keys line up with this one (all bytes before it are ASCII).
                items.append(try blockMapping(indent: v - start, firstKey: v, colon: colon, depth: depth + 1))
            } else {
                items.append(try inlineBlockValue(at: v, depth: depth + 1))
            }
            if atEnd || indent < column { break }
            guard indent == column else { throw Declined() }
            if !isEntry(start + indent) { break }  // the key after a list at its key's indentation
        }
        return .sequence(items, line: line, column: column + 1)
    }

    // MARK: Scalars and flow collections

    /// The node at `i` on the current line, and where it ends.
    private mutating func inline(at i: Int, flow: Bool, depth: Int) throws(Declined) -> (YAMLValue, Int) {
        let c = b[i]
        switch c {
        case SubsetReader.doubleQuote:
            try count(depth: depth)
            var k = i + 1
            while k < end, b[k] != SubsetReader.doubleQuote {
                if b[k] == UInt8(ascii: "\\") { throw Declined() }
                k += 1
            }
            guard k < end else { throw Declined() }
            return (.scalar(YAMLScalar(text: text(i + 1, k), plain: false, line: lineNumber, column: column(i))), k + 1)
        case SubsetReader.singleQuote:
            try count(depth: depth)
            var bytes: [UInt8] = []
            var k = i + 1
            while true {
                guard k < end else { throw Declined() }
                if b[k] == SubsetReader.singleQuote {
                    if k + 1 < end, b[k + 1] == SubsetReader.singleQuote {
                        bytes.append(SubsetReader.singleQuote)
                        k += 2
                        continue
                    }
                    break
                }
                bytes.append(b[k])
                k += 1
            }
            return (.scalar(YAMLScalar(text: String(decoding: bytes, as: UTF8.self), plain: false, line: lineNumber, column: column(i))), k + 1)
        case SubsetReader.openBrace:
            return try flowMapping(at: i, depth: depth)
        case SubsetReader.openBracket:
            return try flowSequence(at: i, depth: depth)
        default:
            // Indicators no plain scalar starts with (`-` only before a space).
            if c == SubsetReader.dash ? i + 1 == end || b[i + 1] == SubsetReader.space : SubsetReader.notInKey[Int(c)] {
                throw Declined()
            }
            try count(depth: depth)
            return flow ? try flowPlain(at: i) : try blockPlain(at: i)
        }
    }

    /// A plain scalar to the line's end or a comment, trailing spaces
    /// trimmed; one holding `": "` or ending in `:` is declined.
    private mutating func blockPlain(at i: Int) throws(Declined) -> (YAMLValue, Int) {
        var k = i, last = i
        while k < end {
            let c = b[k]
            if c == SubsetReader.hash, b[k - 1] == SubsetReader.space { break }
            if c == SubsetReader.colon, k + 1 == end || b[k + 1] == SubsetReader.space { throw Declined() }
            if c != SubsetReader.space { last = k }
            k += 1
        }
        return (.scalar(YAMLScalar(text: text(i, last + 1), plain: true, line: lineNumber, column: column(i))), last + 1)
    }

    /// A plain scalar inside a flow collection: up to `,`, a closing
    /// bracket or brace, or a `:` before a space, trailing spaces trimmed
    /// (what follows is then the caller's to accept or decline). As in
    /// libyaml, a `:` before anything else but `,?[]{}` (which libyaml
    /// refuses) is part of it — an unquoted URL, a time — and so is a `#`
    /// not after a space; a comment, or an opening bracket or brace, is
    /// declined.
    private mutating func flowPlain(at i: Int) throws(Declined) -> (YAMLValue, Int) {
        var k = i, last = i
        while k < end {
            let c = b[k]
            if c == SubsetReader.comma || c == SubsetReader.closeBrace || c == SubsetReader.closeBracket { break }
            if c == SubsetReader.colon {
                if k + 1 == end || b[k + 1] == SubsetReader.space { break }
                if SubsetReader.flowIndicators[Int(b[k + 1])] { throw Declined() }
            }
            if c == SubsetReader.hash && b[k - 1] == SubsetReader.space || c == SubsetReader.openBrace || c == SubsetReader.openBracket {
                throw Declined()
            }
            if c != SubsetReader.space { last = k }
            k += 1
        }
        guard k < end else { throw Declined() }
        return (.scalar(YAMLScalar(text: text(i, last + 1), plain: true, line: lineNumber, column: column(i))), last + 1)
    }

    /// What libyaml will not have after a `:` inside a flow plain scalar.
    private static let flowIndicators: [Bool] = {
        var t = [Bool](repeating: false, count: 256)
        for c in ",?[]{}".utf8 { t[Int(c)] = true }
        return t
    }()

    /// After an entry of a flow collection: the `,` before the next one, or
    /// the closer; true when the collection ended there. A trailing comma
    /// is declined.
    private func afterEntry(_ i: inout Int, closer: UInt8) throws(Declined) -> Bool {
        i = skipSpaces(i)
        guard i < end else { throw Declined() }
        if b[i] == closer {
            i += 1
            return true
        }
        guard b[i] == SubsetReader.comma else { throw Declined() }
        i = skipSpaces(i + 1)
        guard i < end, b[i] != closer else { throw Declined() }
        return false
    }

    private mutating func flowMapping(at open: Int, depth: Int) throws(Declined) -> (YAMLValue, Int) {
        try count(depth: depth)
        let line = lineNumber, mappingColumn = column(open)
        var pairs: [YAMLPair] = []
        var i = skipSpaces(open + 1)
        if i < end, b[i] == SubsetReader.closeBrace { return (.mapping([], line: line, column: mappingColumn), i + 1) }
        while true {
            guard let colon = keyEnd(i, flow: true) else { throw Declined() }
            try count(depth: depth + 1)
            let key = YAMLScalar(text: text(i, colon), plain: true, line: lineNumber, column: column(i))
            let v = skipSpaces(colon + 1)
            guard v < end, b[v] != SubsetReader.comma, b[v] != SubsetReader.closeBrace else { throw Declined() }  // an empty value
            let (value, after) = try inline(at: v, flow: true, depth: depth + 1)
            pairs.append(YAMLPair(key: key, value: value))
            i = after
            if try afterEntry(&i, closer: SubsetReader.closeBrace) { break }
        }
        if YAMLComposer.repeatsAKey(pairs) { throw Declined() }
        return (.mapping(pairs, line: line, column: mappingColumn), i)
    }

    private mutating func flowSequence(at open: Int, depth: Int) throws(Declined) -> (YAMLValue, Int) {
        try count(depth: depth)
        let line = lineNumber, sequenceColumn = column(open)
        var items: [YAMLValue] = []
        var i = skipSpaces(open + 1)
        if i < end, b[i] == SubsetReader.closeBracket { return (.sequence([], line: line, column: sequenceColumn), i + 1) }
        while true {
            guard i < end, b[i] != SubsetReader.comma else { throw Declined() }
            let (item, after) = try inline(at: i, flow: true, depth: depth + 1)
            items.append(item)
            i = after
            if try afterEntry(&i, closer: SubsetReader.closeBracket) { break }
        }
        return (.sequence(items, line: line, column: sequenceColumn), i)
    }
}
