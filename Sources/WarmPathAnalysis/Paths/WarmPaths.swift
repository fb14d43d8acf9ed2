import Foundation
import WarmPathSupport
import WarmPathModel
import WarmPathImport

/// One introduction path from the owner to a target.
public struct WarmPath: Sendable, Hashable {
    /// Graph nodes, owner first, target last; may include affiliation nodes (inferred links).
    public var nodes: [Int32]
    /// P(path) = Π p · ρ^(hops−1).
    public var probability: Double
    /// Person-to-person hops.
    public var hops: Int
    /// The first person after the owner (nil when the target is reached directly).
    public var introducer: Int32?
    public var links: [PathLink]
    /// Index in ``links`` of the link with the least probability (ties: the earlier link).
    public var weakestLink: Int

    /// The weakest link itself.
    public var weakest: PathLink { links[weakestLink] }
    /// The introducer, or the target itself for a direct path (the key of introducer diversity).
    public var introducerKey: Int32 { introducer ?? nodes[nodes.count - 1] }
    /// Interior nodes (neither the owner nor the target).
    public var interior: ArraySlice<Int32> { nodes.dropFirst().dropLast() }
}

/// The k best paths to one target plus its reach.
public struct TargetPaths: Sendable, Hashable {
    public var target: Int32
    /// Re-ranked for introducer diversity; at most k.
    public var paths: [WarmPath]
    /// Every candidate considered (most probable first), for reach and asks.
    public var candidates: [WarmPath]
    /// `1 − Π (1 − P)` over a greedy node-disjoint subset of the candidates.
    public var reach: Double
    /// The candidates (indices into ``candidates``) that make up ``reach``.
    public var disjoint: [Int]
}

/// The k most probable warm paths (MODEL.md §5.6): Yen's k shortest loopless paths on the
/// ``PathGraph`` costs (the graph engine's ``KShortestPaths``), then a greedy re-rank so that
/// the shown alternatives use different first-hop introducers when possible.
///
/// ```
/// var finder = WarmPathFinder(graph: PathGraph.build(network: n, scores: book, owner: o))
/// let result = finder.paths(to: target)
/// result.paths.first?.probability
/// ```
public struct WarmPathFinder: Sendable {
    public let pathGraph: PathGraph
    public let config: PathConfig
    var yen: KShortestPaths
    /// Least person hops from the owner to each node (affiliation nodes add no hop).
    public let hopsFromOwner: [Int32]

    /// - Complexity: O(V + E) (the engine builds its reverse graph once; one 0-1 BFS).
    public init(graph: PathGraph, config: PathConfig = .default) {
        self.pathGraph = graph
        self.config = config
        self.yen = KShortestPaths(graph: graph.graph, costs: graph.costs)
        // 0-1 BFS: entering a person costs one hop, entering an affiliation node none.
        var hops = [Int32](repeating: .max, count: graph.nodeCount)
        var queue: [Int32] = [graph.owner]
        var head = 0
        var front: [Int32] = []
        hops[Int(graph.owner)] = 0
        while !front.isEmpty || head < queue.count {
            let v: Int32
            if let f = front.popLast() {
                v = f
            } else {
                v = queue[head]
                head += 1
            }
            let hv = hops[Int(v)]
            for e in graph.graph.edgeRange(of: Int(v)) {
                let w = graph.graph.targets[e]
                let hw = hv + (graph.isPerson(w) ? 1 : 0)
                if hw < hops[Int(w)] {
                    hops[Int(w)] = hw
                    if graph.isPerson(w) { queue.append(w) } else { front.append(w) }
                }
            }
        }
        self.hopsFromOwner = hops
    }

    /// Makes a ``WarmPath`` of a node sequence. Its nodes are those its links pass: an
    /// affiliation node stays only inside an inferred link (``PathGraph/links(of:)``).
    public func warmPath(_ nodes: [Int32]) -> WarmPath {
        let links = pathGraph.links(of: nodes)
        var nodes = nodes
        if let first = links.first {
            nodes = [first.from]
            for l in links {
                if let v = l.via { nodes.append(v) }
                nodes.append(l.to)
            }
        }
        var weakest = 0
        for (i, l) in links.enumerated() where l.probability < links[weakest].probability { weakest = i }
        let p =
            links.isEmpty
            ? 0 : links.reduce(1.0) { $0 * $1.probability } * pow(config.attrition, Double(links.count - 1))
        let intro: Int32? = links.count > 1 ? links[0].to : nil
        return WarmPath(
            nodes: nodes, probability: p, hops: links.count, introducer: intro, links: links, weakestLink: weakest)
    }

