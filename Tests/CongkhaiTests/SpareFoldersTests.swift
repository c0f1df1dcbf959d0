import Foundation
import Testing
@testable import Congkhai

/// The replaced site's folders are kept, empty, for the next staging folder
/// (decision 106): a site published into them has exactly the files and
/// folders a fresh folder would have given it, and nothing put into the
/// kept tree between two builds is ever published.
@Suite struct SpareFoldersTests {
    let fm = FileManager.default

    func base() throws -> String {
        let path = fm.temporaryDirectory.appendingPathComponent("congkhai-spare-\(UUID().uuidString)").path
        try fm.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Every name under `root` with its kind ("d" folder, "f" file, "l" link), sorted.
    func listing(_ root: String) -> [String] {
        var names: [String] = []
        func walk(_ folder: String, _ prefix: String) {
            for name in (try? fm.contentsOfDirectory(atPath: folder)) ?? [] {
                var st = stat()
                _ = lstat(folder + "/" + name, &st)
                let kind = st.st_mode & S_IFMT
                let rel = prefix + name
                names.append((kind == S_IFDIR ? "d " : kind == S_IFLNK ? "l " : "f ") + rel)
                if kind == S_IFDIR { walk(folder + "/" + name, rel + "/") }
            }
        }
        walk(root, "")
        return names.sorted()
    }

    /// `serve`'s output goes with everything congkhai keeps beside it
    /// (`Publisher.removeAll`): after two builds (state, caches, kept
    /// folders) and a killed build's leftover, the parent holds nothing of
    /// it — and a link in the output to a folder outside is not followed.
    @Test func removeAllLeavesNothingOfAnOutputBehind() throws {
        let b = try base()
        defer { try? fm.removeItem(atPath: b) }
        let root = try TestContent().write()
        defer { try? fm.removeItem(atPath: root) }
        let output = b + "/preview", outside = b + "/outside"
        for _ in 0..<2 {
            switch SiteBuild.run(.init(content: root, output: output), log: DiagnosticLog()).outcome {
            case .built, .unchanged: break
            case let other: Issue.record("the build failed: \(other)"); return
            }
        }
        try fm.createDirectory(atPath: outside, withIntermediateDirectories: true)
        _ = fm.createFile(atPath: outside + "/keep.txt", contents: Data("keep".utf8))
        try fm.createSymbolicLink(atPath: output + "/link", withDestinationPath: outside)
        try fm.createDirectory(atPath: b + "/.preview.congkhai-new-999/x", withIntermediateDirectories: true)
        let before = try fm.contentsOfDirectory(atPath: b)
        #expect(before.contains(".preview.congkhai.state") && before.contains(".preview.congkhai.folders")
                && before.contains(".preview.congkhai.lock"), "\(before.sorted())")

        Publisher(destination: output).removeAll()

        #expect(try fm.contentsOfDirectory(atPath: b) == ["outside"])
        #expect(fm.contents(atPath: outside + "/keep.txt") == Data("keep".utf8))
    }

    @Test func aKeptTreeHoldsItsFoldersOnlyAndFollowsNoLink() throws {
        let b = try base()
        defer { try? fm.removeItem(atPath: b) }
        let tree = b + "/.site.congkhai-new-1", spare = b + "/.site.congkhai.folders", outside = b + "/outside"
        try fm.createDirectory(atPath: outside + "/inner", withIntermediateDirectories: true)
        _ = fm.createFile(atPath: outside + "/inner/keep.txt", contents: Data("keep".utf8))
        for a in 0..<4 {
            try fm.createDirectory(atPath: tree + "/l\(a)/m/n", withIntermediateDirectories: true)
            for f in 0..<3 { _ = fm.createFile(atPath: tree + "/l\(a)/m/f\(f).html", contents: Data("x".utf8)) }
            _ = fm.createFile(atPath: tree + "/l\(a)/m/n/deep.txt", contents: Data())
        }
        try fm.createDirectory(atPath: tree + "/empty", withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: tree + "/l0/folder-link", withDestinationPath: outside)
        try fm.createSymbolicLink(atPath: tree + "/l1/m/file-link", withDestinationPath: outside + "/inner/keep.txt")
        #expect(link(outside + "/inner/keep.txt", tree + "/hard-link") == 0)
        let folders = listing(tree).filter { $0.hasPrefix("d ") }

        SpareFolders.keep(tree, at: spare)

        #expect(!fm.fileExists(atPath: tree))
        #expect(listing(spare) == folders)
        #expect(fm.contents(atPath: outside + "/inner/keep.txt") == Data("keep".utf8))
        #expect(listing(outside) == ["d inner", "f inner/keep.txt"])
    }

