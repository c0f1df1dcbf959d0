/// congkhai's Mustache: the subset the themes use (variables, `{{{raw}}}` and
/// `{{&raw}}`, sections, inverted sections, partials, comments, dotted names,
/// `{{.}}`, the spec's standalone-line rules), rendered from a page's `TemplateTree`
/// (decision 135) without a single dynamic cast. It replaced swift-mustache once a
/// profile of the build showed that library's reflection-based context
/// lookups taking ~45 % of the time (BENCHMARKS.md); a test renders every page
/// of the demo with both engines and requires identical bytes.
struct Template: Sendable {
    indirect enum Node: Sendable {
        /// Literal template text, kept as the UTF-8 bytes it is written out as.
        case text([UInt8])
        case variable([String], escaped: Bool)
        case section([String], inverted: Bool, [Node])
        /// A partial; a standalone one indents its lines.
        case partial(String, indent: String)
    }

    /// The parsed tree flattened for rendering: operations with plain
    /// integer operands into the tables below, so walking a template moves
    /// no reference counts (the tree's boxed nodes, arrays and names were
    /// retained and released at every step: ~a third of rendering).
    enum Op: Sendable {
        /// `bytes[start ..< start + count]`.
        case text(start: Int32, count: Int32)
        /// A name's parts are `names[start ..< start + count]` (none: `{{.}}`).
        case variable(start: Int32, count: Int32, escaped: Bool)
        /// The body is `ops[i + 1 ..< end]`.
        case section(start: Int32, count: Int32, inverted: Bool, end: Int32)
        /// The partial named `names[name]`; `indents[indent]` ("" when not standalone).
        case partial(name: Int32, indent: Int32)
    }

    struct ParseError: Error, Sendable {
        var line: Int
        var column: Int
        var message: String
    }

    let ops: [Op]
    let bytes: [UInt8]
    let names: [String]
    let indents: [[UInt8]]
    /// `names` as a tree's fields name them (`TemplateTree.Name`), so a
    /// lookup compares words; `nameBytes` for the bytes of names past 16.
    let keys: [TemplateTree.Name]
    let nameBytes: [[UInt8]]

    init(_ text: String) throws(ParseError) {
        var parser = Parser(text)
        var program = Program()
        program.add(try parser.parse())
        self.init(ops: program.ops, bytes: program.bytes, names: program.names, indents: program.indents)
    }

    /// A tag's name without the blanks around it: `trimmingCharacters(in:
    /// .whitespaces)` (spaces of every script and tabs), which is what it
    /// was, taken only where a name still starts or ends with a byte
    /// outside ASCII — the ASCII space and tab are cut here first (the
    /// Foundation call on every tag was most of compiling a theme).
    static func trimmedName(_ raw: ArraySlice<UInt8>) -> String {
        var a = raw.startIndex, b = raw.endIndex
        while a < b, raw[a] == 0x20 || raw[a] == 0x09 { a += 1 }
        while b > a, raw[b - 1] == 0x20 || raw[b - 1] == 0x09 { b -= 1 }
        let name = String(decoding: raw[a..<b], as: UTF8.self)
        guard a < b, raw[a] >= 0x80 || raw[b - 1] >= 0x80 else { return name }
        return name.trimmingCharacters(in: .whitespaces)
    }

    private init(ops: [Op], bytes: [UInt8], names: [String], indents: [[UInt8]]) {
        (self.ops, self.bytes, self.names, self.indents) = (ops, bytes, names, indents)
        nameBytes = names.map { Array($0.utf8) }
        keys = nameBytes.map { b in
            let (w0, w1) = b.withUnsafeBufferPointer { $0.leadingWords }
            return TemplateTree.Name(w0: w0, w1: w1, count: Int32(b.count), rest: 0)
        }
    }

