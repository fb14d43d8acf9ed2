import Foundation
import Testing

@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

@Suite struct GraphAlgorithmTests {
    @Test(arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func dijkstraMatchesBellmanFord(seed: UInt64) {
        let tg = EngineTestGraph.random(n: 60, m: 240, seed: seed)
        let (g, costs) = tg.csr
        var dj = Dijkstra(graph: g, costs: costs)
        for s in [0, 7, 33] {
            dj.run(from: Int32(s))
            let oracle = EngineOracle.bellmanFord(tg, from: s)
            for v in 0..<tg.n {
                #expect(abs(dj.distance[v] - oracle[v]) < 1e-12 || dj.distance[v] == oracle[v])
                if let p = dj.path(to: Int32(v)) {
                    #expect(p.first == Int32(s) && p.last == Int32(v))
                    #expect(abs(EdgeCosts.pathCost(p, csr: g, costs: costs) - oracle[v]) < 1e-12)
                    #expect(p.count - 1 == Int(dj.hops[v]))
                }
            }
        }
    }

    @Test func unusableCostsAreNotEdges() {
        var tg = EngineTestGraph(n: 3)
        tg.add(0, 1, .infinity)
        tg.add(0, 2, -1)
        tg.add(0, 1, .nan)
        tg.add(0, 2, 0.0 - log(1.0))
        let (g, costs) = tg.csr
        var dj = Dijkstra(graph: g, costs: costs)
        dj.run(from: 0)
        #expect(dj.distance[1] == .infinity)
        #expect(dj.distance[2] == 0)
        #expect(dj.distance[2].sign == .plus)
    }

    @Test(arguments: [11, 12, 13] as [UInt64])
    func hopLimitedIsExact(seed: UInt64) {
        let tg = EngineTestGraph.random(n: 40, m: 160, seed: seed)
        let (g, costs) = tg.csr
        var dj = Dijkstra(graph: g, costs: costs)
        for h in [1, 2, 3, 5] {
            dj.run(from: 0, maxHops: h)
            let oracle = EngineOracle.bellmanFord(tg, from: 0, maxHops: h)
            for v in 0..<tg.n {
                #expect(dj.distance[v] == oracle[v] || abs(dj.distance[v] - oracle[v]) < 1e-12)
                if let p = dj.path(to: Int32(v)) {
                    #expect(p.count - 1 <= h)
                    #expect(abs(EdgeCosts.pathCost(p, csr: g, costs: costs) - oracle[v]) < 1e-12)
                }
            }
            // a target-limited run agrees
            dj.run(from: 0, to: 5, maxHops: h)
            #expect(dj.distance[5] == oracle[5] || abs(dj.distance[5] - oracle[5]) < 1e-12)
        }
    }

    @Test func workspaceReuseGivesFreshResults() {
        let tg = EngineTestGraph.random(n: 80, m: 300, seed: 5)
        let (g, costs) = tg.csr
        var reused = Dijkstra(graph: g, costs: costs)
        for s in 0..<10 {
            reused.run(from: Int32(s))
            var fresh = Dijkstra(graph: g, costs: costs)
            fresh.run(from: Int32(s))
            #expect(reused.distance == fresh.distance)
            #expect(reused.parent == fresh.parent)
        }
    }

    @Test func blocksHideNodesAndEdges() {
        let tg = EngineTestGraph.path(4)
        let (g, costs) = tg.csr
        var dj = Dijkstra(graph: g, costs: costs)
        dj.blockNode(2)
        dj.run(from: 0)
        #expect(dj.distance[3] == .infinity)
        #expect(dj.distance[1] == 1)
        dj.clearBlocks()
        dj.blockEdges(from: 0, to: 1)
        dj.run(from: 0)
        #expect(dj.distance[1] == .infinity)
        dj.clearBlocks()
        dj.run(from: 0)
        #expect(dj.distance[3] == 3)
    }

    @Test func gridTiesAreDeterministic() {
        let tg = EngineTestGraph.grid(5, 5)
        let (g, costs) = tg.csr
        var a = Dijkstra(graph: g, costs: costs)
        a.run(from: 0)
        var b = Dijkstra(graph: g, costs: costs)
        b.run(from: 0)
        #expect(a.path(to: 24) == b.path(to: 24))
        #expect(a.distance[24] == 8)
        #expect(a.hops[24] == 8)
    }

    @Test func bfsUndirectedMatchesNaive() {
        for seed in [21, 22, 23] as [UInt64] {
            let tg = EngineTestGraph.random(n: 120, m: 200, seed: seed)
            let (g, _) = tg.csr
            var bfs = BreadthFirst.undirected(g)
            bfs.run(from: 0)
            // naive: symmetric adjacency sets
            var adj = [Set<Int>](repeating: [], count: tg.n)
            for e in tg.s.indices {
                adj[Int(tg.s[e])].insert(Int(tg.t[e]))
                adj[Int(tg.t[e])].insert(Int(tg.s[e]))
            }
            var d = [Int32](repeating: -1, count: tg.n)
            d[0] = 0
            var q = [0]
            var h = 0
            while h < q.count {
                let u = q[h]
                h += 1
                for v in adj[u].sorted() where d[v] < 0 { d[v] = d[u] + 1; q.append(v) }
            }
            #expect(bfs.hops == d)
            bfs.run(from: 5, maxHops: 1)
            #expect(bfs.order.count == 1 + adj[5].count)
        }
    }

    @Test func bfsDirectedOnStarAndPath() {
        let (star, _) = EngineTestGraph.star(6).csr
        var b = BreadthFirst(forward: star)
        b.run(from: 3)
        #expect(b.hops == [1, 2, 2, 0, 2, 2])
        let (path, _) = EngineTestGraph.path(5).csr
        var p = BreadthFirst(forward: path)
        p.run(from: 2)
        #expect(p.hops == [-1, -1, 0, 1, 2])
        var u = BreadthFirst.undirected(path)
        u.run(from: 2)
        #expect(u.hops == [2, 1, 0, 1, 2])
    }

    @Test(arguments: [31, 32, 33, 34, 35, 36, 37, 38] as [UInt64])
    func yenMatchesBruteForce(seed: UInt64) {
        let tg = EngineTestGraph.random(n: 8, m: 24, seed: seed, zeroFraction: 0.2)
        let (g, costs) = tg.csr
        var yen = KShortestPaths(graph: g, costs: costs)
        for t in 1..<8 {
            let all = EngineOracle.simplePaths(tg, from: 0, to: t)
            let got = yen.paths(from: 0, to: Int32(t), k: 6)
            #expect(got.count == min(6, all.count))
            for (i, p) in got.enumerated() {
                #expect(abs(p.cost - all[i].cost) < 1e-12, "target \(t) rank \(i)")
                #expect(Set(p.nodes).count == p.nodes.count, "loopless")
                #expect(abs(EdgeCosts.pathCost(p.nodes, csr: g, costs: costs) - p.cost) < 1e-12)
            }
            #expect(Set(got.map(\.nodes)).count == got.count)
            for h in [2, 3] {
                let limited = EngineOracle.simplePaths(tg, from: 0, to: t, maxHops: h)
                let gotH = yen.paths(from: 0, to: Int32(t), k: 4, maxHops: h)
                #expect(gotH.count == min(4, limited.count))
                for (i, p) in gotH.enumerated() {
                    #expect(p.hops <= h)
                    #expect(abs(p.cost - limited[i].cost) < 1e-12)
                }
            }
        }
    }

    @Test func yenIsLazyAndOrdered() {
        let (g, costs) = EngineTestGraph.complete(5).csr
        var yen = KShortestPaths(graph: g, costs: costs)
        yen.begin(from: 0, to: 4)
        var all: [WeightedPath] = []
        while let p = yen.next() { all.append(p) }
        // simple paths 0→4 in K5: 1 + 3 + 6 + 6 = 16
        #expect(all.count == 16)
        #expect(zip(all, all.dropFirst()).allSatisfy { $0.cost <= $1.cost })
        #expect(all.first?.nodes == [0, 4])
        #expect(all[1].nodes == [0, 1, 4])
        var again = KShortestPaths(graph: g, costs: costs)
        #expect(again.paths(from: 0, to: 4, k: 16).map(\.nodes) == all.map(\.nodes))
        #expect(again.paths(from: 0, to: 0, k: 3).map(\.nodes) == [[0]])
    }

    @Test func yenNoPath() {
        let (g, costs) = EngineTestGraph.path(4).csr
        var yen = KShortestPaths(graph: g, costs: costs)
        #expect(yen.paths(from: 3, to: 0, k: 3).isEmpty)
        #expect(yen.paths(from: 0, to: 3, k: 3).map(\.nodes) == [[0, 1, 2, 3]])
    }

    @Test(arguments: [41, 42, 43] as [UInt64])
    func betweennessMatchesNaive(seed: UInt64) {
        let tg = EngineTestGraph.random(n: 30, m: 90, seed: seed)
        let (g, _) = tg.csr
        let bc = Betweenness.compute(g, threads: 2)
        let oracle = EngineOracle.betweenness(tg)
        for v in 0..<tg.n { #expect(abs(bc[v] - oracle[v]) < 1e-9) }
        #expect(Betweenness.compute(g, threads: 1).enumerated().allSatisfy { abs($0.element - bc[$0.offset]) < 1e-9 })
    }

    @Test func betweennessInBatchesOfSourcesMatchesNaive() {
        // 101 nodes: twelve full batches of eight sources and a last one of five, on 1–3 workers.
        let tg = EngineTestGraph.random(n: 101, m: 450, seed: 5)
        let (g, _) = tg.csr
        let oracle = EngineOracle.betweenness(tg)
        for threads in 1...3 {
            let bc = Betweenness.compute(g, threads: threads)
            for v in 0..<tg.n {
                #expect(abs(bc[v] - oracle[v]) <= 1e-9 * max(1, oracle[v]), "node \(v), \(threads) threads")
            }
        }
        #expect(oracle.contains { $0 > 0 })
    }

    @Test func betweennessKnownShapes() {
        // directed path 0→1→2→3: node 1 lies on (0,2),(0,3); node 2 on (0,3),(1,3)
        #expect(Betweenness.compute(EngineTestGraph.path(4).csr.0) == [0, 2, 2, 0])
        // star with both directions: the hub is on every leaf pair, (n-1)(n-2) ordered pairs
        #expect(Betweenness.compute(EngineTestGraph.star(6).csr.0)[0] == 20)
        #expect(Betweenness.compute(EngineTestGraph.complete(5).csr.0).allSatisfy { $0 == 0 })
    }

    @Test func pathSearchProbabilitiesMatchBruteForce() {
        var rng = GraphRNG(seed: 77)
        var tg = EngineTestGraph.random(n: 9, m: 30, seed: 77)
        let probs = tg.w.map { _ in 0.05 + 0.95 * rng.unit() }
        let rho = 0.8
        tg.w = probs
        let (g, p) = tg.csr
        var search = PathSearch(graph: g, probabilities: p, attrition: rho)
        // brute force over simple paths with probability Π p · ρ^(h−1)
        var probTG = tg
        probTG.w = probs.map { 0.0 - log($0) }
        for t in 1..<9 {
            let all = EngineOracle.simplePaths(probTG, from: 0, to: t).map { path -> Double in
                var pr = 1.0
                for i in 0..<(path.nodes.count - 1) {
                    let e = g.slot(
                        from: path.nodes[i], to: path.nodes[i + 1], costs: g.edgeIndex!.map { probTG.w[Int($0)] })!
                    pr *= p[e]
                }
                return pr * pow(rho, Double(path.nodes.count - 2))
            }.sorted(by: >)
            let got = search.mostProbablePaths(from: 0, to: Int32(t), k: 3)
            #expect(got.count == min(3, all.count))
            for (i, q) in got.enumerated() {
                #expect(abs(q.probability - all[i]) < 1e-12 * max(1, all[i]), "target \(t) rank \(i)")
                #expect(q.edgeProbabilities[q.weakestLink] == q.edgeProbabilities.min())
            }
        }
    }

    @Test func pathSearchExcludesDistrust() {
        var tg = EngineTestGraph(n: 3)
        tg.add(0, 1, -0.5)
        tg.add(1, 2, 0.9)
        tg.add(0, 2, 0.1)
        let (g, p) = tg.csr
        var search = PathSearch(graph: g, probabilities: p, attrition: 0.8)
        let got = search.mostProbablePaths(from: 0, to: 2, k: 3)
        #expect(got.map(\.nodes) == [[0, 2]])
        #expect(abs(got[0].probability - 0.1) < 1e-15)
    }

    @Test func documentCSRKeepsEdgeIndexAndCosts() throws {
        let r = try EdgeListReader.read(Data("a,b,0.5\nb,c,1\na,c,0.25\nc,a\n".utf8), file: "t", source: "s")
        let g = CSRGraph(document: r.document)
        let costs = EdgeCosts.costs(csr: g, document: r.document, transform: .neglog)!
        #expect(g.edgeCount == 4)
        let a = r.document.nodeIndex["a"]!
        let c = r.document.nodeIndex["c"]!
        let e = g.slot(from: a, to: c, costs: costs)!
        #expect(costs[e] == 0.0 - log(0.25))
        let back = g.slot(from: c, to: a, costs: costs)!
        #expect(costs[back] == 0 && costs[back].sign == .plus)  // missing weight → 1.0 → +0.0
        let und = CSRGraph(document: r.document, undirected: true)
        #expect(und.edgeCount == 8)
        let rev = g.reversed()
        #expect(rev.edgeCount == 4)
        for v in 0..<rev.nodeCount {
            for slot in rev.edgeRange(of: v) {
                let f = Int(rev.edgeIndex![slot])
                #expect(g.targets[f] == Int32(v))
                #expect(g.edgeRange(of: Int(rev.targets[slot])).contains(f))
            }
        }
        #expect(CostTransform.inverse.cost(0.5) == 2)
        #expect(CostTransform.none.cost(-1) == .infinity)
    }

    @Test func slotLookupAnswersLikeTheScan() {
        var rng = SplitMix64(seed: 9)
        let n = 60
        // Node 0 and 1 are hubs (hundreds of edges, parallel ones included); the rest are small.
        var src: [Int32] = []
        var dst: [Int32] = []
        for _ in 0..<3_000 {
            let s = rng.next() % 3 == 0 ? Int32(rng.next() % UInt64(n)) : Int32(rng.next() % 2)
            src.append(s)
            dst.append(Int32(rng.next() % UInt64(n)))
        }
        let g = CSRGraph(nodeCount: n, sources: src, targets: dst, weights: nil)
        let costs = (0..<g.edgeCount).map { _ in Double(rng.next() % 5) }
        let lookup = SlotLookup(graph: g)
        for u in 0..<Int32(n) {
            for v in 0..<Int32(n) {
                let scan = g.edgeRange(of: Int(u)).filter { g.targets[$0] == v }
                #expect(lookup.slots(from: u, to: v) == scan)
                #expect(lookup.slot(from: u, to: v, costs: costs) == g.slot(from: u, to: v, costs: costs))
            }
        }
    }

    /// `m` uniformly random edges over `n` nodes, self-loops and parallel edges included.
    static func randomMultigraph(n: Int, m: Int, rng: inout SplitMix64) -> CSRGraph {
        let src = (0..<m).map { _ in Int32(rng.next() % UInt64(n)) }
        let dst = (0..<m).map { _ in Int32(rng.next() % UInt64(n)) }
        return CSRGraph(nodeCount: n, sources: src, targets: dst, weights: nil)
    }

    @Test func distancesOnlyRunMatchesTheFullRun() {
        var rng = SplitMix64(seed: 5)
        let n = 500
        let g = Self.randomMultigraph(n: n, m: 5_000, rng: &rng)
        // Some unusable slots (distrust, missing) and exact ties (costs on a coarse grid).
        let costs = (0..<g.edgeCount).map { i -> Double in
            i % 17 == 0 ? .infinity : i % 23 == 0 ? -1 : i % 29 == 0 ? .nan : Double(rng.next() % 8) / 4
        }
        var full = Dijkstra(graph: g, costs: costs)
        var lean = Dijkstra(graph: g, costs: costs)
        for s in [Int32(0), 7, 499] {
            full.run(from: s)
            lean.runDistances(from: s)
            #expect(lean.settledOrder == full.settledOrder)
            #expect((0..<n).allSatisfy { lean.hops[$0] == full.hops[$0] })
            #expect((0..<n).allSatisfy { lean.distance[$0] == full.distance[$0] })
        }
    }

    @Test func reversedWithoutIndexHasTheSameAdjacency() {
        var rng = SplitMix64(seed: 3)
        let n = 300
        let g = Self.randomMultigraph(n: n, m: 4_000, rng: &rng)
        let full = g.reversed()
        let lean = g.reversed(keepIndex: false)
        #expect(lean.edgeIndex == nil)
        #expect(lean.offsets == full.offsets && lean.targets == full.targets)
        // Slots of each reversed node follow the forward slot order, and mirror real edges.
        for v in 0..<n {
            let r = full.edgeRange(of: v)
            #expect(zip(r.dropFirst(), r).allSatisfy { full.edgeIndex![$0] > full.edgeIndex![$1] })
            for slot in r { #expect(g.targets[Int(full.edgeIndex![slot])] == Int32(v)) }
        }
        let twice = full.reversed(keepIndex: false)
        let same = (0..<n).allSatisfy { v in
            twice.edgeRange(of: v).map { twice.targets[$0] }.sorted()
                == g.edgeRange(of: v).map { g.targets[$0] }.sorted()
        }
        #expect(same && twice.offsets == g.offsets)
    }
}