    /// A taken tree is emptied again (a file or link put there since goes)
    /// and lists every folder once, each after the folder holding it.
    @Test func aTakenTreeIsEmptiedAgainAndListsItsFoldersByLevel() throws {
        let b = try base()
        defer { try? fm.removeItem(atPath: b) }
        let spare = b + "/.site.congkhai.folders", dir = b + "/.site.congkhai-new-2"
        for path in ["a/b/c", "a/d", "e", "e/f/g/h"] { try fm.createDirectory(atPath: spare + "/" + path, withIntermediateDirectories: true) }
        _ = fm.createFile(atPath: spare + "/a/b/planted.html", contents: Data("not ours".utf8))
        try fm.createSymbolicLink(atPath: spare + "/e/f/planted-link", withDestinationPath: "/etc")

        let folders = try #require(SpareFolders.take(spare, as: dir))

        #expect(!fm.fileExists(atPath: spare))
        #expect(listing(dir) == ["d a", "d a/b", "d a/b/c", "d a/d", "d e", "d e/f", "d e/f/g", "d e/f/g/h"])
        #expect(folders.first == dir)
        #expect(Set(folders) == Set([dir] + ["a", "a/b", "a/b/c", "a/d", "e", "e/f", "e/f/g", "e/f/g/h"].map { dir + "/" + $0 }))
        for (i, folder) in folders.enumerated().dropFirst() {
            let parent = Staging.parent(of: folder)
            #expect(folders[..<i].contains(parent), "\(folder) listed before its folder")
        }
        // Nothing to take: a file where the tree would be is removed.
        #expect(SpareFolders.take(spare, as: dir + "-x") == nil)
        _ = fm.createFile(atPath: spare, contents: Data("x".utf8))
        #expect(SpareFolders.take(spare, as: dir + "-y") == nil)
        #expect(!fm.fileExists(atPath: spare) && !fm.fileExists(atPath: dir + "-y"))
    }

    /// A tree another user owns (a build once run as root) is removed, not written into.
    @Test(.enabled(if: geteuid() == 0, "only root can give a folder to another user"))
    func anotherUsersTreeIsNotTaken() throws {
        let b = try base()
        defer { try? fm.removeItem(atPath: b) }
        let spare = b + "/.site.congkhai.folders"
        try fm.createDirectory(atPath: spare + "/a", withIntermediateDirectories: true)
        #expect(chown(spare, 65534, 65534) == 0)
        #expect(SpareFolders.take(spare, as: b + "/.site.congkhai-new-3") == nil)
        #expect(!fm.fileExists(atPath: spare) && !fm.fileExists(atPath: b + "/.site.congkhai-new-3"))
    }

