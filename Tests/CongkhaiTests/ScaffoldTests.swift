import Foundation
import Testing
@testable import Congkhai

/// `congkhai new`: every skeleton passes `check` as written, nothing is overwritten.
@Suite struct ScaffoldTests {
    static func tmp() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("congkhai-new-\(UUID().uuidString)").path
    }

    @Test func aNewSiteWithALocalityAnOfficialAndCommitmentsChecksClean() throws {
        let root = ScaffoldTests.tmp()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Scaffold.write(Scaffold.site(title: "Công khai", province: "Tỉnh Thử", year: 2026, asOf: Day(iso: "2026-06-01")!), root: root)
        try Scaffold.write(Scaffold.locality(id: "xa-an-binh", kind: .commune, context: .mountainous, name: nil), root: root)
        try Scaffold.write(Scaffold.official(locality: "xa-an-binh", id: "nguyen-van-an", name: "Nguyễn Văn An", role: .chairman,
                                             position: nil), root: root)
        let file = root + "/officials/xa-an-binh/nguyen-van-an.md"
        for _ in 0..<2 {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            try Scaffold.addCommitment(to: text, id: Scaffold.nextCommitmentID(in: text), title: nil, deadline: Day(iso: "2026-12-31")!)
                .write(toFile: file, atomically: true, encoding: .utf8)
        }
        let log = DiagnosticLog()
        let run = try #require(ScoringRun.run(content: root, options: .init(), log: log), "\(log.items)")
        #expect(log.items.isEmpty, "\(log.items)")
        #expect(run.province.localities.first?.name == "Xã An Binh")
        #expect(run.province.officials.first?.commitments.map(\.id) == ["cam-ket-1", "cam-ket-2"])
    }

    @Test func aCommitmentJoinsAnExistingListAndKeepsTheFileValid() throws {
        let demo = TemplateKeyTests.repo + "/content/officials/xa-an-binh/nguyen-van-an.md"
        let text = try String(contentsOfFile: demo, encoding: .utf8)
        let updated = try Scaffold.addCommitment(to: text, id: "moi", title: "Mới", deadline: Day(iso: "2026-12-31")!)
        var c = TestContent()
        c["officials/xa-an-binh/nguyen-van-an.md"] = updated
        c["catalog.yaml"] = try String(contentsOfFile: TemplateKeyTests.repo + "/content/catalog.yaml", encoding: .utf8)
        c["localities/xa-hoa-loc.yaml"] = "name: \"Xã Hòa Lộc\"\nkind: commune\ncontext: rural\n"
        c["localities/phuong-trung-tam.yaml"] = "name: \"Phường Trung Tâm\"\nkind: ward\ncontext: urban\n"
        let (run, log) = try c.run()
        let r = try #require(run, "\(log.items.filter { $0.severity == .error })")
        let ids = r.province.officials[0].commitments.map(\.id)
        c["officials/xa-an-binh/nguyen-van-an.md"] = text
        let before = try #require(try c.run().0).province.officials[0].commitments.map(\.id)
        #expect(ids == before + ["moi"])
        #expect(throws: Scaffold.Failure.self) { try Scaffold.addCommitment(to: updated, id: "moi", title: nil, deadline: Day(iso: "2026-12-31")!) }
    }

    @Test func nothingIsOverwrittenAndBadIdsAreRefused() throws {
        let root = ScaffoldTests.tmp()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Scaffold.write(Scaffold.locality(id: "xa-a", kind: .commune, context: .rural, name: "A"), root: root)
        #expect(throws: Scaffold.Failure.self) { try Scaffold.write(Scaffold.locality(id: "xa-a", kind: .ward, context: .urban, name: "B"), root: root) }
        #expect(try String(contentsOfFile: root + "/localities/xa-a.yaml", encoding: .utf8).contains("name: \"A\""))
        #expect(throws: Scaffold.Failure.self) { try Scaffold.locality(id: "Xã A", kind: .commune, context: .rural, name: nil) }
        // Ids whose pages' addresses are taken (decision 90), refused as `check` would.
        #expect(throws: Scaffold.Failure.self) { try Scaffold.locality(id: "trang-3", kind: .commune, context: .rural, name: nil) }
        for id in ["thong-bao", "thay-doi"] {
            #expect(throws: Scaffold.Failure.self) {
                try Scaffold.official(locality: "xa-a", id: id, name: "Tên", role: .chairman, position: nil)
            }
        }
        _ = try Scaffold.official(locality: "xa-a", id: "thong-bao-moi", name: "Tên", role: .chairman, position: nil)
    }
}
