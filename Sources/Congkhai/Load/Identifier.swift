/// Ids in the content contract: lowercase ASCII slugs.
enum Identifier {
    /// `[a-z0-9-]+` (criterion ids may also use `_`).
    static func isValid(_ text: String, allowUnderscore: Bool = false) -> Bool {
        guard !text.isEmpty, text.utf8.count <= 200 else { return false }
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"): continue
            case UInt8(ascii: "_") where allowUnderscore: continue
            default: return false
            }
        }
        return true
    }
}
