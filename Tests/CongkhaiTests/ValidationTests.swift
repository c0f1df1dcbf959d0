import Foundation
import Testing
@testable import Congkhai

/// Every class of bad input gives a diagnostic at the right file and line.
@Suite struct ValidationTests {
    let officialPath = "officials/xa-an-binh/nguyen-van-an.md"

    func withOfficial(_ frontMatter: String) -> TestContent {
        var c = TestContent()
        c[officialPath] = TestContent.official("Nguyễn Văn An", frontMatter)
        return c
    }

    func expectError(_ c: TestContent, file: String, line: Int, _ fragment: String,
                     sourceLocation: SourceLocation = #_sourceLocation) throws {
        let errors = try c.errors()
        #expect(errors.contains { $0.file == file && $0.line == line && $0.message.contains(fragment) },
                "expected \(file):\(line) \(fragment), got \(errors.map(\.description))", sourceLocation: sourceLocation)
    }

    // MARK: - Ids whose pages the site already has

    /// An official named like its locality's notice or changes page, or a
    /// locality named like a page of the localities list, would replace that
    /// page without a word (decision 90): an error at the file, nothing else.
    @Test func idsThatNameAnExistingPageAreErrors() throws {
        var c = TestContent()
        c["officials/xa-an-binh/thong-bao.md"] = TestContent.official("Trần Văn Bảo", role: "other")
        c["officials/xa-an-binh/thay-doi.md"] = TestContent.official("Lê Thị Đổi", role: "other")
        c["localities/trang-2.yaml"] = TestContent.locality
        // Near misses stay ordinary ids.
        c["officials/xa-an-binh/thong-bao-moi.md"] = TestContent.official("Phạm Thông", role: "other")
        c["localities/trang-hai.yaml"] = TestContent.locality
        c["localities/trang-.yaml"] = TestContent.locality
        let errors = try c.errors()
        #expect(errors.map(\.description).sorted() == [
            "localities/trang-2.yaml:1: error: locality file name \"trang-2\" is the address of a page of the localities list (dia-phuong/trang-2/): rename the file",
            "officials/xa-an-binh/thay-doi.md:1: error: official file name \"thay-doi\" is the address of a page of the locality (dia-phuong/xa-an-binh/thay-doi/): rename the file",
            "officials/xa-an-binh/thong-bao.md:1: error: official file name \"thong-bao\" is the address of a page of the locality (dia-phuong/xa-an-binh/thong-bao/): rename the file",
        ], "\(errors.map(\.description))")
    }

    // MARK: - Dates, types, YAML 1.2

    @Test func invalidCalendarDateInDeadline() throws {
        let c = withOfficial("""
        commitments:
          - id: a
            title: "A"
            group: A
            target: 1
            deadline: 2026-02-30
            status: planned
        """)
        try expectError(c, file: officialPath, line: 10, "deadline \"2026-02-30\" is not a valid date")
        let e = try c.errors().first { $0.message.contains("deadline") }
        #expect(e?.column == 15)
        #expect(e?.formatted(prefix: "content") == "content/officials/xa-an-binh/nguyen-van-an.md:10:15: error: commitment \"a\": deadline \"2026-02-30\" is not a valid date (YYYY-MM-DD)")
    }

    /// A text field past `TextLimit` is warned about at its own line and
    /// column (decision 107), and published as written: a title repeats on
    /// lists, search, feeds and notices, so a long one makes large pages.
    /// At the limit, nothing is said.
    @Test func aVeryLongFieldIsWarnedAboutAtItsValue() throws {
        let long = String(repeating: "Nâng cấp đường ", count: 25)  // 375 characters
        let atLimit = String(repeating: "x", count: TextLimit.short)
        let c = withOfficial("""
        commitments:
          - id: a
            title: "\(long)"
            group: A
            target: 1
            deadline: 2026-10-30
            status: planned
            acceptance: "\(String(repeating: "nghiệm thu ", count: 300))"
          - id: b
            title: "\(atLimit)"
            group: A
            target: 1
            deadline: 2026-10-30
            status: planned
        """)
        let (run, log) = try c.run()
        #expect(run != nil, "a warning, not an error: \(log.items.filter { $0.severity == .error })")
        let warnings = log.items.filter { $0.message.contains("characters long") }
        #expect(warnings.map(\.description) == [
            "\(officialPath):7:12: warning: commitment \"a\": title is \(long.count) characters long (keep it under 300): pages show it whole wherever it appears, and a page past ~200 KB loads slowly on phones; put long text in the profile (the body)",
            "\(officialPath):12:17: warning: commitment \"a\": acceptance is 3300 characters long (keep it under 3000): pages show it whole wherever it appears, and a page past ~200 KB loads slowly on phones; put long text in the profile (the body)",
        ], "\(warnings.map(\.description))")
        #expect(run?.province.officials.first?.commitments.first?.title == long, "published as written")
    }

    @Test func duplicateKeysAreReportedAtTheRepeat() throws {
        // Block style: the repeat's own line and column.
        try expectError(withOfficial("staff_count: 3\nstaff_count: 4"), file: officialPath, line: 6, "duplicate key \"staff_count\" in a mapping (first at line 5)")
        // Nested in a list item, with a blank line and a comment between.
        try expectError(withOfficial("""
        commitments:
          - id: a
            title: "A"

            # note
            title: "B"
            group: A
            deadline: 2026-06-30
            status: planned
        """), file: officialPath, line: 10, "duplicate key \"title\"")
        // Flow style: same line, later column.
        let c = withOfficial("assessments: { conduct: { score: 1, max: 2, score: 3 } }")
        let e = try c.errors().first { $0.message.contains("duplicate key") }
        #expect(e?.line == 5 && e?.column == 45)
    }

    @Test func anOfficialThatFailedToLoadIsNotReportedAgainAsUnknown() throws {
        var c = withOfficial("name: \"Again\"")
        c["audits/a.yaml"] = """
        - { official: nguyen-van-an, by: "HĐND", on: 2026-10-01, action: { deduct: 1 } }
        - { official: xa-an-binh/nguyen-van-an, by: "HĐND", on: 2026-10-01, action: { deduct: 1 } }
        """
        let errors = try c.errors()
        #expect(errors.count == 1, "\(errors.map(\.description))")
        #expect(errors.first?.file == officialPath && errors.first?.line == 5)
    }

    @Test func yesIsNotABooleanAndOnStaysAKey() throws {
        let c = withOfficial("""
        initiatives:
          - { id: a, title: "A", adopted_on: 2026-01-01, baseline: { days: 2 }, current: { days: 1 }, sustained: yes }
        commitments:
          - { id: b, title: "B", group: A, target: 1, deadline: 2026-12-30, status: planned, updates: [{ on: 2026-03-01, progress: 10 }] }
        """)
        let errors = try c.errors()
        #expect(errors.count == 1)
        #expect(errors.first?.message.contains("sustained \"yes\" must be true or false") == true)
    }

    @Test func unknownFieldIsAWarningWithSuggestion() throws {
        let (run, log) = try withOfficial("staf_count: 3").run()
        #expect(run != nil)
        #expect(log.items.contains { $0.severity == .warning && $0.line == 5 && $0.message.contains("did you mean \"staff_count\"") })
    }

    @Test func commitmentRequiredFieldsAndRules() throws {
        let c = withOfficial("""
        commitments:
          - { id: a, title: "A", group: A, target: 1, deadline: 2026-06-30, status: done }
          - { id: b, title: "B", group: A, target: 0, deadline: 2026-06-30, status: planned }
          - { id: c, title: "C", group: A, target: 1, actual: -1, deadline: 2026-06-30, status: planned }
          - { id: d, title: "D", group: A, target: 1, deadline: 2026-06-30, status: planned, withdrawn: { approved_by: "x", decision: "y" } }
          - { id: e, title: "E", group: C, deadline: 2026-06-30, status: planned }
          - { id: f, title: "F", group: A, target: 1, deadline: 2026-06-30, status: planned, updates: [{ on: 2026-01-01, progress: 120 }] }
          - { id: G, title: "G", group: A, target: 1, deadline: 2026-06-30, status: planned }
          - { title: "H", group: A, target: 1, status: planned }
          - { id: a, title: "A again", group: A, target: 1, deadline: 2026-06-30, status: planned }
          - { id: i, title: "I", group: A, target: 1, deadline: 2026-06-30, status: finished }
        """)
        try expectError(c, file: officialPath, line: 6, "status done requires completed_on")
        try expectError(c, file: officialPath, line: 7, "target must be greater than 0")
        try expectError(c, file: officialPath, line: 8, "actual must not be negative")
        try expectError(c, file: officialPath, line: 9, "withdrawn block is allowed only with status withdrawn")
        try expectError(c, file: officialPath, line: 10, "group \"C\" is not one of A, B")
        try expectError(c, file: officialPath, line: 11, "progress 120 must be between 0 and 100")
        try expectError(c, file: officialPath, line: 12, "id \"G\" is not a valid id")
        try expectError(c, file: officialPath, line: 13, "missing required field \"id\"")
        try expectError(c, file: officialPath, line: 13, "missing required field \"deadline\"")
        try expectError(c, file: officialPath, line: 14, "duplicate commitment id \"a\"")
        try expectError(c, file: officialPath, line: 15, "status \"finished\" is not one of")
    }

    @Test func unknownProductAndPartner() throws {
        let c = withOfficial("""
        commitments:
          - id: a
            title: "A"
            group: B
            product: ho-so-dat-da
            partners: [so-y-te]
            deadline: 2026-06-30
            status: planned
        """)
        try expectError(c, file: officialPath, line: 9, "unknown product \"ho-so-dat-da\" (did you mean \"ho-so-dat-dai\"?)")
        try expectError(c, file: officialPath, line: 10, "unknown partner \"so-y-te\"")
    }

    @Test func normAdjustmentNeedsApprovalAndIsUniquePerProduct() throws {
        var c = TestContent()
        c["localities/xa-an-binh.yaml"] = TestContent.locality + """

        norm_adjustments:
          - { product: ho-so-dat-dai, factor: 0.8, reason: "x" }
          - { product: ho-so-dat-dai, factor: 0.9, approved_by: "UBND", decision: "QĐ 2" }
          - { product: khong-co, factor: 0.9, approved_by: "UBND", decision: "QĐ 3" }
        """
        try expectError(c, file: "localities/xa-an-binh.yaml", line: 5, "needs approved_by and decision")
        try expectError(c, file: "localities/xa-an-binh.yaml", line: 6, "a second norm adjustment")
        try expectError(c, file: "localities/xa-an-binh.yaml", line: 7, "unknown product \"khong-co\"")
    }

    @Test func frameworkWeightsMustSumTo100() throws {
        var c = TestContent()
        c["framework.yaml"] = ScoringRuleTests.framework(weightA: 30, weightB: 60)
        try expectError(c, file: "framework.yaml", line: 3, "weights sum to 90, not 100")
    }

    @Test func frameworkWeightOutsideSuggestedRangeIsAWarning() throws {
        var c = TestContent()
        c["framework.yaml"] = """
        id: f
        name: { vi: "F" }
        criteria:
          - { id: transparency, name: { vi: "T" }, group: B, weight: 25.5, weight_range: [15, 20], measures: [{ metric: disclosure }] }
          - { id: innovation, name: { vi: "I" }, group: B, weight: 74.5, measures: [{ metric: initiative_impac }] }
        bands: [{ id: ok, min: 0, name: { vi: "OK" } }]
        """
        let (_, log) = try c.run()
        #expect(log.items.contains { $0.severity == .warning && $0.line == 4 && $0.message.contains("outside its weight_range 15–20") })
        #expect(log.items.contains { $0.severity == .error && $0.line == 5 && $0.message.contains("did you mean \"initiative_impact\"") })
    }

    @Test func decimalWeightsSumExactly() throws {
        var c = TestContent()
        c["framework.yaml"] = ScoringRuleTests.framework().replacingOccurrences(of: "group: A, weight: 50", with: "group: A, weight: 33.3")
            .replacingOccurrences(of: "group: B, weight: 50", with: "group: B, weight: 66.7")
        #expect(try c.errors().isEmpty)
    }

    // MARK: - Audits

    @Test func auditReferencesAndActions() throws {
        var c = TestContent()
        c["localities/xa-tan-phu.yaml"] = "name: \"Xã Tân Phú\"\nkind: commune\ncontext: rural\n"
        c["officials/xa-tan-phu/nguyen-van-an.md"] = TestContent.official()
        c["audits/a.yaml"] = """
        - { official: nguyen-van-an, by: "HĐND", on: 2026-10-01, action: { deduct: 1 } }
        - { official: khong-co, by: "HĐND", on: 2026-10-01, action: { deduct: 1 } }
        - { official: xa-tan-phu/nguyen-van-an, by: "HĐND", on: 2026-10-01, action: { deduct: 1, cap: good } }
        - { official: xa-tan-phu/nguyen-van-an, by: "HĐND", on: 2026-10-01, action: { cap: great } }
        - { official: xa-tan-phu/nguyen-van-an, by: "HĐND", on: 2026-10-01, action: { downgrade: 1.5 } }
        """
        try expectError(c, file: "audits/a.yaml", line: 1, "is ambiguous: write one of xa-an-binh/nguyen-van-an, xa-tan-phu/nguyen-van-an")
        try expectError(c, file: "audits/a.yaml", line: 2, "unknown official \"khong-co\"")
        try expectError(c, file: "audits/a.yaml", line: 3, "exactly one of deduct, downgrade or cap")
        try expectError(c, file: "audits/a.yaml", line: 4, "cap \"great\" is not a band")
        #expect(try c.errors().contains { $0.line == 4 && $0.column == 84 && $0.message.contains("great") })
        try expectError(c, file: "audits/a.yaml", line: 5, "must be a whole number")
        // `LOCALITY/ID` of a loaded official resolves: no "unknown official" for lines 3–5.
        #expect(try c.errors().filter { $0.message.contains("unknown official") }.map(\.line) == [2])
    }

    // MARK: - Encodings and Unicode

    @Test func windows1258FileIsNamed() throws {
        let c = TestContent()
        let root = try c.write()
        defer { try? FileManager.default.removeItem(atPath: root) }
        // "Nguyễn Văn An" in Windows-1258: e + 0xDE (combining tilde) after ê (0xEA) etc.
        var bytes = Array("---\nname: \"Nguy".utf8)
        bytes += [0xEA, 0xDE]
        bytes += Array("n V".utf8) + [0xE3] + Array("n An\"\nrole: chairman\n---\n".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: root + "/" + officialPath))
        let log = DiagnosticLog()
        _ = ScoringRun.run(content: root, options: .init(), log: log)
        let e = log.items.first { $0.file == officialPath }
        #expect(e?.line == 2)
        #expect(e?.message.contains("Windows-1258") == true)
    }

    @Test func legacyEncodingGuesses() {
        // VNI: "Nguyeãn" style: ASCII vowel followed by a modifier byte; đ as 0xF1.
        let vni: [UInt8] = Array("Nguye".utf8) + [0xE3] + Array("n Va".utf8) + [0xE9] + Array("n ".utf8) + [0xF1] + Array("o".utf8) + [0xE0]
        #expect(LegacyEncoding.guess(vni) == .vni)
        // TCVN3: "Nguyễn Văn" uses 0xA8 (ă) and precomposed ễ (0xD7).
        let tcvn: [UInt8] = Array("Nguy".utf8) + [0xD7] + Array("n V".utf8) + [0xA8] + Array("n ".utf8) + [0xAE] + Array("\u{20}".utf8)
        #expect(LegacyEncoding.guess(tcvn) == .tcvn3)
        #expect(LegacyEncoding.guess([0xFF, 0xFE, 0x41, 0x00]) == .utf16)
        #expect(LegacyEncoding.guess(Array("plain".utf8)) == nil)
    }

    @Test func nfdInputIsNormalisedAndBOMAndCRLFAccepted() throws {
        var c = TestContent()
        let nfd = "Nguyễn Văn An".decomposedStringWithCanonicalMapping
        c[officialPath] = "\u{FEFF}---\r\nname: \"\(nfd)\"\r\nrole: chairman\r\n---\r\nBody\r\n"
        let (run, log) = try c.run()
        let r = try #require(run, "\(log.items)")
        #expect(r.province.officials[0].name.utf8.elementsEqual("Nguyễn Văn An".precomposedStringWithCanonicalMapping.utf8))
    }

    // MARK: - Limits

    @Test func aliasBombIsAnErrorWithinASecond() throws {
        var c = TestContent()
        var yaml = "products: []\nx0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n"
        for i in 1...9 { yaml += "x\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        c["catalog.yaml"] = yaml
        let start = ContinuousClock.now
        let errors = try c.errors()
        #expect(ContinuousClock.now - start < .seconds(2))
        #expect(errors.contains { $0.file == "catalog.yaml" && $0.message.contains("more than 200000 nodes") })
    }

    @Test func aliasUsedAsKeyIsRejected() throws {
        var c = TestContent()
        c["catalog.yaml"] = "a: &a [1, 2]\n*a : 3\nproducts: []\n"
        let errors = try c.errors()
        #expect(errors.contains { $0.file == "catalog.yaml" && $0.line == 2 })
    }

    @Test func deepNestingIsRejected() throws {
        var c = TestContent()
        c["catalog.yaml"] = "products: " + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "\n"
        #expect(try c.errors().contains { $0.file == "catalog.yaml" && $0.message.contains("nested deeper than 64") })
        c["catalog.yaml"] = "products: " + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000) + "\n"
        #expect(try c.errors().contains { $0.file == "catalog.yaml" })
    }

    @Test func fileOver2MiBIsRejected() throws {
        var c = withOfficial("")
        c[officialPath] = TestContent.official() + String(repeating: "x", count: 5 * 1024 * 1024) + "\n"
        #expect(try c.errors().contains { $0.file == officialPath && $0.message.contains("limit is 2 MiB") })
    }

    @Test func missingFrontMatter() throws {
        var c = TestContent()
        c[officialPath] = "Không có front matter\n"
        try expectError(c, file: officialPath, line: 1, "must start with YAML front matter")
        c[officialPath] = "---\nname: x\n"
        try expectError(c, file: officialPath, line: 1, "not closed")
    }

    @Test func yamlSyntaxErrorHasLine() throws {
        var c = TestContent()
        c["localities/xa-an-binh.yaml"] = "name: \"Xã An Bình\"\nkind: commune\ncontext: [rural\n"
        let errors = try c.errors()
        #expect(errors.contains { $0.file == "localities/xa-an-binh.yaml" && $0.line >= 3 && $0.message.contains("YAML syntax error") })
    }
}

