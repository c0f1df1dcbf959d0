/// One page's template data in a few flat arrays: what a template renders.
///
/// Page models used to become a tree of `TemplateValue`s: every object a
/// `[Field]` of its own, every text a retained `String`, every list an array
/// — hundreds of allocations and reference counts a page, made, walked
/// (each lookup copied the value it found, each section's item was retained
/// onto the stack) and freed again: ~8 % of a national page stage (perf,
/// fifty-second session). Here a page's texts are bytes in one buffer, its
/// objects runs of `Field`s, its lists runs of node indexes, and field names
/// packed words compared as integers; writing copies bytes, and rendering
/// reads through buffers without touching a reference count.
///
/// Models write themselves in (`TemplateRepresentable.fields(into:)`), in
/// the order and under the rules the `Encodable` adapter follows
/// (`TemplateContext`): nil optionals left out, arrays as lists. An object
/// is written innermost first: its fields wait on `pendingFields` while its
/// children are written, then move into `fields` as one run.
struct TemplateTree: Sendable {
    /// Trivial, so the arrays holding nodes, fields and items are copied
    /// and freed without visiting their elements.
    enum Node: Sendable {
        /// `bytes[start ..< start + count]`.
        case text(start: Int32, count: Int32)
        /// Markup already rendered (`externals[i]`: a page's body inside its
        /// layout), kept as its own buffer rather than copied in.
        case html(Int32)
        case number(Int)
        case flag(Bool)
        /// `items[start ..< start + count]`.
        case list(start: Int32, count: Int32)
        /// `fields[start ..< start + count]`; a name given twice reads as its last value.
        case object(start: Int32, count: Int32)
        /// A strings table (`t`): `tables[i]`.
        case strings(Int32)
    }

    /// A field's name as two words of its first 16 UTF-8 bytes (zero
    /// padded, `leadingWords`) and its length; the bytes past 16, if any, at `rest` in the
    /// tree's `bytes`. Every name the themes use fits in 16 bytes, so a
    /// lookup compares three integers where it compared strings.
    struct Name: Sendable {
        var w0: UInt64
        var w1: UInt64
        var count: Int32
        var rest: Int32

        /// The same length and first 16 bytes as `key`: the same name when
        /// both are at most 16 bytes long, else the rest decides.
        @inline(__always)
        func startsLike(_ key: Name) -> Bool { count == key.count && w0 == key.w0 && w1 == key.w1 }
    }

    struct Field: Sendable {
        var name: Name
        var value: Int32
    }

    private(set) var nodes: [Node] = []
    /// The texts (and names past 16 bytes): a `RenderBuffer`, whose appends are a copy.
    private(set) var bytes: RenderBuffer
    private(set) var fields: [Field] = []
    private(set) var items: [Int32] = []
    private(set) var externals: [[UInt8]] = []
    private(set) var tables: [[String: String]] = []
    /// The node rendering starts from (the page's own object).
    private(set) var root: Int32 = -1
    /// Fields and items of the objects and lists still being written, innermost last.
    private var pendingFields: [Field] = []
    private var pendingItems: [Int32] = []

    /// `bytes`: about the text a page's model holds (an official's page ~25 KB).
    init(bytes byteCapacity: Int = 4 * 1024, nodes nodeCapacity: Int = 256) {
        bytes = RenderBuffer(capacity: byteCapacity)
        nodes.reserveCapacity(nodeCapacity)
        fields.reserveCapacity(nodeCapacity)
        items.reserveCapacity(nodeCapacity / 4)
        pendingFields.reserveCapacity(64)
        pendingItems.reserveCapacity(64)
    }

    /// A whole value as a tree (templates rendered from the adapter's values, tests).
    init(_ value: TemplateValue) {
        self.init()
        root = node(value)
    }

    // MARK: - Writing

    private mutating func add(_ node: Node) -> Int32 {
        nodes.append(node)
        return Int32(nodes.count - 1)
    }

