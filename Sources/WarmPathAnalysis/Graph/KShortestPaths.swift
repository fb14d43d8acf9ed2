import Foundation
import WarmPathSupport
import WarmPathModel
import WarmPathImport
import HeapModule

/// A path found by a search: its nodes (source first), summed cost and number of edges.
public struct WeightedPath: Sendable, Hashable {
    public var nodes: [Int32]
    public var cost: Double
    public var hops: Int

    public init(nodes: [Int32], cost: Double) {
        self.nodes = nodes
        self.cost = cost
        self.hops = max(0, nodes.count - 1)
    }
}

/// Yen's k shortest loopless paths on a ``CSRGraph`` with per-slot costs, as a lazy search:
/// ``begin(from:to:maxHops:)`` then ``next()`` returns paths in cost order (nil when exhausted).
/// The engine (workspaces, reverse graph) is built once and reused for every (source, target).
///
/// Speed-ups, all exact:
/// - A reverse Dijkstra from the target (until the source is settled) gives the first path and a
///   shortest-path tree towards the target. Shortest-path-tree reuse: when the tree path from a
///   spur node to the target avoids the blocked root nodes and edges, it is the spur path (no
///   search).
/// - Other spur searches run forwards as A* towards the target, with the reverse distances as
///   potential (exact for the nodes the reverse search settled, its radius for the rest, which
///   is consistent).
/// - A spur at a node with at least ``backwardDegree`` out-edges (the owner with thousands of
///   contacts) searches backwards instead, from the target to the spur node, as
///   A* with the source's forward distances as potential (`d(s, v) − d(s, spur) ≤ d(spur, v)` by
///   the triangle inequality, so it is consistent): it never pushes that fan-out onto the heap.
///   The forward Dijkstra for it runs once per source, when first needed, and serves every target.
/// - Lawler's rule: a path is only spurred from its deviation index onwards.
///
/// Ties: candidates are ordered by (cost, hops, node indices lexicographically).
/// With `maxHops`, only paths of at most that many edges are produced (exact hop-limited searches).
///
/// - Complexity: per path O(L · S) where L is the path length and S the cost of one A* spur search.
public struct KShortestPaths: Sendable {
    public let graph: CSRGraph
    public let costs: [Double]
    /// Spur nodes with at least this many out-edges are searched from the target backwards.
    public static let backwardDegree = 1_024
    /// Full Dijkstra from `forwardSource` (potential of the backward spur searches).
    var forward: Dijkstra
    var forwardSource: Int32 = -1
    /// Reverse Dijkstra from the current target (first path, tree reuse).
    var backward: Dijkstra
    /// Potential of the forward spur searches (from ``backward``).
    var potential: [Double]
    /// Forward spur searches (blocks in forward slots).
    var forwardSpur: Dijkstra
    /// Backward spur searches (reverse graph, blocks in reverse slots).
    var spurSearch: Dijkstra
    /// Forward slot → reverse slot.
    let reverseSlot: [Int32]
    let lookup: SlotLookup

    // search state
    var source: Int32 = -1
    var target: Int32 = -1
    var maxHops: Int? = nil
    var found: [(path: WeightedPath, deviation: Int)] = []
    var candidates = Heap<Candidate>()
    var seen = Set<[Int32]>()
    var first: WeightedPath? = nil
    var exhausted = true

    struct Candidate: Comparable {
        var path: WeightedPath
        var deviation: Int
        static func < (a: Candidate, b: Candidate) -> Bool {
            if a.path.cost != b.path.cost { return a.path.cost < b.path.cost }
            if a.path.hops != b.path.hops { return a.path.hops < b.path.hops }
            return a.path.nodes.lexicographicallyPrecedes(b.path.nodes)
        }
        static func == (a: Candidate, b: Candidate) -> Bool { a.path.nodes == b.path.nodes }
    }

    /// - Complexity: O(V + E) (the reverse graph).
    public init(graph: CSRGraph, costs: [Double]) {
        self.graph = graph
        self.costs = costs
        let rev = graph.reversed()
        let revCosts = rev.edgeIndex!.map { costs[Int($0)] }
        forward = Dijkstra(graph: graph, costs: costs)
        backward = Dijkstra(graph: rev, costs: revCosts)
        spurSearch = Dijkstra(graph: rev, costs: revCosts)
        forwardSpur = Dijkstra(graph: graph, costs: costs)
        potential = [Double](repeating: 0, count: graph.nodeCount)
        var slots = [Int32](repeating: 0, count: graph.edgeCount)
        for (r, e) in rev.edgeIndex!.enumerated() { slots[Int(e)] = Int32(r) }
        reverseSlot = slots
        lookup = SlotLookup(graph: graph)
    }

