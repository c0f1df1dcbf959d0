import Testing
@testable import Congkhai

/// Respondents numbered by digest (decision 109): first-appearance order,
/// through growth, whatever the ids' lengths.
@Suite struct RespondentNumbersTests {
    func number(_ set: RespondentNumbers, _ key: String) -> Int {
        var key = key
        return key.withUTF8 { set.number(RespondentNumbers.Digest($0)) }
    }

    @Test func eachRespondentKeepsTheNumberOfItsFirstRowThroughGrowth() {
        // 60,000 distinct keys (the slots rehash ten times, the digests span
        // chunks), each met again later; keys that differ in one byte, by a
        // prefix, by a trailing NUL, in Unicode normalization, or are long.
        let set = RespondentNumbers()
        var keys = (0..<60_000).map { "r\($0)" }
        keys += ["", "a", "a\u{0}", "ab", "ba", String(repeating: "x", count: 9_000), String(repeating: "x", count: 8_999) + "y",
                 "ph\u{1EA3}n-1", "pha\u{0309}n-1", "nguoi-phan-anh-a4a8ec27-a4a8ec27", "nguoi-phan-anh-a4a8ec27-a4a8ec28"]
        var first: [[UInt8]: Int] = [:]
        for (i, key) in keys.enumerated() {
            #expect(number(set, key) == i, "\(key.prefix(16)) is new")
            first[Array(key.utf8)] = i
            if i % 7 == 3 { #expect(number(set, keys[i / 2]) == i / 2) }  // an earlier respondent again
        }
        #expect(set.count == keys.count && first.count == keys.count)
        for (i, key) in keys.enumerated().reversed() where i % 5 == 0 || i >= 60_000 {
            #expect(number(set, key) == i)
        }
        #expect(set.count == keys.count)
    }

    @Test func prefetchingLeavesTheNumbersAlone() {
        // The ordered thread prefetches the slots of rows ahead, then the
        // stored digest a matching slot points to — also for a digest whose
        // slot tag matches another respondent's (the same high half).
        let plain = RespondentNumbers(), fetched = RespondentNumbers()
        for i in 0..<20_000 {
            var key = "resp-\(i * 7919 % 3_001)"
            let d = key.withUTF8 { RespondentNumbers.Digest($0) }
            fetched.prefetch(d)
            fetched.prefetchStored(d)
            fetched.prefetchStored(RespondentNumbers.Digest(high: d.high, low: ~d.low))
            #expect(plain.number(d) == fetched.number(d))
        }
        #expect(plain.count == 3_001 && fetched.count == 3_001)
    }

    @Test func memoryDoesNotFollowTheIdsLength() {
        // What a respondent costs is its digest and slot: 9-byte and 64-byte
        // ids hold the same bytes (the byte pool this replaced held the ids).
        let short = RespondentNumbers(), long = RespondentNumbers()
        for i in 0..<100_000 {
            _ = number(short, "r\(String(i, radix: 16).leftPadded(8))")
            _ = number(long, String(repeating: "0", count: 56) + String(i, radix: 16).leftPadded(8))
        }
        #expect(short.count == 100_000 && long.count == 100_000)
        #expect(short.residentBytes == long.residentBytes)
        // 16 bytes a digest in whole chunks, 8 a slot at load ≤ 3/4: 4 MiB.
        let chunk = RespondentNumbers.chunkCount
        var slots = 64
        while slots * 3 < 100_000 * 4 { slots *= 2 }
        #expect(short.residentBytes == (100_000 + chunk - 1) / chunk * chunk * 16 + slots * 8)
    }

    @Test func theDigestsHalvesAreDifferentKeyedValues() {
        // Two halves from one hash widened would collide together; the
        // halves of equal bytes are equal, and of different bytes differ.
        var x = "nguoi-phan-anh-1", y = "nguoi-phan-anh-2"
        let a = x.withUTF8 { RespondentNumbers.Digest($0) }, a2 = x.withUTF8 { RespondentNumbers.Digest($0) }
        let b = y.withUTF8 { RespondentNumbers.Digest($0) }
        #expect(a == a2)
        #expect(a.high != a.low)
        #expect(a.high != b.high && a.low != b.low)
    }
}

private extension String {
    func leftPadded(_ n: Int) -> String { String(repeating: "0", count: max(0, n - count)) + self }
}
