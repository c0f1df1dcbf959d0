/// Horizontal bars as an HTML list: each label is page text (wraps on a
/// phone, never truncated), the value is written next to it, and the bar is
/// a tiny SVG scaled to 0–100. Replaces label-in-SVG charts whose text
/// shrank and was cut at 360 px.
struct BarList: Encodable, Sendable {
    struct Item: Encodable, Sendable {
        var label: String
        var value: String
        /// 0…100, the rect's width in the 100-wide viewBox.
        var width: Int
        var fill: String
    }

    var title: String
    var items: [Item]

    /// Bars scaled to `max` (the largest value when nil).
    init(title: String, _ rows: [(label: String, value: Rational, text: String, fill: String)], max: Rational? = nil) {
        self.title = title
        let top = max ?? rows.map(\.value).max() ?? .zero
        items = rows.map { r in
            let w = top > .zero ? (r.value * 100 / top).roundedInt : 0
            return Item(label: r.label, value: r.text, width: Swift.max(r.value > .zero ? 1 : 0, Swift.min(100, w)), fill: r.fill)
        }
    }
}
