/// Published totals over the last twelve months: a small line chart and
/// the same values as a table.
struct TrendBlock: Encodable, Sendable {
    struct Point: Encodable, Sendable {
        var date: DateText
        var value: String
    }

    var title: String
    var chart: String
    var rows: [Point]
}

extension TrendBlock: TemplateRepresentable {
    func fields(into f: inout TemplateTree) {
        f.put("title", title); f.put("chart", chart); f.put("rows", rows)
    }
}

extension TrendBlock.Point: TemplateRepresentable {
    func fields(into f: inout TemplateTree) { f.put("date", date); f.put("value", value) }
}
