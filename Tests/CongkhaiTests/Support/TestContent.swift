import Foundation
import Testing
@testable import Congkhai

/// A small content tree written to a temporary folder: a valid default that
/// each test edits, so every test states only what it is about.
struct TestContent {
    var files: [String: String]

    static let site = """
    title: "Công khai — Tỉnh Thử"
    province: "Tỉnh Thử"
    base_url: "https://example.gov.vn/"
    period: { id: "2026", start: 2026-01-01, end: 2026-12-31 }
    as_of: 2026-11-28
    """

    /// A framework with one criterion scoring `measure` at weight 100.
    static func framework(_ measure: String, required: Bool = false, group: String = "B",
                          gate: String = "") -> String {
        """
        id: test
        name: { vi: "Khung thử", en: "Test framework" }
        criteria:
          - id: only
            name: { vi: "Tiêu chí", en: "Criterion" }
            group: \(group)
            weight: 100
            required: \(required)
            measures:
              - \(measure)
        bands:
          - { id: excellent, min: 90, name: { vi: "Xuất sắc", en: "Excellent" } }
          - { id: good, min: 70, name: { vi: "Tốt", en: "Good" } }
          - { id: complete, min: 50, name: { vi: "Hoàn thành", en: "Complete" } }
          - { id: incomplete, min: 0, name: { vi: "Không hoàn thành", en: "Incomplete" } }
        \(gate)
        """
    }

    static let catalog = """
    products:
      - { id: ho-so-dat-dai, name: "Hồ sơ đất đai", unit: "hồ sơ", norm: 300 }
    """

    static let locality = """
    name: "Xã An Bình"
    kind: commune
    context: mountainous
    """

    /// An official file with the given front-matter lines after name/role.
    static func official(_ name: String = "Nguyễn Văn An", role: String = "chairman", _ extra: String = "") -> String {
        "---\nname: \"\(name)\"\nposition: \"Chủ tịch UBND xã\"\nrole: \(role)\n\(extra)\n---\nGiới thiệu.\n"
    }

    static let feedbackHeader = "id,date,channel,locality,official,commitment,kind,respondent_kind,respondent,rating,category,status,due,resolved_on,comment,publish\n"

    init(measure: String = "{ metric: disclosure }") {
        files = [
            "site.yaml": TestContent.site,
            "framework.yaml": TestContent.framework(measure),
            "catalog.yaml": TestContent.catalog,
            "localities/xa-an-binh.yaml": TestContent.locality,
            "officials/xa-an-binh/nguyen-van-an.md": TestContent.official(),
        ]
    }

    subscript(path: String) -> String? {
        get { files[path] }
        set { files[path] = newValue }
    }

    /// Writes the tree to a new temporary folder and returns its path.
    func write() throws -> String {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("congkhai-test-\(UUID().uuidString)").path
        for (path, text) in files {
            let full = root + "/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: full))
        }
        return root
    }

    /// Loads, validates and scores; returns the run (nil on errors) and the log.
    func run(asOf: String? = nil, strict: Bool = false) throws -> (ScoringRun?, DiagnosticLog) {
        let root = try write()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let log = DiagnosticLog()
        let run = ScoringRun.run(content: root, options: .init(asOf: asOf.flatMap { Day(iso: $0) }, strict: strict), log: log)
        return (run, log)
    }

    /// The only criterion's unrounded attainment of the first official (nil if N/A).
    func attainment(asOf: String? = nil) throws -> Rational? {
        let (run, log) = try run(asOf: asOf)
        guard let run else {
            Issue.record("content errors: \(log.items.map(\.description))")
            return nil
        }
        return run.scoreboard.results[0].criteria[0].attainment
    }

    func errors() throws -> [Diagnostic] {
        try run().1.items.filter { $0.severity == .error }
    }
}

extension Rational {
    /// For tests written as floating-point formulas: within 1e-9 of the double.
    /// Exact expectations use `==` with a `Rational` instead.
    func isClose(to other: Double, within tolerance: Double = 1e-9) -> Bool { abs(approximateDouble - other) <= tolerance }
}

/// Test literals such as `4.63` read as the exact decimal they spell (through
/// the shortest description of the double, which round-trips the literal).
extension Rational: ExpressibleByFloatLiteral {
    public init(floatLiteral value: Double) {
        guard let r = Rational(decimal: "\(value)") else { preconditionFailure("not a decimal literal: \(value)") }
        self = r
    }
}
