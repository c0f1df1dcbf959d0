/// A standard product (sản phẩm/công việc chuẩn) with its per-period norm.
public struct Product: Sendable {
    public var id: String
    public var name: String
    public var unit: String
    public var norm: Rational

    public init(id: String, name: String, unit: String, norm: Rational) {
        self.id = id
        self.name = name
        self.unit = unit
        self.norm = norm
    }
}
