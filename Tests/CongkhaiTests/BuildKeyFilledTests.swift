import Testing
@testable import Congkhai

/// `BuildKey.Partial.filled` hashes the files the loader did not read on
/// every core: each deferred file must get its own digest, in its own
/// place, the kept-deferred ones none, and a file that cannot be read must
/// leave no key at all.
@Suite struct BuildKeyFilledTests {
    static func partial(_ count: Int) -> BuildKey.Partial {
        let files = (0..<count).map { i -> (path: String, digest: String?, prefix: String) in
            let path = i % 5 == 0 ? "feedback/f\(i).csv" : "static/s\(i).pdf"
            return (path, i % 7 == 0 ? "known\(i)" : nil, "file \(path) ")
        }
        return BuildKey.Partial(lines: ["header"], files: files, root: "/nowhere")
    }

    @Test func everyDeferredFileGetsItsOwnDigest() {
        let p = BuildKeyFilledTests.partial(3_000)
        let filled = p.filled({ "digest of " + $0 }, keepDeferred: { $0.hasPrefix("feedback/") })
        #expect(filled != nil)
        guard let filled else { return }
        for (before, after) in zip(p.files, filled.files) {
            #expect(after.path == before.path && after.prefix == before.prefix)
            if let known = before.digest {
                #expect(after.digest == known)
            } else if before.path.hasPrefix("feedback/") {
                #expect(after.digest == nil)
            } else {
                #expect(after.digest == "digest of " + before.path)
            }
        }
    }

    @Test func anUnreadableFileLeavesNoKey() {
        let p = BuildKeyFilledTests.partial(500)
        #expect(p.filled({ $0 == "static/s499.pdf" ? nil : "d" }, keepDeferred: { _ in false }) == nil)
        // The same file kept deferred is not asked for.
        #expect(p.filled({ $0 == "static/s499.pdf" ? nil : "d" }, keepDeferred: { $0 == "static/s499.pdf" }) != nil)
    }
}
