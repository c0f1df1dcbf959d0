import Foundation

/// The order of strings by their UTF-8 bytes — the order every published
/// list of ids, keys and paths uses (it does not depend on locale or
/// Unicode normalisation). `UTF8Order.precedes(a, b)` gives
/// the same answer through a generic iterator a byte at a time; sorting a
/// national tree's comments by id spent ~2 % of a build in it.
enum UTF8Order {
    @inline(__always)
    static func precedes(_ a: String, _ b: String) -> Bool {
        // Borrowed views (no copy of either string, so no retain); a string
        // without contiguous UTF-8 (bridged from Foundation) goes the slow way.
        let answer = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y -> Bool in
                let n = min(x.count, y.count)
                if n > 0, let px = x.baseAddress, let py = y.baseAddress {
                    let c = memcmp(px, py, n)
                    if c != 0 { return c < 0 }
                }
                return x.count < y.count
            }
        }
        if let answer, let answer { return answer }
        return a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}
