/// A page model or block that builds its own template value.
///
/// Through `TemplateContext`'s `Encodable` adapter every nested value costs a
/// generic container, its metadata lookups and a box: ~19 % of the page
/// stage (perf, 4,802-official tree). The models on every page (the layout)
/// and on the pages a country has thousands of (officials, localities,
/// their notices, changes and data files) list their fields here instead —
/// in declaration order, nil optionals left out, exactly what the adapter
/// makes of their synthesized `Encodable`, which stays for the render
/// cache's key and as the reference `TemplateEngineTests` compares every
/// demo page with. The province-wide pages keep the adapter alone.
/// A page's own model reserves two fields more than it lists: `t` and
/// `root` are appended to it (`TemplateContext.make`).
protocol TemplateRepresentable: Encodable {
    var templateValue: TemplateValue { get }
}

extension TemplateFields {
    init(capacity: Int) {
        self.init()
        reserve(capacity)
    }

    /// The adapter's rules: text, number, flag; nil left out; arrays as lists.
    mutating func put(_ name: String, _ v: String) { append(name, .text(v)) }
    mutating func put(_ name: String, _ v: String?) { if let v { append(name, .text(v)) } }
    mutating func put(_ name: String, _ v: Bool) { append(name, .flag(v)) }
    mutating func put(_ name: String, _ v: Int) { append(name, .number(v)) }
    mutating func put(_ name: String, _ v: Int?) { if let v { append(name, .number(v)) } }
    mutating func put(_ name: String, _ v: [String]) { append(name, .list(v.map { .text($0) })) }
    mutating func put<T: TemplateRepresentable>(_ name: String, _ v: T) { append(name, v.templateValue) }
    mutating func put<T: TemplateRepresentable>(_ name: String, _ v: T?) { if let v { append(name, v.templateValue) } }
    mutating func put<T: TemplateRepresentable>(_ name: String, _ v: [T]) { append(name, .list(v.map(\.templateValue))) }
}