    private mutating func name(_ u: UnsafeBufferPointer<UInt8>) -> Name {
        let (w0, w1) = u.leadingWords
        var rest: Int32 = 0
        if u.count > 16 {
            rest = Int32(bytes.count)
            bytes.append(UnsafeBufferPointer(rebasing: u[16...]))
        }
        return Name(w0: w0, w1: w1, count: Int32(u.count), rest: rest)
    }

    private mutating func field(_ name: StaticString, _ value: Int32) {
        let n = name.withUTF8Buffer { self.name($0) }
        pendingFields.append(Field(name: n, value: value))
    }

    private mutating func field(_ name: String, _ value: Int32) {
        let n = name.utf8.withContiguousStorageIfAvailable { self.name($0) } ?? Array(name.utf8).withUnsafeBufferPointer { self.name($0) }
        pendingFields.append(Field(name: n, value: value))
    }

    mutating func text(_ s: String) -> Int32 {
        let start = bytes.count
        if s.utf8.withContiguousStorageIfAvailable({ bytes.append($0) }) == nil { Array(s.utf8).withUnsafeBufferPointer { bytes.append($0) } }
        return add(.text(start: Int32(start), count: Int32(bytes.count - start)))
    }

    /// The fields written since `mark` as one object.
    private mutating func closeObject(from mark: Int) -> Int32 {
        let start = fields.count
        pendingFields.withUnsafeBufferPointer { fields.append(contentsOf: UnsafeBufferPointer(rebasing: $0[mark...])) }
        pendingFields.removeLast(pendingFields.count - mark)
        return add(.object(start: Int32(start), count: Int32(fields.count - start)))
    }

    /// The items written since `mark` as one list.
    private mutating func closeList(from mark: Int) -> Int32 {
        let start = items.count
        pendingItems.withUnsafeBufferPointer { items.append(contentsOf: UnsafeBufferPointer(rebasing: $0[mark...])) }
        pendingItems.removeLast(pendingItems.count - mark)
        return add(.list(start: Int32(start), count: Int32(items.count - start)))
    }

    mutating func object<T: TemplateRepresentable>(_ model: T) -> Int32 {
        let mark = pendingFields.count
        model.fields(into: &self)
        return closeObject(from: mark)
    }

    /// A list's item written where it lies: an element taken out of its
    /// array to be passed on is a copy (each of its texts retained and
    /// released), a method called through a pointer to it is not.
    private mutating func object<T: TemplateRepresentable>(at model: UnsafePointer<T>) -> Int32 {
        let mark = pendingFields.count
        model.pointee.fields(into: &self)
        return closeObject(from: mark)
    }

    /// A value of the `Encodable` adapter (`TemplateContext`).
    mutating func node(_ value: TemplateValue) -> Int32 {
        switch value {
        case let .text(s): return text(s)
        case let .html(b): externals.append(b); return add(.html(Int32(externals.count - 1)))
        case let .number(n): return add(.number(n))
        case let .flag(b): return add(.flag(b))
        case let .list(vs):
            let mark = pendingItems.count
            for v in vs { let n = node(v); pendingItems.append(n) }
            return closeList(from: mark)
        case let .object(f):
            let mark = pendingFields.count
            writeFields(f)
            return closeObject(from: mark)
        case let .strings(t): tables.append(t); return add(.strings(Int32(tables.count - 1)))
        }
    }

    /// An adapter object's fields, into the object being written.
    mutating func writeFields(_ f: TemplateFields) {
        for item in f.fields { let n = node(item.value); field(item.name, n) }
    }

