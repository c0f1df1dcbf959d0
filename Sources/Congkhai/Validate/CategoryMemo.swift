/// Masked categories by their raw bytes: exports repeat a few dozen
/// categories millions of times, and masking each again was ~6 % of the
/// ingest's ordered thread. Bounded: past `limit` distinct texts, new ones
/// are masked every time. A memo only saves work — the text returned is the
/// same with or without it — so each validation lane may keep its own.
struct CategoryMemo {
    static let limit = 10_000

    private var ids = ByteSet.numbered()
    private var masked: [String] = []

    /// Field `i` of `r` as a published category ("" when absent or empty).
    mutating func masked(_ r: borrowing CSVRecord, _ i: Int) -> String {
        guard i >= 0 else { return "" }
        let b = r.trimmedBytes(i)
        if b.isEmpty { return "" }
        if ids.count < CategoryMemo.limit {
            let n = ids.intern(b)
            if n == masked.count { masked.append(FeedbackRowChecker.category(r.string(i, trim: true))) }
            return masked[n]
        }
        return FeedbackRowChecker.category(r.string(i, trim: true))
    }
}
