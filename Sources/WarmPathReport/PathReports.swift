import Foundation
import WarmPathSupport
import WarmPathModel
import WarmPathImport
import WarmPathAnalysis

/// CSV files and terminal text of the path layer: `paths.csv`, `merges.csv`,
/// `targets-unmatched.csv`, `asks.csv`, and the `degree,proximity,group` columns of `people.csv`.
public enum PathReports {
    public static let pathColumns = [
        "target", "target_name", "rank", "probability", "hops", "path", "introducer", "weakest_link", "inferred",
    ]

    /// `paths.csv`: one row per (target row, matched person, rank), in target-file order then
    /// person id; a matched person without a path gets one row with an empty rank and the
    /// reason; an unmatched target gets one row saying so (never dropped).
    public static func pathsCSV(_ a: PathAnalysis, network: Network) -> ReportFile {
        var w = CSVWriter(header: pathColumns)
        var byTarget: [Int32: TargetPaths] = [:]
        for r in a.results { byTarget[r.target] = r }
        for m in a.targets.matches {
            for t in m.people {
                let name = network.people[Int(t)].name
                guard let r = byTarget[t], !r.paths.isEmpty else {
                    w.row([m.spec.label, name, "", "", "", "no path within \(a.config.maxHops) hops", "", "", ""])
                    continue
                }
                for (i, p) in r.paths.enumerated() {
                    w.row([
                        m.spec.label, name, String(i + 1), Format2.prob(p.probability), String(p.hops),
                        pathText(p, a.graph, network), p.introducer.map { network.people[Int($0)].name } ?? "",
                        linkText(p.weakest, a.graph, network), p.weakest.inferred ? "yes" : "no",
                    ])
                }
            }
        }
        for u in a.targets.unmatched {
            w.row([u.label, "", "", "", "", "unmatched: no person matches this target", "", "", ""])
        }
        return w.file(named: "paths.csv")
    }

    /// `targets-unmatched.csv`: `line,name,company,profile_url,email,reason`.
    public static func unmatchedCSV(_ targets: TargetSet) -> ReportFile {
        var w = CSVWriter(header: ["line", "name", "company", "profile_url", "email", "reason"])
        for u in targets.unmatched {
            let why = u.isCompanyOnly ? "nobody known to work there" : "no person matches"
            w.row([String(u.line), u.name, u.company, u.profileURL, u.email, why])
        }
        return w.file(named: "targets-unmatched.csv")
    }

    /// `merges.csv`: `kept_id,merged_id,rule,score,evidence`: every merge of the network, then
    /// the suggestions (rule `fs_suggest…`), each sorted as produced. No row pairs a person with
    /// itself, and no pair of people appears twice (in either order): the first row stays.
    public static func mergesCSV(_ network: Network, suggestions: [MergeSuggestion]) -> ReportFile {
        var w = CSVWriter(header: ["kept_id", "merged_id", "rule", "score", "evidence"])
        var seen = Set<[PersonID]>()
        func first(_ a: PersonID, _ b: PersonID) -> Bool { a != b && seen.insert([min(a, b), max(a, b)]).inserted }
        for m in network.merges where first(m.keptID, m.mergedID) {
            w.row([m.keptID.rawValue, m.mergedID.rawValue, m.rule, Format2.bits(m.score), m.evidence])
        }
        for s in suggestions where first(s.a, s.b) {
            w.row([s.a.rawValue, s.b.rawValue, s.rule, Format2.bits(s.score), s.evidence])
        }
        return w.file(named: "merges.csv")
    }

    /// `asks.csv`: the introductions to ask for this period (at most one per introducer).
    public static func asksCSV(_ a: PathAnalysis, network: Network) -> ReportFile {
        var w = CSVWriter(header: ["introducer", "introducer_id", "target_name", "target_id", "probability", "path"])
        for ask in a.asks {
            w.row([
                network.people[Int(ask.introducer)].name, network.people[Int(ask.introducer)].id.rawValue,
                network.people[Int(ask.target)].name, network.people[Int(ask.target)].id.rawValue,
                Format2.prob(ask.path.probability), pathText(ask.path, a.graph, network),
            ])
        }
        return w.file(named: "asks.csv")
    }

    /// Extra `people.csv` columns: `degree` (empty when unreachable), `proximity` (4 decimals),
    /// `group` (`need_now`, `need_later`, `evangelist` or empty).
    public static func peopleColumns(_ a: PathAnalysis) -> [PeopleColumn] {
        let stats = a.stats
        let groups = a.groups
        return [
            PeopleColumn("degree") { i in i < stats.count ? stats[i].degree.map(String.init) ?? "" : "" },
            PeopleColumn("proximity") { i in i < stats.count ? Format2.prob(stats[i].proximity) : "" },
            PeopleColumn("group") { i in i < groups.count ? groups[i].group?.rawValue ?? "" : "" },
        ]
    }

    /// `Owner > Introducer > (Org) > Target`.
    public static func pathText(_ p: WarmPath, _ g: PathGraph, _ network: Network) -> String {
        p.nodes.map { g.displayName($0, in: network) }.joined(separator: " > ")
    }

    /// `From > To (p=0.1234)`, with `via Org` for an inferred link.
    public static func linkText(_ l: PathLink, _ g: PathGraph, _ network: Network) -> String {
        let via = l.via.map { " via " + g.displayName($0, in: network) } ?? ""
        return network.people[Int(l.from)].name + " > " + network.people[Int(l.to)].name + via + " (p="
            + Format2.prob(l.probability) + ")"
    }

    /// Terminal text for `warmpath paths`.
    public static func terminal(_ a: PathAnalysis, network: Network) -> String {
        var out = ""
        let owner = network.people[Int(a.owner)].name
        var byTarget: [Int32: TargetPaths] = [:]
        for r in a.results { byTarget[r.target] = r }
        for m in a.targets.matches {
            for t in m.people {
                let person = network.people[Int(t)]
                let r = byTarget[t]
                out += "\(person.name)\(person.company.isEmpty ? "" : " (\(person.company))") [\(m.rule)]"
                if let r, !r.paths.isEmpty {
                    out += "  reach \(Format2.prob(r.reach)) over \(r.disjoint.count) disjoint path(s)\n"
                    for (i, p) in r.paths.enumerated() {
                        out += "  \(i + 1). \(Format2.prob(p.probability))  \(pathText(p, a.graph, network))\n"
                        out +=
                            "     weakest: \(linkText(p.weakest, a.graph, network))\(p.weakest.inferred ? " [inferred]" : "")\n"
                    }
                } else {
                    out += "\n  no path from \(owner) within \(a.config.maxHops) hops\n"
                }
            }
        }
        for u in a.targets.unmatched { out += "\(u.label): unmatched (no person matches)\n" }
        if !a.asks.isEmpty {
            out +=
                "asks to make (at most \(a.config.asksPerIntroducer) per introducer per \(Int(a.config.askPeriodDays)) days):\n"
            for ask in a.asks {
                out +=
                    "  ask \(network.people[Int(ask.introducer)].name) to introduce you to \(network.people[Int(ask.target)].name) (\(Format2.prob(ask.path.probability)))\n"
            }
        }
        return out
    }
}