    /// The template with every `{{t.key}}` and `{{{t.key}}}` written in as
    /// the text it renders in one language (decision 108). `t` is the page
    /// language's strings table, the same on every page of that language,
    /// and a quarter of a theme's tags name it, many inside the loops over
    /// commitments and measures — yet each was looked up at render time:
    /// every context from the innermost out scanned for `t`, then the key
    /// hashed into the table. What is written in is exactly what the lookup
    /// would find, because no page model below the page has a field named
    /// `t` (`TemplateContext` adds the page's; a test walks every demo
    /// page's models): the only `t` in reach is the page's own. Inside a
    /// section on `t` itself (where the innermost context is the table,
    /// whose own key `t` would come first) the tags are left to the lookup,
    /// as are sections on `t.key` and longer names.
    func resolving(strings t: [String: String]) -> Template {
        var ops = self.ops
        var bytes = self.bytes
        var insideT: [Int] = []  // ends of the enclosing sections on `t…`
        for i in ops.indices {
            while let end = insideT.last, i >= end { insideT.removeLast() }
            switch ops[i] {
            case let .section(start, count, _, end):
                if count > 0, names[Int(start)] == "t" { insideT.append(Int(end)) }
            case let .variable(start, count, escaped) where count == 2 && insideT.isEmpty && names[Int(start)] == "t":
                let at = bytes.count
                if let value = t[names[Int(start) + 1]] {
                    if escaped { TemplateLibrary.escape(value, into: &bytes) } else { TemplateLibrary.append(value, to: &bytes) }
                }
                ops[i] = .text(start: Int32(at), count: Int32(bytes.count - at))
            default:
                break
            }
        }
        return Template(ops: ops, bytes: bytes, names: names, indents: indents)
    }

    /// Builds the flat form of a tree.
    private struct Program {
        var ops: [Op] = []
        var bytes: [UInt8] = []
        var names: [String] = []
        var indents: [[UInt8]] = [[]]

        mutating func path(_ parts: [String]) -> (Int32, Int32) {
            let start = Int32(names.count)
            names.append(contentsOf: parts)
            return (start, Int32(parts.count))
        }

        mutating func add(_ nodes: [Node]) {
            for node in nodes {
                switch node {
                case let .text(b):
                    ops.append(.text(start: Int32(bytes.count), count: Int32(b.count)))
                    bytes.append(contentsOf: b)
                case let .variable(parts, escaped):
                    let (start, count) = path(parts)
                    ops.append(.variable(start: start, count: count, escaped: escaped))
                case let .section(parts, inverted, children):
                    let (start, count) = path(parts)
                    let at = ops.count
                    ops.append(.text(start: 0, count: 0))  // replaced once the body's end is known
                    add(children)
                    ops[at] = .section(start: start, count: count, inverted: inverted, end: Int32(ops.count))
                case let .partial(name, indent):
                    names.append(name)
                    var i: Int32 = 0
                    if !indent.isEmpty { indents.append(Array(indent.utf8)); i = Int32(indents.count - 1) }
                    ops.append(.partial(name: Int32(names.count - 1), indent: i))
                }
            }
        }
    }
}

/// A template's data as a tree of values: what the `Encodable` adapter
/// (`TemplateContext`) makes of a page model, and what tests write by hand.
/// Pages are rendered from a `TemplateTree`, which takes these in. Not `indirect`: lists and objects already hold their children in arrays,
/// and boxing every value (a flag, a number, each text) cost one allocation
/// per field of every page.
enum TemplateValue: Sendable {
    case text(String)
    /// Markup already rendered (a page's body inside its layout), kept as the
    /// bytes it was rendered to: never decoded into a `String` and back.
    /// Templates treat it exactly like `text` with the same UTF-8.
    case html([UInt8])
    case number(Int)
    case flag(Bool)
    case list([TemplateValue])
    case object(TemplateFields)
    /// A strings table (`t`), kept as it is rather than converted key by key.
    case strings([String: String])
}

/// An object's fields in the order they were encoded (the `Encodable`
/// adapter's objects, tests' values). A name given twice reads as its last
/// value, as a dictionary's overwrite did; a `TemplateTree` keeps that rule.
struct TemplateFields: Sendable, ExpressibleByDictionaryLiteral {
    struct Field: Sendable {
        var name: String
        var value: TemplateValue
    }

    private(set) var fields: [Field] = []

    init() {}

    init(dictionaryLiteral elements: (String, TemplateValue)...) {
        for (name, value) in elements { append(name, value) }
    }

    mutating func append(_ name: String, _ value: TemplateValue) {
        // Most objects have a handful of fields: one allocation, not three regrowths.
        if fields.capacity == 0 { fields.reserveCapacity(8) }
        fields.append(Field(name: name, value: value))
    }
}