    /// The k best paths to `target` (k and max hops from the config unless given).
    /// - Complexity: k × candidateFactor Yen iterations.
    public mutating func paths(to target: Int32, k: Int? = nil, maxHops: Int? = nil) -> TargetPaths {
        let k = PathConfig.cappedK(k ?? config.k)
        let maxHops = PathConfig.cappedMaxHops(maxHops ?? config.maxHops)
        let owner = pathGraph.owner
        var candidates: [WarmPath] = []
        if target != owner && Int(hopsFromOwner[Int(target)]) <= maxHops {
            let want = k * max(1, config.candidateFactor)
            // Keyed by the path's nodes as its links draw them: a detour through a shared
            // employer between two people with a known tie is the known tie, so the same path.
            var seen = Set<[Int32]>()
            // Pass 1: unlimited Yen (fast: shortest-path-tree reuse), paths over the person-hop
            // limit dropped. Pass 2, only when pass 1 found fewer than k: the exact edge-limited
            // search (an inferred link uses two edges). Each pass draws at most 2 × want paths.
            for limit in [nil, 2 * maxHops] as [Int?] {
                if limit != nil && candidates.count >= k { break }
                yen.begin(from: owner, to: target, maxHops: limit)
                var drawn = 0
                while candidates.count < want && drawn < want * 2, let p = yen.next() {
                    drawn += 1
                    let wp = warmPath(p.nodes)
                    guard seen.insert(wp.nodes).inserted else { continue }
                    if wp.hops <= maxHops && wp.probability > 0 { candidates.append(wp) }
                }
            }
        }
        candidates.sort(by: WarmPathFinder.better)
        let ranked = WarmPathFinder.diversify(candidates, k: k)
        let reach = WarmPathFinder.reach(candidates)
        return TargetPaths(
            target: target, paths: ranked, candidates: candidates, reach: reach.probability, disjoint: reach.kept)
    }

    /// Order: probability, then fewer hops, then node ids.
    static func better(_ a: WarmPath, _ b: WarmPath) -> Bool {
        if a.probability != b.probability { return a.probability > b.probability }
        if a.hops != b.hops { return a.hops < b.hops }
        return a.nodes.lexicographicallyPrecedes(b.nodes)
    }

    /// Greedy introducer diversity: repeatedly take the most probable remaining path whose
    /// first-hop introducer (the first person after the owner) has not been used; when none is
    /// left, the most probable remaining path.
    public static func diversify(_ sorted: [WarmPath], k: Int) -> [WarmPath] {
        var remaining = sorted
        var used = Set<Int32>()
        var out: [WarmPath] = []
        while out.count < k && !remaining.isEmpty {
            let i = remaining.firstIndex { !used.contains($0.introducerKey) } ?? 0
            let p = remaining.remove(at: i)
            used.insert(p.introducerKey)
            out.append(p)
        }
        return out
    }

    /// Reach over node-disjoint paths only: walk the paths most probable first and keep a path
    /// when none of its interior nodes (people or affiliation nodes) is used by a kept path;
    /// `reach = 1 − Π (1 − P)` over the kept paths (never a noisy-OR over overlapping paths).
    public static func reach(_ sorted: [WarmPath]) -> DisjointReach {
        var used = Set<Int32>()
        var miss = 1.0
        var kept: [Int] = []
        for (i, p) in sorted.enumerated() {
            if p.interior.contains(where: used.contains) { continue }
            used.formUnion(p.interior)
            miss *= 1 - p.probability
            kept.append(i)
        }
        return DisjointReach(probability: 1 - miss, kept: kept)
    }
}

/// Reach over node-disjoint paths (``WarmPathFinder/reach(_:)``).
public struct DisjointReach: Sendable, Hashable {
    /// `1 − Π (1 − P)` over the kept paths.
    public var probability: Double
    /// Indices of the kept paths, in the given order.
    public var kept: [Int]
}

/// Per-person numbers over the path graph.
public struct PersonPathStats: Sendable, Hashable {
    /// Hops from the owner over known ties only (nil when not reachable that way; owner 0).
    public var degree: Int?
    /// RP(c) = Σ_t value(t) · RR(c) · P(c ⇝ t) (MODEL.md §5.6 item 5).
    public var proximity: Double
    /// Targets reachable from this person with P(c ⇝ t) ≥ ``ProximityCalculator/reachThreshold``.
    public var targetsReached: Int
    /// The target with the largest RR(c) · P(c ⇝ t).
    public var bestTarget: Int32?

    public init(degree: Int? = nil, proximity: Double = 0, targetsReached: Int = 0, bestTarget: Int32? = nil) {
        self.degree = degree
        self.proximity = proximity
        self.targetsReached = targetsReached
        self.bestTarget = bestTarget
    }
}

