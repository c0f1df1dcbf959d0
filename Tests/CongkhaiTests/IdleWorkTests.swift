import Foundation
import CSupport
import Testing
@testable import Congkhai

/// Counts kept under a lock, for work done on several threads.
private final class Tally: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [Int]
    private var threads: Set<String> = []
    private var running = 0

    init(_ n: Int) { counts = Array(repeating: 0, count: n) }

    func start(_ i: Int) {
        lock.withLock {
            counts[i] += 1
            threads.insert("\(pthread_self())")
            running += 1
        }
    }

    func end() { lock.withLock { running -= 1 } }

    /// Item `i` done by the calling thread, taking `seconds`.
    func item(_ i: Int, taking seconds: Double) {
        start(i)
        Thread.sleep(forTimeInterval: seconds)
        end()
    }
    var done: [Int] { lock.withLock { counts } }
    var busy: Int { lock.withLock { running } }
    var threadCount: Int { lock.withLock { threads.count } }
}

@Suite struct IdleWorkTests {
    @Test func everyItemIsDoneOnceAndTheIdleThreadStartsAtOnce() throws {
        let tally = Tally(200)
        let work = IdleWork(count: 200) { tally.item($0, taking: 0.001) }
        // Before anyone asks: the idle thread is already at work.
        let deadline = Date().addingTimeInterval(5)
        while tally.done.reduce(0, +) < 5, Date() < deadline { Thread.sleep(forTimeInterval: 0.005) }
        #expect(tally.done.reduce(0, +) >= 5)
        try work.finish()
        #expect(tally.done == Array(repeating: 1, count: 200))
        #expect(tally.busy == 0)
        // The rest was shared with `finish`'s threads, not left to the idle one.
        #expect(tally.threadCount >= 2)
        // Finishing again changes nothing.
        try work.finish()
        #expect(tally.done == Array(repeating: 1, count: 200))
    }

    /// `finish` and `cancel` wait for the item the idle thread holds: the
    /// thread is moved back to the normal class first, so it cannot starve
    /// behind other threads or processes that keep the cores busy.
    @Test(arguments: [true, false])
    func theIdleThreadIsNormalAgainOnceWaitedFor(finishing: Bool) throws {
        let canLeave = congkhai_can_leave_idle() == 1
        let thread = Locked<Int32>(0)
        let release = DispatchSemaphore(value: 0)
        let work = IdleWork(count: 1) { _ in
            thread.update { $0 = congkhai_thread_id() }
            release.wait()
        }
        let deadline = Date().addingTimeInterval(5)
        while thread.value == 0, Date() < deadline { Thread.sleep(forTimeInterval: 0.001) }
        let tid = thread.value
        let schedIdle: Int32 = 5  // SCHED_IDLE (<linux/sched.h>; Glibc does not export it to Swift)
        #expect(tid != 0)
        if canLeave {
            #expect(sched_getscheduler(tid) == schedIdle, "the item runs in the idle class")
        } else {
            // A process that could not move it back never makes it idle.
            #expect(sched_getscheduler(tid) == SCHED_OTHER, "an idle thread this process cannot move back")
        }
        let waited = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            if finishing { try? work.finish() } else { work.cancel() }
            waited.signal()
        }
        // While `finish` or `cancel` waits for the item, its thread is normal.
        var policy = sched_getscheduler(tid)
        let until = Date().addingTimeInterval(5)
        while policy != SCHED_OTHER, Date() < until {
            Thread.sleep(forTimeInterval: 0.001)
            policy = sched_getscheduler(tid)
        }
        #expect(policy == SCHED_OTHER)
        release.signal()
        waited.wait()
    }

    struct Planted: Error, Equatable { var item: Int }

    @Test func theFirstErrorStopsTheWorkAndIsThrownByFinish() {
        let tally = Tally(10_000)
        // Each item takes 0.2 ms: the 10,000 take a second or more, so the
        // error of the fourth comes first even when its thread is slow.
        let work = IdleWork(count: 10_000) { i in
            tally.item(i, taking: 0.000_2)
            if i == 3 { throw Planted(item: i) }
        }
        #expect(throws: Planted(item: 3)) { try work.finish() }
        // Items already taken when the error came may finish; no new one starts.
        #expect(tally.done.reduce(0, +) < 10_000)
        #expect(tally.done.allSatisfy { $0 <= 1 })
    }

    @Test func cancelWaitsForTheItemBeingDoneAndStartsNoOther() throws {
        let tally = Tally(100)
        let work = IdleWork(count: 100) { tally.item($0, taking: 0.02) }
        Thread.sleep(forTimeInterval: 0.03)
        work.cancel()
        #expect(tally.busy == 0)
        let after = tally.done
        Thread.sleep(forTimeInterval: 0.05)
        #expect(tally.done == after)
        #expect(after.reduce(0, +) < 100)
        // A cancelled work finishes without doing the rest.
        try work.finish()
        #expect(tally.done == after)
    }
}

@Suite struct StagingFromTwoThreadsTests {
    @Test func filesWrittenFromTwoThreadsAreAllRecordedAndTheFirstRewrittenIsTheLeastPath() throws {
        let root = NSTemporaryDirectory() + "staging-threads-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let p = Publisher(destination: root + "/site")
        // A published site where half the files will be the same.
        let names = (0..<400).map { "d\($0 % 7)/f\(String(format: "%03d", $0)).txt" }
        try p.publish(names.enumerated().map { OutputFile(path: $0.element, bytes: Array("v\($0.offset % 2)".utf8)) })
        try p.withLock {
            let staging = try p.stage()
            // Odd files change; written from two threads, the odd ones in reverse order.
            let work = IdleWork(count: names.count) { i in
                let k = names.count - 1 - i
                try staging.write(OutputFile(path: names[k], bytes: Array("v\(k % 2 == 1 ? 9 : 0)".utf8)))
            }
            try work.finish()
            #expect(staging.hashes.count == names.count)
            #expect(staging.hashes[names[5]] == SHA256.hex(Array("v9".utf8)))
            #expect(staging.rewrittenCount == 200)
            let odd = names.enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
            #expect(staging.firstRewritten == odd.min { UTF8Order.precedes($0, $1) })
            try p.commit(staging)
        }
        #expect(FileManager.default.contents(atPath: root + "/site/" + names[5]) == Data("v9".utf8))
    }
}
