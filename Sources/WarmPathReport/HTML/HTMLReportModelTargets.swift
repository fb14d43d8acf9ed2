import Foundation
import WarmPathSupport
import WarmPathModel
import WarmPathImport
import WarmPathAnalysis

/// The Targets section's model: one entry per (target row, matched person), unmatched rows,
/// suggested merges, and the legend's bands.
extension HTMLReportModel {
    /// Fills `targets`, `unmatchedTargets`, `mergeSuggestions` and `legend` from the path layer.
    /// Target rows keep the targets file's order; the people of one row come direct contacts
    /// first (strongest first), then by reach, then by id.
    static func addTargets(_ model: inout HTMLReportModel, _ input: HTMLReportInput, team: TeamView) {
        let net = input.network
        let a = input.paths
        let ref = personRef(in: net)
        var byTarget: [Int32: WarmPathAnalysis.TargetPaths] = [:]
        for r in a.results { byTarget[r.target] = r }
        let mates = Set(team.teammates)
        for m in a.targets.matches {
            var entries: [TargetPaths] = []
            for t in m.people {
                let person = net.people[Int(t)]
                let r = byTarget[t]
                let score = Int(t) < input.scores.people.count ? input.scores.people[Int(t)] : PersonScore()
                let degree = Int(t) < a.stats.count ? a.stats[Int(t)].degree : nil
                var entry = TargetPaths(
                    target: ref(t), reach: r?.reach ?? 0,
                    paths: r?.paths.map {
                        warmPath($0, graph: a.graph, network: net, owner: input.owner, teammates: mates)
                    } ?? [],
                    typed: m.spec.label, rule: m.rule, position: person.position, company: person.company,
                    directStrength: degree == 1 && score.scored ? score.strength : nil,
                    knownBy: team.evidence[t] ?? [])
                entry.directEvidence = score.hasInteractionEvidence
                entries.append(entry)
            }
            entries.sort { x, y in
                switch (x.directStrength, y.directStrength) {
                case (let s?, let t?) where s != t: return s > t
                case (.some, nil): return true
                case (nil, .some): return false
                default: break
                }
                return x.reach != y.reach ? x.reach > y.reach : x.target.id < y.target.id
            }
            model.targets += entries
        }
        model.unmatchedTargets = a.targets.unmatched.map {
            UnmatchedTarget(
                typed: $0.label, reason: $0.isCompanyOnly ? "nobody known to work there" : "no person matches",
                line: $0.line)
        }
        model.mergeSuggestions = mergeRows(input.suggestions, network: net)
        let c = input.scoring
        model.legend = Legend(
            strength: Band(
                high: c.bandStrengthStrong, medium: c.bandStrengthMedium, names: ("strong", "medium", "weak")),
            readiness: Band(high: c.bandReadinessHigh, medium: c.bandReadinessMedium, names: ("high", "medium", "low")),
            reach: Band(
                high: c.bandReachLikely, medium: c.bandReachPossible, names: ("likely", "possible", "long shot")),
            attrition: a.config.attrition, inferredCap: a.config.affiliationCap, targetPeople: a.targets.people.count)
    }

    /// A path of the path layer as the page draws it: people only, one edge per hop, the shared
    /// employer or school of an inferred hop as the edge's `via` label.
    static func warmPath(
        _ p: WarmPathAnalysis.WarmPath, graph: PathGraph, network: Network, owner: Int32, teammates: Set<Int32> = []
    ) -> WarmPath {
        guard let first = p.links.first else {
            return WarmPath(nodes: [], edges: [], probability: p.probability)
        }
        func node(_ i: Int32) -> PathNode {
            PathNode(
                id: network.people[Int(i)].id.rawValue, name: network.people[Int(i)].name, isOwner: i == owner,
                isTeammate: teammates.contains(i))
        }
        var nodes = [node(first.from)]
        var edges: [PathEdge] = []
        for l in p.links {
            nodes.append(node(l.to))
            let via = l.via.map { Int($0) - graph.personCount }.flatMap {
                $0 >= 0 && $0 < graph.affiliationNames.count ? graph.affiliationNames[$0] : nil
            }
            edges.append(PathEdge(probability: l.probability, inferred: l.inferred, via: via ?? ""))
        }
        return WarmPath(nodes: nodes, edges: edges, probability: p.probability, weakestLink: p.weakestLink)
    }

    /// Suggested merges without self-pairs and with each pair once (the strongest), strongest
    /// first, ties by ids.
    static func mergeRows(_ suggestions: [MergeSuggestion], network: Network) -> [MergeSuggestionRow] {
        let ref = personRef(in: network)
        var best: [String: MergeSuggestion] = [:]
        for s in suggestions where s.a != s.b {
            guard network.index(of: s.a) != nil, network.index(of: s.b) != nil else { continue }
            let key = min(s.a.rawValue, s.b.rawValue) + "\u{0}" + max(s.a.rawValue, s.b.rawValue)
            if let old = best[key], old.score >= s.score { continue }
            best[key] = s
        }
        return best.values.sorted {
            $0.score != $1.score ? $0.score > $1.score : ($0.a.rawValue, $0.b.rawValue) < ($1.a.rawValue, $1.b.rawValue)
        }.map {
            MergeSuggestionRow(
                a: ref(network.index(of: $0.a)!), b: ref(network.index(of: $0.b)!), score: $0.score,
                evidence: $0.evidence)
        }
    }
}