/// Compiled templates by name, and rendering.
struct TemplateLibrary: Sendable {
    private(set) var templates: [String: Template] = [:]

    mutating func register(_ text: String, named name: String) throws(Template.ParseError) {
        templates[name] = try Template(text)
    }

    /// Every template with the strings table `t` written in (`Template.resolving`).
    func resolving(strings t: [String: String]) -> TemplateLibrary {
        var library = self
        for (name, template) in templates { library.templates[name] = template.resolving(strings: t) }
        return library
    }

    /// Nil when the template does not exist.
    func render(_ value: TemplateValue, template name: String) -> String? {
        renderBytes(TemplateTree(value), template: name).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The page as the UTF-8 bytes written to disk: rendering appends bytes
    /// (template text is stored as bytes, values are escaped byte by byte),
    /// never grows a `String` (its append path was ~6 % of a province build).
    ///
    /// `capacity`: the bytes the caller expects. Reserved at once, so a page
    /// is not copied into ever larger buffers as it grows (an official's
    /// page of ~40 KB went through 16, 32 and 64 KB, each new buffer memory
    /// the kernel had to fault in: ~2 % of a national page stage).
    func renderBytes(_ tree: TemplateTree, template name: String, capacity: Int = 16 * 1024) -> [UInt8]? {
        guard let t = templates[name] else { return nil }
        var out = RenderBuffer(capacity: capacity)
        tree.nodes.withUnsafeBufferPointer { nodes in
            tree.fields.withUnsafeBufferPointer { fields in
                tree.items.withUnsafeBufferPointer { items in
                    tree.bytes.withUnsafeBufferPointer { bytes in
                        var walk = Walk(library: self, tree: tree, nodes: nodes, fields: fields, items: items, bytes: bytes)
                        walk.stack.append(tree.root)
                        walk.render(t, 0..<t.ops.count, into: &out)
                    }
                }
            }
        }
        return out.finish()
    }

    /// One rendering: the tree read through its buffers, and the stack of
    /// contexts as node indexes (a text found in a strings table, which no
    /// node holds, as `-1 - i` into `found`). Nothing here is reference
    /// counted but the rare strings-table lookup.
    private struct Walk {
        let library: TemplateLibrary
        let tree: TemplateTree
        let nodes: UnsafeBufferPointer<TemplateTree.Node>
        let fields: UnsafeBufferPointer<TemplateTree.Field>
        let items: UnsafeBufferPointer<Int32>
        let bytes: UnsafeBufferPointer<UInt8>
        var stack: [Int32] = []
        var found: [String] = []

        init(library: TemplateLibrary, tree: TemplateTree, nodes: UnsafeBufferPointer<TemplateTree.Node>,
             fields: UnsafeBufferPointer<TemplateTree.Field>, items: UnsafeBufferPointer<Int32>, bytes: UnsafeBufferPointer<UInt8>) {
            (self.library, self.tree, self.nodes, self.fields, self.items, self.bytes) = (library, tree, nodes, fields, items, bytes)
            stack.reserveCapacity(16)
        }

        mutating func render(_ t: Template, _ range: Range<Int>, into out: inout RenderBuffer) {
            var i = range.lowerBound
            while i < range.upperBound {
                switch t.ops[i] {
                case let .text(start, count):
                    t.bytes.withUnsafeBufferPointer { out.append(UnsafeBufferPointer(rebasing: $0[Int(start)..<Int(start + count)])) }
                case let .variable(start, count, escaped):
                    guard let v = lookup(t, Int(start)..<Int(start + count)) else { break }
                    guard v >= 0 else {
                        let s = found[Int(-1 - v)]
                        if escaped { TemplateLibrary.escape(s, into: &out) } else { TemplateLibrary.append(s, to: &out) }
                        break
                    }
                    switch nodes[Int(v)] {
                    case let .text(start, count):
                        let b = UnsafeBufferPointer(rebasing: bytes[Int(start)..<Int(start + count)])
                        if escaped { TemplateLibrary.escape(b, into: &out) } else { out.append(b) }
                    case let .html(e):
                        tree.externals[Int(e)].withUnsafeBufferPointer { b in
                            if escaped { TemplateLibrary.escape(b, into: &out) } else { out.append(b) }
                        }
                    case let .number(n): TemplateLibrary.append(String(n), to: &out)
                    case let .flag(b): TemplateLibrary.append(b ? "true" : "false", to: &out)
                    case .list, .object, .strings: break
                    }
                case let .section(start, count, inverted, end):
                    let body = (i + 1)..<Int(end)
                    let v = lookup(t, Int(start)..<Int(start + count))
                    let node = v.flatMap { $0 >= 0 ? nodes[Int($0)] : nil }
                    if inverted {
                        switch node {
                        case let .flag(b)?: if !b { render(t, body, into: &out) }
                        case let .list(_, count)?: if count == 0 { render(t, body, into: &out) }
                        default: if v == nil { render(t, body, into: &out) }
                        }
                    } else if let v {
                        switch node {
                        case let .flag(b)?: if b { render(t, body, into: &out) }
                        case let .list(start, count)?:
                            for k in Int(start)..<Int(start + count) {
                                stack.append(items[k])
                                render(t, body, into: &out)
                                stack.removeLast()
                            }
                        default:
                            stack.append(v)
                            render(t, body, into: &out)
                            stack.removeLast()
                        }
                    }
                    i = Int(end)
                    continue
                case let .partial(name, indent):
                    guard let p = library.templates[t.names[Int(name)]] else { break }
                    if indent == 0 {
                        render(p, 0..<p.ops.count, into: &out)
                    } else {
                        var inner = RenderBuffer(capacity: 1024)
                        render(p, 0..<p.ops.count, into: &inner)
                        TemplateLibrary.indent(inner.finish(), by: t.indents[Int(indent)], into: &out)
                    }
                }
                i += 1
            }
        }

        /// Innermost context first; a dotted name's first part is looked up
        /// that way, the rest inside what it found. `path` indexes the
        /// template's names; nil when nothing answers.
        mutating func lookup(_ t: Template, _ path: Range<Int>) -> Int32? {
            guard let first = path.first else { return stack.last }
            var value: Int32?
            var k = stack.count
            while k > 0 {
                k -= 1
                if let v = child(stack[k], t, first) { value = v; break }
            }
            guard var value else { return nil }
            for part in path.dropFirst() {
                guard let v = child(value, t, part) else { return nil }
                value = v
            }
            return value
        }

        /// A field's name past its first 16 bytes against the template's whole name.
        func restEqual(_ n: TemplateTree.Name, _ whole: [UInt8]) -> Bool {
            whole.dropFirst(16).elementsEqual(UnsafeBufferPointer(rebasing: bytes[Int(n.rest)..<Int(n.rest + n.count - 16)]))
        }

        /// The field `t.names[name]` of an object (its last), or the entry of a strings table.
        mutating func child(_ context: Int32, _ t: Template, _ name: Int) -> Int32? {
            guard context >= 0 else { return nil }
            switch nodes[Int(context)] {
            case let .object(start, count):
                let key = t.keys[name]
                var j = Int(start + count)
                while j > Int(start) {
                    j -= 1
                    let field = fields[j]
                    if field.name.startsLike(key), key.count <= 16 || restEqual(field.name, t.nameBytes[name]) { return field.value }
                }
                return nil
            case let .strings(table):
                guard let s = tree.tables[Int(table)][t.names[name]] else { return nil }
                found.append(s)
                return Int32(-found.count)
            default:
                return nil
            }
        }
    }

    static func append<Out: ByteSink>(_ s: String, to out: inout Out) {
        var s = s
        s.withUTF8 { out.append($0) }
    }

    /// `& < > " '` as entities, the characters swift-mustache escaped.
    static func escape<Out: ByteSink>(_ s: String, into out: inout Out) {
        var s = s
        s.withUTF8 { escape($0, into: &out) }
    }

    static func escape<Out: ByteSink>(_ u: UnsafeBufferPointer<UInt8>, into out: inout Out) {
        var start = 0
        // Eight bytes at a time while none of them needs escaping (most text;
        // 27 % fewer instructions for the demo's pages): a byte equal to one of
        // the five is a zero byte of the word XOR that byte repeated, and
        // `(x − 0x01…) & ~x & 0x80…` is non-zero exactly when x has a zero byte.
        var i = 0
        if let base = u.baseAddress {
            let raw = UnsafeRawPointer(base)
            while i + 8 <= u.count {
                if escapeCandidate(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) { break }
                i += 8
            }
        }
        for i in i..<u.count {
            guard let entity = HTML.entity(u[i]) else { continue }
            out.append(UnsafeBufferPointer(rebasing: u[start..<i]))
            entity.withUTF8Buffer { out.append($0) }
            start = i + 1
        }
        out.append(UnsafeBufferPointer(rebasing: u[start..<u.count]))
    }

    /// True when one of the word's bytes is `& < > " '`.
    @inline(__always)
    static func escapeCandidate(_ w: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        func zeroByte(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }
        return zeroByte(w ^ (ones &* 0x26)) | zeroByte(w ^ (ones &* 0x3C)) | zeroByte(w ^ (ones &* 0x3E))
            | zeroByte(w ^ (ones &* 0x22)) | zeroByte(w ^ (ones &* 0x27)) != 0
    }

    /// A standalone partial's lines, each prefixed with the tag's indentation.
    static func indent<Out: ByteSink>(_ text: [UInt8], by prefix: [UInt8], into out: inout Out) {
        text.withUnsafeBufferPointer { text in
            prefix.withUnsafeBufferPointer { prefix in
                var lineStart = 0
                for i in text.indices where text[i] == UInt8(ascii: "\n") || i == text.count - 1 {
                    out.append(prefix)
                    out.append(UnsafeBufferPointer(rebasing: text[lineStart...i]))
                    lineStart = i + 1
                }
            }
        }
    }
}

/// Template text → nodes, with the spec's standalone rules: a line holding
/// only a section, inverted, closing, partial or comment tag (and blanks)
/// leaves no trace in the output.
private struct Parser {
    let bytes: [UInt8]
    var i = 0

