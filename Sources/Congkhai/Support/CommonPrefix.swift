import Foundation

/// How many leading bytes two byte strings share: 4 KB blocks by `memcmp`,
/// then byte by byte inside the first block that differs. The ledger's
/// comparison asks this of every published feedback file against what the
/// build publishes (decision 82): gigabytes nationally, mostly equal.
enum CommonPrefix {
    static func length(_ a: [UInt8], _ b: [UInt8]) -> Int {
        a.withUnsafeBytes { x in b.withUnsafeBytes { y in length(x, y) } }
    }

    static func length(_ x: UnsafeRawBufferPointer, _ y: UnsafeRawBufferPointer) -> Int {
        guard let p = x.baseAddress, let q = y.baseAddress else { return 0 }
        var lo = 0
        let hi = min(x.count, y.count)
        let block = 4096
        while lo + block <= hi, memcmp(p + lo, q + lo, block) == 0 { lo += block }
        while lo < hi, x[lo] == y[lo] { lo += 1 }
        return lo
    }
}
