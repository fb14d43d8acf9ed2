import Foundation
import WarmPathSupport
import WarmPathModel
import WarmPathImport
import WarmPathAnalysis

/// What a run's HTML report is made from: the analysed network of one owner.
public struct HTMLReportInput: Sendable {
    public var network: Network
    public var owner: Int32
    /// "Now" of the run (seconds since 1970 UTC).
    public var asOf: Double
    /// Per person, as from ``ContactStats/compute(_:owner:)``.
    public var stats: [ContactStats]
    public var scores: ScoreBook
    /// Paths, per-person proximity and degree, groups and asks.
    public var paths: PathAnalysis
    /// The weights the scores were computed with (for what answering an owed reply gives back,
    /// and the bands the legends name).
    public var scoring: ScoringConfig
    /// Probable duplicates identity resolution left for the user (shown in the Targets section).
    public var suggestions: [MergeSuggestion]

    public init(
        network: Network, owner: Int32, asOf: Double, stats: [ContactStats], scores: ScoreBook, paths: PathAnalysis,
        scoring: ScoringConfig = .default, suggestions: [MergeSuggestion] = []
    ) {
        self.network = network
        self.owner = owner
        self.asOf = asOf
        self.stats = stats
        self.scores = scores
        self.paths = paths
        self.scoring = scoring
        self.suggestions = suggestions
    }
}

/// Filling an ``HTMLReportModel`` from the analysis results, so the pipeline needs one call for
/// the page and one for this week's actions.
extension HTMLReportModel {
    /// A run's whole page but this week's actions (``addWeekly(actions:changes:since:tracksChanges:)``): header,
    /// people with their path numbers and groups, groups, targets and their paths, endorsements
    /// and skills, the network picture (laid out once, with proximity and groups filled in),
    /// charts and data quality. Sources are listed by file name and kind, sorted, so the page
    /// depends neither on where the exports sit nor on their order.
    ///
    /// ```
    /// var model = HTMLReportModel.build(input)
    /// model.addWeekly(actions: actions, changes: weekly.changes, since: weekly.baseline, tracksChanges: true)
    /// files.append(HTMLReport.render(model))
    /// ```
    /// - Complexity: O(P log P + E) for P people and E events, plus the paths' nodes.
    public static func build(_ input: HTMLReportInput) -> HTMLReportModel {
        let net = input.network
        let team = TeamView(network: net, owner: input.owner, asOf: input.asOf, scores: input.scores)
        var model = build(
            network: net, owner: input.owner, asOf: input.asOf, stats: input.stats, scores: input.scores,
            paths: input.paths, title: "warmpath report for \(net.people[Int(input.owner)].name)", team: team)
        model.sources = net.sources.map {
            team.sourceName($0.label) + " (" + ($0.path as NSString).lastPathComponent + ")"
        }.sorted()
        for k in model.dataQuality.files.indices {
            model.dataQuality.files[k].source = team.sourceName(model.dataQuality.files[k].source)
        }
        for k in model.dataQuality.issues.indices {
            model.dataQuality.issues[k].source = team.sourceName(model.dataQuality.issues[k].source)
        }
        model.dataQuality.files.sort { ($0.source, $0.file) < ($1.source, $1.file) }
        let ref = personRef(in: net)
        let scores = input.scores.people
        let groups = input.paths.groups
        // Groups: counts and top people by readiness.
        for kind in PersonGroup.allCases {
            let members = net.people.indices.filter { groups[$0].group == kind }
            let top = members.sorted {
                scores[$0].readiness != scores[$1].readiness
                    ? scores[$0].readiness > scores[$1].readiness : net.people[$0].id < net.people[$1].id
            }.prefix(25).map {
                GroupMember(
                    person: ref(Int32($0)), strength: scores[$0].strength, readiness: scores[$0].readiness,
                    reason: groups[$0].reason)
            }
            model.groups.append(Group(kind: kind, count: members.count, top: Array(top)))
        }
        addTargets(&model, input, team: team)
        return model
    }

    /// A reference to person `i` of `network` (an empty one for an index out of range).
    static func personRef(in network: Network) -> (Int32) -> PersonRef {
        { i in
            Int(i) < network.people.count
                ? PersonRef(id: network.people[Int(i)].id.rawValue, name: network.people[Int(i)].name)
                : PersonRef(id: "", name: "")
        }
    }

