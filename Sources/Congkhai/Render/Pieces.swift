/// Text gathered into pieces of about `size` bytes for a sink that writes
/// them (a streamed `OutputFile`): one write per megabyte, not one per row.
struct Pieces {
    static let size = 1 << 20
    private var buffer: [UInt8] = []

    init() { buffer.reserveCapacity(Pieces.size) }

    /// Bytes appended so far: where the next append starts in the whole.
    private(set) var count = 0

    mutating func append(_ text: String, to sink: ([UInt8]) throws -> Void) rethrows {
        count += text.utf8.count
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Pieces.size { try flush(to: sink) }
    }

    mutating func append(bytes: [UInt8], to sink: ([UInt8]) throws -> Void) rethrows {
        count += bytes.count
        buffer.append(contentsOf: bytes)
        if buffer.count >= Pieces.size { try flush(to: sink) }
    }

    /// Whatever is left handed over (call once, at the end).
    mutating func finish(to sink: ([UInt8]) throws -> Void) rethrows {
        if !buffer.isEmpty { try flush(to: sink) }
    }

    private mutating func flush(to sink: ([UInt8]) throws -> Void) rethrows {
        try sink(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
