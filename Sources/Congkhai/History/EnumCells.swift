/// An enum's raw values as cells (`ExportLine.cells`), encoded once
/// and kept as two words each: four of a row's cells are enum values, each
/// scanned for quotes and formula characters it can never hold (~a sixth
/// of the export's line writing, fifty-seventh session), now one store of
/// sixteen bytes (`ExportLine.sixteen`).
struct EnumCells<Value: CaseIterable & Equatable & RawRepresentable & Sendable>: Sendable where Value.RawValue == String {
    private struct Cell: Sendable {
        var w0: UInt64, w1: UInt64, count: Int
        init(words: (UInt64, UInt64), count: Int) { (w0, w1, self.count) = (words.0, words.1, count) }
    }

    private let cases: [Value]
    /// Nil for a cell longer than sixteen bytes (written as `cell` writes it).
    private let cells: [Cell?]

    init() {
        cases = Array(Value.allCases)
        let table = ExportLine.cells(cases.map(\.rawValue), text: false)
        cells = cases.indices.map { i in
            table.withBytes(i) { bytes in bytes.count <= 16 ? Cell(words: bytes.leadingWords, count: bytes.count) : nil }
        }
    }

    /// `value`'s cell onto `line`, whose bound holds sixteen bytes for it
    /// (`ExportLine.fixedBound`).
    @inline(__always)
    func write(_ value: Value, into line: inout ExportLine) {
        guard let i = cases.firstIndex(of: value), let cell = cells[i] else { return line.cell(value.rawValue, text: false) }
        line.sixteen(cell.w0, cell.w1, count: cell.count)
    }
}
