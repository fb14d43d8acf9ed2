import Foundation
import Testing

@testable import WarmPathAnalysis
@testable import WarmPathImport
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport

/// `distances` and `inspect` on every karate format in ../shared/data/graphs/karate-multiformat,
/// against NetworkX's answers (fixtures/graphs/expected/, written by scripts/networkx-expected.py).
@Suite(
    .enabled(
        if: TestPaths.shared("graphs/karate-multiformat") != nil, "../shared/data/graphs/karate-multiformat is absent"))
struct GraphCommandsNetworkXTests {
    static var karate: URL? { TestPaths.shared("graphs/karate-multiformat") }
    static let files = [
        "karate.cytoscape.json", "karate.gexf", "karate.graphml", "karate.net", "karate.networkx.gml",
        "karate.node-link-links.json", "karate.node-link.json", "karate.weighted.csv",
    ]

    struct Expected: Decodable {
        struct Weighted: Decodable {
            var transform: String
            var undirected: Bool
            var cost: [String: Double]
            var hops: [String: Int]
        }
        var directed: Bool
        var nodes: Int
        var edges: Int
        var from: String
        var hops: [String: Int]
        var weighted: Weighted?
    }

    static func expected(_ file: String) throws -> Expected {
        let url = TestPaths.fixture("graphs/expected/\(file).json")
        return try JSONDecoder().decode(Expected.self, from: Data(contentsOf: url))
    }

    static func path(_ file: String) -> String { karate!.appendingPathComponent(file).path }

    @Test(arguments: files)
    func distancesHopsMatchNetworkX(file: String) throws {
        let want = try Self.expected(file)
        let (rows, issues, _) = try Distances.run(path: Self.path(file), from: want.from)
        #expect(issues.filter { $0.severity >= .warning }.isEmpty, "\(issues)")
        #expect(Dictionary(uniqueKeysWithValues: rows.map { ($0.node, $0.hops) }) == want.hops)
        #expect(rows.allSatisfy { $0.cost == Double($0.hops) })
    }

    @Test(arguments: files)
    func inspectCountsMatchNetworkX(file: String) throws {
        let want = try Self.expected(file)
        let loaded = SourceLoader().load([Self.path(file)], peopleFromGraphs: false)
        let info = try #require(InspectReport(loaded).sources.first)
        #expect(info.error == nil)
        #expect(info.nodes == want.nodes)
        #expect(info.edges == want.edges)
        #expect(info.directed == want.directed)
        // The full import (report, export) reads the same graph.
        let g = try GraphFile.read(path: Self.path(file))
        #expect(g.document.nodeCount == want.nodes)
        #expect(g.document.edgeCount == want.edges)
        #expect(g.document.directed == want.directed)
    }

    @Test func weightedFileWithNeglogIsAnError() throws {
        #expect {
            try Distances.run(
                path: Self.path("karate.weighted.csv"), from: "0", options: .init(weightAttribute: "weight"))
        } throws: { error in
            guard case .unfitWeights(.neglog, let count, 78, _) = error as? Distances.Failure else { return false }
            return count == 72 && "\(error)".contains("--transform inverse")
        }
    }

    @Test func weightedFileWithInverseMatchesNetworkX() throws {
        let want = try #require(try Self.expected("karate.weighted.csv").weighted)
        #expect(want.transform == "inverse" && want.undirected)
        let options = Distances.Options(weightAttribute: "weight", transform: .inverse, undirected: true)
        let (rows, _, _) = try Distances.run(path: Self.path("karate.weighted.csv"), from: "0", options: options)
        #expect(rows.count == 34)
        #expect(Dictionary(uniqueKeysWithValues: rows.map { ($0.node, $0.hops) }) == want.hops)
        for r in rows { #expect(abs(r.cost - want.cost[r.node]!) < 1e-12, "\(r.node)") }
    }
}

/// wiki-Vote from node 30: with every weight 1 (cost 0 under neglog) the hops are BFS hops.
@Suite(
    .enabled(if: TestPaths.shared("graphs/wiki-vote/Wiki-Vote.txt") != nil, "../shared/data/graphs/wiki-vote is absent")
)
struct WikiVoteDistancesTests {
    @Test func zeroCostHopsEqualBreadthFirst() throws {
        let path = TestPaths.shared("graphs/wiki-vote/Wiki-Vote.txt")!.path
        let (bfs, _, _) = try Distances.run(path: path, from: "30")
        let (zero, _, _) = try Distances.run(path: path, from: "30", options: .init(weightAttribute: "weight"))
        #expect(bfs.count == 2_316)
        #expect(zero.count == bfs.count)
        #expect(zero.allSatisfy { $0.cost == 0 })
        let want = Dictionary(uniqueKeysWithValues: bfs.map { ($0.node, $0.hops) })
        #expect(zero.filter { want[$0.node] != $0.hops }.isEmpty)
    }
}
