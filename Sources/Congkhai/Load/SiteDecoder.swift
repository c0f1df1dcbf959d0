import Foundation

enum SiteDecoder {
    static let fields = ["title", "province", "base_url", "languages", "period", "as_of", "framework", "theme",
                         "feedback_channels", "demo", "description", "signing_key"]

    static func decode(_ root: YAMLValue, file: String, log: DiagnosticLog) -> SiteConfig? {
        guard let f = YAMLFields(root, known: fields, file: file, log: log, what: "site.yaml") else { return nil }
        let title = f.string("title", required: true)
        let province = f.string("province", required: true)
        var baseURL = f.string("base_url") ?? "/"
        if baseURL != "/" {
            let lower = baseURL.lowercased()
            if !(lower.hasPrefix("https://") || lower.hasPrefix("http://")), let v = f.value("base_url") {
                f.error(v, "base_url \"\(baseURL)\" must start with http:// or https://")
            }
            if !baseURL.hasSuffix("/") { baseURL += "/" }
        }
        var languages = ["vi", "en"]
        if let items = f.list("languages") {
            languages = []
            for item in items {
                guard case let .scalar(s) = item, ["vi", "en"].contains(s.text) else {
                    f.error(item, "languages may list only vi and en")
                    continue
                }
                if !languages.contains(s.text) { languages.append(s.text) }
            }
            if languages.isEmpty, let v = f.value("languages") { f.error(v, "languages must not be empty") }
        }
        var period: Period?
        if let p = f.fields("period", known: ["id", "start", "end"], required: true) {
            // The id names published paths (data/history/<id>.csv, /ky/<id>/): a slug only.
            let id = p.id("id", required: true)
            let start = p.day("start", required: true)
            let end = p.day("end", required: true)
            if let id, let start, let end {
                if end < start, let v = p.value("end") {
                    p.error(v, "period end \(end) is before its start \(start)")
                } else {
                    period = Period(id: id, start: start, end: end)
                }
            }
        }
        let asOf = f.day("as_of")
        let framework = f.string("framework") ?? "framework.yaml"
        if !isSafeRelativeYAML(framework), let v = f.value("framework") {
            f.error(v, "framework \"\(framework)\" must name a .yaml file in the content folder")
        }
        let theme = f.string("theme") ?? "default"
        var channels: [(key: String, value: String)] = []
        if let v = f.value("feedback_channels") {
            if case let .mapping(pairs, _, _) = v {
                for pair in pairs {
                    let k = pair.key, value = pair.value
                    guard case let .scalar(s) = value else {
                        f.error(value, "feedback channel \"\(k.text)\" must be a single value")
                        continue
                    }
                    channels.append((k.text, s.text))
                }
            } else {
                f.error(v, "feedback_channels must be a mapping such as { hotline: \"1022\" }")
            }
        }
        let demo = f.bool("demo") ?? false
        var signingKey: String?
        if let ks = f.scalar("signing_key", required: false) {
            let text = ks.text.trimmingCharacters(in: .whitespaces)
            if let raw = Data(base64Encoded: text), raw.count == 32 {
                signingKey = text
            } else {
                f.error(.scalar(ks), "signing_key must be the base64 of a raw 32-byte Ed25519 public key")
            }
        }
        guard let title, let province, let period else { return nil }
        var site = SiteConfig(title: title, province: province, baseURL: baseURL, languages: languages, period: period,
                              asOf: asOf, frameworkFile: framework, theme: theme, feedbackChannels: channels, demo: demo)
        site.signingKey = signingKey
        return site
    }

    static func isSafeRelativeYAML(_ path: String) -> Bool {
        guard path.hasSuffix(".yaml") || path.hasSuffix(".yml"), !path.hasPrefix("/") else { return false }
        return !path.split(separator: "/").contains { $0 == ".." || $0.hasPrefix(".") }
    }
}