    /// The `k` least-cost loopless paths from `source` to `target` (fewer when there are fewer).
    public mutating func paths(from source: Int32, to target: Int32, k: Int, maxHops: Int? = nil) -> [WeightedPath] {
        begin(from: source, to: target, maxHops: maxHops)
        var out: [WeightedPath] = []
        while out.count < k, let p = next() { out.append(p) }
        return out
    }

    /// Starts a search; paths then come from ``next()``.
    /// - Complexity: one reverse Dijkstra from `target` (it stops when `source` is settled), plus
    ///   one full Dijkstra from `source` when the source changed since the last search.
    public mutating func begin(from source: Int32, to target: Int32, maxHops: Int? = nil) {
        self.source = source
        self.target = target
        self.maxHops = maxHops
        found.removeAll()
        candidates = Heap()
        seen.removeAll()
        first = nil
        exhausted = true
        guard source != target else {
            first = WeightedPath(nodes: [source], cost: 0)
            exhausted = false
            return
        }
        backward.clearBlocks()
        backward.run(from: target, to: source)
        guard backward.isSettled(source) else { return }
        let radius = backward.distance[Int(source)]
        potential.withUnsafeMutableBufferPointer { pot in
            for v in 0..<graph.nodeCount { pot[v] = radius }
        }
        for v in backward.settledOrder { potential[Int(v)] = backward.distance[Int(v)] }
        spurSearch.clearBlocks()
        forwardSpur.clearBlocks()
        if let p = spurPath(from: source, blockedRoot: [], hopsLeft: maxHops) {
            first = WeightedPath(nodes: p, cost: pathCost(p))
            exhausted = false
        }
    }

    /// The next path in cost order, or nil.
    public mutating func next() -> WeightedPath? {
        if exhausted { return nil }
        if found.isEmpty {
            guard let f = first else { exhausted = true; return nil }
            found.append((f, 0))
            seen.insert(f.nodes)
            return f
        }
        let (prev, dev) = found[found.count - 1]
        let nodes = prev.nodes
        if nodes.count >= 2 {
            for i in dev..<(nodes.count - 1) {
                let spur = nodes[i]
                var hopsLeft: Int? = nil
                if let maxHops {
                    hopsLeft = maxHops - i
                    if hopsLeft! < 1 { break }
                }
                spurSearch.clearBlocks()
                forwardSpur.clearBlocks()
                for (q, _) in found where q.nodes.count > i + 1 && q.nodes[0...i].elementsEqual(nodes[0...i]) {
                    let next = q.nodes[i + 1]
                    lookup.forEachSlot(from: spur, to: next) { e in
                        spurSearch.blockEdge(slot: Int(reverseSlot[e]))
                        forwardSpur.blockEdge(slot: e)
                    }
                }
                for v in nodes[0..<i] {
                    spurSearch.blockNode(v)
                    forwardSpur.blockNode(v)
                }
                guard let tail = spurPath(from: spur, blockedRoot: nodes[0..<i], hopsLeft: hopsLeft) else { continue }
                let full = Array(nodes[0..<i]) + tail
                if seen.contains(full) { continue }
                seen.insert(full)
                candidates.insert(
                    Candidate(path: WeightedPath(nodes: full, cost: pathCost(full)), deviation: i))
            }
        }
        guard let best = candidates.popMin() else { exhausted = true; return nil }
        found.append((best.path, best.deviation))
        return best.path
    }

    func pathCost(_ nodes: [Int32]) -> Double {
        EdgeCosts.pathCost(nodes, costs: costs) { lookup.slot(from: $0, to: $1, costs: costs) }
    }

