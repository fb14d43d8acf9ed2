import WarmPathSupport
import WarmPathModel
import WarmPathImport
import WarmPathAnalysis

/// Filling an ``HTMLReportModel`` from the merged network, the contact statistics and (when
/// available) the scores, so the pipeline needs one call; paths, groups and alerts are added by
/// the caller when those analyses ran.
extension HTMLReportModel {
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
    /// - Complexity: O(P log P + E) for P people and E events.
    public static func build(
        network: Network, owner: Int32?, asOf: Double, stats: [ContactStats], scores: ScoreBook? = nil,
        title: String = "warmpath report"
    ) -> HTMLReportModel {
        let ownerIndex = owner.map(Int.init)
        var rows: [PersonRow] = []
        rows.reserveCapacity(network.people.count)
        var rowOfPerson = [Int32](repeating: -1, count: network.people.count)
        for (i, p) in network.people.enumerated() where i != ownerIndex {
            let s = i < stats.count ? stats[i] : ContactStats()
            let score = scores.flatMap { i < $0.people.count ? $0.people[i] : nil }
            rowOfPerson[i] = Int32(rows.count)
            rows.append(PersonRow(p, stats: s, score: score))
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
            people: rows, edges: edges, ownerID: ownerIndex.map { network.people[$0].id.rawValue }, ownerName: ownerName)

        model.charts = Charts.from(people: rows)
        model.charts.messagesPerMonth = messagesPerMonth(network, owner: owner)
        model.dataQuality = DataQuality.from(sources: network.sources, issues: network.issues)

        if let scores, let owner {
            func ref(_ i: Int32) -> PersonRef {
                Int(i) < network.people.count
                    ? PersonRef(id: network.people[Int(i)].id.rawValue, name: network.people[Int(i)].name)
                    : PersonRef(id: "", name: "")
            }
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
                        skill: $0.skill, strength: $0.strength, endorsers: $0.endorsers, topEndorser: $0.topEndorsers.first.map(ref),
                        blind: c.1, connected: c.0)
                }
            model.endorsements = scores.endorsements.filter { $0.endorsee == owner }
                .sorted {
                    $0.strength != $1.strength
                        ? $0.strength > $1.strength : ($0.skill, $0.provenance) < ($1.skill, $1.provenance)
                }
                .map {
                    EndorsementRow(
                        endorser: ref($0.endorser), endorsee: ref($0.endorsee), skill: $0.skill, kind: $0.kind, time: $0.time,
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
            guard let t = events[i].time, t.isFinite, !events[i].flags.contains(.draft), !events[i].flags.contains(.sponsored)
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
        group: HTMLReportModel.GroupKind = .none
    ) {
        self.init(
            id: p.id.rawValue, name: p.name, company: p.company, position: p.position, profileURL: p.profileURL ?? "",
            sources: p.sources, strength: score?.strength ?? 0, readiness: score?.readiness ?? 0,
            credibility: score?.credibility ?? 0, reliability: score?.reliability ?? 0, intimacy: score?.intimacy ?? 0,
            selfOrientation: score?.selfOrientation ?? 0, proximity: proximity, degree: degree, group: group,
            lastInteraction: stats.lastInteraction, messagesIn: stats.messagesIn, messagesOut: stats.messagesOut,
            ledger: score?.ledger.map(HTMLReportModel.LedgerLine.init) ?? [])
    }
}
