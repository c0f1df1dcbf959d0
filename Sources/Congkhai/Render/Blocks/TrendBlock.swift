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
    var templateValue: TemplateValue {
        var f = TemplateFields(capacity: 3)
        f.put("title", title); f.put("chart", chart); f.put("rows", rows)
        return .object(f)
    }
}

extension TrendBlock.Point: TemplateRepresentable {
    var templateValue: TemplateValue { .object(["date": date.templateValue, "value": .text(value)]) }
}
