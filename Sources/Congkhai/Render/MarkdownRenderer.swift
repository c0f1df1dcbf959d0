import CCmarkGFM
import Foundation

/// Markdown to safe HTML through Debian's libcmark-gfm. Expects NFC text
/// (the loader normalises everything it reads): cmark works on bytes.
///
/// Safe mode (raw HTML omitted, `javascript:`-style links emptied) plus the
/// tagfilter extension. libcmark-gfm 0.29 mutates a process-wide table while
/// parsing with strikethrough or autolink, so every call is serialised.
public enum MarkdownRenderer {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var registered = false
    static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    public static func html(_ markdown: String) -> String {
        lock.lock()
        defer { lock.unlock() }
        if !registered {
            cmark_gfm_core_extensions_ensure_registered()
            registered = true
        }
        let options = CMARK_OPT_DEFAULT | CMARK_OPT_SAFE
        guard let parser = cmark_parser_new(options) else { return "" }
        defer { cmark_parser_free(parser) }
        for name in extensionNames {
            if let ext = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, ext)
            }
        }
        markdown.withCString { cmark_parser_feed(parser, $0, strlen($0)) }
        guard let doc = cmark_parser_finish(parser) else { return "" }
        defer { cmark_node_free(doc) }
        filterLinks(doc)
        guard let raw = cmark_render_html(doc, options, cmark_parser_get_syntax_extensions(parser)) else { return "" }
        defer { free(raw) }
        return String(cString: raw)
    }
}

extension MarkdownRenderer {
    /// Empties every link or image URL that `LinkPolicy` refuses, whatever
    /// cmark's own safe mode would have let through.
    static func filterLinks(_ doc: OpaquePointer) {
        guard let iter = cmark_iter_new(doc) else { return }
        defer { cmark_iter_free(iter) }
        while true {
            let event = cmark_iter_next(iter)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iter) else { continue }
            let type = cmark_node_get_type(node)
            guard type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE else { continue }
            let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
            if !LinkPolicy.isAllowedInMarkdown(url, image: type == CMARK_NODE_IMAGE) { cmark_node_set_url(node, "") }
        }
    }
}
