import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Congkhai

/// Script, event handlers, unsafe URLs and template syntax in every field
/// never reach any output file as markup; personal data never leaves.
@Suite struct HostileContentTests {
    @Test func nothingHostileReachesAnyOutput() throws {
        let fixture = try HostileFixture()
        let root = try fixture.write()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let (out, report, log) = try SiteFixture.build(content: root)
        defer { try? FileManager.default.removeItem(atPath: out) }
        guard case .built = report.outcome else {
            Issue.record("build failed: \(log.items.filter { $0.severity == .error })")
            return
        }
        let site = try BuiltSite(root: out)
        #expect(site.files.count > 20)
        #expect(fixture.fields.count > 60, "the schemas yield \(fixture.fields.count) free-text fields")
        var shown = Set<Int>()
        for (path, stored) in site.files where !path.hasSuffix(".css") && !path.hasSuffix(".pdf") && !path.hasSuffix(".png") {
            // The feedback published for recomputation is gzip: read what it holds.
            let bytes = path.hasSuffix(".gz") ? (Gzip.decompress(stored) ?? []) : stored
            let text = String(decoding: bytes, as: UTF8.self)
            let lower = text.lowercased()
            // Personal data and respondent ids never leave.
            #expect(!text.contains("R-SECRET-RESPONDENT"), "\(path)")
            #expect(!text.contains("0912 345 678") && !text.contains("0987654321") && !text.contains("001203004567"), "\(path)")
            #expect(!text.contains("x.y@mail.vn"), "\(path)")
            // `data/content/` is the content as scored, verbatim (served as text, never as HTML).
            // `data/ledger/` is canonical JSON lines (hashable by common tools, so text is not
            // HTML-escaped), served as data, never as HTML.
            if path.hasPrefix("data/content/") || path.hasPrefix("data/ledger/") { continue }
            // Which fields reached this file, and whether any did so as markup.
            for n in fixture.fields.indices {
                let raw = HostileFixture.marker(n)
                if path.hasSuffix(".csv") || path.hasSuffix(".csv.gz") {
                    if text.contains(raw) { shown.insert(n) }
                    continue
                }
                if text.contains("&lt;q-f\(n)&gt;") || text.contains("\\u003cq-f\(n)\\u003e") { shown.insert(n) }
                #expect(!text.contains(raw), "\(path): field \(fixture.fields[n]) is not escaped")
            }
            if path.hasSuffix(".js") { continue }  // the theme's own script; data files are .json
            if path.hasSuffix(".html") || path.hasSuffix(".xml") || path.hasSuffix(".svg") {
                // Only the theme's own script tag.
                let scripts = lower.components(separatedBy: "<script").count - 1
                let themeScripts = lower.components(separatedBy: "<script src=\"").count - 1
                #expect(scripts == themeScripts, "\(path): a script not from the theme")
                #expect(!lower.contains("<img src=x"), "\(path)")
                #expect(!lower.contains("<svg onload") && !lower.contains("<svg/onload"), "\(path)")
                for tag in ["<iframe", "<object", "<embed", "<form action=\"javascript", "<math", "<style", "<details open",
                            "<body onload", "<x onclick", "<mtext"] {
                    #expect(!lower.contains(tag), "\(path): contains \(tag)")
                }
                if path.hasSuffix(".html") {
                    #expect(lower.components(separatedBy: "<link ").count - 1 == BuiltSite.themeLinkCount(lower), "\(path): foreign <link>")
                }
                #expect(!lower.contains("<meta http-equiv=refresh") && !lower.contains("<meta http-equiv=\"refresh"), "\(path)")
                for attr in BuiltSite.attributes("href", in: lower) + BuiltSite.attributes("src", in: lower) + BuiltSite.attributes("action", in: lower) {
                    let a = attr.trimmingCharacters(in: .whitespaces)
                    #expect(!a.hasPrefix("javascript:") && !a.hasPrefix("vbscript:") && !a.hasPrefix("data:text/html")
                            && !a.hasPrefix("jav&#"), "\(path): \(attr)")
                }
                // No event handler attribute inside any tag.
                #expect(HostileContentTests.tagsWithEventHandlers(text).isEmpty, "\(path): \(HostileContentTests.tagsWithEventHandlers(text).prefix(3))")
            }
            if path.hasSuffix(".json") {
                #expect((try? JSONSerialization.jsonObject(with: Data(bytes))) != nil, "\(path) is not valid JSON")
            }
            if path.hasSuffix(".csv") || path.hasSuffix(".csv.gz") {
                for (line, cell) in HostileContentTests.cells(text) where HostileContentTests.isFormula(cell) {
                    Issue.record("\(path):\(line): a cell starts a formula: \(cell.prefix(40))")
                }
            }
            if path.hasSuffix(".xml") {
                let parser = XMLParser(data: Data(bytes))
                #expect(parser.parse(), "\(path) is not well-formed XML")
            }
        }
        // The fields people read must have been published (escaped) somewhere:
        // otherwise a missing escape in their template could go unnoticed.
        let mustShow = ["site.title", "site.province", "framework.name.vi", "framework.criteria[0].name.vi",
                        "framework.criteria[0].basis.vi", "framework.bands[0].name.vi", "framework.bands[0].consequences.vi",
                        "catalog.products[0].name", "locality.name", "locality.norm_adjustments[0].reason",
                        "locality.norm_adjustments[0].approved_by", "locality.norm_adjustments[0].decision",
                        "locality.indicators[0].name", "locality.indicators[0].unit", "official.name", "official.position",
                        "official.commitments[0].title", "official.commitments[0].withdrawn.reason",
                        "official.commitments[2].acceptance", "official.commitments[2].unit",
                        "official.commitments[1].updates[0].note", "official.incidents[0].title", "official.initiatives[0].title",
                        "official.initiatives[0].verified_by", "audits[0].by", "audits[0].finding", "audits[0].reference",
                        "feedback.comment", "feedback.category"]
        for name in mustShow {
            guard let n = fixture.fields.firstIndex(of: name) else { Issue.record("no field \(name) in the fixture"); continue }
            #expect(shown.contains(n), "field \(name) never reaches any output")
        }
        let hidden = fixture.fields.indices.filter { !shown.contains($0) }.map { fixture.fields[$0] }
        print("hostile fixture: \(fixture.fields.count) free-text fields, \(shown.count) published; not published: \(hidden.joined(separator: ", "))")
        // The masked comment is published, masked.
        let officialPage = site.text("dia-phuong/xa-an-binh/nguyen-van-an/index.html") ?? ""
        #expect(officialPage.contains(PrivacyMask.phoneMask))
        #expect(officialPage.contains(PrivacyMask.emailMask))
        #expect(!officialPage.contains("Bí mật"))
        #expect(officialPage.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(officialPage.contains("{{site_title}}"))
        #expect(CSVWriter.text("@cmd") == "'@cmd" && CSVWriter.text("-1") == "'-1" && CSVWriter.text("\tx") == "'\tx")
    }

    /// A cell a spreadsheet would evaluate: starts with = + - @ tab or CR and is not a plain number.
    static func isFormula(_ cell: String) -> Bool {
        guard let first = cell.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else { return false }
        return Rational(decimal: cell) == nil
    }

    /// RFC 4180 cells with the line each starts on.
    static func cells(_ csv: String) -> [(Int, String)] {
        var out: [(Int, String)] = []
        var cell = "", inQuotes = false, line = 1, cellLine = 1
        var chars = Array(csv)[...]
        while let ch = chars.popFirst() {
            if inQuotes {
                if ch == "\"" {
                    if chars.first == "\"" { cell.append("\""); chars = chars.dropFirst() } else { inQuotes = false }
                } else {
                    if ch == "\n" { line += 1 }
                    cell.append(ch)
                }
            } else if ch == "\"" && cell.isEmpty {
                inQuotes = true
            } else if ch == "," {
                out.append((cellLine, cell)); cell = ""; cellLine = line
            } else if ch == "\r\n" || ch == "\n" {
                out.append((cellLine, cell)); cell = ""; line += 1; cellLine = line
            } else {
                cell.append(ch)
            }
        }
        if !cell.isEmpty { out.append((cellLine, cell)) }
        return out
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