    /// The least-cost spur path from `spur` to the target avoiding the current blocks.
    mutating func spurPath(from spur: Int32, blockedRoot: ArraySlice<Int32>, hopsLeft: Int?) -> [Int32]? {
        // Tree reuse: the reverse tree's path from `spur`.
        if backward.isSettled(spur) {
            var chain: [Int32] = [spur]
            var v = spur
            var ok = true
            let rootSet = blockedRoot
            while v != target {
                let next = backward.parent[Int(v)]
                if next < 0 { ok = false; break }
                if rootSet.contains(next) { ok = false; break }
                chain.append(next)
                v = next
                if let h = hopsLeft, chain.count - 1 > h { ok = false; break }
            }
            if ok && chain.count >= 2 {
                // the first edge must not be blocked: some unblocked slot spur → chain[1] with the tree cost
                let want = backward.distance[Int(spur)] - backward.distance[Int(chain[1])]
                var usable = false
                lookup.forEachSlot(from: spur, to: chain[1]) { e in
                    if !spurSearch.isBlocked(slot: Int(reverseSlot[e])) && costs[e] <= want + 1e-12 * max(1, abs(want))
                    {
                        usable = true
                    }
                }
                if usable { return chain }
            } else if ok && chain.count == 1 {
                return chain
            }
        }
        if !(potential[Int(spur)] < .infinity) { return nil }
        if graph.edgeRange(of: Int(spur)).count < KShortestPaths.backwardDegree {
            forwardSpur.run(from: spur, to: target, maxHops: hopsLeft, potential: potential)
            return forwardSpur.path(to: target)
        }
        if forwardSource != source {
            forward.clearBlocks()
            forward.run(from: source)
            forwardSource = source
        }
        if !(forward.distance[Int(spur)] < .infinity) { return nil }
        spurSearch.run(from: target, to: spur, maxHops: hopsLeft, potential: forward.distance)
        guard let back = spurSearch.path(to: spur) else { return nil }
        return back.reversed()
    }
}

/// The most probable introduction paths (MODEL §5.6): path probability
/// `P = Π p_e · ρ^(hops − 1)` with per-edge probabilities `p_e ∈ (0, 1]` and hop attrition ρ.
///
/// Implemented exactly as a shortest-path problem: every edge costs `−ln p_e − ln ρ`, so a path
/// of `h` hops costs `−ln Π p_e − h·ln ρ = −ln P − ln ρ`; the constant `−ln ρ` does not change the
/// order, so Yen's k least-cost paths are the k most probable. Edges with `p ≤ 0` or NaN
/// (distrust, unknown) are not used; `p > 1` is clamped to 1.
public struct PathSearch: Sendable {
    /// A path with its probability, hops and weakest edge.
    public struct ProbablePath: Sendable, Hashable {
        public var nodes: [Int32]
        public var probability: Double
        public var hops: Int
        /// Index (0-based, along the path) of the edge with the least probability.
        public var weakestLink: Int
        public var edgeProbabilities: [Double]
    }

    public let attrition: Double
    let probabilities: [Double]
    var engine: KShortestPaths

    /// - Parameters:
    ///   - probabilities: one per CSR slot.
    ///   - attrition: ρ in (0, 1] (MODEL: 0.8).
    /// - Complexity: O(V + E).
    public init(graph: CSRGraph, probabilities: [Double], attrition: Double = 0.8) {
        precondition(probabilities.count == graph.edgeCount)
        precondition(attrition > 0 && attrition <= 1)
        self.attrition = attrition
        let clamped = probabilities.map { p -> Double in p > 1 ? 1 : p }
        self.probabilities = clamped
        let hop = 0.0 - log(attrition)
        let costs = clamped.map { p -> Double in p > 0 ? (0.0 - log(p)) + hop : .infinity }
        engine = KShortestPaths(graph: graph, costs: costs)
    }

    /// The `k` most probable loopless paths, most probable first (ties: fewer hops, then node order).
    public mutating func mostProbablePaths(from source: Int32, to target: Int32, k: Int, maxHops: Int? = nil)
        -> [ProbablePath]
    {
        engine.paths(from: source, to: target, k: k, maxHops: maxHops).map(describe)
    }

    func describe(_ p: WeightedPath) -> ProbablePath {
        var ps: [Double] = []
        for i in 0..<p.hops {
            let e = engine.lookup.slot(from: p.nodes[i], to: p.nodes[i + 1], costs: engine.costs)!
            ps.append(probabilities[e])
        }
        var prob = 1.0
        for x in ps { prob *= x }
        if p.hops > 1 { prob *= pow(attrition, Double(p.hops - 1)) }
        let weakest = ps.indices.min { ps[$0] < ps[$1] } ?? 0
        return ProbablePath(
            nodes: p.nodes, probability: prob, hops: p.hops, weakestLink: weakest, edgeProbabilities: ps)
    }
}
