import Foundation

/// One file of the built site, path relative to the output folder.
///
/// Most files are made whole (`bytes`). A table of the national open data
/// is made in pieces (`streamed`): the build writes each piece into the
/// staging folder as it comes (`Staging.write`), so the file is never held
/// whole at the page stage's peak (`criteria.csv` is ~110 MB nationally).
public struct OutputFile: Sendable {
    /// Hands the file's bytes to `sink`, in order, a piece at a time.
    public typealias Producer = @Sendable (_ sink: ([UInt8]) throws -> Void) throws -> Void

    public var path: String
    private let content: Content
    /// What the page was made of (decision 99), for the next build; nil for
    /// files that are always made anew.
    public var fingerprint: String?

    private enum Content: Sendable {
        case whole([UInt8])
        case pieces(Producer)
        /// The published file of the same path, which a build links unread.
        case published(source: String, digest: String)
    }

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        content = .whole(bytes)
    }

    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    /// A file made in pieces as it is written (made again each time it is written or its `bytes` are asked for).
    public init(path: String, streamed produce: @escaping Producer) {
        self.path = path
        content = .pieces(produce)
    }

    /// A page the last build published, unchanged: `source` is that file,
    /// `digest` the SHA-256 it recorded of its bytes.
    public init(path: String, published source: String, digest: String, fingerprint: String) {
        self.path = path
        content = .published(source: source, digest: digest)
        self.fingerprint = fingerprint
    }

    /// A file the last build published, unchanged and not a page (a sealed
    /// ledger segment): linked unread, under the SHA-256 checked of it.
    public init(path: String, published source: String, digest: String) {
        self.path = path
        content = .published(source: source, digest: digest)
    }

    /// The whole file (made now when it is streamed: for callers that hold
    /// every file anyway — tests, the preview server).
    public var bytes: [UInt8] {
        switch content {
        case let .whole(bytes):
            return bytes
        case let .pieces(produce):
            var out: [UInt8] = []
            // A producer throws only what its sink throws; this one does not.
            try? produce { out += $0 }
            return out
        case let .published(source, _):
            return FileManager.default.contents(atPath: source).map { [UInt8]($0) } ?? []
        }
    }

    /// The published file a kept page is (`Staging.write` links it); nil otherwise.
    public var published: (source: String, digest: String)? {
        if case let .published(source, digest) = content { return (source, digest) }
        return nil
    }

    /// The producer of a streamed file (`Staging.write` writes its pieces as
    /// they come); nil for one made whole.
    public var producer: Producer? {
        if case let .pieces(produce) = content { return produce }
        return nil
    }
}
