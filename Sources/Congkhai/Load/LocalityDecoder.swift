import Foundation

enum LocalityDecoder {
    static let fields = ["name", "kind", "context", "population", "norm_adjustments", "indicators", "description",
                         "parent", "address", "website"]
    static let adjustmentFields = ["product", "factor", "reason", "approved_by", "decision", "approved_on"]
    static let indicatorFields = ["id", "name", "unit", "baseline", "target", "actual", "direction", "source"]

    static func decode(_ root: YAMLValue, id: String, file: String, log: DiagnosticLog) -> Locality? {
        guard let f = YAMLFields(root, known: fields, file: file, log: log, what: "a locality file") else { return nil }
        let name = f.string("name", required: true)
        let kind = f.enumeration("kind", Locality.Kind.self, required: true)
        let context = f.enumeration("context", Locality.Context.self, required: true)
        let population = f.integer("population")
        if let population, population < 0, let v = f.value("population") { f.error(v, "population must not be negative") }

        var adjustments: [NormAdjustment] = []
        var seenProducts: Set<String> = []
        for item in f.list("norm_adjustments") ?? [] {
            guard let a = YAMLFields(item, known: adjustmentFields, file: file, log: log,
                                     what: "a norm adjustment") else { continue }
            let product = a.id("product", required: true)
            let factor = a.number("factor", required: true)
            if let factor, factor <= 0, let v = a.value("factor") { a.error(v, "factor must be greater than 0") }
            let approvedBy = a.string("approved_by") ?? ""
            let decision = a.string("decision") ?? ""
            if Whitespace.isBlank(approvedBy) || Whitespace.isBlank(decision) {
                a.log.error(file, a.line, a.column,
                            "norm adjustment\(product.map { " for \"\($0)\"" } ?? "") needs approved_by and decision: local norms need approval from the level above")
            }
            let approvedOn = a.day("approved_on")
            guard let product, let factor, factor > 0 else { continue }
            if !seenProducts.insert(product).inserted {
                a.log.error(file, a.line, a.column, "a second norm adjustment for product \"\(product)\" in the same locality")
                continue
            }
            adjustments.append(NormAdjustment(product: product, factor: factor, reason: a.string("reason") ?? "",
                                              approvedBy: approvedBy, decision: decision, approvedOn: approvedOn,
                                              line: a.line))
        }

        var indicators: [Indicator] = []
        var seenIndicators: Set<String> = []
        for item in f.list("indicators") ?? [] {
            guard let i = YAMLFields(item, known: indicatorFields, file: file, log: log, what: "an indicator") else { continue }
            let iid = i.id("id", required: true)
            let iname = i.string("name", required: true)
            let baseline = i.number("baseline", required: true)
            let target = i.number("target", required: true)
            let actual = i.number("actual")
            let direction = i.enumeration("direction", Indicator.Direction.self) ?? .higher
            guard let iid, let iname, let baseline, let target else { continue }
            if !seenIndicators.insert(iid).inserted {
                i.log.error(file, i.line, i.column, "duplicate indicator id \"\(iid)\"")
                continue
            }
            indicators.append(Indicator(id: iid, name: iname, unit: i.string("unit") ?? "", baseline: baseline,
                                        target: target, actual: actual, direction: direction))
        }
        guard let name, let kind, let context else { return nil }
        return Locality(id: id, name: name, kind: kind, context: context, population: population,
                        normAdjustments: adjustments, indicators: indicators, file: file)
    }
}