    init(_ text: String) { bytes = Array(text.utf8) }

    enum Token {
        case text([UInt8])
        case tag(kind: UInt8, name: String, line: Int, column: Int, indent: String)
    }

    /// Line and column (1-based, columns in bytes) of byte offsets, counted
    /// on from where the last answer left off: the tokenizer asks in
    /// increasing order, so a template's tags cost one pass over it, not
    /// one pass each from its start (the theme's compile, every build, was
    /// ~2 % of the demo's whole build in that loop). An earlier offset
    /// starts the count again.
    struct Positions {
        let bytes: [UInt8]
        private var at = 0
        private var line = 1
        private var lineStart = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        mutating func of(_ offset: Int) -> (Int, Int) {
            let target = min(offset, bytes.count)
            if target < at { (at, line, lineStart) = (0, 1, 0) }
            while at < target {
                if bytes[at] == UInt8(ascii: "\n") { line += 1; lineStart = at + 1 }
                at += 1
            }
            return (line, target - lineStart + 1)
        }
    }

    /// Where `closer` (`}}` or `}}}`) first occurs at or after `from`; nil when it does not.
    func find(_ closer: [UInt8], from: Int) -> Int? {
        guard let first = closer.first else { return nil }
        var j = from
        while j + closer.count <= bytes.count {
            if bytes[j] == first {
                var k = 1
                while k < closer.count && bytes[j + k] == closer[k] { k += 1 }
                if k == closer.count { return j }
            }
            j += 1
        }
        return nil
    }

