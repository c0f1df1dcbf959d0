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

    /// A small line of totals over time (0–100), labelled at both ends; the
    /// page shows the same values in a table for screen readers.
    static func line(_ points: [(label: String, value: Double, text: String)], title: String) -> String {
        let width = 320, height = 120, left = 30, right = 10, top = 10, bottom = 24
        let plotW = width - left - right, plotH = height - top - bottom
        var svg = "<svg class=\"chart trend\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(HTML.escape(title))\">"
        svg += "<title>\(HTML.escape(title))</title>"
        for v in [0, 50, 100] {
            let y = top + plotH - plotH * v / 100
            svg += "<line x1=\"\(left)\" y1=\"\(y)\" x2=\"\(width - right)\" y2=\"\(y)\" stroke=\"#cccccc\"/>"
            svg += "<text x=\"0\" y=\"\(y + 4)\">\(v)</text>"
        }
        func x(_ i: Int) -> Int { points.count <= 1 ? left + plotW / 2 : left + plotW * i / (points.count - 1) }
        func y(_ v: Double) -> Int { top + plotH - Int((Double(plotH) * min(100, max(0, v)) / 100).rounded()) }
        if points.count > 1 {
            let path = points.enumerated().map { "\(x($0.offset)),\(y($0.element.value))" }.joined(separator: " ")
            svg += "<polyline fill=\"none\" stroke=\"#0b4f8a\" stroke-width=\"2\" points=\"\(path)\"/>"
        }
        for (i, p) in points.enumerated() {
            svg += "<circle cx=\"\(x(i))\" cy=\"\(y(p.value))\" r=\"3\" fill=\"#0b4f8a\"/>"
        }
        if let first = points.first {
            svg += "<text x=\"\(left)\" y=\"\(height - 6)\">\(HTML.escape(first.label))</text>"
        }
        if points.count > 1, let last = points.last {
            svg += "<text x=\"\(width - right)\" y=\"\(height - 6)\" text-anchor=\"end\">\(HTML.escape(last.label))</text>"
        }
        return svg + "</svg>"
    }
}
