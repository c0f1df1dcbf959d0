import Foundation
@testable import Congkhai

/// Every YAML document of the demo province — each `.yaml` file whole and
/// each `.md` file's front matter — with the line its YAML starts after,
/// in path order: what the YAML readers' tests read through each path.
func demoYAMLDocuments() throws -> [(file: String, yaml: String, lineOffset: Int)] {
    let files = FileManager.default.enumerator(atPath: DemoContentTests.root)?.compactMap { $0 as? String } ?? []
    var documents: [(file: String, yaml: String, lineOffset: Int)] = []
    for file in files.sorted() where file.hasSuffix(".yaml") || file.hasSuffix(".md") {
        let text = try String(contentsOfFile: DemoContentTests.root + "/" + file, encoding: .utf8)
        if file.hasSuffix(".md") {
            guard case let .success(parts) = FrontMatter.split(text) else { continue }
            documents.append((file, parts.yaml, parts.yamlLineOffset))
        } else {
            documents.append((file, text, 0))
        }
    }
    return documents
}
