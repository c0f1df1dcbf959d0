/// Horizontal bars as an HTML list: each label is page text (wraps on a
/// phone, never truncated), the value is written next to it, and the bar is
/// an empty span sized by a width class (`w0`…`w100`, the CSP allows no
/// inline style) and coloured by a tone class (`band-bg-N` from the
/// framework's colours, `tone-neutral`, `tone-accent`). Replaces label-in-SVG
/// charts whose text shrank and was cut at 360 px, at a fifth of the bytes.
struct BarList: Encodable, Sendable {
    struct Item: Encodable, Sendable {
        var label: String
        var value: String
        /// 0…100 (percent of the widest bar).
        var width: Int
        /// CSS class of the bar's colour.
        var tone: String
    }

    var title: String
    var items: [Item]

    /// Bars scaled to `max` (the largest value when nil).
    init(title: String, _ rows: [(label: String, value: Rational, text: String, tone: String)], max: Rational? = nil) {
        self.title = title
        let top = max ?? rows.map(\.value).max() ?? .zero
        items = rows.map { r in
            let w = top > .zero ? (r.value * 100 / top).roundedInt : 0
            return Item(label: r.label, value: r.text, width: Swift.max(r.value > .zero ? 1 : 0, Swift.min(100, w)), tone: r.tone)
        }
    }
}

extension BarList: TemplateRepresentable {
    func fields(into f: inout TemplateTree) { f.put("title", title); f.put("items", items) }
}

extension BarList.Item: TemplateRepresentable {
    func fields(into f: inout TemplateTree) {
        f.put("label", label); f.put("value", value); f.put("width", width); f.put("tone", tone)
    }
}