    /// A page: the model's fields plus `t` (the page language's strings)
    /// and `root` (relative path to the site root), which every template may use.
    static func page(_ model: any Encodable, strings: [String: String], root: String, direct: Bool = true,
                     bytes byteCapacity: Int = 4 * 1024) -> TemplateTree {
        // Nodes and fields reserved with the text: a page of ~16 KB of text
        // has ~900 nodes and ~750 fields (an official's), which grew from
        // 256 twice, each time copied (~1 % of a province build's instructions).
        var tree = TemplateTree(bytes: byteCapacity, nodes: max(256, byteCapacity / 16))
        if direct, let model = model as? any TemplateRepresentable {
            model.fields(into: &tree)
        } else if case let .object(f) = TemplateContext.value(model, direct: false) {
            tree.writeFields(f)
        }
        tree.tables.append(strings)
        let t = tree.add(.strings(Int32(tree.tables.count - 1)))
        tree.field("t", t)
        tree.put("root", root)
        tree.root = tree.closeObject(from: 0)
        return tree
    }

    // MARK: - Fields, under the adapter's rules

    mutating func put(_ name: StaticString, _ v: String) { let n = text(v); field(name, n) }
    mutating func put(_ name: StaticString, _ v: String?) { if let v { put(name, v) } }
    mutating func put(_ name: StaticString, _ v: Bool) { let n = add(.flag(v)); field(name, n) }
    mutating func put(_ name: StaticString, _ v: Int) { let n = add(.number(v)); field(name, n) }
    mutating func put(_ name: StaticString, _ v: Int?) { if let v { put(name, v) } }
    mutating func put(_ name: StaticString, _ v: [String]) {
        let mark = pendingItems.count
        for s in v { let n = text(s); pendingItems.append(n) }
        let n = closeList(from: mark)
        field(name, n)
    }
    mutating func put(_ name: StaticString, _ v: PageHTML) {
        externals.append(v.bytes)
        let n = add(.html(Int32(externals.count - 1)))
        field(name, n)
    }
    mutating func put<T: TemplateRepresentable>(_ name: StaticString, _ v: T) { let n = object(v); field(name, n) }
    mutating func put<T: TemplateRepresentable>(_ name: StaticString, _ v: T?) { if let v { put(name, v) } }
    mutating func put<T: TemplateRepresentable>(_ name: StaticString, _ v: [T]) {
        let mark = pendingItems.count
        v.withUnsafeBufferPointer { items in
            guard let first = items.baseAddress else { return }
            for i in items.indices { let n = object(at: first + i); pendingItems.append(n) }
        }
        let n = closeList(from: mark)
        field(name, n)
    }

    // MARK: - Reading back

    /// The name's bytes.
    func nameText(_ n: Name) -> String {
        var b: [UInt8] = []
        for i in 0..<min(Int(n.count), 16) { b.append(UInt8(truncatingIfNeeded: (i < 8 ? n.w0 >> (8 * UInt64(i)) : n.w1 >> (8 * UInt64(i - 8))))) }
        if n.count > 16 { bytes.withUnsafeBufferPointer { b += $0[Int(n.rest)..<Int(n.rest + n.count - 16)] } }
        return String(decoding: b, as: UTF8.self)
    }

    /// A node as the `TemplateValue` it was written from (the tests compare
    /// models written in with what the adapter makes of them).
    func value(_ i: Int32) -> TemplateValue {
        switch nodes[Int(i)] {
        case let .text(start, count):
            return .text(bytes.withUnsafeBufferPointer { String(decoding: $0[Int(start)..<Int(start + count)], as: UTF8.self) })
        case let .html(e): return .html(externals[Int(e)])
        case let .number(n): return .number(n)
        case let .flag(b): return .flag(b)
        case let .list(start, count): return .list(items[Int(start)..<Int(start + count)].map { value($0) })
        case let .object(start, count):
            var f = TemplateFields()
            for field in fields[Int(start)..<Int(start + count)] { f.append(nameText(field.name), value(field.value)) }
            return .object(f)
        case let .strings(t): return .strings(tables[Int(t)])
        }
    }

    /// The whole page as a value.
    var value: TemplateValue { value(root) }
}
