/// Targets are part of the content contract, so every stage reads them the same way.
extension Province {
    /// The target a commitment is measured against: `target`, else the catalog
    /// norm times the locality's factor approved on or before D (1 otherwise).
    public func effectiveTarget(of c: Commitment, locality: Locality?, asOf: Day) -> Rational? {
        Province.effectiveTarget(of: c, products: products, locality: locality, asOf: asOf)
    }

    /// The same before a province exists (validation).
    public static func effectiveTarget(of c: Commitment, products: [String: Product], locality: Locality?, asOf: Day) -> Rational? {
        if let t = c.target { return t }
        guard let pid = c.product, let product = products[pid] else { return nil }
        var factor = Rational.one
        if let adj = locality?.normAdjustments.first(where: { $0.product == pid }), adj.approvedOn.map({ $0 <= asOf }) ?? true {
            factor = adj.factor
        }
        return product.norm * factor
    }
}
