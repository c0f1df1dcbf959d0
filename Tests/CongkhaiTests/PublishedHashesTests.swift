import Foundation
import Testing
@testable import Congkhai

/// A rebuild decides which files to hard-link from the published manifest's
/// hashes only while the published folder is exactly as the last build left
/// it (decision 91); otherwise it reads the published files back.
@Suite struct PublishedHashesTests {
    /// Every output the demo's manifest lists is found with its hash, and
    /// with no other; a path written with an escape is left out.
    @Test func readsEveryOutputOfAManifest() throws {
        let site = try SiteBuildTests.site()
        let bytes = try #require(site.files["data/manifest.json"])
        let table = try #require(PublishedHashes.parse(manifest: bytes))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        let outputs = try #require(json["outputs"] as? [String: String])
        #expect(outputs.count > 300 && table.count == outputs.count)
        for (path, hex) in outputs {
            #expect(table.matches(path: path, hex: hex), "\(path)")
            #expect(!table.matches(path: path, hex: String(hex.reversed())))
            #expect(!table.matches(path: path + "x", hex: hex))
        }
        // Inputs are not outputs.
        let inputs = try #require(json["inputs"] as? [String: String])
        #expect(inputs.allSatisfy { !table.matches(path: $0.key, hex: $0.value) })
        let odd = Array("{\n  \"outputs\": {\n    \"a\\\"b.html\": \"\(String(repeating: "ab", count: 32))\",\n    \"c.html\": \"\(String(repeating: "0f", count: 32))\"\n  }\n}\n".utf8)
        let t = try #require(PublishedHashes.parse(manifest: odd))
        #expect(t.count == 1 && t.matches(path: "c.html", hex: String(repeating: "0f", count: 32)))
        // Cut short (no closing brace): not trusted at all.
        #expect(PublishedHashes.parse(manifest: Array(bytes.prefix(bytes.count / 2))) == nil)
    }

    /// A rebuild on another day over an untouched site links unchanged
    /// files from the manifest's word (it is trusted, and inodes are kept);
    /// a file edited in place since — same size, its mtime put back — makes
    /// it untrusted, and is written again with the build's bytes.
    @Test func aFileEditedSinceTheLastBuildIsWrittenAgain() throws {
        let content = try TestContent().write()
        defer { try? FileManager.default.removeItem(atPath: content) }
        let (out, first, _) = try SiteFixture.build(content: content, asOf: "2026-11-27")
        defer { try? FileManager.default.removeItem(atPath: out) }
        guard case .built = first.outcome else { Issue.record("first build: \(first.outcome)"); return }
        let publisher = Publisher(destination: out)
        #expect(PublishedHashes.trusted(destination: out, state: BuildState.read(publisher.statePath)) != nil)
        func inode(_ path: String) -> UInt64 {
            var st = stat()
            return stat(out + "/" + path, &st) == 0 ? UInt64(st.st_ino) : 0
        }
        let methodology = "assets/site.js"
        let before = inode(methodology)
        let (_, second, _) = try SiteFixture.rebuild(content: content, output: out, asOf: "2026-11-28")
        guard case .built = second.outcome else { Issue.record("second build: \(second.outcome)"); return }
        #expect(before != 0 && inode(methodology) == before, "an unchanged file keeps its inode")
        let good = try Data(contentsOf: URL(fileURLWithPath: out + "/" + methodology))

        // Edited in place: same length, modification time put back.
        var st = stat()
        _ = stat(out + "/" + methodology, &st)
        var edited = [UInt8](good)
        edited[0] = edited[0] == UInt8(ascii: "x") ? UInt8(ascii: "y") : UInt8(ascii: "x")
        let fd = open(out + "/" + methodology, O_WRONLY)
        _ = edited.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        close(fd)
        var times = [st.st_atim, st.st_mtim]
        _ = utimensat(AT_FDCWD, out + "/" + methodology, &times, 0)
        #expect(PublishedHashes.trusted(destination: out, state: BuildState.read(publisher.statePath)) == nil)

        let (_, third, _) = try SiteFixture.rebuild(content: content, output: out, asOf: "2026-11-29")
        guard case .built = third.outcome else { Issue.record("third build: \(third.outcome)"); return }
        #expect(try Data(contentsOf: URL(fileURLWithPath: out + "/" + methodology)) == good)
        #expect(PublishedHashes.trusted(destination: out, state: BuildState.read(publisher.statePath)) != nil)
    }
}
