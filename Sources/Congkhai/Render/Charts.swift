/// Inline SVG bar charts. Each chart is an image with a text label; the
/// page always carries the same numbers in a table, and bars carry their
/// value as text, so nothing is shown by colour alone.
enum Charts {
    struct Bar {
        var label: String
        var value: Double
        var valueText: String
        /// The band colour it stands for (`BandColours`), so bars match the band tags.
        var fill: String
    }

    /// Horizontal bars scaled to `maxValue`.
    static func horizontal(_ bars: [Bar], maxValue: Double, title: String) -> String {
        let rowHeight = 22, labelWidth = 190, barWidth = 120, width = labelWidth + barWidth + 60
        let height = max(1, bars.count) * rowHeight + 8
        var svg = "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(HTML.escape(title))\">"
        svg += "<title>\(HTML.escape(title))</title>"
        for (i, bar) in bars.enumerated() {
            let y = 4 + i * rowHeight
            let w = maxValue > 0 ? Int((Double(barWidth) * min(1, max(0, bar.value / maxValue))).rounded()) : 0
            let label = bar.label.count > 25 ? String(bar.label.prefix(24)) + "…" : bar.label
            svg += "<text x=\"0\" y=\"\(y + 16)\">\(HTML.escape(label))</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(max(w, 1))\" height=\"16\" fill=\"\(HTML.escape(bar.fill))\"/>"
            svg += "<text x=\"\(labelWidth + max(w, 1) + 6)\" y=\"\(y + 16)\">\(HTML.escape(bar.valueText))</text>"
        }
        return svg + "</svg>"
    }
}
