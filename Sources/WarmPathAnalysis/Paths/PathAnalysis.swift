import Foundation
import WarmPathSupport
import WarmPathModel
import WarmPathImport

/// Everything the path layer computes for one owner: the graph, the k best paths and reach per
/// target person, per-person degree / proximity / group, and the asks to make.
public struct PathAnalysis: Sendable {
    public var owner: Int32
    public var asOf: Double
    public var config: PathConfig
    public var graph: PathGraph
    public var targets: TargetSet
    /// One entry per matched target person, sorted by person id.
    public var results: [TargetPaths]
    /// By person index.
    public var stats: [PersonPathStats]
    /// By person index.
    public var groups: [GroupAssignment]
    public var asks: [IntroAsk]
    /// Targets with introducer paths but no ask this period (introducers at capacity).
    public var waiting: [Int32]

    /// The result for target person `t`.
    public func result(for t: Int32) -> TargetPaths? { results.first { $0.target == t } }

    /// Runs the whole path layer.
    ///
    /// ```
    /// let book = Scorer.score(network: n, owner: o, asOf: t)
    /// let targets = TargetList.match(specs, in: n)
    /// let a = PathAnalysis.run(network: n, owner: o, asOf: t, scores: book, targets: targets)
    /// a.results.first?.paths.first?.probability
    /// ```
    /// - Complexity: one Yen search per target person (k × candidateFactor paths) plus one
    ///   reverse Dijkstra per target person.
    public static func run(
        network: Network, owner: Int32, asOf: Double, scores: ScoreBook, targets: TargetSet,
        config: PathConfig = .default, groupConfig: GroupConfig = .default, introductions: [Introduction]? = nil
    ) -> PathAnalysis {
        let pg = PathGraph.build(network: network, scores: scores, owner: owner, config: config)
        let targetPeople = targets.people.sorted { network.people[Int($0)].id < network.people[Int($1)].id }
        let results = parallelPaths(graph: pg, config: config, targets: targetPeople)
        let readiness = scores.people.map(\.readiness)
        let stats = ProximityCalculator.compute(graph: pg, readiness: readiness, targets: targetPeople)
        let groups = Groups.assign(
            network: network, owner: owner, asOf: asOf, scores: scores, targets: targetPeople, pathStats: stats,
            affiliationCounts: pg.affiliationCounts, config: groupConfig, introductions: introductions)
        let plan = AskPlanner.plan(results, network: network, config: config)
        return PathAnalysis(
            owner: owner, asOf: asOf, config: config, graph: pg, targets: targets, results: results, stats: stats,
            groups: groups, asks: plan.asks, waiting: plan.unassigned)
    }
}

/// Finds the paths to every target on every core: each of `w` workers has its own finder (and
/// so its own search workspace) and takes every `w`-th target; a target's paths depend on the
/// target alone, and results keep the targets' order, so the output depends neither on
/// scheduling nor on the worker count. At least four targets per worker.
func parallelPaths(graph: PathGraph, config: PathConfig, targets: [Int32]) -> [TargetPaths] {
    let workers = targets.count >= 8 ? Parallel.workers(limit: targets.count / 4) : 1
    let parts = Parallel.map(
        (0..<workers).map { w in
            {
                var finder = WarmPathFinder(graph: graph, config: config)
                return stride(from: w, to: targets.count, by: workers).map { finder.paths(to: targets[$0]) }
            }
        }, threads: workers)
    return targets.indices.map { parts[$0 % workers][$0 / workers] }
}

/// Scores for the path layer when no ``ScoreBook`` is available (documented neutral fallback):
/// readiness 0.5 for everyone who shares an event with the owner, pair strength 0.5 for every
/// other pair that shares an event. Only for tests and for running the path layer alone; the
/// CLI uses ``Scorer``.
public enum NeutralScores {
    public static func book(network: Network, owner: Int32, asOf: Double, value: Double = 0.5) -> ScoreBook {
        var people = [PersonScore](repeating: PersonScore(), count: network.people.count)
        var pairs = Set<PairStrength>()
        let g = network.contactGraph()
        for v in 0..<g.nodeCount {
            for w in g.neighbors(of: v) where Int(w) > v {
                if Int32(v) == owner {
                    people[Int(w)].readiness = value
                } else if w == owner {
                    people[v].readiness = value
                } else {
                    pairs.insert(PairStrength(a: Int32(v), b: w, strength: value))
                }
            }
        }
        return ScoreBook(
            owner: owner, asOf: asOf, people: people, pairs: pairs.sorted { ($0.a, $0.b) < ($1.a, $1.b) })
    }
}
