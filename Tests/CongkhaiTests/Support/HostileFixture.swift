import Foundation
@testable import Congkhai

/// A content tree in which every free-text field the loader knows holds its
/// own hostile payload, generated from the JSON Schemas in `schemas/` (which
/// `SchemaTests` keeps equal to the loader's field lists): a field added to the
/// loader and its schema is attacked without anyone editing this file.
///
/// Each field gets one payload from `HostileCorpus` (cycling), followed by a
/// unique marker `<q-fN>`. If any output shows the marker as markup (HTML,
/// XML, JSON or JS data), field N was not escaped; `fields[N]` names it.
/// Formula payloads (`=HYPERLINK(…)`) start their field, so the CSV check sees
/// a cell that really starts with `=`.
struct HostileFixture {
    /// Field path of each marker number: `official.commitments[1].title`.
    private(set) var fields: [String] = []
    private(set) var files: [String: String] = [:]

    static let schemasDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("schemas").path

    static func marker(_ n: Int) -> String { "<q-f\(n)>" }

    /// Values for fields that are not free text, or that must hold a valid
    /// reference, keyed by path with `[]` for any list item.
    static var overrides: [String: Any] { [
        "site.base_url": "https://example.gov.vn/",
        "site.languages": ["vi", "en"],
        "site.period": ["id": "2026", "start": "2026-01-01", "end": "2026-12-31"],
        "site.framework": "framework.yaml",
        "site.theme": "default",
        "site.demo": true,
        "site.signing_key": NSNull(),
        "framework.id": "hostile",
        "framework.criteria[].id": "crit_a",
        "framework.criteria[].group": "B",
        "framework.criteria[].weight": 100,
        "framework.criteria[].weight_range": [90, 100],
        "framework.criteria[].required": false,
        "framework.criteria[].measures": [
            ["metric": "disclosure"], ["metric": "assessment", "key": "conduct"], ["metric": "indicator_progress"],
            ["metric": "incident_response"], ["metric": "initiative_impact"], ["metric": "commitment_delivery"],
            ["metric": "rating", "respondents": ["citizen", "business"]], ["metric": "complaint_resolution"],
            ["metric": "feedback_response_time"],
        ],
        "framework.bands[].id": "ok",
        "framework.bands[].min": 0,
        "framework.bands[].colour": "#05602a",
        "framework.gates": ["group_b_min": 60, "cap_band": "ok"],
        "framework.excellence_quota": ["band": "ok", "of_band": "ok", "share": 0.2],
        "catalog.products[].id": "p",
        "catalog.products[].norm": 300,
        "locality.population": 18500,
        "locality.norm_adjustments[].product": "p",
        "locality.norm_adjustments[].factor": 0.8,
        "locality.indicators[].id": "i",
        "locality.indicators[].baseline": 1,
        "locality.indicators[].target": 2,
        "locality.indicators[].actual": 1.5,
        "official.role": "chairman",
        "official.staff_count": 10,
        "official.training.staff_trained": 5,
        "official.commitments[].product": "p",
        "official.commitments[].target": 10,
        "official.commitments[].actual": 5,
        "official.commitments[].partners": ["xa-tan-phu"],
        "official.commitments[].updates[].progress": 50,
        "official.commitments[].updates[].evidence": "https://ok.example/minh-chung",
        "official.incidents[].target_response_hours": 2,
        "official.incidents[].occurred": "2026-05-01T00:00",
        "official.incidents[].responded": "2026-05-01T03:00",
        "official.incidents[].resolved": "2026-05-02T00:00",
        "official.initiatives[].adopted_on": "2026-02-01",
        "official.initiatives[].baseline": ["days": 10, "cost_vnd": 500000, "steps": 7],
        "official.initiatives[].current": ["days": 4, "cost_vnd": 50000, "steps": 4],
        "official.initiatives[].sustained": true,
        "audits[].official": "nguyen-van-an",
        "audits[].action": ["deduct": 1],
    ] }

    /// Several list items where one cannot show every field (a commitment is
    /// withdrawn, done or in progress; only then are some fields shown).
    static var variants: [String: [[String: Any?]]] { [
        "official.commitments": [
            ["id": "rut", "status": "withdrawn", "completed_on": nil, "deadline": "2026-06-30"],
            ["id": "xong", "status": "done", "completed_on": "2026-06-01", "withdrawn": nil, "deadline": "2026-06-30"],
            ["id": "dang-lam", "status": "in_progress", "completed_on": nil, "withdrawn": nil, "deadline": "2026-12-20"],
            ["id": "qua-han", "status": "in_progress", "completed_on": nil, "withdrawn": nil, "deadline": "2026-03-01",
             "target": nil, "product": nil],
        ],
        "audits": [
            ["action": ["deduct": 1]],
            ["action": ["cap": "ok"]],
        ],
    ] }