    /// A model with the header, people, endorsements and skills, network picture, charts and
    /// data quality filled. `actions`, `targets` and `groups` stay empty (their sections show an
    /// empty state) for the caller to fill.
    ///
    /// ```
    /// var model = HTMLReportModel.build(network: net, owner: owner, asOf: asOf, stats: stats, scores: book)
    /// model.targets = …   // from the path finder
    /// files.append(HTMLReport.render(model))
    /// ```
    /// - Parameters:
    ///   - stats: per person, as from ``ContactStats/compute(_:owner:)``.
    ///   - scores: the score book, or nil (scores then show as 0 and network edges come from
    ///     shared events).
    ///   - paths: the path layer's results, or nil: each row's proximity, degree and group come
    ///     from it, before the network is laid out (node sizes and sectors depend on them).
    /// - Complexity: O(P log P + E) for P people and E events.
    public static func build(
        network: Network, owner: Int32?, asOf: Double, stats: [ContactStats], scores: ScoreBook? = nil,
        paths: PathAnalysis? = nil, title: String = "warmpath report"
    ) -> HTMLReportModel {
        build(
            network: network, owner: owner, asOf: asOf, stats: stats, scores: scores, paths: paths, title: title,
            team: TeamView(network: network, owner: owner, asOf: asOf, scores: scores))
    }

    static func build(
        network: Network, owner: Int32?, asOf: Double, stats: [ContactStats], scores: ScoreBook?,
        paths: PathAnalysis?, title: String, team: TeamView
    ) -> HTMLReportModel {
        let ownerIndex = owner.map(Int.init)
        var rows: [PersonRow] = []
        rows.reserveCapacity(network.people.count)
        var rowOfPerson = [Int32](repeating: -1, count: network.people.count)
        for (i, p) in network.people.enumerated() where i != ownerIndex {
            let s = i < stats.count ? stats[i] : ContactStats()
            let score = scores.flatMap { i < $0.people.count ? $0.people[i] : nil }
            rowOfPerson[i] = Int32(rows.count)
            let reach = paths.flatMap { i < $0.stats.count ? $0.stats[i] : nil }
            let group = paths.flatMap { i < $0.groups.count ? $0.groups[i].group : nil }
            var row = PersonRow(
                p, stats: s, score: score, proximity: reach?.proximity ?? 0, degree: reach?.degree, group: group)
            row.sources = p.sources.map(team.sourceName)
            row.knownBy = team.knownBy(Int32(i), person: p, scoredByOwner: score?.scored ?? false)
            row.teamEvidence = team.evidence[Int32(i)] ?? []
            rows.append(row)
        }
        let ownerName = ownerIndex.map { network.people[$0].name } ?? ""
        var model = HTMLReportModel(
            title: title, ownerName: ownerName, asOf: asOf, sources: network.sources.map(\.path),
            counts: [
                Count("people", rows.count), Count("interactions", network.events.count),
                Count("sources", network.sources.count), Count("import issues", network.issues.count),
            ], people: rows)

        // Network edges: scored pairs, else shared events.
        var edges: [NetworkEdge] = []
        if let scores, !scores.pairs.isEmpty {
            for pair in scores.pairs {
                guard Int(pair.a) < rowOfPerson.count, Int(pair.b) < rowOfPerson.count else { continue }
                let a = rowOfPerson[Int(pair.a)]
                let b = rowOfPerson[Int(pair.b)]
                if a >= 0 && b >= 0 { edges.append(NetworkEdge(a: a, b: b, strength: pair.strength)) }
            }
        } else {
            let g = network.contactGraph()
            for v in 0..<g.nodeCount where rowOfPerson[v] >= 0 {
                for u in g.neighbors(of: v) where Int(u) > v && rowOfPerson[Int(u)] >= 0 {
                    edges.append(NetworkEdge(a: rowOfPerson[v], b: rowOfPerson[Int(u)], strength: 0))
                }
            }
        }
        model.network = NetworkLayout.view(
            people: rows, edges: edges, ownerID: ownerIndex.map { network.people[$0].id.rawValue }, ownerName: ownerName
        )

        model.charts = Charts.from(people: rows)
        model.charts.messagesPerMonth = messagesPerMonth(network, owner: owner)
        model.dataQuality = DataQuality.from(sources: network.sources, issues: network.issues)

        if let scores, let owner {
            let ref = personRef(in: network)
            // A tie above the 0.1 floor given to non-connections counts as connected vouching.
            var connected: [String: (Int, Int)] = [:]
            for e in scores.endorsements where e.endorsee == owner {
                var c = connected[e.skill] ?? (0, 0)
                if e.tie > 0.1 + 1e-9 { c.0 += 1 } else { c.1 += 1 }
                connected[e.skill] = c
            }
            model.skills = scores.skills.filter { $0.endorsee == owner }
                .sorted { $0.strength != $1.strength ? $0.strength > $1.strength : $0.skill < $1.skill }
                .map {
                    let c = connected[$0.skill] ?? (0, 0)
                    return SkillRow(
                        skill: $0.skill, strength: $0.strength, endorsers: $0.endorsers,
                        topEndorser: $0.topEndorsers.first.map(ref),
                        blind: c.1, connected: c.0)
                }
            model.endorsements = scores.endorsements.filter { $0.endorsee == owner }
                .sorted {
                    $0.strength != $1.strength
                        ? $0.strength > $1.strength : ($0.skill, $0.provenance) < ($1.skill, $1.provenance)
                }
                .map {
                    EndorsementRow(
                        endorser: ref($0.endorser), endorsee: ref($0.endorsee), skill: $0.skill, kind: $0.kind,
                        time: $0.time,
                        strength: $0.strength, tie: $0.tie, penalty: $0.penalty)
                }
        }
        return model
    }

