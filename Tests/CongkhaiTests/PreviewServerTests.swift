import Foundation
import Testing
@testable import Congkhai

@Suite struct PreviewServerTests {
    @Test func mapsPathsAndRefusesTraversal() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("preview-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/dia-phuong/x", withIntermediateDirectories: true)
        try Data("home".utf8).write(to: URL(fileURLWithPath: root + "/index.html"))
        try Data("page".utf8).write(to: URL(fileURLWithPath: root + "/dia-phuong/x/index.html"))
        try Data("missing".utf8).write(to: URL(fileURLWithPath: root + "/404.html"))
        try Data("secret".utf8).write(to: URL(fileURLWithPath: root + "/.hidden"))
        #expect(PreviewServer.response(target: "/", root: root).body == Array("home".utf8))
        #expect(PreviewServer.response(target: "/dia-phuong/x/?q=1", root: root).body == Array("page".utf8))
        let redirect = PreviewServer.response(target: "/dia-phuong/x", root: root)
        #expect(redirect.status == 301 && redirect.location == "/dia-phuong/x/")
        #expect(PreviewServer.response(target: "/../../etc/passwd", root: root).status == 403)
        #expect(PreviewServer.response(target: "/%2e%2e/%2e%2e/etc/passwd", root: root).status == 403)
        #expect(PreviewServer.response(target: "/.hidden", root: root).status == 403)
        let missing = PreviewServer.response(target: "/khong-co/", root: root)
        #expect(missing.status == 404 && missing.body == Array("missing".utf8))
        #expect(PreviewServer.response(target: "/index.html", root: root).contentType.hasPrefix("text/html"))
    }
}