    /// Three sites published in turn: the third is staged in the first's
    /// folders and ends with exactly the files and folders it has when
    /// published into a fresh destination — the first site's unused
    /// folders gone (nested ones too), a folder it needs only to hold
    /// others kept, a file standing where the first site had a folder.
    @Test func aSiteStagedInKeptFoldersIsTheSiteStagedFresh() throws {
        let b = try base()
        defer { try? fm.removeItem(atPath: b) }
        let out = b + "/site", fresh = b + "/fresh"
        let first = ["index.html", "a/b/c/one.html", "a/file/sub/two.html", "a/file/three.html", "old/deep/er/gone.html",
                     "p/q/r/x.html", "p/q/r/s/y.html", "keep/k.html"]
        let second = ["index.html", "b.html"]
        let third = ["index.html", "a/b/c/one.html", "a/file", "p/q/r/x.html", "keep/k.html", "n/m/new.html"]
        func files(_ paths: [String], _ tag: String) -> [OutputFile] { paths.map { OutputFile(path: $0, text: tag + " " + $0) } }
        let p = Publisher(destination: out)
        try p.withLock { try p.publish(files(first, "1")) }
        try p.withLock { try p.publish(files(second, "2")) }
        #expect(listing(b + "/.site.congkhai.folders") == ["d a", "d a/b", "d a/b/c", "d a/file", "d a/file/sub", "d keep",
                                                            "d old", "d old/deep", "d old/deep/er", "d p", "d p/q", "d p/q/r", "d p/q/r/s"])
        try p.withLock { try p.publish(files(third, "3")) }
        try Publisher(destination: fresh).withLock { try Publisher(destination: fresh).publish(files(third, "3")) }

        #expect(listing(out) == listing(fresh))
        for path in third { #expect(fm.contents(atPath: out + "/" + path) == Data(("3 " + path).utf8), "\(path)") }
        // The second site's folders are the spare now (it had none but the root).
        #expect(listing(b + "/.site.congkhai.folders") == [])
    }

    /// A first build (nothing replaced) leaves its folders, made again and
    /// empty, for the next build; a build that replaced a site keeps that
    /// site's folders instead.
    @Test func aFirstBuildLeavesItsFoldersForTheNext() throws {
        let b = try base()
        defer { try? fm.removeItem(atPath: b) }
        let out = b + "/site"
        let p = Publisher(destination: out)
        try p.withLock { try p.publish([OutputFile(path: "index.html", text: "1"), OutputFile(path: "a/b/c/x.html", text: "1"),
                                        OutputFile(path: "a/d/y.html", text: "1"), OutputFile(path: "e/z.html", text: "1")]) }
        #expect(listing(b + "/.site.congkhai.folders") == ["d a", "d a/b", "d a/b/c", "d a/d", "d e"])
        #expect(try fm.contentsOfDirectory(atPath: b).filter { $0.contains(".congkhai-") } == [])
        // The next build takes them and publishes what a fresh folder would hold.
        try p.withLock { try p.publish([OutputFile(path: "index.html", text: "2"), OutputFile(path: "a/d/y.html", text: "2")]) }
        #expect(listing(out) == ["d a", "d a/d", "f a/d/y.html", "f index.html"])
        #expect(listing(b + "/.site.congkhai.folders") == ["d a", "d a/b", "d a/b/c", "d a/d", "d e"])
        // The folders a staging folder has, relative: the ones made and the
        // kept ones used, with the folders holding them (not the kept ones
        // no file went into).
        try p.withLock {
            let staging = try p.stage()
            try staging.write(OutputFile(path: "q/r/s.html", text: "3"))
            try staging.write(OutputFile(path: "a/d/t.html", text: "3"))
            #expect(Set(staging.folders) == ["q", "q/r", "a", "a/d"])
            p.discard(staging)
        }
    }

    /// A build that stops on a content error leaves the kept folders as
    /// they were (the next build still finds them) and no staging folder
    /// behind — also if the staging folder is ever made earlier, while the
    /// content is read (tried in the forty-fourth session, decision 128).
    @Test func aBuildStoppedByItsContentGivesTheFoldersBack() throws {
        let b = try base()
        defer { try? fm.removeItem(atPath: b) }
        let root = try TestContent().write()
        defer { try? fm.removeItem(atPath: root) }
        let output = b + "/site"
        for _ in 0..<2 {
            guard case .built = SiteBuild.run(.init(content: root, output: output), log: DiagnosticLog()).outcome else {
                Issue.record("the first builds failed"); return
            }
            try (try String(contentsOfFile: root + "/site.yaml", encoding: .utf8) + "\n# again\n")
                .write(toFile: root + "/site.yaml", atomically: true, encoding: .utf8)
        }
        let kept = listing(b + "/.site.congkhai.folders")
        #expect(kept.count > 10)
        try "---\nname: [\n---\n".write(toFile: root + "/officials/xa-an-binh/hong.md", atomically: true, encoding: .utf8)
        let log = DiagnosticLog()
        guard case .contentErrors = SiteBuild.run(.init(content: root, output: output), log: log).outcome else {
            Issue.record("the broken content was built"); return
        }
        #expect(log.hasErrors)
        #expect(listing(b + "/.site.congkhai.folders") == kept)
        #expect(try fm.contentsOfDirectory(atPath: b).filter { $0.contains(".congkhai-") } == [])
    }

    /// A staging folder dropped (a failed build) keeps its folders for the
    /// next build, without its files; the published site is untouched.
    @Test func aDiscardedStagingFolderIsKeptEmpty() throws {
        let b = try base()
        defer { try? fm.removeItem(atPath: b) }
        let out = b + "/site"
        let p = Publisher(destination: out)
        try p.withLock { try p.publish([OutputFile(path: "x/index.html", text: "published")]) }
        try p.withLock {
            let staging = try p.stage()
            try staging.write(OutputFile(path: "y/z/page.html", text: "never published"))
            p.discard(staging)
        }
        #expect(listing(out) == ["d x", "f x/index.html"])
        // The first build's folder (taken, unused) and the dropped build's.
        #expect(listing(b + "/.site.congkhai.folders") == ["d x", "d y", "d y/z"])
        #expect(try fm.contentsOfDirectory(atPath: b).filter { $0.contains(".congkhai-") } == [])
    }
}
