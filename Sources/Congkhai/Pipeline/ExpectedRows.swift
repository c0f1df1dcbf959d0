import Foundation

/// How many rows the feedback exports hold, guessed before they are read:
/// the row-id set is sized from it once (`RowIDSet.reserve`), because
/// growing that set reads every id it has spooled back from disk.
///
/// The guess divides the exports' bytes by the bytes a line takes in a
/// sample — the first `sampleBytes` of up to `sampleFiles` files spread
/// over the list — instead of by a fixed 120 bytes a row. Rows are 135–190
/// bytes in the trees measured, longer with long ids or many comments: a
/// tree of 16 million rows with 32-byte respondent ids (3.1 GB) was taken
/// for 26 million, and the id set's slots doubled to 512 MB at the ingest's
/// peak (BENCHMARKS.md, thirty-second session); exports of short rows were
/// guessed low and grew the set as they went. A wrong guess costs memory or
/// one growth, never a wrong answer.
enum ExpectedRows {
    static let sampleBytes = 1 << 20
    static let sampleFiles = 16
    /// Bytes a row when no sample has a line break (a one-line file).
    static let fallbackRowBytes = 120
    /// No more is reserved, whatever the files claim.
    static let limit = 50_000_000

    /// `sizes`: each path's size in bytes.
    static func estimate(paths: [String], sizes: [Int]) -> Int {
        let total = sizes.reduce(0, +)
        guard total > 0 else { return 0 }
        var sampled = 0, lines = 0
        let step = max(1, (paths.count + sampleFiles - 1) / sampleFiles)
        var buffer = [UInt8](repeating: 0, count: sampleBytes)
        for i in stride(from: 0, to: paths.count, by: step) {
            let fd = open(paths[i], O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { continue }
            defer { close(fd) }
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, sampleBytes, 0) }
            guard n > 0 else { continue }
            sampled += n
            lines += buffer.prefix(n).reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        }
        let rowBytes = lines > 0 ? max(1, sampled / lines) : fallbackRowBytes
        return min(limit, total / rowBytes)
    }
}
