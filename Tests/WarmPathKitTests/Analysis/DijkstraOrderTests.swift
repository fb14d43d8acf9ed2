import Foundation
import Testing

@testable import WarmPathAnalysis
@testable import WarmPathModel

/// Dijkstra settles in (cost, hops) order: `hops` is the fewest edges among the least-cost
/// paths, checked against an exact oracle on seeded random graphs full of equal-cost ties and
/// zero-cost edges.
@Suite struct DijkstraOrderTests {
    /// Least cost and fewest hops among least-cost paths, by rounds over the hop count:
    /// `best[k][v]` is the least cost with at most `k` edges; hops(v) is the least k that reaches
    /// the final least cost. Exact because the costs are small integers.
    static func oracle(_ g: EngineTestGraph, from s: Int) -> (cost: [Double], hops: [Int]) {
        var d = [Double](repeating: .infinity, count: g.n)
        d[s] = 0
        var rounds: [[Double]] = [d]
        for _ in 0..<g.n {
            var next = d
            for e in g.s.indices {
                let a = Int(g.s[e])
                let b = Int(g.t[e])
                if d[a] + g.w[e] < next[b] { next[b] = d[a] + g.w[e] }
            }
            rounds.append(next)
            if next == d { break }
            d = next
        }
        let hops = (0..<g.n).map { v in d[v] == .infinity ? -1 : rounds.firstIndex { $0[v] == d[v] }! }
        return (d, hops)
    }

    /// A random multigraph with costs 0, 1 or 2 (a third of the edges cost nothing).
    static func tieGraph(n: Int, m: Int, seed: UInt64) -> EngineTestGraph {
        var rng = GraphRNG(seed: seed)
        var g = EngineTestGraph(n: n)
        for _ in 0..<m { g.add(rng.int(n), rng.int(n), Double(rng.int(3))) }
        return g
    }

    @Test(arguments: [UInt64](1...40))
    func hopsAreFewestAmongLeastCostPaths(seed: UInt64) {
        let n = 12 + Int(seed % 5) * 8
        let g = Self.tieGraph(n: n, m: n * (2 + Int(seed % 3)), seed: seed)
        let (csr, costs) = g.csr
        var dj = Dijkstra(graph: csr, costs: costs)
        var lean = Dijkstra(graph: csr, costs: costs)
        for s in [0, n / 2, n - 1] {
            dj.run(from: Int32(s))
            lean.runDistances(from: Int32(s))
            let want = Self.oracle(g, from: s)
            #expect(lean.settledOrder == dj.settledOrder)
            #expect(lean.distance == dj.distance)
            #expect(lean.hops == dj.hops)
            for v in 0..<n {
                #expect(dj.distance[v] == want.cost[v], "seed \(seed) from \(s) node \(v)")
                #expect(Int(dj.hops[v]) == want.hops[v], "seed \(seed) from \(s) node \(v)")
                if let p = dj.path(to: Int32(v)) {
                    #expect(p.count - 1 == want.hops[v])
                    #expect(EdgeCosts.pathCost(p, csr: csr, costs: costs) == want.cost[v])
                }
            }
        }
    }

    /// Zero-cost edges only: the search is BFS, whatever order equal keys are met in.
    @Test func zeroCostEdgesGiveBreadthFirstHops() {
        var g = EngineTestGraph(n: 6)
        // A long zero-cost chain through low ids, and a short one through a high id.
        for (a, b) in [(0, 1), (1, 2), (2, 3), (3, 4), (0, 5), (5, 4)] { g.add(a, b, 0) }
        let (csr, costs) = g.csr
        var dj = Dijkstra(graph: csr, costs: costs)
        dj.run(from: 0)
        #expect(dj.hops[4] == 2)
        #expect(dj.path(to: 4) == [0, 5, 4])
    }
}
