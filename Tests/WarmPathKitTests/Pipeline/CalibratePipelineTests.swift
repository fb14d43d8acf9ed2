import Foundation
import Testing
@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

/// `rate-these.csv` and `warmpath calibrate` on the bundled example (issue 20): the user rates the
/// people the report asks about, calibrates, and sees the cross-validated error drop.
@Suite struct CalibratePipelineTests {
    static let ratings = "fixtures/ratings/noor-rated.csv"

    func config() -> RunConfiguration {
        let root = TestPaths.repoRoot()
        return RunConfiguration(sources: ExampleReportTests.sources.map { root.appendingPathComponent($0).path })
    }

    @Test func rateTheseSpansTheDecilesAndIsStable() throws {
        let a = try ReportPipeline.analyse(config())
        let sample = RateTheseReport.sample(a.scores, network: a.network, count: 20)
        let scored = a.scores.people.enumerated().filter { $0.element.scored && $0.offset != Int(a.owner) }
            .map(\.element.strength).sorted()
        #expect(scored.count > 20)
        #expect(sample.count == 20)
        let strengths = sample.map { a.scores.people[Int($0)].strength }
        // Two per decile: the weakest and the strongest tenth are both asked about.
        #expect(strengths.filter { $0 <= scored[scored.count / 10] }.count >= 2)
        #expect(strengths.filter { $0 >= scored[scored.count * 9 / 10] }.count >= 2)
        #expect(!sample.contains(a.owner))
        let ids = sample.map { a.network.people[Int($0)].id }
        #expect(ids == ids.sorted())
        // The same people whatever the source order.
        let root = TestPaths.repoRoot()
        let b = try ReportPipeline.analyse(
            RunConfiguration(
                sources: ExampleReportTests.sources.reversed().map { root.appendingPathComponent($0).path }))
        #expect(
            RateTheseReport.sample(b.scores, network: b.network, count: 20).map { b.network.people[Int($0)].id } == ids)
        let file = RateTheseReport.csv(a.scores, network: a.network)
        let text = file.text
        #expect(text.hasPrefix("person_id,name,company,strength,your_strength,would_introduce\r\n"))
        #expect(text.csvRows.dropFirst().allSatisfy { $0.hasSuffix(",,") })
        #expect(text.csvRows.count - 1 == min(scored.count, RateTheseReport.defaultCount))
    }

    @Test func exampleRatingsLowerTheCrossValidatedError() throws {
        let path = TestPaths.repoRoot().appendingPathComponent(Self.ratings).path
        let out = try CalibratePipeline.run(ratings: path, config())
        let r = out.result
        #expect(r.people >= Calibration.minimumRatings)
        #expect(r.after.mae < r.before.mae, "MAE \(r.before.mae) -> \(r.after.mae)")
        #expect(try #require(r.after.auc) >= #require(r.before.auc))
        #expect(out.files.map(\.name) == ["calibration.csv", CalibratePipeline.configFileName, "import-issues.csv"])
        // The fixture's row for someone not in the sources is reported, not dropped.
        let issues = String(decoding: out.files[2].contents, as: UTF8.self)
        #expect(issues.contains("ratings,noor-rated.csv,"))
        #expect(issues.contains("not found in the sources"))
        #expect(out.notes.contains { if case .fileWarning(let i) = $0 { i.source == "ratings" } else { false } })
        // The written config is read by --config and gives the fitted weights.
        let yaml = String(decoding: out.files[1].contents, as: UTF8.self)
        let tuned = try ScoringConfig.parse(yaml: yaml)
        for w in r.weights { #expect(abs(tuned.value(ofKey: w.key)! - w.after) < 1e-5) }
        #expect(out.summary.contains("mae"))
    }

    @Test func tooFewRatingsAreRefusedWithAClearMessage() throws {
        let source = TestPaths.repoRoot().appendingPathComponent(Self.ratings)
        let lines = try String(contentsOf: source, encoding: .utf8).split(separator: "\n")
        let dir = try TestPaths.tempFolder(["few.csv": Data((lines.prefix(11).joined(separator: "\n") + "\n").utf8)])
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect {
            try CalibratePipeline.run(ratings: dir.appendingPathComponent("few.csv").path, config())
        } throws: { error in
            guard let e = error as? RatingsError, case .tooFew(let file, _, 20) = e else { return false }
            return file == "few.csv" && e.message.contains("at least 20")
        }
    }
}
