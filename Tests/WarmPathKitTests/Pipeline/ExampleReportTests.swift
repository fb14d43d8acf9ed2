import Foundation
import Testing
@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

/// `reports/example/` is generated from the fixtures by the README's first command; this test
/// fails when it is out of date. Re-record with `RECORD_GOLDENS=1 swift test --filter ExampleReportTests`
/// (a recording run fails on purpose, so that it is never left on).
@Suite struct ExampleReportTests {
    static let sources = [
        "fixtures/linkedin", "fixtures/facebook", "fixtures/twitter", "fixtures/contacts", "fixtures/takeout",
    ]
    static let targets = "fixtures/noor-targets.csv"

    func run(sources: [String], owner: String? = nil) throws -> ReportOutput {
        let root = TestPaths.repoRoot()
        let config = RunConfiguration(
            sources: sources.map { root.appendingPathComponent($0).path }, owner: owner,
            targetsFile: root.appendingPathComponent(Self.targets).path)
        return try ReportPipeline.run(config)
    }

    @Test func committedExampleIsUpToDate() throws {
        let output = try run(sources: Self.sources)
        let dir = TestPaths.repoRoot().appendingPathComponent("reports/example")
        if ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" {
            try? FileManager.default.removeItem(at: dir)
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            for f in output.files { try f.contents.write(to: dir.appendingPathComponent(f.name)) }
            Issue.record("recorded reports/example; run again without RECORD_GOLDENS")
            return
        }
        let committed = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { !$0.hasPrefix(".") }
            .sorted()
        #expect(committed == output.files.map(\.name).sorted())
        for f in output.files {
            let old = try Data(contentsOf: dir.appendingPathComponent(f.name))
            #expect(
                old == f.contents,
                "reports/example/\(f.name) is out of date: regenerate it with the README's first command")
        }
    }

    @Test func shuffledSourceOrderGivesByteIdenticalFiles() throws {
        let owner = "https://www.linkedin.com/in/noor-haddad-7f3e21"
        let a = try run(sources: Self.sources, owner: owner)
        let b = try run(sources: Self.sources.reversed(), owner: owner)
        #expect(a.files.map(\.name) == b.files.map(\.name))
        for (x, y) in zip(a.files, b.files) { #expect(x.contents == y.contents, "\(x.name) depends on source order") }
    }

    @Test func everyFixturePersonOnceAndLedgersSumExactly() throws {
        let root = TestPaths.repoRoot()
        let config = RunConfiguration(sources: Self.sources.map { root.appendingPathComponent($0).path })
        let a = try ReportPipeline.analyse(config)
        let ids = a.network.people.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(a.scores.ledgerMismatches(tolerance: 1e-9).isEmpty)
        #expect(a.scores.people.enumerated().filter { $0.offset != Int(a.owner) && $0.element.scored }.count > 30)
        // The person in both the LinkedIn and the Facebook archive is one person with both sources.
        let kofi = a.network.people.filter { IdentityNormalizer.matchName($0.name) == "kofi mensah" }
        #expect(kofi.count == 1)
        #expect(kofi.first?.sources == ["facebook", "linkedin"])
    }
}