    mutating func tokens() throws(Template.ParseError) -> [Token] {
        var out: [Token] = []
        var text: [UInt8] = []
        var lineStart = 0          // index in `bytes` of the current line's start
        var tagsOnLine = 0         // tags already seen on this line
        var positions = Positions(bytes)
        let brace = UInt8(ascii: "{")
        let double = Array("}}".utf8), triple = Array("}}}".utf8)
        let standaloneKinds: [UInt8] = [UInt8(ascii: "#"), UInt8(ascii: "^"), UInt8(ascii: "/"), UInt8(ascii: ">"), UInt8(ascii: "!")]
        while i < bytes.count {
            guard bytes[i] == brace, i + 1 < bytes.count, bytes[i + 1] == brace else {
                if bytes[i] == UInt8(ascii: "\n") { lineStart = i + 1; tagsOnLine = 0 }
                text.append(bytes[i])
                i += 1
                continue
            }
            let tagStart = i
            let isTriple = i + 2 < bytes.count && bytes[i + 2] == brace
            let closer = isTriple ? triple : double
            guard let end = find(closer, from: i + (isTriple ? 3 : 2)) else {
                let (l, c) = positions.of(tagStart)
                throw Template.ParseError(line: l, column: c, message: "unclosed tag")
            }
            var inner = Template.trimmedName(bytes[(tagStart + (isTriple ? 3 : 2))..<end])
            var kind: UInt8 = isTriple ? UInt8(ascii: "&") : 0
            if !isTriple, let first = inner.utf8.first, [UInt8(ascii: "#"), UInt8(ascii: "^"), UInt8(ascii: "/"), UInt8(ascii: ">"),
                                                           UInt8(ascii: "!"), UInt8(ascii: "&")].contains(first) {
                kind = first
                inner = Template.trimmedName(Array(inner.utf8).dropFirst())
            }
            if kind == UInt8(ascii: "=") || inner.isEmpty && kind != UInt8(ascii: "!") {
                let (l, c) = positions.of(tagStart)
                throw Template.ParseError(line: l, column: c, message: "empty tag")
            }
            i = end + closer.count
            // Standalone: only blanks before the tag on its line and after it up to the newline.
            var indent = ""
            if standaloneKinds.contains(kind), tagsOnLine == 0,
               bytes[lineStart..<tagStart].allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                var k = i
                while k < bytes.count, bytes[k] == 0x20 || bytes[k] == 0x09 { k += 1 }
                let atEnd = k == bytes.count
                let newline = k < bytes.count && bytes[k] == UInt8(ascii: "\n")
                let crlf = k + 1 < bytes.count && bytes[k] == UInt8(ascii: "\r") && bytes[k + 1] == UInt8(ascii: "\n")
                if atEnd || newline || crlf {
                    indent = String(decoding: bytes[lineStart..<tagStart], as: UTF8.self)
                    text.removeLast(tagStart - lineStart)
                    i = atEnd ? k : k + (crlf ? 2 : 1)
                    lineStart = i
                    tagsOnLine = -1
                }
            }
            tagsOnLine += 1
            if !text.isEmpty { out.append(.text(text)); text = [] }
            let (l, c) = positions.of(tagStart)
            out.append(.tag(kind: kind, name: inner, line: l, column: c, indent: indent))
        }
        if !text.isEmpty { out.append(.text(text)) }
        return out
    }

