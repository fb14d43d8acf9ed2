import Foundation
import WarmPathSupport
import WarmPathModel
import WarmPathImport

/// Constants of the path model (MODEL.md §5.6, docs/paths.md). Defaults are priors to calibrate.
public struct PathConfig: Sendable, Hashable {
    /// Paths shown per target, 1 ... ``maxK`` (a value outside is clamped).
    public var k = 5 { didSet { k = Self.cappedK(k) } }
    /// Most person-to-person hops in a path (an inferred person → org → person link is one hop),
    /// 1 ... ``maxMaxHops`` (a value outside is clamped).
    public var maxHops = 4 { didSet { maxHops = Self.cappedMaxHops(maxHops) } }
    /// Cap of ``k`` (`--k`): the search computes k × ``candidateFactor`` paths per target.
    public static let maxK = 50
    /// Cap of ``maxHops`` (`--max-hops`): six degrees and a margin; the search grows with the hops.
    public static let maxMaxHops = 8

    /// `k` within 1 ... ``maxK``.
    public static func cappedK(_ k: Int) -> Int { min(max(k, 1), maxK) }
    /// `hops` within 1 ... ``maxMaxHops``.
    public static func cappedMaxHops(_ hops: Int) -> Int { min(max(hops, 1), maxMaxHops) }
    /// Hop attrition ρ: P(path) = Π p · ρ^(hops−1) (Dodds et al. 2003).
    public var attrition = 0.8
    /// s_aff of the inferred affiliation link p = s_aff · overlap / ln(size + e).
    public var affiliationStrength = 0.5
    /// Cap of an inferred link's probability.
    public var affiliationCap = 0.3
    /// Overlap factor of a past (ended) affiliation; a current one counts 1.
    public var pastAffiliationOverlap = 0.5
    /// Yen candidates computed per target before the introducer-diversity re-rank: k × this.
    public var candidateFactor = 3
    /// Asks one introducer may receive per ask period.
    public var asksPerIntroducer = 1
    /// The ask period in days (one run = one period).
    public var askPeriodDays = 14.0

    public init() {}
    public static let `default` = PathConfig()
}

/// One probability-weighted CSR graph over people (nodes `0..<personCount`, the network's
/// person indices) and affiliation nodes (employers and schools, `personCount...`), seen from
/// one owner (MODEL.md §5.6):
///
/// - owner → contact c: p = readiness RR(c);
/// - contact ↔ contact (known tie from any merged export or graph file, teammates included):
///   p = pair strength s(a, b);
/// - person → org: p = overlap (1 current, ``PathConfig/pastAffiliationOverlap`` past);
///   org → person: p = min(cap, s_aff · overlap / ln(size + e)), so person → org → person is at
///   most the cap and is labelled inferred. Affiliations are never expanded into cliques.
///
/// There are no edges into the owner. Each slot's cost is `0.0 − ln p`, plus `0.0 − ln ρ` when
/// the edge enters a person, so a path's probability is `exp(−cost) / ρ`.
public struct PathGraph: Sendable {
    public let owner: Int32
    public let personCount: Int
    /// Display names of affiliation nodes (node `personCount + i`).
    public let affiliationNames: [String]
    /// Members of each affiliation node.
    public let affiliationSizes: [Int]
    public let graph: CSRGraph
    /// Edge probability per CSR slot.
    public let probabilities: [Double]
    /// Dijkstra cost per CSR slot (see the type's documentation).
    public let costs: [Double]
    public let attrition: Double
    /// Distinct affiliations per person (for the evangelist rule).
    public let affiliationCounts: [Int]
    /// Edge lookups in O(log degree) (the owner has an edge to every contact).
    public let lookup: SlotLookup

    public var nodeCount: Int { graph.nodeCount }

    /// Whether node `v` is a person (not an affiliation node).
    @inlinable public func isPerson(_ v: Int32) -> Bool { Int(v) < personCount }

