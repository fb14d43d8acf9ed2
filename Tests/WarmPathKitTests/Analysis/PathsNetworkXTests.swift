import Foundation
import Testing

@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

/// Issue 4 check: on Bitcoin-OTC with the documented rating → probability rule (weight = r/10,
/// r ≤ 0 excluded), our Dijkstra costs from 3 sources equal
/// `networkx.single_source_dijkstra_path_length` to 1e-9 and our 3 best loopless paths to a few
/// targets equal `networkx.shortest_simple_paths` (costs per rank; node lists when costs are unique).
/// Skipped when the data, python3 or networkx is missing.
@Suite struct PathsNetworkXTests {
    static let script = #"""
        import sys, json, gzip, math
        from itertools import islice
        import networkx as nx
        req = json.load(sys.stdin)
        G = nx.DiGraph()
        with gzip.open(req["path"], "rt") as f:
            for line in f:
                s, t, r, _time = line.strip().split(",")
                r = int(r)
                if r > 0:
                    G.add_edge(s, t, cost=0.0 - math.log(r / 10))
                elif G.has_edge(s, t):
                    G.remove_edge(s, t)
        out = {"dist": {}, "paths": {}}
        for s in req["sources"]:
            out["dist"][s] = nx.single_source_dijkstra_path_length(G, s, weight="cost")
        for s, t in req["pairs"]:
            ps = []
            try:
                for p in islice(nx.shortest_simple_paths(G, s, t, weight="cost"), 3):
                    ps.append([p, sum(G[u][v]["cost"] for u, v in zip(p, p[1:]))])
            except nx.NetworkXNoPath:
                pass
            out["paths"][s + ">" + t] = ps
        print(json.dumps(out))
        """#

    @Test(
        .requiresSharedData("graphs/bitcoin-otc/soc-sign-bitcoinotc.csv.gz"),
        .enabled(if: GraphTestData.python("import networkx") != nil, "needs python3 with networkx"))
    func bitcoinOTCAgainstNetworkX() throws {
        let url = try #require(GraphTestData.graphFile("bitcoin-otc/soc-sign-bitcoinotc.csv.gz"))
        let data = try #require(GraphTestData.bytes(url), "bitcoin-otc cannot be read (gzip missing?)")
        let r = try EdgeListReader.read(data, file: "otc", source: "test")
        let doc = r.document
        let g = CSRGraph(document: doc)
        let costs = EdgeCosts.costs(csr: g, document: doc, transform: .neglog)!
        // Sources: the three largest out-degrees (ties by index).
        let sources = (0..<g.nodeCount).sorted {
            g.degree(of: $0) != g.degree(of: $1) ? g.degree(of: $0) > g.degree(of: $1) : $0 < $1
        }
        .prefix(3).map { Int32($0) }
        var dj = Dijkstra(graph: g, costs: costs)
        // Targets: the first 4 nodes settled at 2 and 3 hops from the first source.
        dj.run(from: sources[0])
        let targets =
            dj.settledOrder.filter { dj.hops[Int($0)] == 2 }.prefix(2)
            + dj.settledOrder.filter { dj.hops[Int($0)] == 3 }.prefix(2)
        #expect(targets.count == 4)
        let pairs =
            targets.map { [doc.nodeIDs[Int(sources[0])], doc.nodeIDs[Int($0)]] }
            + [[doc.nodeIDs[Int(sources[1])], doc.nodeIDs[Int(targets[0])]]]
        let request: [String: Any] = [
            "path": url.path, "sources": sources.map { doc.nodeIDs[Int($0)] }, "pairs": pairs,
        ]
        let input = try JSONSerialization.data(withJSONObject: request)
        guard let text = GraphTestData.python(Self.script, stdin: input),
            let reply = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
            let dist = reply["dist"] as? [String: [String: Double]],
            let paths = reply["paths"] as? [String: [[Any]]]
        else {
            Issue.record("networkx script failed")
            return
        }
        for s in sources {
            dj.run(from: s)
            let theirs = dist[doc.nodeIDs[Int(s)]]!
            let ours = Dictionary(
                uniqueKeysWithValues: dj.settledOrder.map { (doc.nodeIDs[Int($0)], dj.distance[Int($0)]) })
            #expect(ours.count == theirs.count)
            #expect(theirs.count > 100)
            for (node, d) in theirs {
                guard let mine = ours[node] else {
                    Issue.record("node \(node) not reached")
                    continue
                }
                #expect(abs(mine - d) <= 1e-9 * max(1, abs(d)), "node \(node)")
            }
        }
        var yen = KShortestPaths(graph: g, costs: costs)
        var compared = 0
        for pair in pairs {
            let theirs = paths[pair[0] + ">" + pair[1]]!
            let ours = yen.paths(from: doc.nodeIndex[pair[0]]!, to: doc.nodeIndex[pair[1]]!, k: 3)
            #expect(ours.count == theirs.count)
            let theirCosts = theirs.map { $0[1] as! Double }
            for (i, p) in ours.enumerated() where i < theirs.count {
                let c = EdgeCosts.pathCost(p.nodes, csr: g, costs: costs)
                #expect(abs(c - theirCosts[i]) <= 1e-9 * max(1, abs(c)), "\(pair) rank \(i + 1)")
                let unique = theirCosts.filter { abs($0 - theirCosts[i]) <= 1e-12 }.count == 1
                if unique {
                    // Another path of the same cost (to rounding) may lie outside NetworkX's three;
                    // ours then has no more edges than theirs (least cost, then fewest hops).
                    let theirNodes = theirs[i][0] as! [String]
                    let mine = p.nodes.map { doc.nodeIDs[Int($0)] }
                    #expect(mine == theirNodes || mine.count < theirNodes.count, "\(pair) rank \(i + 1)")
                }
                compared += 1
            }
        }
        #expect(compared >= 10)
    }
}
