import Foundation
import Testing
@testable import Congkhai

/// Every input kept under Fuzz/regressions/ by scripts/fuzz.sh (one that once
/// crashed, leaked or hung a target) runs again through the same entry point;
/// a trap fails the whole test run, a hang hits the suite's time limit.
@Suite struct FuzzRegressionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz/regressions").path

    static func inputs(_ target: String) -> [String] {
        let dir = root + "/" + target
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { dir + "/" + $0 }
    }

    @Test func regressionFoldersExist() {
        for t in ["official", "csv", "markdown"] {
            #expect(!FuzzRegressionTests.inputs(t).isEmpty, "Fuzz/regressions/\(t) holds at least its smoke seed")
        }
    }

    @Test(.timeLimit(.minutes(1)), arguments: FuzzRegressionTests.inputs("official"))
    func official(path: String) throws {
        FuzzEntry.officialFile(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    @Test(.timeLimit(.minutes(1)), arguments: FuzzRegressionTests.inputs("csv"))
    func csv(path: String) throws {
        FuzzEntry.feedbackCSV(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    @Test(.timeLimit(.minutes(1)), arguments: FuzzRegressionTests.inputs("markdown"))
    func markdown(path: String) throws {
        FuzzEntry.markdown(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
    }
}