    /// Messages the owner received and sent per calendar month (UTC), oldest first, with empty
    /// months in between filled with zeros. Drafts and sponsored messages are left out.
    public static func messagesPerMonth(_ network: Network, owner: Int32?) -> [MonthCount] {
        guard let owner else { return [] }
        var counts: [Int: (Int, Int)] = [:]
        let events = network.events
        for i in events.indices where events[i].kind == .message {
            guard let t = events[i].time, t.isFinite, !events[i].flags.contains(.draft),
                !events[i].flags.contains(.sponsored)
            else { continue }
            let sent = events[i].actor == owner
            guard sent || events[i].recipients.contains(owner) else { continue }
            let (y, m, _) = ReportDate.civil(fromDays: Int((t / 86_400).rounded(.down)))
            var c = counts[y * 12 + m - 1] ?? (0, 0)
            if sent { c.1 += 1 } else { c.0 += 1 }
            counts[y * 12 + m - 1] = c
        }
        guard let lo = counts.keys.min(), let hi = counts.keys.max() else { return [] }
        return (lo...hi).map { k in
            let c = counts[k] ?? (0, 0)
            let m = k % 12 + 1
            return MonthCount(month: String(k / 12) + (m < 10 ? "-0" : "-") + String(m), inbound: c.0, outbound: c.1)
        }
    }
}

extension HTMLReportModel.PersonRow {
    /// A people-table row from the merged person, their contact statistics and scores.
    public init(
        _ p: Person, stats: ContactStats, score: PersonScore?, proximity: Double = 0, degree: Int? = nil,
        group: PersonGroup? = nil
    ) {
        self.init(
            id: p.id.rawValue, name: p.name, company: p.company, position: p.position, profileURL: p.profileURL ?? "",
            sources: p.sources, scored: score?.scored ?? false, strength: score?.strength ?? 0,
            readiness: score?.readiness ?? 0,
            credibility: score?.credibility ?? 0, reliability: score?.reliability ?? 0, intimacy: score?.intimacy ?? 0,
            selfOrientation: score?.selfOrientation ?? 0, proximity: proximity, degree: degree, group: group,
            lastInteraction: stats.lastInteraction, messagesIn: stats.messagesIn + stats.emailsIn,
            messagesOut: stats.messagesOut + stats.emailsOut,
            ledger: score?.ledger.map(HTMLReportModel.LedgerLine.init) ?? [])
        interactionEvidence = score?.hasInteractionEvidence ?? true
    }
}
