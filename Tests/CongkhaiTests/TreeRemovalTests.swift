import Foundation
import Testing
@testable import Congkhai

/// The replaced site, staging folders and a killed build's leftovers are
/// removed a level at a time on every core: everything under the folder
/// goes, nothing a link points to does.
@Suite struct TreeRemovalTests {
    @Test func removesEveryLevelAndFollowsNoLink() throws {
        let fm = FileManager.default
        let base = fm.temporaryDirectory.appendingPathComponent("congkhai-removal-\(UUID().uuidString)").path
        defer { try? fm.removeItem(atPath: base) }
        let tree = base + "/.site.congkhai-new-1", outside = base + "/outside"
        try fm.createDirectory(atPath: outside + "/inner", withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: URL(fileURLWithPath: outside + "/inner/file.txt"))
        // Folders at five depths, many files, empty folders, links to a folder and a file outside.
        for a in 0..<6 {
            for b in 0..<4 {
                let folder = tree + "/l\(a)/m\(b)/n/o"
                try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
                for f in 0..<5 { try Data("x\(f)".utf8).write(to: URL(fileURLWithPath: tree + "/l\(a)/m\(b)/f\(f).html")) }
                try Data().write(to: URL(fileURLWithPath: folder + "/deep.txt"))
            }
            try fm.createDirectory(atPath: tree + "/l\(a)/empty", withIntermediateDirectories: true)
        }
        try fm.createSymbolicLink(atPath: tree + "/l0/folder-link", withDestinationPath: outside)
        try fm.createSymbolicLink(atPath: tree + "/l1/m0/n/file-link", withDestinationPath: outside + "/inner/file.txt")
        try fm.createSymbolicLink(atPath: tree + "/dangling", withDestinationPath: base + "/nowhere")
        #expect(link(outside + "/inner/file.txt", tree + "/hard-link") == 0)

        Publisher.removeTree(tree)

        #expect(!fm.fileExists(atPath: tree))
        #expect((try? fm.contentsOfDirectory(atPath: base)) == ["outside"])
        #expect(fm.contents(atPath: outside + "/inner/file.txt") == Data("keep".utf8))
        // A file, a missing path: removed, and nothing.
        try Data("f".utf8).write(to: URL(fileURLWithPath: base + "/lone"))
        Publisher.removeTree(base + "/lone")
        Publisher.removeTree(base + "/missing")
        #expect((try? fm.contentsOfDirectory(atPath: base)) == ["outside"])
    }
}
