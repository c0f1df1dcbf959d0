import Foundation

/// The officials the last build decoded, kept beside the published site
/// (`.NAME.congkhai.officials`, never published) so that a rebuild does not
/// parse again the YAML of files whose bytes did not change (decision 111).
///
/// Loading every official's file again was the largest single part of a
/// one-file rebuild (0.36 of 2.2 CPU-seconds for 1,442 officials, half of
/// it libyaml) and ~5 s of a national nightly. An official is a function
/// of its file's bytes and path alone (`OfficialDecoder.decode` reads
/// nothing else), so an entry is keyed by the path and the SHA-256 of the
/// bytes the loader has just read, and holds the decoded official (without
/// its body, which the loader takes from those bytes as always) and what
/// decoding it logged. The file is keyed as a whole by the program's own
/// digest (`BuildKey`): another binary parses everything again. Sealed
/// like the other caches (`SealedFile`): it decides what is published.
///
/// The file is rewritten by every build that loaded content: entries it
/// found are copied as they were, the others encoded as parsed.
final class ParsedOfficials: @unchecked Sendable {
    static let format = "congkhai-parsed-officials 1"

    /// An entry's place in `bytes` and the digest it was parsed from.
    private struct Entry {
        var digest: String
        var range: Range<Int>
    }

    /// `@unchecked`: set in `read`, read by the loading threads, let go
    /// by `release` once loading is over.
    private var bytes: [UInt8]
    private var entries: [String: Entry]

    private init(bytes: [UInt8], entries: [String: Entry]) {
        self.bytes = bytes
        self.entries = entries
    }

    /// The last build's file when its seal holds and `program` made it; nil otherwise.
    static func read(_ path: String, program: String, sealKey: [UInt8]) -> ParsedOfficials? {
        guard var r = SealedFile.read(path, prefix: [format, program], sealKey: sealKey) else { return nil }
        do {
            var entries: [String: Entry] = [:]
            for _ in 0..<(try r.count()) {
                let path = try r.string(), digest = try r.string()
                let length = try r.count()
                let start = r.position
                try r.skip(length)
                entries[path] = Entry(digest: digest, range: start..<(start + length))
            }
            guard r.isAtEnd else { return nil }
            return ParsedOfficials(bytes: r.allBytes, entries: entries)
        } catch {
            return nil
        }
    }

    /// The official of `path` as the last build decoded it from bytes whose
    /// SHA-256 is `digest`, with what decoding it logged; nil when there is
    /// none or the entry cannot be read.
    func official(_ path: String, digest: String, body: String) -> (official: Official, diagnostics: [Diagnostic], entry: ArraySlice<UInt8>)? {
        guard let e = entries[path], e.digest == digest else { return nil }
        var r = ByteReader(bytes, start: e.range.lowerBound, end: e.range.upperBound)
        do {
            let official = try Official.decode(&r, body: body, file: path)
            var diagnostics: [Diagnostic] = []
            for _ in 0..<(try r.count()) { diagnostics.append(try Diagnostic.decode(&r)) }
            guard r.isAtEnd else { return nil }
            return (official, diagnostics, bytes[e.range])
        } catch {
            return nil
        }
    }

    /// Lets the file's bytes go once the loader is done with them (a
    /// country's are ~96 MB, which the rest of the build does not need).
    func release() {
        bytes = []
        entries = [:]
    }

    /// An entry's bytes: the official, then the diagnostics.
    static func entry(_ official: Official, diagnostics: [Diagnostic]) -> [UInt8] {
        var w = ByteWriter()
        official.encode(into: &w)
        w.int(diagnostics.count)
        for d in diagnostics { d.encode(into: &w) }
        return w.bytes
    }

    /// This build's entries, as the loader made or found them, until the
    /// build leaves them for the next one: spooled, not held (a country's
    /// are ~100 MB).
    final class Recorded: @unchecked Sendable {
        // `@unchecked`: `places` only under `lock`.
        private let lock = NSLock()
        private let spool = Spool()
        private var places: [String: (digest: String, offset: Int, count: Int)] = [:]

        func add(_ path: String, digest: String, entry: some Collection<UInt8>) {
            let bytes = Array(entry)
            let offset = bytes.isEmpty ? 0 : spool.append(bytes)
            lock.withLock { places[path] = (digest, offset, bytes.count) }
        }

        /// Writes the file for the next build; nothing (and the old file
        /// removed) when an entry cannot be read back.
        func write(to path: String, program: String, sealKey: [UInt8]) {
            let sorted = lock.withLock { places.sorted { UTF8Order.precedes($0.key, $1.key) } }
            var lost = false
            SealedFile.write(to: path, sealKey: sealKey) { w in
                w.string(ParsedOfficials.format)
                w.string(program)
                w.int(sorted.count)
                for (p, place) in sorted {
                    guard let bytes = place.count == 0 ? [] : spool.read(place.offset, place.count) else {
                        lost = true
                        return
                    }
                    w.string(p)
                    w.string(place.digest)
                    w.int(bytes.count)
                    w.raw(bytes)
                }
            }
            // An entry that could not be read back: no file rather than a short one.
            if lost { unlink(path) }
        }
    }
}
