import Foundation

/// A published file read alongside bytes being written piece by piece, to
/// learn whether they are the same bytes without holding either whole
/// (`Staging.write` of a streamed file). Like `Publisher.isUnchanged`: a
/// regular file only, never through a link, and nothing after the end.
final class PublishedFile {
    let path: String
    private var fd: Int32
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)
    /// Every byte compared so far was the same.
    private(set) var same: Bool

    init(path: String) {
        self.path = path
        var st = stat()
        if lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG {
            fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        } else {
            fd = -1
        }
        same = fd >= 0
    }

    deinit { if fd >= 0 { close(fd) } }

    /// The next `piece.count` published bytes against `piece`.
    func compare(_ piece: UnsafeRawBufferPointer) {
        guard same, let want = piece.baseAddress else { return }
        var offset = 0
        while offset < piece.count {
            let n = buffer.withUnsafeMutableBytes { got -> Int in
                guard let g = got.baseAddress else { return -1 }
                return read(fd, g, min(got.count, piece.count - offset))
            }
            if n < 0 && errno == EINTR { continue }
            guard n > 0, buffer.withUnsafeBytes({ $0.baseAddress.map { memcmp(want + offset, $0, n) } ?? 1 }) == 0 else {
                stop()
                return
            }
            offset += n
        }
    }

    /// Every byte matched and the published file has no more.
    func matchedToEnd() -> Bool {
        guard same else { return false }
        var one: UInt8 = 0
        let atEnd = read(fd, &one, 1) == 0
        stop()
        return atEnd
    }

    private func stop() {
        same = false
        if fd >= 0 { close(fd) }
        fd = -1
    }
}
