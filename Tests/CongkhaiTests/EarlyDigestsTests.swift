import Foundation
import Testing
@testable import Congkhai

/// `EarlyDigests` takes, on its own thread, the digests a first build's key
/// would otherwise take after scoring: each file's own, a missing file none
/// (the key's own read then finds it missing), and a build stopped early
/// stops the thread with whatever was hashed, every digest still right.
@Suite struct EarlyDigestsTests {
    static func folder(_ count: Int) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("early-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir + "/static", withIntermediateDirectories: true)
        for i in 0..<count {
            try Data((0..<(i * 37 % 900)).map { UInt8(truncatingIfNeeded: $0 &* i) }).write(to: URL(fileURLWithPath: dir + "/static/f\(i).pdf"))
        }
        return dir
    }

    @Test func eachFileGetsItsOwnDigestAndAMissingOneNone() throws {
        let dir = try EarlyDigestsTests.folder(60)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let paths = (0..<60).map { "static/f\($0).pdf" } + ["static/missing.pdf"]
        let digests = EarlyDigests(root: dir, paths: paths).value
        #expect(digests.count == 60)
        for i in 0..<60 {
            #expect(digests["static/f\(i).pdf"] == SHA256.hex(fileAt: dir + "/static/f\(i).pdf"))
        }
        #expect(digests["static/missing.pdf"] == nil)
        #expect(Set(digests.values).count == 60)
    }

    @Test func stoppingEndsTheThreadWithRightDigests() throws {
        let dir = try EarlyDigestsTests.folder(300)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let paths = (0..<20).flatMap { _ in (0..<300).map { "static/f\($0).pdf" } }
        let early = EarlyDigests(root: dir, paths: paths)
        early.stop()
        let digests = early.value
        #expect(digests.count <= 300)
        for (path, digest) in digests { #expect(digest == SHA256.hex(fileAt: dir + "/" + path)) }
        early.stop()  // a second stop returns too
    }

    /// A FIFO where a listed file was is left out without blocking: the
    /// thread would otherwise wait for a writer, and a build stopped by a
    /// content error waits for the thread.
    @Test(.timeLimit(.minutes(1))) func aFIFOIsLeftOutWithoutBlocking() throws {
        let dir = try EarlyDigestsTests.folder(3)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(mkfifo(dir + "/static/pipe.pdf", 0o600) == 0)
        let early = EarlyDigests(root: dir, paths: ["static/f1.pdf", "static/pipe.pdf", "static/f2.pdf"])
        let digests = early.value
        #expect(digests["static/pipe.pdf"] == nil)
        #expect(digests["static/f1.pdf"] == SHA256.hex(fileAt: dir + "/static/f1.pdf"))
        #expect(digests["static/f2.pdf"] == SHA256.hex(fileAt: dir + "/static/f2.pdf"))
        early.stop()
    }

    @Test func onlyStaticFilesAreLeftUnread() {
        #expect(EarlyDigests.isUnread("static/minh-chung/a.pdf"))
        #expect(!EarlyDigests.isUnread("officials/xa-a/nguyen-van-a.md"))
        #expect(!EarlyDigests.isUnread("feedback/2026-q1.csv"))
        #expect(!EarlyDigests.isUnread("site.yaml"))
    }
}
