import Foundation
import Testing
@testable import Congkhai

/// `FileWalk.entries` lists folders a level at a time on every core and puts
/// the listings back together; this compares it with a plain depth-first
/// walk (the order the published fingerprints and build keys were made in),
/// and `SiteFingerprint.listing` with the text it was first written as.
@Suite struct FileWalkTests {
    /// Depth first, each folder's names sorted by their bytes, `lstat` per entry.
    static func reference(_ root: String, prefix: String = "", skip: (String) -> Bool = { _ in false }) -> [FileWalk.Entry]? {
        let dir = prefix.isEmpty ? root : root + "/" + prefix
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return nil }
        var out: [FileWalk.Entry] = []
        for name in names.sorted(by: { UTF8Order.precedes($0, $1) }) {
            let rel = prefix.isEmpty ? name : prefix + "/" + name
            if skip(rel) { continue }
            var st = stat()
            guard lstat(root + "/" + rel, &st) == 0 else { return nil }
            let mtime = Int(st.st_mtim.tv_sec) * 1_000_000_000 + Int(st.st_mtim.tv_nsec)
            let ctime = Int(st.st_ctim.tv_sec) * 1_000_000_000 + Int(st.st_ctim.tv_nsec)
            let kind: FileWalk.Kind
            switch st.st_mode & S_IFMT {
            case S_IFDIR:
                guard let inner = reference(root, prefix: rel, skip: skip) else { return nil }
                out += inner
                continue
            case S_IFREG: kind = .file
            case S_IFLNK: kind = .link
            default: kind = .other
            }
            out.append(FileWalk.Entry(path: rel, kind: kind, size: Int(st.st_size), mtime: mtime, inode: UInt64(st.st_ino), ctime: ctime))
        }
        return out
    }

    static func same(_ a: [FileWalk.Entry], _ b: [FileWalk.Entry]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy {
            $0.path == $1.path && $0.kind == $1.kind && $0.size == $1.size && $0.mtime == $1.mtime && $0.ctime == $1.ctime
                && $0.inode == $1.inode
        }
    }

    @Test func aTreeListedLevelByLevelComesBackInDepthFirstOrder() throws {
        let root = NSTemporaryDirectory() + "congkhai-walk-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        let fm = FileManager.default
        var rng = SplitMix(seed: 0xF11E_3A1C)
        // Folders of several depths and widths, names that sort differently
        // as bytes and as text (capitals, Vietnamese, digits), files beside
        // folders that sort before and after them, empty folders, links.
        var folders = [""]
        for i in 0..<60 {
            let parent = folders[Int(rng.next() % UInt64(folders.count))]
            let name = ["a", "B", "ă", "z", "10", "9", "đ-\(i)", "x.y"][Int(rng.next() % 8)] + "\(i)"
            let path = parent.isEmpty ? name : parent + "/" + name
            try fm.createDirectory(atPath: root + "/" + path, withIntermediateDirectories: true)
            folders.append(path)
        }
        for i in 0..<400 {
            let folder = folders[Int(rng.next() % UInt64(folders.count))]
            let name = ["index.html", "Ảnh-\(i).png", "a\(i)", "z\(i).json", "\(i)"][Int(rng.next() % 5)]
            let path = (folder.isEmpty ? "" : folder + "/") + name
            try Data(repeating: UInt8(i % 251), count: i % 37).write(to: URL(fileURLWithPath: root + "/" + path))
        }
        try fm.createSymbolicLink(atPath: root + "/" + folders[5] + "/link", withDestinationPath: "../elsewhere")
        let walked = try #require(FileWalk.entries(under: root))
        let expected = try #require(FileWalkTests.reference(root))
        #expect(walked.count > 300 && walked.contains { $0.kind == .link })
        #expect(FileWalkTests.same(walked, expected))
        // A skipped folder is not entered; a skipped file not listed.
        let skipped = folders[3]
        let skip: @Sendable (String) -> Bool = { $0 == skipped || $0.hasSuffix(".json") }
        let partial = try #require(FileWalk.entries(under: root, skipping: skip))
        #expect(FileWalkTests.same(partial, try #require(FileWalkTests.reference(root, skip: skip))))
        #expect(partial.count < walked.count && !partial.contains { $0.path.hasPrefix(skipped + "/") || $0.path.hasSuffix(".json") })
        #expect(FileWalk.entries(under: root + "/missing") == nil)

        // The same entries from the list of its files, in any order, each
        // `lstat`ed (`SiteFingerprint.listed`); a missing file or a folder
        // in the list gives nil, a file left out is missing from the result.
        var files = walked.map(\.path)
        for i in files.indices.reversed() { files.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
        #expect(FileWalkTests.same(try #require(FileWalk.entries(under: root, listing: files)), walked))
        #expect(FileWalk.entries(under: root, listing: files + ["nowhere.html"]) == nil)
        #expect(FileWalk.entries(under: root, listing: files + [folders[4]]) == nil)
        let fewer = try #require(FileWalk.entries(under: root, listing: Array(files.dropFirst())))
        #expect(fewer.count == walked.count - 1 && !fewer.contains { $0.path == files[0] })

        // A build sorts its files while the site is swapped in, then puts
        // the placeholders written by the swap in their places: the same
        // entries as the whole list sorted at once.
        let (some, rest) = (Array(files.prefix(3)), Array(files.dropFirst(3)))
        let merged = FileWalk.merging(some, into: rest.sorted(by: FileWalk.walkPrecedes))
        #expect(merged == files.sorted(by: FileWalk.walkPrecedes))
        #expect(FileWalkTests.same(try #require(FileWalk.entries(under: root, walkOrdered: merged)), walked))
        #expect(FileWalk.merging(["0", "zz", "a/b"], into: []) == ["0", "a/b", "zz"])
    }

    /// The walk's order on whole paths puts a folder's entries where its name
    /// sorts: `a/b` before `a-c` and `a.c` (a plain byte order puts `-` and
    /// `.` before `/`), names compared by their bytes (`Z` before `a`, `a`
    /// before `ă`), a name before its longer sibling.
    @Test func theWalksOrderOnWholePaths() {
        let order = ["Z", "a/b", "a/b/c", "a/bc", "a-c", "a.c", "ab", "ă/x", "ăa"]
        for (i, a) in order.enumerated() {
            for (j, b) in order.enumerated() {
                #expect(FileWalk.walkPrecedes(a, b) == (i < j), "\(a) before \(b)")
            }
        }
    }

    /// The word-at-a-time comparison against its definition, byte by byte,
    /// on paths that differ anywhere in their first 24 bytes (within and
    /// across eight-byte words), at `/` or not, or are prefixes of each other.
    @Test func theWalksOrderMatchesItsDefinitionByteByByte() {
        func byBytes(_ a: String, _ b: String) -> Bool {
            let x = Array(a.utf8), y = Array(b.utf8)
            for i in 0..<min(x.count, y.count) where x[i] != y[i] {
                if x[i] == UInt8(ascii: "/") { return true }
                if y[i] == UInt8(ascii: "/") { return false }
                return x[i] < y[i]
            }
            return x.count < y.count
        }
        var generator = SystemRandomNumberGenerator()
        let alphabet = ["a", "b", "/", "-", ".", "ă", "Z"]
        var paths: [String] = []
        for _ in 0..<400 {
            let length = Int.random(in: 0...24, using: &generator)
            paths.append(String((0..<length).map { _ in alphabet.randomElement(using: &generator) ?? "a" }.joined().prefix(length)))
        }
        // Long shared prefixes, as a site's paths have.
        let stem = "dia-phuong/xa-an-binh-12/"
        paths += paths.prefix(100).map { stem + $0 } + [stem, stem + "a", String(stem.dropLast()) + "-"]
        for a in paths {
            for b in paths.prefix(120) {
                #expect(FileWalk.walkPrecedes(a, b) == byBytes(a, b), "\(a) against \(b)")
            }
        }
    }

    @Test func theFingerprintTextIsTheOneFirstPublished() {
        let entries = [
            FileWalk.Entry(path: "index.html", kind: .file, size: 1234, mtime: 1_764_806_400_123_456_789, inode: 42, ctime: 1_764_806_400_987_654_321),
            FileWalk.Entry(path: "dia-phuong/xã-ân-bình/feed.xml", kind: .link, size: 0, mtime: -5, inode: .max, ctime: 0),
            FileWalk.Entry(path: "x", kind: .other, size: Int.max, mtime: Int.min + 1, inode: 0, ctime: 7),
        ]
        var text = ""
        for e in entries {
            text += "\(e.path.utf8.count):\(e.path) \(e.kind.rawValue) \(e.size) \(e.mtime) \(e.ctime) \(e.inode)\n"
        }
        #expect(SiteFingerprint.listing(entries) == Array(text.utf8))
    }
}
