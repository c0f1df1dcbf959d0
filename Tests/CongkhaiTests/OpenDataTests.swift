import Foundation
import Testing
@testable import Congkhai

/// The open data explains each official once, for its rows of `criteria.csv`
/// and its explanation file together, the file emitted while the table
/// streams: what is published must be what each made alone publishes.
@Suite struct OpenDataTests {
    @Test func explanationsMadeBesideTheCriteriaTableAreTheOnesMadeAlone() throws {
        let demo = try TemplateKeyTests.demo()
        let run = demo.run
        let published = Locked<[String: [UInt8]]>([:])
        let order = Locked<[String]>([])
        OpenData.files(run: run, plan: demo.plan) { file in
            // Made outside the lock: `criteria.csv`'s producer emits the explanations.
            let bytes = file.bytes
            published.update { $0[file.path] = bytes }
            order.update { $0.append(file.path) }
        }
        let files = published.value
        var table: [UInt8] = []
        OpenData.criteriaCSV(run) { table += $0 }
        #expect(files["data/criteria.csv"] == table)
        var explanations: [String] = []
        for r in run.scoreboard.results {
            let o = run.province.officials[r.official]
            let path = "data/" + SitePaths.explanation(o.locality, o.id)
            explanations.append(path)
            #expect(files[path] == ExplanationReport.json(run, result: r), "\(path)")
        }
        // Every explanation, in the results' order.
        #expect(order.value.filter { $0.hasPrefix("data/explanations/") && $0 != "data/explanations/index.json" } == explanations)
    }
}
