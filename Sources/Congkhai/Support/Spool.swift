import Foundation

/// Bytes a build must keep until a later stage but never looks at in
/// between — the content files as scored (`ContentBytes`), this build's
/// sealed ledger lines (`SealedLedger`), the published ledger's lines
/// (`LedgerFile`), published comments' texts (`PublishedComment`) — parked
/// in an unlinked temporary file instead of memory: at national size those
/// are hundreds of megabytes that would otherwise stay resident from the
/// stage that made them to the last one (decision 76).
///
/// The file is made at the first append in `$TMPDIR` (or `/tmp`) and
/// disappears with the process, even after a crash. Where none can be made,
/// the bytes stay in memory: same output, more memory.
///
/// Appends and the bookkeeping of reads are guarded by a lock (content
/// loads on every core); the read itself (`pread` of bytes already written)
/// is not: two threads reading published comments' texts at once spent
/// a third of their time waiting on each other and switching (`perf`,
/// national tree).
final class Spool: @unchecked Sendable {
    private let lock = NSLock()
    /// -2 until the first append; -1 when no file could be made, or no
    /// longer used (`retired`).
    private var fd: Int32 = -2
    /// A file given up when the disk filled: kept open until the spool goes,
    /// since a read begun before may still be reading it outside the lock.
    private var retired: Int32 = -1
    private var end = 0
    /// Bytes in the file; the rest of `end` waits in `pending` (small
    /// appends — a comment, a ledger line — cost no system call each).
    private var flushed = 0
    private var pending: [UInt8] = []
    /// Used only without a file.
    private var memory: [UInt8] = []

    /// Where the file goes: `$TMPDIR`, else `/tmp` (a test names a folder
    /// that cannot hold one, to check the in-memory fallback).
    private let directory: String?

    init(directory: String? = nil) {
        self.directory = directory
    }

    deinit {
        if fd >= 0 { close(fd) }
        if retired >= 0 { close(retired) }
    }

    /// What the buffer of small appends holds allocated (for a test).
    var bufferCapacity: Int { lock.withLock { pending.capacity } }

    /// Bytes appended so far.
    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return end
    }

    /// Appends `bytes`; returns where they start.
    @discardableResult
    func append(_ bytes: UnsafeRawBufferPointer) -> Int {
        lock.lock()
        defer { lock.unlock() }
        if fd == -2 { fd = Spool.makeFile(in: directory) }
        let offset = end
        if fd >= 0 {
            pending.append(contentsOf: bytes)
            end += bytes.count
            if pending.count >= 1 << 20 { flushLocked() }
        } else {
            memory.append(contentsOf: bytes)
            end += bytes.count
        }
        return offset
    }

    /// Writes `pending` to the file (the lock held).
    private func flushLocked() {
        guard fd >= 0, !pending.isEmpty else { return }
        if pending.withUnsafeBytes({ Spool.writeAll(fd, $0, at: flushed) }) {
            flushed += pending.count
            // A large single append (a cache's section of tens of MB) does
            // not leave its size behind for the rest of the build.
            pending.removeAll(keepingCapacity: pending.capacity <= 2 << 20)
        } else {
            // The disk filled: what is written is read back, all kept in memory from now on.
            memory = read(0, flushed, fd: fd) ?? []
            memory += pending
            pending = []
            retired = fd
            fd = -1
        }
    }

    @discardableResult
    func append(_ bytes: [UInt8]) -> Int { bytes.withUnsafeBytes { append($0) } }

    /// The `count` bytes at `offset`; nil when they cannot be read back.
    func read(_ offset: Int, _ count: Int) -> [UInt8]? {
        let file: Int32
        do {
            lock.lock()
            defer { lock.unlock() }
            guard offset >= 0, count >= 0, offset + count <= end else { return nil }
            if offset + count > flushed { flushLocked() }
            if fd < 0 { return Array(memory[offset..<(offset + count)]) }
            file = fd
        }
        // Outside the lock: these bytes are in the file, which is only ever
        // appended to, and its descriptor stays open while the spool lives.
        return read(offset, count, fd: file)
    }

    /// Hands every byte, in order, to `body` in pieces of at most 1 MiB.
    func forEachChunk(_ body: ([UInt8]) throws -> Void) throws {
        try forEachChunk(in: 0..<count, body)
    }

    /// Hands the bytes of `range`, in order, to `body` in pieces of at most 1 MiB.
    func forEachChunk(in range: Range<Int>, _ body: ([UInt8]) throws -> Void) throws {
        var offset = range.lowerBound
        while offset < range.upperBound {
            let n = min(1 << 20, range.upperBound - offset)
            guard let chunk = read(offset, n) else { throw Failure() }
            try body(chunk)
            offset += n
        }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String { "cannot read back a temporary file of this build (temporary folder removed or full?); nothing was published" }
    }

    private func read(_ offset: Int, _ count: Int, fd: Int32) -> [UInt8]? {
        var out = [UInt8](repeating: 0, count: count)
        let ok = out.withUnsafeMutableBytes { buf -> Bool in
            var done = 0
            while done < count {
                guard let base = buf.baseAddress else { return false }
                let n = pread(fd, base + done, count - done, off_t(offset + done))
                if n < 0, errno == EINTR { continue }
                if n <= 0 { return false }
                done += n
            }
            return true
        }
        return ok ? out : nil
    }

    private static func makeFile(in directory: String?) -> Int32 {
        var dir = directory ?? ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
        if dir.isEmpty { dir = "/tmp" }
        var template = Array((dir + "/congkhai-spool-XXXXXX").utf8CString)
        return template.withUnsafeMutableBufferPointer { buf -> Int32 in
            guard let base = buf.baseAddress else { return -1 }
            let fd = mkstemp(base)
            if fd >= 0 {
                unlink(base)
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            }
            return fd
        }
    }

    private static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, at offset: Int) -> Bool {
        var done = 0
        while done < bytes.count {
            guard let base = bytes.baseAddress else { return bytes.isEmpty }
            let n = pwrite(fd, base + done, bytes.count - done, off_t(offset + done))
            if n < 0, errno == EINTR { continue }
            if n <= 0 { return false }
            done += n
        }
        return true
    }
}
