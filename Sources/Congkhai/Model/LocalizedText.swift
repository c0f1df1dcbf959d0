/// Text in Vietnamese with an optional English translation.
public struct LocalizedText: Hashable, Sendable {
    public var vi: String
    public var en: String

    public init(vi: String, en: String = "") {
        self.vi = vi
        self.en = en
    }

    /// English when present, else Vietnamese: a page is never left blank.
    public func text(_ language: String) -> String {
        language == "en" && !en.isEmpty ? en : vi
    }
}
