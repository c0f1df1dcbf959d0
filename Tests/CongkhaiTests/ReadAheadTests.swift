import Foundation
import Testing
@testable import Congkhai

/// `ReadAhead` only advises: files read after it read the same, a missing
/// one is skipped, and a FIFO where a file was listed does not block it
/// (opened without `O_NONBLOCK`, this test would hang until its reader came).
@Suite struct ReadAheadTests {
    @Test func advisingChangesNothingAndNeverBlocks() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("readahead-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let bytes = Data((0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        try bytes.write(to: URL(fileURLWithPath: dir + "/a.pdf"))
        #expect(mkfifo(dir + "/pipe", 0o600) == 0)
        ReadAhead.files(["a.pdf", "missing.pdf", "pipe"], root: dir)
        #expect(FileManager.default.contents(atPath: dir + "/a.pdf") == bytes)
    }
}
