import CSupport
import Foundation

/// Writes a built site beside its destination and swaps it in atomically.
///
/// A build that fails or is killed leaves the published folder exactly as it
/// was; leftovers of a killed build are removed by the next one, under a lock
/// that keeps two builds from publishing at once.
public struct Publisher {
    public enum Failure: Error, CustomStringConvertible {
        case locked(String)
        case io(String)

        public var description: String {
            switch self {
            case let .locked(path): return "another congkhai build holds the lock \(path); try again when it has finished"
            case let .io(message): return message
            }
        }
    }

    public let destination: String
    let parent: String
    let name: String

    public init(destination: String) {
        let absolute = destination.hasPrefix("/") ? destination : FileManager.default.currentDirectoryPath + "/" + destination
        var trimmed = absolute
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.destination = trimmed
        parent = (trimmed as NSString).deletingLastPathComponent
        name = (trimmed as NSString).lastPathComponent
    }

    var lockPath: String { parent + "/." + name + ".congkhai.lock" }
    var stagingPrefix: String { parent + "/." + name + ".congkhai-" }

    /// Holds an exclusive lock for the duration of `body`; fails at once if held.
    @discardableResult
    public func withLock<T>(_ body: () throws -> T) throws -> T {
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        let fd = open(lockPath, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failure.io("cannot create lock file \(lockPath): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { throw Failure.locked(lockPath) }
        defer { flock(fd, LOCK_UN) }
        removeLeftovers()
        return try body()
    }

    /// Staging and old folders of killed builds (only ever touched under the lock).
    func removeLeftovers() {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return }
        for entry in entries where entry.hasPrefix("." + name + ".congkhai-") {
            try? FileManager.default.removeItem(atPath: parent + "/" + entry)
        }
    }

    /// Writes every file into a fresh staging folder, then swaps it in.
    public func publish(_ files: [OutputFile]) throws {
        let staging = stagingPrefix + "new-\(getpid())"
        try? FileManager.default.removeItem(atPath: staging)
        do {
            try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: false)
            var made: Set<String> = [staging]
            for file in files {
                let path = staging + "/" + file.path
                let dir = (path as NSString).deletingLastPathComponent
                if !made.contains(dir) {
                    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
                    made.insert(dir)
                }
                // A file whose bytes did not change keeps its inode and mtime, so
                // rsync and CDNs move only real changes (the old name is a hard link).
                if isUnchanged(file.bytes, at: destination + "/" + file.path), link(destination + "/" + file.path, path) == 0 { continue }
                try write(file.bytes, to: path)
            }
            // A repository's placeholder (`output/.gitkeep`) survives the swap.
            if FileManager.default.fileExists(atPath: destination + "/.gitkeep") {
                try write([], to: staging + "/.gitkeep")
            }
            try swapIn(staging)
        } catch let failure as Failure {
            try? FileManager.default.removeItem(atPath: staging)
            throw failure
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            throw Failure.io("cannot write the site beside \(destination): \(error.localizedDescription)")
        }
    }

    /// True when the published site already holds exactly these bytes at `path`.
    func isUnchanged(_ bytes: [UInt8], at path: String) -> Bool {
        var st = stat()
        guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, Int(st.st_size) == bytes.count,
              let data = FileManager.default.contents(atPath: path) else { return false }
        return data.elementsEqual(bytes)
    }

    func write(_ bytes: [UInt8], to path: String) throws {
        let fd = open(path, O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failure.io("cannot create \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return Foundation.write(fd, base + offset, bytes.count - offset)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure.io("cannot write \(path): \(String(cString: strerror(errno)))")
            }
            offset += n
        }
    }

    func swapIn(_ staging: String) throws {
        var isDir: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: destination, isDirectory: &isDir)
        if exists && !isDir.boolValue { throw Failure.io("\(destination) exists and is not a folder") }
        // Everything is on disk before the swap: a crash after it must not leave empty files.
        sync()
        FaultHook.reach("before-swap")
        defer { FaultHook.reach("after-swap") }
        if !exists {
            guard rename(staging, destination) == 0 else {
                throw Failure.io("cannot move the site into \(destination): \(String(cString: strerror(errno)))")
            }
            return
        }
        if congkhai_exchange_paths(staging, destination) == 0 {
            try? FileManager.default.removeItem(atPath: staging)  // now holds the previous site
            return
        }
        // No atomic exchange here: two renames, the old site kept until the new one is in place.
        let old = stagingPrefix + "old-\(getpid())"
        guard rename(destination, old) == 0 else {
            throw Failure.io("cannot replace \(destination): \(String(cString: strerror(errno)))")
        }
        guard rename(staging, destination) == 0 else {
            _ = rename(old, destination)
            throw Failure.io("cannot move the site into \(destination): \(String(cString: strerror(errno)))")
        }
        try? FileManager.default.removeItem(atPath: old)
    }
}