    /// Builds the graph.
    /// - Parameters:
    ///   - scores: readiness toward `owner` per person and pair strengths.
    /// - Complexity: O(P + E + pairs + memberships).
    public static func build(network: Network, scores: ScoreBook, owner: Int32, config: PathConfig = .default)
        -> PathGraph
    {
        let n = network.people.count
        var src: [Int32] = []
        var dst: [Int32] = []
        var prob: [Double] = []
        func edge(_ a: Int32, _ b: Int32, _ p: Double) {
            guard a != b, b != owner, p > 0, p.isFinite else { return }
            src.append(a)
            dst.append(b)
            prob.append(min(1, p))
        }
        for c in 0..<min(n, scores.people.count) where Int32(c) != owner {
            edge(owner, Int32(c), scores.people[c].readiness)
        }
        for pair in scores.pairs.sorted(by: { ($0.a, $0.b) < ($1.a, $1.b) })
        where pair.a != owner && pair.b != owner && Int(pair.a) < n && Int(pair.b) < n {
            edge(pair.a, pair.b, pair.strength)
            edge(pair.b, pair.a, pair.strength)
        }
        // Affiliations: key → (display name, member → overlap).
        var orgs: [String: (name: String, members: [Int32: Double])] = [:]
        func member(_ p: Int32, _ raw: String, school: Bool, current: Bool) {
            let norm = NameMatching.company(raw)
            if norm.isEmpty { return }
            let key = (school ? "s:" : "c:") + norm
            let overlap = current ? 1.0 : config.pastAffiliationOverlap
            var entry = orgs[key] ?? (raw, [:])
            if raw < entry.name { entry.name = raw }
            entry.members[p] = max(entry.members[p] ?? 0, overlap)
            orgs[key] = entry
        }
        for (i, p) in network.people.enumerated() where !p.company.isEmpty {
            member(Int32(i), p.company, school: false, current: true)
        }
        let events = network.events
        for i in events.indices where events[i].kind == .affiliation {
            guard let d = events[i].detail else { continue }
            member(events[i].actor, d, school: events[i].flags.contains(.school), current: events[i].endTime == nil)
        }
        var names: [String] = []
        var sizes: [Int] = []
        var affCount = [Int](repeating: 0, count: n)
        for key in orgs.keys.sorted() {
            let o = orgs[key]!
            for m in o.members.keys { affCount[Int(m)] += 1 }
            guard o.members.count >= 2 else { continue }
            let node = Int32(n + names.count)
            names.append(o.name)
            sizes.append(o.members.count)
            let damp = config.affiliationStrength / log(Double(o.members.count) + M_E)
            for m in o.members.keys.sorted() {
                let overlap = o.members[m]!
                edge(m, node, overlap)
                edge(node, m, min(config.affiliationCap, damp * overlap))
            }
        }
        let total = n + names.count
        let built = CSRGraph.countingSort(nodeCount: total, sources: src, targets: dst, keepIndex: true)
        let perm = built.perm!
        let p = perm.map { prob[Int($0)] }
        let lnRho = 0.0 - log(config.attrition)
        var costs = [Double](repeating: 0, count: p.count)
        for e in 0..<p.count {
            costs[e] = (0.0 - log(p[e])) + (Int(built.targets[e]) < n ? lnRho : 0.0)
        }
        let g = CSRGraph(
            nodeCount: total, offsets: built.offsets, targets: built.targets, weights: costs.map { Float($0) },
            edgeIndex: perm)
        return PathGraph(
            owner: owner, personCount: n, affiliationNames: names, affiliationSizes: sizes, graph: g,
            probabilities: p, costs: costs, attrition: config.attrition, affiliationCounts: affCount,
            lookup: SlotLookup(graph: g))
    }

    /// The probability of the edge `u → v` (the best slot), or nil.
    public func probability(from u: Int32, to v: Int32) -> Double? {
        lookup.slot(from: u, to: v, costs: costs).map { probabilities[$0] }
    }

    /// The person-to-person links of a node sequence: direct ties, and inferred person → org →
    /// person links folded into one link with the product probability. A person → org → person
    /// step between two people who have a known tie is that known tie, with its own strength
    /// (the shared employer is then no inference): a tie is drawn as what it is.
    public func links(of nodes: [Int32]) -> [PathLink] {
        var out: [PathLink] = []
        var i = 0
        while i + 1 < nodes.count {
            let a = nodes[i]
            let b = nodes[i + 1]
            if isPerson(b) {
                out.append(
                    PathLink(from: a, to: b, via: nil, probability: probability(from: a, to: b) ?? 0, inferred: false))
                i += 1
            } else if i + 2 < nodes.count {
                let c = nodes[i + 2]
                if let known = probability(from: a, to: c) {
                    out.append(PathLink(from: a, to: c, via: nil, probability: known, inferred: false))
                } else {
                    let p = (probability(from: a, to: b) ?? 0) * (probability(from: b, to: c) ?? 0)
                    out.append(PathLink(from: a, to: c, via: b, probability: p, inferred: true))
                }
                i += 2
            } else {
                i += 1
            }
        }
        return out
    }

    /// P(path) = Π p · ρ^(hops−1) over the person-to-person links of `nodes`.
    public func probability(of nodes: [Int32]) -> Double {
        let ls = links(of: nodes)
        if ls.isEmpty { return nodes.count == 1 ? 1 : 0 }
        return ls.reduce(1.0) { $0 * $1.probability } * pow(attrition, Double(ls.count - 1))
    }

    /// Display name of node `v`: the person's name, or `(Org)` for an affiliation node.
    public func displayName(_ v: Int32, in network: Network) -> String {
        isPerson(v) ? network.people[Int(v)].name : "(" + affiliationNames[Int(v) - personCount] + ")"
    }
}

/// One person-to-person step of a path.
public struct PathLink: Sendable, Hashable {
    public var from: Int32
    public var to: Int32
    /// The affiliation node of an inferred link.
    public var via: Int32?
    public var probability: Double
    /// Shared employer or school only (no observed tie).
    public var inferred: Bool
}
