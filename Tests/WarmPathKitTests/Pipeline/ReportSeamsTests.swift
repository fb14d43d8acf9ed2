import Foundation
import Testing
@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

/// The seams between analysis, report and pipeline on the example fixtures: the trust equation
/// is computed by the scorer only, and the report's page is built (and laid out) in one place.
@Suite struct ReportSeamsTests {
    static func analysed() throws -> AnalysedNetwork {
        let root = TestPaths.repoRoot()
        return try ReportPipeline.analyse(
            RunConfiguration(
                sources: ExampleReportTests.sources.map { root.appendingPathComponent($0).path },
                targetsFile: root.appendingPathComponent(ExampleReportTests.targets).path))
    }

    static func input(_ a: AnalysedNetwork, scoring: ScoringConfig = .default) -> HTMLReportInput {
        HTMLReportInput(
            network: a.network, owner: a.owner, asOf: a.loaded.asOf, stats: a.stats, scores: a.scores, paths: a.paths,
            scoring: scoring)
    }

    @Test func readinessFromItsPartsIsTheScorersReadiness() throws {
        let a = try Self.analysed()
        var scored = 0
        for p in a.scores.people where p.scored {
            #expect(Scorer.readiness(p.trustParts, config: .default) == p.readiness)
            scored += 1
        }
        #expect(scored > 30)
    }

    /// The copies of the equation that the report pipeline and the alerts had before the scorer
    /// exposed it give the same numbers as the scorer's function.
    @Test func readinessRegainedEqualsTheFormerFormulas() throws {
        let a = try Self.analysed()
        var withOwed = 0
        for config in [ScoringConfig.default, Self.skewed] {
            for p in a.scores.people where p.scored {
                let w = config.wCredibility + config.wReliability + config.wIntimacy
                let denom = w * (1 + config.kappa * p.selfOrientation)
                // The report's "readiness cost" of one owed reply.
                let rot = max(0.01, config.rotFactor)
                let oldOne =
                    min(1, p.reliability / rot) * config.wReliability / denom - p.reliability * config.wReliability
                    / denom
                #expect(abs(Scorer.readinessRegained(answering: 1, p, config: config) - oldOne) < 1e-12)
                // The alert's cost of all of them.
                let n = max(p.owedReplies, 1)
                let unrotted = min(1, p.reliability / pow(config.rotFactor, Double(n)))
                let oldAll = config.wReliability * (unrotted - p.reliability) / denom
                #expect(abs(Scorer.readinessRegained(answering: n, p, config: config) - oldAll) < 1e-12)
                if p.owedReplies > 0 { withOwed += 1 }
            }
        }
        #expect(withOwed >= 2 * 4)  // the four owed replies of the example report, under both configs
    }

    static var skewed: ScoringConfig {
        var c = ScoringConfig.default
        c.wReliability = 2.5
        c.kappa = 0.4
        c.rotFactor = 0.6
        return c
    }

    /// The page's "This week" list is the action list, rank for rank, and its changes carry the
    /// plain-words kinds.
    @Test func thisWeekListsTheRankedActions() throws {
        let a = try Self.analysed()
        let weekly = try WeeklyReports.run(
            network: a.network, owner: a.owner, asOf: a.loaded.asOf, scores: a.scores, history: nil,
            conversations: a.conversations)
        let actions = ActionList.compute(
            ActionInput(
                network: a.network, owner: a.owner, asOf: a.loaded.asOf, scores: a.scores, alerts: weekly.alerts,
                paths: a.paths, conversations: a.conversations))
        var model = HTMLReportModel.build(Self.input(a))
        model.addWeekly(actions: actions, changes: [], since: nil, tracksChanges: false)
        #expect(model.actions.items.map(\.rank) == Array(1...actions.count))
        #expect(model.actions.items.map(\.person.id) == actions.map(\.personID.rawValue))
        #expect(model.actions.items.map(\.reason) == actions.map(\.reason))
        let html = HTMLReport.render(model).text
        #expect(html.contains("id=\"wp-actions\""))
        #expect(!html.contains("Replies you owe") && !html.contains("Introductions to ask for"))
        #expect(html.contains("Run the report every week with --store FILE"))
    }

    /// The picture is laid out after the rows have their path numbers and groups: every drawn
    /// node has its row's group, and node sizes follow proximity.
    @Test func networkIsLaidOutWithProximityAndGroups() throws {
        let a = try Self.analysed()
        let model = HTMLReportModel.build(Self.input(a))
        let rows = Dictionary(uniqueKeysWithValues: model.people.map { ($0.id, $0) })
        let drawn = model.network.nodes.filter { !$0.isOwner }
        #expect(drawn.count == model.people.count)
        #expect(drawn.contains { $0.group != nil })
        for node in drawn {
            let row = try #require(rows[node.id])
            #expect(node.group == row.group)
        }
        let byProximity = drawn.sorted { (rows[$0.id]!.proximity, $0.id) < (rows[$1.id]!.proximity, $1.id) }
        #expect(byProximity.first!.size < byProximity.last!.size)
        // Rows carry the path layer's numbers.
        for (i, p) in a.network.people.enumerated() where Int32(i) != a.owner {
            let row = try #require(rows[p.id.rawValue])
            #expect(row.proximity == a.paths.stats[i].proximity)
            #expect(row.degree == a.paths.stats[i].degree)
            #expect(row.group == a.paths.groups[i].group)
        }
        // The groups section lists the three groups, each with its members counted.
        #expect(model.groups.map(\.kind) == PersonGroup.allCases)
        for g in model.groups { #expect(g.count == a.paths.groups.filter { $0.group == g.kind }.count) }
    }
}
