import Foundation

enum CatalogDecoder {
    static func decode(_ root: YAMLValue, file: String, log: DiagnosticLog) -> [String: Product] {
        guard let f = YAMLFields(root, known: ["products"], file: file, log: log, what: "catalog.yaml") else { return [:] }
        var products: [String: Product] = [:]
        for item in f.list("products") ?? [] {
            guard let p = YAMLFields(item, known: ["id", "name", "unit", "norm", "description"], file: file, log: log,
                                     what: "a product") else { continue }
            let id = p.id("id", required: true)
            let name = p.string("name", required: true)
            let unit = p.string("unit") ?? ""
            let norm = p.number("norm", required: true)
            if let norm, norm <= 0, let v = p.value("norm") { p.error(v, "norm must be greater than 0") }
            guard let id, let name, let norm, norm > 0 else { continue }
            if products[id] != nil, let v = p.value("id") {
                p.error(v, "duplicate product id \"\(id)\"")
                continue
            }
            products[id] = Product(id: id, name: name, unit: unit, norm: norm)
        }
        return products
    }
}
