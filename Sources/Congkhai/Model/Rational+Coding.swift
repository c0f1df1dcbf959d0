import BigInt

/// An exact number in `ByteWriter`'s form, for the files congkhai keeps
/// beside a site (the feedback cache's sums, the parsed officials' targets
/// and progress): a tag, then numerator and denominator as varints when
/// they fit a machine word, else as decimal text. Read back reduced, as
/// every `Rational` is.
extension Rational {
    func encode(into w: inout ByteWriter) {
        switch storage {
        case let .small(n, d):
            w.int(0); w.int(Int(n)); w.int(Int(d))
        case let .medium(n, d):
            w.int(1); w.string(String(n)); w.string(String(d))
        case let .big(n, d):
            w.int(1); w.string(String(n)); w.string(String(d))
        }
    }

    static func decode(_ r: inout ByteReader) throws -> Rational {
        switch try r.int() {
        case 0:
            let n = try r.int(), d = try r.int()
            guard d != 0 else { throw ByteReader.Malformed() }
            return Rational.reduced(Int128(n), Int128(d))
        case 1:
            guard let n = BigInt(try r.string()), let d = BigInt(try r.string()), !d.isZero else { throw ByteReader.Malformed() }
            return Rational.reduced(n, d)
        default:
            throw ByteReader.Malformed()
        }
    }
}
