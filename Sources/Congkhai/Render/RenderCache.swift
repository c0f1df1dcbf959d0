import Foundation

/// Rendered pages kept between builds of one process (`serve`): a page whose
/// typed model, template and theme are unchanged is not rendered again — after
/// one edit only the pages that show it go through Mustache. The key is a
/// SHA-256 of the model's canonical JSON, so a hit is the same bytes a fresh
/// render would give (the page is a pure function of its model).
public final class RenderCache: @unchecked Sendable {
    private let lock = NSLock()
    private var pages: [String: [UInt8]] = [:]
    private var used = Set<String>()

    public init() {}

    static func key(template: String, theme: String, model: any Encodable) -> String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(model) else { return nil }
        return SHA256.hex(Array((template + "\u{1F}" + theme + "\u{1F}").utf8) + Array(data))
    }

    func page(_ key: String) -> [UInt8]? {
        lock.lock()
        defer { lock.unlock() }
        if let html = pages[key] { used.insert(key); return html }
        return nil
    }

    func store(_ key: String, _ html: [UInt8]) {
        lock.lock()
        pages[key] = html
        used.insert(key)
        lock.unlock()
    }

    /// Forgets pages the last build did not use (keeps memory to one site).
    func sweep() {
        lock.lock()
        pages = pages.filter { used.contains($0.key) }
        used.removeAll()
        lock.unlock()
    }
}
