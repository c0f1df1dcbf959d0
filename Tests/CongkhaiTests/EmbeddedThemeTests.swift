import Foundation
import Testing
@testable import Congkhai

/// The binary carries the default theme (so it builds from any directory);
/// the copy must be exactly `themes/default`, or the two would drift.
@Suite struct EmbeddedThemeTests {
    @Test func theEmbeddedThemeIsThemesDefault() throws {
        let log = DiagnosticLog()
        let disk = try #require(ThemeFiles.load(path: ThemeStrings.themePath, name: "default", log: log))
        let embedded = try #require(ThemeFiles.embeddedDefault(log: log))
        #expect(log.items.isEmpty, "\(log.items)")
        let stale = "EmbeddedTheme.swift is stale: run python3 scripts/embed_theme.py"
        #expect(disk.templates.map(\.name) == embedded.templates.map(\.name), "\(stale)")
        for (a, b) in zip(disk.templates, embedded.templates) { #expect(a.text == b.text, "\(a.name): \(stale)") }
        #expect(disk.strings == embedded.strings, "\(stale)")
        #expect(disk.assets.map(\.name) == embedded.assets.map(\.name), "\(stale)")
        for (a, b) in zip(disk.assets, embedded.assets) { #expect(a.bytes == b.bytes, "\(a.name): \(stale)") }
        #expect(disk.pages == embedded.pages && disk.page("cach-tinh-diem", language: "en") != nil, "\(stale)")
    }

    @Test func onlyTheDefaultThemeFallsBackToTheBinary() {
        let nowhere = "/nonexistent-\(UUID().uuidString)/content"
        // From the repository root the folder wins; anywhere else the binary's copy does.
        let found = ThemeFiles.locate(name: "default", contentRoot: nowhere)
        let cwdHasTheme = FileManager.default.fileExists(atPath: FileManager.default.currentDirectoryPath + "/themes/default")
        #expect(found == (cwdHasTheme ? .folder(FileManager.default.currentDirectoryPath + "/themes/default") : .embedded))
        #expect(ThemeFiles.locate(name: "tinh-x", contentRoot: nowhere) == nil)
    }
}
