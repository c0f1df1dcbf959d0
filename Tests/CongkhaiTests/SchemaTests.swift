import Foundation
import Testing
@testable import Congkhai

/// The editor schemas in schemas/ know exactly the fields the loader knows.
@Suite struct SchemaTests {
    static let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("schemas").path

    func properties(_ schema: String, _ path: [String] = []) throws -> Set<String> {
        let data = try Data(contentsOf: URL(fileURLWithPath: SchemaTests.dir + "/" + schema + ".schema.json"))
        var node = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        for step in path {
            if step == "[]" {
                node = try #require(node["items"] as? [String: Any])
            } else {
                let props = try #require(node["properties"] as? [String: Any])
                node = try #require(props[step] as? [String: Any])
            }
        }
        return Set(try #require(node["properties"] as? [String: Any]).keys)
    }

    @Test func schemasMatchTheLoader() throws {
        #expect(try properties("site") == Set(SiteDecoder.fields))
        #expect(try properties("framework") == Set(FrameworkDecoder.fields))
        #expect(try properties("framework", ["criteria", "[]"]) == Set(FrameworkDecoder.criterionFields))
        #expect(try properties("framework", ["bands", "[]"]) == Set(FrameworkDecoder.bandFields))
        #expect(try properties("locality") == Set(LocalityDecoder.fields))
        #expect(try properties("locality", ["norm_adjustments", "[]"]) == Set(LocalityDecoder.adjustmentFields))
        #expect(try properties("locality", ["indicators", "[]"]) == Set(LocalityDecoder.indicatorFields))
        #expect(try properties("official") == Set(OfficialDecoder.fields))
        #expect(try properties("official", ["commitments", "[]"]) == Set(OfficialDecoder.commitmentFields))
        #expect(try properties("official", ["commitments", "[]", "updates", "[]"]) == Set(OfficialDecoder.updateFields))
        #expect(try properties("official", ["incidents", "[]"]) == Set(OfficialDecoder.incidentFields))
        #expect(try properties("official", ["initiatives", "[]"]) == Set(OfficialDecoder.initiativeFields))
        #expect(try properties("audits", ["[]"]) == Set(AuditDecoder.fields))
    }
}
