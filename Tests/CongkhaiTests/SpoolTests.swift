import Foundation
import Testing
@testable import Congkhai

/// The spool holds bytes a build parks between stages (content as scored,
/// sealed ledger lines): what goes in must come back exactly.
@Suite struct SpoolTests {
    @Test func bytesComeBackExactlyAcrossChunks() throws {
        let spool = Spool()
        var expected: [UInt8] = []
        var offsets: [(Int, Int)] = []
        var seed: UInt64 = 7
        for i in 0..<300 {
            // Sizes from empty to past the 1 MiB read chunk.
            let n = i == 5 ? (1 << 20) + 3 : Int(seed % 5000)
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            let bytes = (0..<n).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ i) }
            offsets.append((spool.append(bytes), n))
            expected += bytes
        }
        #expect(spool.count == expected.count)
        for (i, (offset, n)) in offsets.enumerated() {
            let back = try #require(spool.read(offset, n))
            #expect(back[...] == expected[offset..<(offset + n)], "piece \(i)")
        }
        var streamed: [UInt8] = []
        try spool.forEachChunk { streamed += $0 }
        #expect(streamed == expected)
        #expect(spool.read(expected.count - 1, 2) == nil)
        #expect(spool.read(-1, 1) == nil)
    }

    /// Reads run outside the lock: on every core at once, while another
    /// thread appends (and so flushes), each piece comes back exactly.
    /// One large append (a cache's section of tens of MB, decision 112)
    /// goes to the file and does not stay allocated for the rest of the
    /// build; small ones keep their buffer.
    @Test func aLargeAppendLeavesNoLargeBuffer() throws {
        let spool = Spool()
        let small = spool.append([UInt8](repeating: 1, count: 100))
        let large = [UInt8]((0..<(8 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        let at = spool.append(large)
        #expect(spool.bufferCapacity <= 2 << 20, "\(spool.bufferCapacity)")
        #expect(spool.read(at, large.count) == large)
        #expect(spool.read(small, 100) == [UInt8](repeating: 1, count: 100))
    }

    @Test func concurrentReadsWhileAppendingComeBackExactly() {
        let spool = Spool()
        @Sendable func piece(_ i: Int) -> [UInt8] { (0..<(i % 700 + 1)).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ i) } }
        let first = 4_000
        let offsets = Slots<Int>(count: first * 2)
        for i in 0..<first { offsets.set(i, spool.append(piece(i))) }
        let wrong = Slots<Int>(count: 5)
        DispatchQueue.concurrentPerform(iterations: 5) { task in
            if task == 0 {
                // Appends past the 1 MiB buffer: the file grows while the others read.
                for i in first..<(first * 2) { offsets.set(i, spool.append(piece(i))) }
                wrong.set(0, 0)
                return
            }
            var bad = 0
            for round in 0..<3 {
                for i in stride(from: (task + round) % 4, to: first, by: 4) {
                    guard let offset = offsets.value(i), spool.read(offset, i % 700 + 1) == piece(i) else { bad += 1; continue }
                }
            }
            wrong.set(task, bad)
        }
        #expect((0..<5).map { wrong.value($0) ?? -1 } == [0, 0, 0, 0, 0])
        var bad = 0
        for i in 0..<(first * 2) where offsets.value(i).flatMap({ spool.read($0, i % 700 + 1) }) != piece(i) { bad += 1 }
        #expect(bad == 0)
    }

    /// No temporary file can be made: the bytes stay in memory, same answers.
    @Test func withoutATemporaryFileTheBytesStayInMemory() throws {
        let spool = Spool(directory: "/nonexistent-congkhai-\(UUID().uuidString)")
        let word = Array("một".utf8)  // 5 bytes
        let a = spool.append(word), b = spool.append([1, 2, 3])
        #expect(a == 0 && b == 5 && spool.count == 8)
        #expect(spool.read(b, 3) == [1, 2, 3] && spool.read(a, 5) == word)
        var all: [UInt8] = []
        try spool.forEachChunk { all += $0 }
        #expect(all == word + [1, 2, 3])
    }

    @Test func contentBytesRecordsHashAndBytes() {
        let content = ContentBytes()
        content.record("a.md", Array("xin chào\n".utf8))
        content.record("b.md", [])
        #expect(content.bytes("a.md") == Array("xin chào\n".utf8))
        #expect(content.hash("a.md") == SHA256.hex(Array("xin chào\n".utf8)))
        #expect(content.bytes("b.md") == [])
        #expect(content.bytes("c.md") == nil && content.hash("c.md") == nil)
    }

    /// A published comment parks its text in the spool and keeps the rest in
    /// 80 bytes (every published comment of a country stays in memory to the
    /// last page): what it was given comes back, indexes and text alike.
    @Test func aPublishedCommentKeepsItsFieldsSmall() {
        #expect(MemoryLayout<PublishedComment>.stride <= 80)
        let spool = Spool()
        let text = "Đường ngập sau mưa, \"nhờ\" xử lý. " + String(repeating: "x", count: 5_000)
        for (locality, official) in [(0, nil), (7, 0), (48_000, 2_000_000)] as [(Int, Int?)] {
            let c = PublishedComment(id: "pa-1", date: Day(ordinal: 20_300), locality: locality, official: official, kind: .complaint,
                                     category: "giao thông", text: text, complaint: .overdue, spool: spool)
            #expect(c.locality == locality && c.official == official && c.text == text && c.textLength == text.utf8.count)
            #expect(c.id == "pa-1" && c.date == Day(ordinal: 20_300) && c.kind == .complaint && c.complaint == .overdue)
            #expect(c.category == "giao thông")
        }
        var moved = PublishedComment(id: "x", date: Day(ordinal: 1), locality: 1, official: 3, kind: .rating, category: "",
                                     text: "", complaint: nil)
        moved.official = nil
        moved.locality = 9
        #expect(moved.official == nil && moved.locality == 9 && moved.text.isEmpty)
    }
}
