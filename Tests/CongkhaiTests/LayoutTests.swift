import Foundation
import Testing
@testable import Congkhai

/// The folder layout rules: what may live where, symlinks, ids from file names.
@Suite struct LayoutTests {
    func errors(_ c: TestContent, prepare: (String) throws -> Void = { _ in }) throws -> [Diagnostic] {
        let root = try c.write()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try prepare(root)
        let log = DiagnosticLog()
        _ = ScoringRun.run(content: root, options: .init(), log: log)
        return log.items.filter { $0.severity == .error }
    }

    @Test func symlinkLeavingContentIsAnError() throws {
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("outside-\(UUID().uuidString).md").path
        try Data(TestContent.official().utf8).write(to: URL(fileURLWithPath: outside))
        defer { try? FileManager.default.removeItem(atPath: outside) }
        let e = try errors(TestContent()) { root in
            try FileManager.default.createSymbolicLink(atPath: root + "/officials/xa-an-binh/le-van-c.md", withDestinationPath: outside)
        }
        #expect(e.contains { $0.file == "officials/xa-an-binh/le-van-c.md" && $0.message.contains("outside the content folder") })
    }

    @Test func symlinkInsideContentIsFollowed() throws {
        let e = try errors(TestContent()) { root in
            try FileManager.default.createSymbolicLink(atPath: root + "/officials/xa-an-binh/ban-sao.md",
                                                       withDestinationPath: root + "/officials/xa-an-binh/nguyen-van-an.md")
        }
        #expect(e.isEmpty)
    }

    @Test func invalidIdsInFileNames() throws {
        var c = TestContent()
        c["officials/xa-an-binh/Nguyen Van B.md"] = TestContent.official("B")
        c["officials/xa-an-binh/..md"] = TestContent.official("C")
        c["localities/Xa_Moi.yaml"] = TestContent.locality
        let e = try errors(c)
        #expect(e.contains { $0.file == "officials/xa-an-binh/Nguyen Van B.md" && $0.message.contains("not a valid id") })
        #expect(e.contains { $0.file == "localities/Xa_Moi.yaml" && $0.message.contains("not a valid id") })
    }

    @Test func hiddenFilesAreIgnored() throws {
        var c = TestContent()
        c["officials/xa-an-binh/.nhap.md"] = "rác"
        c[".git/config"] = "x"
        c["localities/.DS_Store"] = "x"
        #expect(try errors(c).isEmpty)
    }

    @Test func officialsHoldOnlyLocalityFoldersOfMarkdown() throws {
        var c = TestContent()
        c["officials/xa-khong-co/a.md"] = TestContent.official()
        c["officials/ghi-chu.txt"] = "x"
        c["officials/xa-an-binh/anh.png"] = "x"
        c["localities/ghi-chu.md"] = "x"
        c["audits/ghi-chu.txt"] = "x"
        let e = try errors(c)
        #expect(e.contains { $0.file == "officials/xa-khong-co" && $0.message.contains("does not match a locality") })
        #expect(e.contains { $0.file == "officials/xa-khong-co/a.md" && $0.message.contains("not loaded: its folder officials/xa-khong-co") })
        #expect(e.contains { $0.file == "officials/ghi-chu.txt" })
        #expect(e.contains { $0.file == "officials/xa-an-binh/anh.png" && $0.message.contains("only .md") })
        #expect(e.contains { $0.file == "localities/ghi-chu.md" && $0.message.contains("only .yaml") })
        #expect(e.contains { $0.file == "audits/ghi-chu.txt" && $0.message.contains("only .yaml") })
    }

    /// The officials' folders are listed on every core: the layout errors
    /// still come in the order a listing one folder at a time gave them —
    /// folders by name, an unknown folder's error before its entries', a
    /// folder's links before its files.
    @Test func layoutErrorsKeepTheirOrderWhenFoldersAreListedTogether() throws {
        var c = TestContent()
        c["localities/xa-b.yaml"] = TestContent.locality
        for folder in ["xa-an-binh", "xa-b", "xa-khong-co", "xa-z-khong-co"] {
            c["officials/\(folder)/anh.png"] = "x"
            c["officials/\(folder)/Sai Ten.md"] = TestContent.official("S")
        }
        let e = try errors(c) { root in
            for folder in ["xa-an-binh", "xa-b", "xa-khong-co", "xa-z-khong-co"] {
                try FileManager.default.createSymbolicLink(atPath: root + "/officials/\(folder)/hong.md", withDestinationPath: root + "/khong-co-dau")
                try FileManager.default.createSymbolicLink(atPath: root + "/officials/\(folder)/ngoai.md", withDestinationPath: "/etc/hostname")
            }
        }.filter { $0.file.hasPrefix("officials/") }
        var expected: [String] = []
        for folder in ["xa-an-binh", "xa-b", "xa-khong-co", "xa-z-khong-co"] {
            let known = !folder.contains("khong-co")
            if !known { expected.append("officials/\(folder)") }
            expected += ["officials/\(folder)/hong.md", "officials/\(folder)/ngoai.md"]
            // A known folder's bad names, or an unknown folder's files not loaded: by name either way.
            expected += ["officials/\(folder)/Sai Ten.md", "officials/\(folder)/anh.png"]
        }
        #expect(e.map(\.file) == expected, "\(e.map { $0.file + ": " + $0.message })")
    }

    @Test func frameworkPathCannotTraverse() throws {
        var c = TestContent()
        c["site.yaml"] = TestContent.site + "\nframework: ../../etc/passwd.yaml\n"
        #expect(try errors(c).contains { $0.file == "site.yaml" && $0.message.contains("must name a .yaml file in the content folder") })
    }

    @Test func missingSiteYaml() throws {
        var c = TestContent()
        c.files["site.yaml"] = nil
        #expect(try errors(c).contains { $0.file == "site.yaml" && $0.message.contains("missing") })
    }

    @Test func missingContentFolder() {
        let log = DiagnosticLog()
        #expect(ScoringRun.run(content: "/nonexistent/congkhai", options: .init(), log: log) == nil)
        #expect(log.hasErrors)
    }
}

@Suite struct TraversalTests {
    @Test func traversalLikeIdsInReferencesAreRejected() throws {
        var c = TestContent()
        c["officials/xa-an-binh/nguyen-van-an.md"] = TestContent.official("Nguyễn Văn An", """
        commitments:
          - { id: a, title: "A", group: A, target: 1, deadline: 2026-06-30, status: planned, partners: ["../../etc"], product: "../x" }
        """)
        c["audits/a.yaml"] = "- { official: \"../../etc/passwd\", by: \"x\", on: 2026-10-01, action: { deduct: 1 } }\n"
        let errors = try c.errors()
        #expect(errors.contains { $0.file == "officials/xa-an-binh/nguyen-van-an.md" && $0.line == 6 && $0.message.contains("not a valid id") })
        #expect(errors.contains { $0.file == "audits/a.yaml" && $0.line == 1 && $0.message.contains("must be an official id or LOCALITY/ID") })
    }

    @Test func fileLevelErrorsStillPrintALine() {
        #expect(Diagnostic.error("localities/X.yaml", 0, 0, "bad").formatted(prefix: "content") == "content/localities/X.yaml:1: error: bad")
    }
}
