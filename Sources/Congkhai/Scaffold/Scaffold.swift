import Foundation

/// `congkhai new`: commented Vietnamese skeletons that `check` accepts as
/// they are, so an editor starts from something valid and fills it in. Never
/// overwrites: a file that exists is an error and nothing is written.
public enum Scaffold {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        public init(description: String) { self.description = description }
    }

    /// A file to write (path relative to the content folder).
    public struct File: Equatable, Sendable {
        public var path: String
        public var text: String
    }

    /// `reserved`: ids of this kind whose page address the site already uses
    /// (`SitePaths`, decision 90), refused as `check` would.
    public static func checkID(_ id: String, what: String, reserved: (String) -> Bool = { _ in false }) throws {
        guard Identifier.isValid(id) else {
            throw Failure(description: "\(what) \"\(id)\" is not a valid id: lowercase letters, digits and hyphens, like xa-an-binh")
        }
        if reserved(id) {
            throw Failure(description: "\(what) \"\(id)\" is the address of a page the site already has: choose another id")
        }
    }

    /// Writes files under `root`, refusing if any exists (all or nothing).
    public static func write(_ files: [File], root: String) throws {
        let fm = FileManager.default
        for f in files where fm.fileExists(atPath: root + "/" + f.path) {
            throw Failure(description: "\(root)/\(f.path) already exists; nothing was written")
        }
        for f in files {
            let full = root + "/" + f.path
            try fm.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(f.text.utf8).write(to: URL(fileURLWithPath: full), options: .withoutOverwriting)
        }
    }

    /// The YAML for a quoted string.
    static func quoted(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    // MARK: - Site

    /// A minimal valid province: site settings, the default framework, an empty
    /// catalogue, and the folders editors fill.
    public static func site(title: String, province: String, year: Int, asOf: Day) -> [File] {
        [
            File(path: "site.yaml", text: """
            # Thiết lập chung của trang công khai (xem docs/huong-dan-bien-tap.md).
            title: \(quoted(title))
            province: \(quoted(province))
            # Địa chỉ trang sẽ được xuất bản (kết thúc bằng /).
            base_url: "https://congkhai.example.gov.vn/"
            languages: [vi, en]
            # Kỳ đánh giá: thường là một năm.
            period: { id: "\(year)", start: \(year)-01-01, end: \(year)-12-31 }
            # Ngày tính điểm; lịch build hằng đêm truyền --as-of bằng ngày hôm đó.
            as_of: \(asOf)
            framework: framework.yaml
            theme: default
            # Kênh tiếp nhận phản ánh in ở chân trang và trên bảng niêm yết.
            feedback_channels:
              hotline: "1022"
              portal: "https://dichvucong.example.gov.vn/"

            """),
            File(path: "framework.yaml", text: EmbeddedTheme.framework),
            File(path: "catalog.yaml", text: """
            # Danh mục sản phẩm chuẩn và định mức mỗi kỳ (có thể để trống).
            # Ví dụ:
            #   - id: ho-so-dat-dai
            #     name: "Hồ sơ đất đai được giải quyết"
            #     unit: "hồ sơ"
            #     norm: 300
            products: []

            """),
            File(path: "localities/.gitkeep", text: ""),
            File(path: "officials/.gitkeep", text: ""),
            File(path: "feedback/.gitkeep", text: ""),
            File(path: "audits/.gitkeep", text: ""),
        ]
    }

    // MARK: - Locality

    public static func locality(id: String, kind: Locality.Kind, context: Locality.Context, name: String?) throws -> [File] {
        try checkID(id, what: "locality", reserved: SitePaths.isReservedLocalityID)
        let shown = name ?? defaultName(id: id, kind: kind)
        return [File(path: "localities/\(id).yaml", text: """
        # Địa phương, đơn vị: \(shown)
        name: \(quoted(shown))
        # commune (xã), ward (phường), special_zone (đặc khu), department (sở, ngành), province
        kind: \(kind.rawValue)
        # urban (đô thị), rural (nông thôn), mountainous (miền núi), disadvantaged (đặc biệt khó khăn)
        context: \(context.rawValue)
        # population: 12000
        # Chỉ tiêu kinh tế – xã hội (tùy chọn), ví dụ:
        # indicators:
        #   - id: ty-le-ho-ngheo
        #     name: "Tỷ lệ hộ nghèo"
        #     unit: "%"
        #     baseline: 8.5
        #     target: 6
        #     actual: 7.1
        #     direction: lower

        """)]
    }

    static func defaultName(id: String, kind: Locality.Kind) -> String {
        let prefix: String
        switch kind {
        case .commune: prefix = "Xã"
        case .ward: prefix = "Phường"
        case .specialZone: prefix = "Đặc khu"
        case .department: prefix = "Sở"
        case .province: prefix = "Tỉnh"
        }
        let words = id.split(separator: "-").dropFirst(["xa", "phuong", "so"].contains(id.split(separator: "-").first.map(String.init) ?? "") ? 1 : 0)
        return prefix + " " + words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }

    // MARK: - Official

    public static func official(locality: String, id: String, name: String?, role: Official.Role, position: String?) throws -> [File] {
        try checkID(locality, what: "locality")
        try checkID(id, what: "official", reserved: SitePaths.reservedOfficialIDs.contains)
        let shown = name ?? id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
        return [File(path: "officials/\(locality)/\(id).md", text: """
        ---
        # Họ tên và chức vụ như trên quyết định bổ nhiệm.
        name: \(quoted(shown))
        position: \(quoted(position ?? "Chức vụ"))
        # party_secretary, chairman, vice_chairman, department_head, deputy_head, other
        role: \(role.rawValue)
        # term_start: 2025-07-01
        # Cam kết công khai: thêm bằng `congkhai new commitment \(locality)/\(id)`.
        commitments: []
        ---
        Giới thiệu ngắn về nhiệm vụ, lĩnh vực phụ trách và lời cam kết (Markdown).

        """)]
    }

    // MARK: - Commitment

    /// The official's file with one more commitment at the end of its list.
    public static func addCommitment(to text: String, id: String, title: String?, deadline: Day) throws -> String {
        try checkID(id, what: "commitment")
        var lines = text.components(separatedBy: "\n")
        guard lines.first == "---", let end = lines.dropFirst().firstIndex(of: "---") else {
            throw Failure(description: "the official's file has no front matter between --- lines")
        }
        if lines[1..<end].contains(where: { $0.range(of: "^\\s*-?\\s*id:\\s*\"?\(id)\"?\\s*$", options: .regularExpression) != nil }) {
            throw Failure(description: "a commitment \"\(id)\" already exists in this file; nothing was written")
        }
        let item = """
          - id: \(id)
            title: \(quoted(title ?? "Tên cam kết: việc gì, ở đâu, bao nhiêu"))
            # A: nhiệm vụ hành chính; B: phục vụ nhân dân
            group: A
            # Đo bằng chỉ tiêu (target + unit) hoặc sản phẩm chuẩn (product), hoặc tiêu chí nghiệm thu:
            # target: 10
            # unit: "km"
            acceptance: "Tiêu chí nghiệm thu: khi nào coi là xong"
            deadline: \(deadline)
            # normal, hard (khó), breakthrough (đột phá)
            difficulty: normal
            # planned, in_progress, done (cần completed_on), withdrawn (cần withdrawn: …)
            status: planned
            # Mỗi lần cập nhật tiến độ thêm một dòng, kèm minh chứng nếu có:
            # updates:
            #   - { on: 2026-03-01, progress: 30, note: "Đã khảo sát", evidence: "https://…" }
        """.components(separatedBy: "\n")
        if let k = lines[1..<end].firstIndex(where: { $0.hasPrefix("commitments:") }) {
            let rest = lines[k].dropFirst("commitments:".count).trimmingCharacters(in: .whitespaces)
            if rest == "[]" || rest.isEmpty || rest.hasPrefix("#") {
                if rest == "[]" { lines[k] = "commitments:" }
                // After the last line of the list: the next top-level key or the end of the front matter.
                var insert = k + 1
                while insert < end, lines[insert].isEmpty || lines[insert].hasPrefix(" ") || lines[insert].hasPrefix("-") || lines[insert].hasPrefix("#") {
                    insert += 1
                }
                // Keep trailing comments of the next key with it.
                while insert - 1 > k, lines[insert - 1].hasPrefix("#") || lines[insert - 1].isEmpty { insert -= 1 }
                lines.insert(contentsOf: item, at: insert)
                return lines.joined(separator: "\n")
            }
            throw Failure(description: "commitments: is written inline; put each commitment on its own lines first")
        }
        lines.insert(contentsOf: ["commitments:"] + item, at: end)
        return lines.joined(separator: "\n")
    }
}

extension Scaffold {
    /// `cam-ket-N`, the first N not used in the file.
    public static func nextCommitmentID(in text: String) -> String {
        var n = 1
        while text.contains("id: cam-ket-\(n)\n") || text.contains("id: cam-ket-\(n) ") { n += 1 }
        return "cam-ket-\(n)"
    }

    /// The period's end from `site.yaml`, the default deadline of a new commitment.
    public static func periodEnd(content: String) -> Day? {
        guard let data = FileManager.default.contents(atPath: content + "/site.yaml"),
              let match = String(decoding: data, as: UTF8.self).range(of: "end: [0-9]{4}-[0-9]{2}-[0-9]{2}", options: .regularExpression)
        else { return nil }
        let text = String(decoding: data, as: UTF8.self)[match]
        return Day(iso: text.dropFirst("end: ".count))
    }
}
