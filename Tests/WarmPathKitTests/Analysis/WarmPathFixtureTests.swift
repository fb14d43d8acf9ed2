import Foundation
import Testing

@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

/// End to end on `fixtures/team/` (two teammates' LinkedIn archives) through the real importer,
/// identity resolution, the scorer and the path layer.
@Suite("WarmPathFixtureTests")
struct WarmPathFixtureTests {
    static func run() throws -> PathsOutput {
        let ana = TestPaths.fixture("team/ana").path
        let ben = TestPaths.fixture("team/ben").path
        let loaded = SourceLoader().load([ana, ben])
        try #require(loaded.allSatisfy({ $0.result != nil }), "the LinkedIn importer cannot read fixtures/team")
        return try PathsPipeline.run(
            PathsRunConfiguration(
                sources: [ana, ben], targetsFile: TestPaths.fixture("targets.csv").path,
                mergeRulesFile: TestPaths.fixture("merge-rules.csv").path))
    }

    @Test func teamArchivesMergeAndReachTheTeammatesProspect() throws {
        let out = try Self.run()
        let n = out.network
        let match = { (s: String) in n.people.filter { IdentityNormalizer.matchName($0.name).hasPrefix(s) } }
        #expect(match("marta olsen").count == 1)
        #expect(match("marta olsen").first?.sources.count == 2)
        #expect(match("ravi menon").count == 1)
        #expect(match("ana ruiz").count == 1)
        #expect(match("sofia chen").count == 1)  // two profile URLs, merged by the manual rule
        #expect(n.merges.contains { $0.rule == "manual_merge" && $0.evidence == "merge-rules.csv line 2" })
        let lena = try #require(n.people.firstIndex { $0.name == "Lena Park" })
        let ben = try #require(n.people.firstIndex { $0.name == "Ben Okafor" })
        let best = try #require(out.analysis.result(for: Int32(lena))?.paths.first)
        #expect(best.introducer == Int32(ben))
        #expect(out.analysis.targets.unmatched.map(\.name) == ["Zoe Quinn"])
        let paths = try #require(out.files.first { $0.name == "paths.csv" }).text
        #expect(paths.contains("Zoe Quinn (Nowhere Industries),,,,,unmatched"))
        #expect(paths.contains("Northwind Labs,Tom Berg,1,"))
        let unmatched = out.notes.compactMap { if case .targetUnmatched(let t) = $0 { t } else { nil } }
        #expect(unmatched.map(\.name) == ["Zoe Quinn"])
        #expect(
            out.notes.map(\.line).contains(
                "target line 5 'Zoe Quinn (Nowhere Industries)' matches nobody in the sources"))
        // Same inputs, same bytes.
        let again = try Self.run()
        #expect(again.files == out.files)
    }
}
