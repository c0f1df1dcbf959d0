import CSupport
import Foundation

/// Independent items of work started on one thread in the idle scheduling
/// class, which runs only when a core would otherwise be idle; `finish()`
/// does what is left on every core at full priority and waits for the rest.
///
/// For work whose result is needed only at a later stage while the stages
/// before it leave a core idle part of the time: in a national build the
/// plan and history stage, the search index, the feeds and the open-data
/// tables around the pages run partly on one core (~1.7 of 2 cores busy on
/// average), and the feedback exports' gzip, ~17 s of CPU needed only by
/// the data stage, now fills those gaps instead of following them
/// (decision 104, BENCHMARKS.md).
///
/// Items are taken in order from one counter, each exactly once; which
/// thread does one, and when, must not change what it makes (each writes
/// its own file). The first error stops the taking of new items and is
/// thrown by `finish()`.
final class IdleWork: @unchecked Sendable {
    // `@unchecked`: `next`, `stopped` and `failure` are read and written
    // only under `lock`.
    private let count: Int
    private let work: @Sendable (Int) throws -> Void
    private let lock = NSLock()
    private var next = 0
    private var stopped = false
    private var failure: (any Error)?
    private let idleThreadDone = DispatchSemaphore(value: 0)
    /// The idle thread's kernel id once it is in the idle class (0 before).
    private var idleThread: Int32 = 0
    /// Set by `finish` or `cancel`: the thread must not be (or stay) idle.
    private var waitedFor = false

    /// Starts the idle thread at once; `work(i)` for each `i` in `0..<count`.
    init(count: Int, _ work: @escaping @Sendable (Int) throws -> Void) {
        self.count = count
        self.work = work
        Thread.detachNewThread { [self] in
            lock.withLock {
                if !waitedFor, IdleWork.lowerPriority() { idleThread = congkhai_thread_id() }
            }
            drain()
            idleThreadDone.signal()
        }
    }

    /// Does every item not taken yet on every core, waits for the idle
    /// thread's last one, and throws the first error any item threw.
    func finish() throws {
        raiseIdleThread()
        DispatchQueue.concurrentPerform(iterations: ProcessInfo.processInfo.activeProcessorCount) { _ in drain() }
        idleThreadDone.wait()
        idleThreadDone.signal()
        lock.lock()
        defer { lock.unlock() }
        if let failure { throw failure }
    }

    /// Takes no new item and waits for the one the idle thread is doing:
    /// a build that stops early must not leave it writing into a folder
    /// being removed.
    func cancel() {
        raiseIdleThread()
        lock.lock()
        stopped = true
        lock.unlock()
        idleThreadDone.wait()
        idleThreadDone.signal()
    }

    private func take() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped, next < count else { return nil }
        next += 1
        return next - 1
    }

    private func drain() {
        while let i = take() {
            do {
                try work(i)
            } catch {
                lock.lock()
                if failure == nil { failure = error }
                stopped = true
                lock.unlock()
            }
        }
    }

    /// The calling thread in the idle scheduling class (`CSupport`): it
    /// runs on a core only when no other thread wants it. Only where this
    /// process may move it back (`raiseIdleThread`); elsewhere, or where
    /// the class does not exist, it stays a normal thread (the work is
    /// then done beside the stages at their expense, not lost). True when
    /// the thread is now idle.
    private static func lowerPriority() -> Bool {
        congkhai_can_leave_idle() == 1 && congkhai_idle_priority() == 0
    }

    /// The idle thread back in the normal class before anyone waits for it:
    /// an idle-class thread runs only on a core no other thread of any
    /// process wants, so while another build or job keeps the cores busy,
    /// the item it holds — which `finish` and `cancel` wait for — could take
    /// seconds or minutes (a test under the whole suite's load waited 78 s).
    private func raiseIdleThread() {
        let thread = lock.withLock { () -> Int32 in
            waitedFor = true
            return idleThread
        }
        if thread != 0 { _ = congkhai_normal_priority(thread) }
    }
}