    mutating func parse() throws(Template.ParseError) -> [Template.Node] {
        var stack: [(name: String, inverted: Bool, line: Int, column: Int, nodes: [Template.Node])] = [("", false, 0, 0, [])]
        func path(_ name: String) -> [String] {
            if name == "." { return [] }
            // ASCII names (every theme's) split on the byte; others as
            // Characters, where a mark after a dot makes it no separator.
            guard name.utf8.allSatisfy({ $0 < 0x80 }) else { return name.split(separator: ".").map(String.init) }
            return name.utf8.split(separator: UInt8(ascii: ".")).map { String(decoding: $0, as: UTF8.self) }
        }
        for token in try tokens() {
            switch token {
            case let .text(b):
                stack[stack.count - 1].nodes.append(.text(b))
            case let .tag(kind, name, line, column, indent):
                switch kind {
                case UInt8(ascii: "!"): continue
                case UInt8(ascii: "#"), UInt8(ascii: "^"):
                    stack.append((name, kind == UInt8(ascii: "^"), line, column, []))
                case UInt8(ascii: "/"):
                    guard stack.count > 1, let open = stack.last, open.name == name else {
                        throw Template.ParseError(line: line, column: column,
                                                  message: stack.count > 1 ? "{{/\(name)}} closes {{#\(stack[stack.count - 1].name)}}"
                                                                           : "{{/\(name)}} closes nothing")
                    }
                    stack.removeLast()
                    stack[stack.count - 1].nodes.append(.section(path(name), inverted: open.inverted, open.nodes))
                case UInt8(ascii: ">"):
                    stack[stack.count - 1].nodes.append(.partial(name, indent: indent))
                default:
                    stack[stack.count - 1].nodes.append(.variable(path(name), escaped: kind == 0))
                }
            }
        }
        if stack.count > 1, let open = stack.last {
            throw Template.ParseError(line: open.line, column: open.column, message: "{{#\(open.name)}} is never closed")
        }
        return stack[0].nodes
    }
}
