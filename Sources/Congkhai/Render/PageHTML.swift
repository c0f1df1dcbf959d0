/// A page's rendered body on its way into the layout: the bytes its template
/// produced, handed to `{{{content}}}` as they are. Decoding them into a
/// `String` and encoding them back (~6 % of rendering) bought nothing.
/// A template tree keeps the buffer as it is (`TemplateTree.put(_:_:)`).
struct PageHTML: Encodable, Sendable {
    var bytes: [UInt8]

    /// As the text it is (the render cache's key encodes models as JSON).
    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(String(decoding: bytes, as: UTF8.self))
    }
}
