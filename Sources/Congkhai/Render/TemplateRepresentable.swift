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
/// A page's own model is followed by two fields more than it lists: `t`
/// and `root` (`TemplateTree.page`).
protocol TemplateRepresentable: Encodable {
    /// Writes the model's fields, in order, into the object being written.
    func fields(into tree: inout TemplateTree)
}

extension TemplateRepresentable {
    /// The model as a value: written into a tree and read back (what the
    /// tests compare with the adapter's value of the same model).
    var templateValue: TemplateValue {
        var tree = TemplateTree()
        let node = tree.object(self)
        return tree.value(node)
    }
}
