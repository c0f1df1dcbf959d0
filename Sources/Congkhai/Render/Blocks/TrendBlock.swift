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
