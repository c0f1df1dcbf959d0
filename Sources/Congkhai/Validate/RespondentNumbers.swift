import CSupport

/// Respondents of rating rows numbered 0, 1, 2, … in the order they first
/// appear, each known by a keyed 128-bit digest of its bytes (decision 109).
///
/// Why a digest and not the bytes: the respondents were the one structure of
/// a national ingest whose memory grew with the length of an id. Kept as
/// bytes (`ByteSet`), a tree of 16 million rows with 32-byte respondent ids
/// (a pseudonym, a UUID) peaked at 2.04 GiB against 1.51 GiB with 9-byte
/// ones — over the 2 GiB target on a tree shaped like ours but for the ids.
/// What stays resident here is 16 bytes of digest and one 8-byte slot (load
/// ≤ 3/4) a respondent, whatever the ids look like.
///
/// Why that is safe: two respondents share a number only if their digests
/// are equal. The digest is SipHash-1-3's 128-bit output (`SipHash128`,
/// its key random for each run), so nobody can make two ids collide on
/// purpose without that key, and by chance 20 million respondents collide
/// with probability below 2⁻⁸⁰. Numbers follow the rows' file order, never
/// the key, so the same inputs give the same numbers and the same site.
/// The published pseudonyms already stand for respondents by 64 bits of an
/// HMAC: anyone recomputing from the open data relies on less than this.
///
/// A class used by the ingest's ordered thread alone (`FeedbackValidator`),
/// one call at a time: its storage is reached without run-time exclusivity
/// checks (decision 102).
final class RespondentNumbers {
    /// A respondent's 128 bits. Made on a validation lane, so the ordered
    /// thread only probes and can prefetch a slot rows ahead.
    struct Digest: Equatable, Sendable {
        var high: UInt64
        var low: UInt64

        init(high: UInt64, low: UInt64) {
            (self.high, self.low) = (high, low)
        }

        /// SipHash's 128-bit output of the bytes, under this run's key: both
        /// halves keyed, not one 64-bit hash widened.
        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            (high, low) = SipHash128.hash(bytes, key: Digest.key)
        }

        /// Random for each run, as `Hasher`'s seed is.
        static let key = (UInt64.random(in: .min ... .max), UInt64.random(in: .min ... .max))

        /// Where probing starts (the low bits; the tag is the high 32).
        var home: Int { Int(truncatingIfNeeded: high) }
        var tag: UInt64 { high >> 32 }
    }

    /// Digests a chunk: 1 MiB. Chunks never move — one growing array would
    /// hold its old and new buffers at once, at the ingest's peak.
    static let chunkCount = 1 << 16

    /// 0 = empty; else `(number + 1) << 32 | tag`.
    @exclusivity(unchecked) private var slots = SlotTable(count: 64)
    /// The digests in number order.
    @exclusivity(unchecked) private var chunks: [UnsafeMutablePointer<Digest>] = []
    @exclusivity(unchecked) private(set) var count = 0

    init() {}

    deinit {
        for chunk in chunks { chunk.deallocate() }
    }

    /// Bytes held: digests (whole chunks) and slots, for tests and notes.
    var residentBytes: Int {
        chunks.count * RespondentNumbers.chunkCount * MemoryLayout<Digest>.stride + slots.count * MemoryLayout<UInt64>.stride
    }

    /// Starts loading the slot `digest` is probed at first.
    func prefetch(_ digest: Digest) {
        slots.prefetch(digest.home & (slots.count - 1))
    }

    /// Starts loading the stored digest that `number` will compare with
    /// `digest`, when the slot it is probed at first (prefetched rows
    /// before, `prefetch`) holds a matching tag. That comparison reads a
    /// digest stored anywhere in the chunks: ~80 % of `number`'s time on
    /// the ingest's ordered thread was that one load (`perf annotate`).
    func prefetchStored(_ digest: Digest) {
        let s = slots[digest.home & (slots.count - 1)]
        guard s != 0, s & 0xFFFF_FFFF == digest.tag else { return }
        let n = Int(s >> 32) - 1
        guard n >= 0, n < count else { return }
        congkhai_prefetch(UnsafeRawPointer(chunks[n / RespondentNumbers.chunkCount] + n % RespondentNumbers.chunkCount))
    }

    /// The number of the respondent with `digest`, given the next one when new.
    func number(_ digest: Digest) -> Int {
        let mask = slots.count - 1
        let tag = digest.tag
        var i = digest.home & mask
        while true {
            let s = slots[i]
            if s == 0 { break }
            if s & 0xFFFF_FFFF == tag {
                let n = Int(s >> 32) - 1
                if self.digest(n) == digest { return n }
            }
            i = (i + 1) & mask
        }
        let n = count
        // 2³² − 1 respondents fit a slot's number; a country's exports have
        // tens of millions of rows.
        precondition(n < Int(UInt32.max), "more respondents than a slot can number")
        if n % RespondentNumbers.chunkCount == 0 {
            chunks.append(.allocate(capacity: RespondentNumbers.chunkCount))
        }
        (chunks[n / RespondentNumbers.chunkCount] + n % RespondentNumbers.chunkCount).initialize(to: digest)
        slots[i] = UInt64(n + 1) << 32 | tag
        count = n + 1
        if count * 4 > slots.count * 3 { rehash(slots.count * 2) }
        return n
    }

    /// The digest numbered `n` (< `count`).
    private func digest(_ n: Int) -> Digest {
        chunks[n / RespondentNumbers.chunkCount][n % RespondentNumbers.chunkCount]
    }

    /// The slots rebuilt at `capacity`, from the digests in number order
    /// (read front to back; no slot of the old table is read).
    private func rehash(_ capacity: Int) {
        let fresh = SlotTable(count: capacity)
        let mask = capacity - 1
        for n in 0..<count {
            let d = digest(n)
            var i = d.home & mask
            while fresh[i] != 0 { i = (i + 1) & mask }
            fresh[i] = UInt64(n + 1) << 32 | d.tag
        }
        slots = fresh
    }
}
