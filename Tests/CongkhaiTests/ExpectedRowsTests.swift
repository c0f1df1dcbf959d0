import Foundation
import Testing
@testable import Congkhai

/// The guess the row-id set is sized from: close to the rows whatever their
/// length (a fixed 120 bytes a row was off by half for long or short rows).
@Suite struct ExpectedRowsTests {
    /// Files of `rows` lines of `width` bytes each; their paths and sizes.
    func files(_ shapes: [(rows: Int, width: Int)]) throws -> (paths: [String], sizes: [Int], root: String) {
        let root = NSTemporaryDirectory() + "congkhai-rows-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        var paths: [String] = [], sizes: [Int] = []
        for (i, shape) in shapes.enumerated() {
            let line = String(repeating: "x", count: shape.width - 1) + "\n"
            let text = String(repeating: line, count: shape.rows)
            let path = root + "/f\(i).csv"
            try text.write(toFile: path, atomically: false, encoding: .utf8)
            paths.append(path)
            sizes.append(text.utf8.count)
        }
        return (paths, sizes, root)
    }

    @Test func longAndShortRowsAreCountedNotAssumed() throws {
        for width in [48, 190, 400] {
            let f = try files([(30_000, width), (20_000, width)])
            defer { try? FileManager.default.removeItem(atPath: f.root) }
            let guess = ExpectedRows.estimate(paths: f.paths, sizes: f.sizes)
            #expect(abs(guess - 50_000) <= 500, "rows of \(width) bytes: guessed \(guess)")
        }
    }

    @Test func theSampleSpansTheListOfFiles() throws {
        // 40 files, the first half of short rows, the second of long ones:
        // files from both halves are sampled, so the guess is between.
        let f = try files(Array(repeating: (2_000, 60), count: 20) + Array(repeating: (2_000, 240), count: 20))
        defer { try? FileManager.default.removeItem(atPath: f.root) }
        let guess = ExpectedRows.estimate(paths: f.paths, sizes: f.sizes)
        #expect(guess > 80_000 / 2 && guess < 80_000 * 2, "guessed \(guess) for 80,000 rows")
    }

    @Test func noLinesNoFilesAndTheLimit() throws {
        #expect(ExpectedRows.estimate(paths: [], sizes: []) == 0)
        let f = try files([(1, 1_000)])  // one line: its own length
        defer { try? FileManager.default.removeItem(atPath: f.root) }
        #expect(ExpectedRows.estimate(paths: f.paths, sizes: f.sizes) == 1)
        // Unreadable files leave the fixed bytes a row; sizes are capped.
        #expect(ExpectedRows.estimate(paths: ["/nonexistent/a.csv"], sizes: [1_200]) == 10)
        #expect(ExpectedRows.estimate(paths: ["/nonexistent/a.csv"], sizes: [Int.max / 2]) == ExpectedRows.limit)
    }
}
