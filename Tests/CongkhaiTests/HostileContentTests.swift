import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Congkhai

/// Script, event handlers, unsafe URLs and template syntax in every field
/// never reach any output file as markup; personal data never leaves.
@Suite struct HostileContentTests {
    static let payloads = HostileCorpus.payloads
    static var p: String { payloads.joined(separator: " ") }

    static func content() -> TestContent {
        var c = TestContent()
        let q = { (s: String) in "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        c["site.yaml"] = """
        title: \(q("Tỉnh " + p))
        province: \(q(p))
        base_url: "https://example.gov.vn/"
        period: { id: "2026", start: 2026-01-01, end: 2026-12-31 }
        as_of: 2026-11-28
        feedback_channels: { hotline: \(q("1022 " + p)), portal: "javascript:alert(1)", email: \(q("x@y.vn\" onmouseover=\"alert(1)")) }
        demo: true
        """
        c["localities/xa-an-binh.yaml"] = """
        name: \(q("Xã " + p))
        kind: commune
        context: rural
        indicators:
          - { id: a, name: \(q(p)), unit: \(q(p)), baseline: 1, target: 2, actual: 1.5 }
        """
        c["officials/xa-an-binh/nguyen-van-an.md"] = """
        ---
        name: \(q("An " + p))
        position: \(q(p))
        role: chairman
        commitments:
          - id: a
            title: \(q(p))
            group: B
            acceptance: \(q(p))
            unit: "=SUM(1+1)"
            deadline: 2026-06-30
            status: done
            completed_on: 2026-06-01
            updates:
              - { on: 2026-06-01, progress: 100, note: \(q(p)), evidence: "javascript:alert(1)" }
              - { on: 2026-06-02, note: "x", evidence: "JaVaScRiPt:alert(1)" }
              - { on: 2026-06-03, note: "x", evidence: "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==" }
              - { on: 2026-06-04, note: "x", evidence: "https://ok.example/\\"onmouseover=alert(1)" }
        incidents:
          - { id: i, title: \(q(p)), occurred: 2026-05-01T00:00, target_response_hours: 2, outcome: ongoing }
        initiatives:
          - { id: n, title: \(q(p)), adopted_on: 2026-02-01, verified_by: \(q(p)) }
        ---
        \(HostileCorpus.payloads.joined(separator: "\n\n"))

        \(HostileCorpus.markdown)
        """
        c["audits/a.yaml"] = "- { official: nguyen-van-an, by: \(q(p)), on: 2026-10-01, finding: \(q(p)), reference: \(q(p)), action: { deduct: 1 } }\n"
        var csv = TestContent.feedbackHeader
        let comment = "\"Gọi 0912 345 678 hoặc x.y@mail.vn; CCCD 001203004567 \(p.replacingOccurrences(of: "\"", with: "\"\""))\""
        csv += "1,2026-03-01,hotline,xa-an-binh,nguyen-van-an,,complaint,citizen,R-SECRET-RESPONDENT,,\(comment),open,2026-04-01,,\(comment),yes\n"
        csv += "2,2026-03-01,hotline,xa-an-binh,nguyen-van-an,,rating,citizen,R-SECRET-RESPONDENT,4,x,,,,\"Bí mật 0987654321\",no\n"
        c["feedback/a.csv"] = csv
        return c
    }

    @Test func nothingHostileReachesAnyOutput() throws {
        let root = try HostileContentTests.content().write()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let (out, report, log) = try SiteFixture.build(content: root)
        defer { try? FileManager.default.removeItem(atPath: out) }
        guard case .built = report.outcome else {
            Issue.record("build failed: \(log.items.filter { $0.severity == .error })")
            return
        }
        let site = try BuiltSite(root: out)
        #expect(site.files.count > 20)
        for (path, bytes) in site.files where !path.hasSuffix(".js") && !path.hasSuffix(".css") && !path.hasSuffix(".pdf") {
            let text = String(decoding: bytes, as: UTF8.self)
            let lower = text.lowercased()
            // Personal data and respondent ids never leave.
            #expect(!text.contains("R-SECRET-RESPONDENT"), "\(path)")
            #expect(!text.contains("0912 345 678") && !text.contains("0987654321") && !text.contains("001203004567"), "\(path)")
            #expect(!text.contains("x.y@mail.vn"), "\(path)")
            if path.hasSuffix(".html") || path.hasSuffix(".xml") {
                // Only the theme's own script tag.
                let scripts = lower.components(separatedBy: "<script").count - 1
                let themeScripts = lower.components(separatedBy: "<script src=\"").count - 1
                #expect(scripts == themeScripts, "\(path): a script not from the theme")
                #expect(!lower.contains("<img src=x"), "\(path)")
                #expect(!lower.contains("<svg onload"), "\(path)")
                for tag in ["<iframe", "<object", "<embed", "<form action=\"javascript", "<math", "<style", "<details open",
                            "<body onload", "<x onclick", "<mtext"] {
                    #expect(!lower.contains(tag), "\(path): contains \(tag)")
                }
                if path.hasSuffix(".html") {
                    #expect(lower.components(separatedBy: "<link ").count - 1 == BuiltSite.themeLinkCount(lower), "\(path): foreign <link>")
                }
                #expect(!lower.contains("<meta http-equiv=refresh") && !lower.contains("<meta http-equiv=\"refresh"), "\(path)")
                for attr in BuiltSite.attributes("href", in: lower) + BuiltSite.attributes("src", in: lower) {
                    #expect(!attr.hasPrefix("javascript:") && !attr.hasPrefix("vbscript:") && !attr.hasPrefix("data:text/html"), "\(path): \(attr)")
                }
                // No event handler attribute inside any tag.
                #expect(HostileContentTests.tagsWithEventHandlers(text).isEmpty, "\(path): \(HostileContentTests.tagsWithEventHandlers(text).prefix(3))")
                // Template syntax in content stays literal text.
                if text.contains("site_title}}") { #expect(text.contains("{{site_title}}"), "\(path)") }
            }
            if path.hasSuffix(".json") {
                #expect((try? JSONSerialization.jsonObject(with: Data(bytes))) != nil, "\(path) is not valid JSON")
            }
            if path.hasSuffix(".csv") {
                #expect(!text.contains(",=HYPERLINK") && !text.contains("\n=HYPERLINK") && !text.contains("\"=HYPERLINK"), "\(path): formula cell")
            }
            if path.hasSuffix(".xml") {
                let parser = XMLParser(data: Data(bytes))
                #expect(parser.parse(), "\(path) is not well-formed XML")
            }
        }
        // The masked comment is published, masked.
        let officialPage = site.text("dia-phuong/xa-an-binh/nguyen-van-an/index.html") ?? ""
        #expect(officialPage.contains(PrivacyMask.phoneMask))
        #expect(officialPage.contains(PrivacyMask.emailMask))
        #expect(!officialPage.contains("Bí mật"))
        // The payloads did arrive, as text.
        #expect(officialPage.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(officialPage.contains("{{site_title}}"))
        let csv = site.text("data/commitments.csv") ?? ""
        #expect(csv.contains(",'=SUM(1+1),"))
        #expect(CSVWriter.text("@cmd") == "'@cmd" && CSVWriter.text("-1") == "'-1" && CSVWriter.text("\tx") == "'\tx")
    }

    /// Start tags (outside text) that carry an `on…=` attribute.
    static func tagsWithEventHandlers(_ html: String) -> [String] {
        var found: [String] = []
        var i = html.startIndex
        while let open = html[i...].firstIndex(of: "<") {
            guard let close = html[open...].firstIndex(of: ">") else { break }
            let tag = html[open...close].lowercased()
            var inQuote: Character?
            var prev: Character = " "
            var idx = tag.startIndex
            while idx < tag.endIndex {
                let ch = tag[idx]
                if let q = inQuote {
                    if ch == q { inQuote = nil }
                } else if ch == "\"" || ch == "'" {
                    inQuote = ch
                } else if (prev == " " || prev == "/" || prev == "\n") && ch == "o" {
                    let rest = tag[idx...]
                    if rest.hasPrefix("on"), let eq = rest.firstIndex(of: "="),
                       rest[rest.index(idx, offsetBy: 2)..<eq].allSatisfy({ $0.isLetter }) {
                        found.append(String(tag))
                        break
                    }
                }
                prev = ch
                idx = tag.index(after: idx)
            }
            i = html.index(after: close)
        }
        return found
    }
}
