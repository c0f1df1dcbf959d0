/// The one adapter between typed page models and templates.
///
/// Page models are `Encodable` value types with display-ready fields; this
/// encoder turns one into a `TemplateValue` tree, which a `TemplateTree`
/// takes in for `TemplateLibrary` to render without dynamic casts. Optional
/// fields that are nil are left out, so `{{#field}}` is false; property
/// names are the template's keys. A model that writes itself into the tree
/// (`TemplateRepresentable`: the layout and the pages a country has
/// thousands of) does so instead, under the same rules; the encoder stays
/// the reference for those.
enum TemplateContext {
    /// The model's fields plus `t` (the page language's strings) and `root`
    /// (relative path to the site root), which every template may use: the
    /// page's tree (`TemplateTree.page`) as a value.
    static func make(_ model: any Encodable, strings: [String: String], root: String, direct: Bool = true) -> TemplateValue {
        TemplateTree.page(model, strings: strings, root: root, direct: direct).value
    }

    /// A model or block alone; `direct` false: through `Encodable` even when
    /// the model builds its own value (the reference the tests compare with).
    static func value(_ model: any Encodable, direct: Bool = true) -> TemplateValue {
        if direct, let model = model as? any TemplateRepresentable { return model.templateValue }
        let encoder = ContextEncoder()
        try? model.encode(to: encoder)
        return encoder.box.value
    }
}

/// What one encoder produced; a class so containers mutate it in place
/// (no copy of a growing dictionary per field).
private final class Box {
    enum Kind { case keyed, unkeyed, single }
    var kind = Kind.keyed
    var fields = TemplateFields()
    var list: [TemplateValue] = []
    var single: TemplateValue = .text("")

    var value: TemplateValue {
        switch kind {
        case .keyed: return .object(fields)
        case .unkeyed: return .list(list)
        case .single: return single
        }
    }
}

private struct ContextEncoder: Encoder {
    let box = Box()
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        box.kind = .keyed
        return KeyedEncodingContainer(Keyed<Key>(box: box))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        box.kind = .unkeyed
        return Unkeyed(box: box)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        box.kind = .single
        return Single(box: box)
    }

    /// Encodes a nested value and returns what it became. The three special
    /// types are recognised by their metatype, not a dynamic cast (a cast of
    /// every nested value was ~5 % of encoding).
    static func encode<T: Encodable>(_ value: T) -> TemplateValue {
        // Strings tables pass through untouched (no re-encoding of every key).
        if T.self == [String: String].self { return .strings(unsafeBitCast(value, to: [String: String].self)) }
        if T.self == String.self { return .text(unsafeBitCast(value, to: String.self)) }
        if T.self == PageHTML.self { return .html(unsafeBitCast(value, to: PageHTML.self).bytes) }
        let encoder = ContextEncoder()
        try? value.encode(to: encoder)
        return encoder.box.value
    }

    private struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let box: Box
        var codingPath: [any CodingKey] { [] }

        mutating func encodeNil(forKey key: Key) {}
        mutating func encode(_ value: Bool, forKey key: Key) { box.fields.append(key.stringValue, .flag(value)) }
        mutating func encode(_ value: String, forKey key: Key) { box.fields.append(key.stringValue, .text(value)) }
        mutating func encode(_ value: Int, forKey key: Key) { box.fields.append(key.stringValue, .number(value)) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) { box.fields.append(key.stringValue, ContextEncoder.encode(value)) }

        // Synthesized conformances never nest containers; page models keep them.
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
            -> KeyedEncodingContainer<NestedKey> { KeyedEncodingContainer(Keyed<NestedKey>(box: Box())) }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { Unkeyed(box: Box()) }
        mutating func superEncoder() -> any Encoder { ContextEncoder() }
        mutating func superEncoder(forKey key: Key) -> any Encoder { ContextEncoder() }
    }

    private struct Unkeyed: UnkeyedEncodingContainer {
        let box: Box
        var codingPath: [any CodingKey] { [] }
        var count: Int { box.list.count }

        mutating func encodeNil() {}
        mutating func encode(_ value: Bool) { box.list.append(.flag(value)) }
        mutating func encode(_ value: String) { box.list.append(.text(value)) }
        mutating func encode(_ value: Int) { box.list.append(.number(value)) }
        mutating func encode<T: Encodable>(_ value: T) { box.list.append(ContextEncoder.encode(value)) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            KeyedEncodingContainer(Keyed<NestedKey>(box: Box()))
        }
        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { Unkeyed(box: Box()) }
        mutating func superEncoder() -> any Encoder { ContextEncoder() }
    }

    private struct Single: SingleValueEncodingContainer {
        let box: Box
        var codingPath: [any CodingKey] { [] }

        mutating func encodeNil() { box.single = .text("") }
        mutating func encode(_ value: Bool) { box.single = .flag(value) }
        mutating func encode(_ value: String) { box.single = .text(value) }
        mutating func encode(_ value: Int) { box.single = .number(value) }
        mutating func encode<T: Encodable>(_ value: T) { box.single = ContextEncoder.encode(value) }
    }
}
