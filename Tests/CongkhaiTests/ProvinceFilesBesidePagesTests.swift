import Foundation
import Testing
@testable import Congkhai

/// The search index, feeds and open data are made on a thread beside the
/// pages (`SiteRenderer.render`; the open data by whichever thread is free
/// first): a failure on either side is thrown, no file is handed over once
/// `render` has returned — the build removes its staging folder right
/// after — and every file is handed over once.
@Suite struct ProvinceFilesBesidePagesTests {
    final class Recorder: @unchecked Sendable {
        // `@unchecked`: `paths` only under `lock`.
        private let lock = NSLock()
        private var paths: [String] = []
        let failing: String
        init(failing: String) { self.failing = failing }
        struct Full: Error {}
        func emit(_ file: OutputFile) throws {
            try lock.withLock {
                paths.append(file.path)
                if file.path == failing { throw Full() }
            }
        }
        var count: Int { lock.withLock { paths.count } }
        var all: [String] { lock.withLock { paths } }
    }

    @Test(arguments: ["data/scores.json", "index.html", "nothing"])
    func aFailureOnEitherSideStopsBothBeforeReturning(failing: String) throws {
        let demo = try TemplateKeyTests.demo()
        let recorder = Recorder(failing: failing)
        let log = DiagnosticLog()
        var thrown = false
        do { try demo.renderer.render(log: log, emit: { try recorder.emit($0) }) } catch { thrown = error is Recorder.Full }
        let atReturn = recorder.count
        Thread.sleep(forTimeInterval: 0.5)
        #expect(recorder.count == atReturn, "files handed over after render returned")
        if failing == "nothing" {
            #expect(!thrown && !log.hasErrors)
            // Every file once; the province's files and the pages all there.
            let all = recorder.all
            #expect(Set(all).count == all.count)
            for path in ["index.html", "data/scores.json", "data/criteria.csv", "feed.xml", "sitemap.xml", "robots.txt"] {
                #expect(all.contains(path), "\(path)")
            }
            #expect(all.last == "robots.txt")
        } else {
            #expect(thrown, "the failure on the \(failing == "index.html" ? "pages'" : "province's") side is thrown")
        }
    }
}