    init() throws {
        func schema(_ name: String) throws -> [String: Any] {
            let data = try Data(contentsOf: URL(fileURLWithPath: HostileFixture.schemasDir + "/" + name + ".schema.json"))
            guard let s = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { throw CocoaError(.fileReadCorruptFile) }
            return s
        }
        func json(_ value: Any) throws -> String {
            let data = try JSONSerialization.data(withJSONObject: value, options: [.prettyPrinted, .sortedKeys])
            return String(decoding: data, as: UTF8.self) + "\n"
        }
        let site = try generate(schema("site"), path: "site")
        var siteMap = site as? [String: Any] ?? [:]
        siteMap["as_of"] = "2026-11-28"
        files["site.yaml"] = try json(siteMap)
        files["framework.yaml"] = try json(generate(schema("framework"), path: "framework") ?? [:])
        files["catalog.yaml"] = try json(generate(schema("catalog"), path: "catalog") ?? [:])
        var locality = generate(try schema("locality"), path: "locality") as? [String: Any] ?? [:]
        locality["kind"] = "commune"
        locality["context"] = "rural"
        files["localities/xa-an-binh.yaml"] = try json(locality)
        files["localities/xa-tan-phu.yaml"] = try json(["name": text("partner.locality.name"), "kind": "commune", "context": "rural"])
        let official = generate(try schema("official"), path: "official") ?? [:]
        files["officials/xa-an-binh/nguyen-van-an.md"] = "---\n" + (try json(official)) + "---\n"
            + HostileCorpus.payloads.joined(separator: "\n\n") + "\n\n" + HostileCorpus.markdown + "\n"
        files["audits/a.yaml"] = try json(generate(try schema("audits"), path: "audits") ?? [])
        // Feedback: free-text columns attacked too; the respondent must never appear.
        let category = text("feedback.category"), comment = text("feedback.comment")
        func cell(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        var csv = TestContent.feedbackHeader
        let personal = " Gọi 0912 345 678 hoặc x.y@mail.vn; CCCD 001203004567"
        csv += "1,2026-03-01,hotline,xa-an-binh,nguyen-van-an,,complaint,citizen,R-SECRET-RESPONDENT,,\(cell(category)),open,2026-04-01,,\(cell(comment + personal)),yes\n"
        csv += "2,2026-03-01,hotline,xa-an-binh,nguyen-van-an,,rating,citizen,R-SECRET-RESPONDENT,4,x,,,,\"Bí mật 0987654321\",no\n"
        csv += "3,2026-03-02,portal,xa-an-binh,nguyen-van-an,rut,suggestion,business,,,\(cell(text("feedback.category2"))),,,,\(cell(text("feedback.comment2"))),yes\n"
        files["feedback/a.csv"] = csv
    }

    /// The hostile value of one field: its payload, then its marker.
    mutating func text(_ path: String) -> String {
        let n = fields.count
        fields.append(path)
        let payloads = HostileCorpus.payloads
        return payloads[n % payloads.count] + " " + HostileFixture.marker(n)
    }

    static func generic(_ path: String) -> String {
        // `official.commitments[2].title` → `official.commitments[].title`
        var out = ""
        var skipping = false
        for ch in path {
            if ch == "[" { out.append("[]"); skipping = true; continue }
            if ch == "]" { skipping = false; continue }
            if !skipping { out.append(ch) }
        }
        return out
    }

    mutating func generate(_ schema: [String: Any], path: String) -> Any? {
        if let o = HostileFixture.overrides[HostileFixture.generic(path)] { return o }
        if let any = schema["anyOf"] as? [[String: Any]] {
            // LOCALIZED: text or { vi, en }; a nullable date: the date.
            if let obj = any.first(where: { $0["type"] as? String == "object" }) {
                return generate(obj, path: path)
            }
            return any.first.flatMap { generate($0, path: path) }
        }
        if let enumValues = schema["enum"] as? [Any] { return enumValues.first }
        switch schema["type"] as? String {
        case "string":
            if let pattern = schema["pattern"] as? String {
                if pattern.contains("[0-9]{4}-[0-9]{2}-[0-9]{2}") {
                    return pattern.contains("T ") || pattern.contains("[T ]") ? "2026-05-01T00:00" : "2026-06-01"
                }
                if pattern == "^[a-z0-9-]+$" || pattern == "^[a-z0-9_-]+$" {
                    return String(path.split(separator: ".").last ?? "x").filter { $0.isLetter }.lowercased().prefix(8).description
                }
                return nil  // other patterned strings (URLs, colours) come from overrides
            }
            return text(path)
        case "number", "integer": return 1
        case "boolean": return false
        case "array":
            guard let items = schema["items"] as? [String: Any] else { return nil }
            if let variants = HostileFixture.variants[HostileFixture.generic(path)] {
                return variants.enumerated().map { i, patch -> Any in
                    var item = generate(items, path: path + "[\(i)]") as? [String: Any] ?? [:]
                    for (k, v) in patch { item[k] = v }
                    return item
                }
            }
            return generate(items, path: path + "[0]").map { [$0] } ?? []
        case "object":
            var out: [String: Any] = [:]
            if let props = schema["properties"] as? [String: Any] {
                for key in props.keys.sorted() {
                    guard let sub = props[key] as? [String: Any], !sub.isEmpty else { continue }
                    if let v = generate(sub, path: path + "." + key) { out[key] = v }
                }
            } else if let additional = schema["additionalProperties"] as? [String: Any] {
                // Maps: feedback channels, assessments by key.
                let keys = path.hasSuffix("feedback_channels") ? ["hotline", "portal", "email"] : ["conduct"]
                for key in keys {
                    if let v = generate(additional, path: path + "." + key) { out[key] = v }
                }
                if path.hasSuffix("feedback_channels") { out["portal"] = "javascript:alert(1)" }
            }
            return out
        default:
            if let oneOf = schema["oneOf"] as? [[String: Any]] { return oneOf.first.flatMap { generate($0, path: path) } }
            return nil
        }
    }

    func write() throws -> String {
        var c = TestContent()
        c.files = files
        return try c.write()
    }
}