/// Degree and referral proximity of every person.
public enum ProximityCalculator {
    /// A person "reaches" a target when P(c ⇝ t) is at least this.
    public static let reachThreshold = 0.05

    /// - Parameters:
    ///   - readiness: RR(c) toward the owner, by person index.
    ///   - targets: target person indices (value 1 each; duplicates count once).
    /// - Complexity: one BFS plus one reverse Dijkstra per target on the probability graph
    ///   (never one search per person): O(T · (V + E) log V).
    public static func compute(graph pg: PathGraph, readiness: [Double], targets: [Int32]) -> [PersonPathStats] {
        let n = pg.personCount
        var stats = [PersonPathStats](repeating: PersonPathStats(), count: n)
        // Degree: BFS from the owner over person → person edges (affiliation nodes are not ties).
        var queue: [Int32] = [pg.owner]
        var depth = [Int](repeating: -1, count: n)
        if Int(pg.owner) < n { depth[Int(pg.owner)] = 0 }
        var head = 0
        while head < queue.count {
            let v = queue[head]
            head += 1
            for e in pg.graph.edgeRange(of: Int(v)) {
                let w = pg.graph.targets[e]
                if Int(w) >= n || depth[Int(w)] >= 0 { continue }
                depth[Int(w)] = depth[Int(v)] + 1
                queue.append(w)
            }
        }
        for i in 0..<n where depth[i] >= 0 { stats[i].degree = depth[i] }

        let rev = pg.graph.reversed()
        let revCosts = rev.edgeIndex!.map { pg.costs[Int($0)] }
        var dj = Dijkstra(graph: rev, costs: revCosts)
        var bestValue = [Double](repeating: 0, count: n)
        for t in Array(Set(targets)).sorted() where Int(t) < n {
            dj.runDistances(from: t)
            for v in dj.settledOrder {
                let c = Int(v)
                if c >= n || v == t || v == pg.owner { continue }
                let p = min(1, exp(0.0 - dj.distance[c]) / pg.attrition)
                let rr = c < readiness.count ? readiness[c] : 0
                let value = rr * p
                stats[c].proximity += value
                if p >= reachThreshold { stats[c].targetsReached += 1 }
                if value > bestValue[c] {
                    bestValue[c] = value
                    stats[c].bestTarget = t
                }
            }
        }
        return stats
    }
}

/// The asks of one period and the targets left without one (``AskPlanner/plan(_:network:config:)``).
public struct AskPlan: Sendable, Hashable {
    public var asks: [IntroAsk]
    /// Targets with introducer paths but no ask (introducers at capacity), sorted by id.
    public var unassigned: [Int32]
}

/// One introduction to ask for in this ask period.
public struct IntroAsk: Sendable, Hashable {
    public var target: Int32
    public var introducer: Int32
    public var path: WarmPath
}

/// The ask budget (MODEL.md §5.6 item 6, Advogato's capacity idea).
public enum AskPlanner {
    /// Assigns targets to introducers greedily by path probability: every (target, introducer)
    /// option from the targets' candidate paths, most probable first (ties: target id, then
    /// introducer id), is taken when the target has no ask yet and the introducer has capacity
    /// left (``PathConfig/asksPerIntroducer`` per ``PathConfig/askPeriodDays``; one run = one
    /// period). Targets whose best path is direct need no introducer and get no ask.
    /// - Returns: the asks, and the targets left without one.
    public static func plan(_ results: [TargetPaths], network: Network, config: PathConfig = .default)
        -> AskPlan
    {
        var options: [IntroAsk] = []
        var direct = Set<Int32>()
        for r in results {
            if let best = r.paths.first, best.introducer == nil { direct.insert(r.target) }
            var seen = Set<Int32>()
            for p in r.candidates {
                guard let i = p.introducer, seen.insert(i).inserted else { continue }
                options.append(IntroAsk(target: r.target, introducer: i, path: p))
            }
        }
        func id(_ i: Int32) -> PersonID { network.people[Int(i)].id }
        options.sort {
            if $0.path.probability != $1.path.probability { return $0.path.probability > $1.path.probability }
            if $0.target != $1.target { return id($0.target) < id($1.target) }
            return id($0.introducer) < id($1.introducer)
        }
        var load: [Int32: Int] = [:]
        var assigned = Set<Int32>()
        var asks: [IntroAsk] = []
        for o in options where !direct.contains(o.target) && !assigned.contains(o.target) {
            if load[o.introducer, default: 0] >= config.asksPerIntroducer { continue }
            load[o.introducer, default: 0] += 1
            assigned.insert(o.target)
            asks.append(o)
        }
        let unassigned = Set(results.map(\.target)).subtracting(assigned).subtracting(direct)
        return AskPlan(asks: asks, unassigned: unassigned.sorted { id($0) < id($1) })
    }
}
