import Foundation
import Testing
@testable import Congkhai

/// A broken theme fails the build with the template's file and line, and the
/// published site stays as it was.
@Suite struct ThemeTests {
    @Test func brokenTemplateIsAnErrorWithItsLine() throws {
        let name = "broken-\(UUID().uuidString.prefix(8).lowercased())"
        let themes = FileManager.default.temporaryDirectory.appendingPathComponent("themes").path
        let copy = themes + "/" + name
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("themes/default").path
        try FileManager.default.createDirectory(atPath: themes, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: source, toPath: copy)
        defer { try? FileManager.default.removeItem(atPath: copy) }

        var c = TestContent()
        c["site.yaml"] = TestContent.site + "\ntheme: \(name)\n"
        let root = try c.write()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let (out, first, _) = try SiteFixture.build(content: root)
        defer { try? FileManager.default.removeItem(atPath: out) }
        guard case .built = first.outcome else { Issue.record("first build failed"); return }
        let before = try BuiltSite(root: out)

        try Data("<h1>{{name}}</h1>\n<p>{{#rows}}unclosed\n".utf8).write(to: URL(fileURLWithPath: copy + "/templates/home.mustache"))
        try FileManager.default.removeItem(atPath: copy + "/templates/search.mustache")
        let log = DiagnosticLog()
        let second = SiteBuild.run(.init(content: root, output: out), log: log)
        guard case .contentErrors = second.outcome else { Issue.record("expected errors, got \(second.outcome)"); return }
        #expect(log.items.contains { $0.file == "themes/\(name)/templates/home.mustache" && $0.line >= 2 && $0.message.contains("template error") })
        #expect(log.items.contains { $0.file == "themes/\(name)/templates/search.mustache" && $0.message.contains("lacks this template") })
        #expect(try BuiltSite(root: out).files == before.files)
    }
}