@Suite struct LegacyConverterTests {
    @Test func convertsWindows1258AndKeepsABackup() throws {
        let c = TestContent()
        let root = try c.write()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let path = root + "/officials/xa-an-binh/nguyen-van-an.md"
        var bytes = Array("---\nname: \"Nguy".utf8) + [0xEA, 0xDE] + Array("n V".utf8) + [0xE3]
        bytes += Array("n An\"\nrole: chairman\n---\n".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let results = LegacyConverter.fixAll(root: root)
        #expect(results.count == 1 && results[0].converted)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("Nguyễn Văn An"))
        #expect(text.utf8.elementsEqual(text.precomposedStringWithCanonicalMapping.utf8))
        #expect(FileManager.default.fileExists(atPath: root + "/officials/xa-an-binh/.nguyen-van-an.md.windows-1258.bak"))
        let log = DiagnosticLog()
        #expect(ScoringRun.run(content: root, options: .init(), log: log) != nil)
    }

    @Test func vniIsDetectedButNotConverted() throws {
        let c = TestContent()
        let root = try c.write()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let vni: [UInt8] = Array("name: \"Nguye".utf8) + [0xE3] + Array("n Va".utf8) + [0xE9] + Array("n ".utf8) + [0xF1] + Array("o".utf8) + [0xE0] + Array("\"\n".utf8)
        try Data(vni).write(to: URL(fileURLWithPath: root + "/localities/xa-an-binh.yaml"))
        let results = LegacyConverter.fixAll(root: root)
        #expect(results.count == 1 && !results[0].converted && results[0].encoding == "VNI")
    }
}
