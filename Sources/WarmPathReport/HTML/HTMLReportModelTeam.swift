import Foundation
import WarmPathSupport
import WarmPathModel
import WarmPathImport
import WarmPathAnalysis

/// The team layer of the page: sources named by their owner, who of the team knows each person,
/// and what a teammate's own export shows about a person.
///
/// ```
/// let team = TeamView(network: net, owner: me, asOf: t, scores: book)
/// team.sourceName("linkedin#2")   // "Ben Okafor's LinkedIn"
/// team.knownBy(7)                 // ["you", "Ben Okafor"]
/// ```
struct TeamView {
    let owner: Int32?
    /// Source label → "your LinkedIn", "Ben Okafor's LinkedIn", "address book".
    let sourceNames: [String: String]
    /// Source label → its owner's person index (sources without an owner are absent).
    let sourceOwner: [String: Int32]
    /// Source owners other than the report's owner, sorted by index.
    let teammates: [Int32]
    /// Per person index: what each teammate's export shows, in teammate order.
    let evidence: [Int32: [HTMLReportModel.TeamEvidence]]
    /// Per person index: the teammates with a tie (pair strength or shared evidence).
    let teammatesKnowing: [Int32: [Int32]]
    let names: [String]

    /// - Complexity: O(E · r) over the events, plus the pairs.
    init(network: Network, owner: Int32?, asOf: Double, scores: ScoreBook?) {
        self.owner = owner
        names = network.people.map(\.name)
        var labelOwner: [String: Int32] = [:]
        var kinds: [String: SourceKind] = [:]
        for (i, s) in network.sources.enumerated() {
            kinds[s.label] = s.kind
            if i < network.sourceOwners.count, let o = network.sourceOwners[i] { labelOwner[s.label] = o }
        }
        sourceOwner = labelOwner
        var named: [String: String] = [:]
        for (label, kind) in kinds {
            let k = TeamView.kindName(kind)
            if let o = labelOwner[label] {
                named[label] = o == owner ? "your " + k : network.people[Int(o)].name + "'s " + k
            } else {
                named[label] = k
            }
        }
        sourceNames = named
        let mates = Set(labelOwner.values).subtracting(owner.map { [$0] } ?? []).sorted()
        teammates = mates
        guard !mates.isEmpty else {
            evidence = [:]
            teammatesKnowing = [:]
            return
        }
        let mateSet = Set(mates)
        // Evidence per (teammate, person) from the events each teammate took part in.
        struct Tally {
            var messages = 0
            var lastMessage: Double?
            var connected: Double?
            var isConnected = false
            var other = 0
            var lastOther: Double?
            var rows: [(Double, String)] = []
        }
        var tallies: [Int64: Tally] = [:]
        let events = network.events
        func key(_ mate: Int32, _ p: Int32) -> Int64 { Int64(mate) << 32 | Int64(p) }
        func note(_ mate: Int32, _ p: Int32, _ e: Int) {
            var t = tallies[key(mate, p)] ?? Tally()
            let time = events[e].time
            switch events[e].kind {
            case .message:
                t.messages += 1
                if let time, t.lastMessage.map({ time > $0 }) ?? true { t.lastMessage = time }
            case .connection, .friendship:
                t.isConnected = true
                if let time, t.connected.map({ time < $0 }) ?? true { t.connected = time }
            case .affiliation: return
            default:
                t.other += 1
                if let time, t.lastOther.map({ time > $0 }) ?? true { t.lastOther = time }
            }
            t.rows.append((time ?? -.infinity, events[e].provenance.short))
            if t.rows.count > 6 {
                t.rows.sort { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 }
                t.rows.removeLast(t.rows.count - 3)
            }
            tallies[key(mate, p)] = t
        }
        for e in events.indices {
            if events[e].flags.contains(.draft) { continue }
            if let t = events[e].time, t > asOf { continue }
            let actor = events[e].actor
            let actorIsMate = mateSet.contains(actor)
            for r in events[e].recipients where r != actor {
                if actorIsMate && r != owner { note(actor, r, e) }
                if mateSet.contains(r) && actor != owner { note(r, actor, e) }
            }
        }
        var strengths: [Int64: Double] = [:]
        for pair in scores?.pairs ?? [] {
            if mateSet.contains(pair.a) && pair.b != owner { strengths[key(pair.a, pair.b)] = pair.strength }
            if mateSet.contains(pair.b) && pair.a != owner { strengths[key(pair.b, pair.a)] = pair.strength }
        }
        var byPerson: [Int32: [(Int32, HTMLReportModel.TeamEvidence)]] = [:]
        for k in Set(tallies.keys).union(strengths.keys) {
            let mate = Int32(truncatingIfNeeded: k >> 32)
            let p = Int32(truncatingIfNeeded: k & 0xFFFF_FFFF)
            if p == mate { continue }
            let t = tallies[k] ?? Tally()
            var parts: [String] = []
            if t.messages > 0 {
                parts.append(
                    (t.messages == 1 ? "1 message" : Format.grouped(t.messages) + " messages")
                        + (t.lastMessage.map { ", the last on " + ReportDate.day($0) } ?? ""))
            }
            if t.isConnected { parts.append("connected" + (t.connected.map { " on " + ReportDate.day($0) } ?? "")) }
            if t.other > 0 {
                parts.append(
                    (t.other == 1 ? "1 other interaction" : Format.grouped(t.other) + " other interactions")
                        + (t.lastOther.map { ", the last on " + ReportDate.day($0) } ?? ""))
            }
            if parts.isEmpty { parts.append("a tie in the merged sources") }
            let rows = t.rows.sorted { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 }.prefix(3).map(\.1)
            byPerson[p, default: []].append(
                (
                    mate,
                    HTMLReportModel.TeamEvidence(
                        teammate: network.people[Int(mate)].name, strength: strengths[k],
                        note: parts.joined(separator: "; "), evidence: Array(rows))
                ))
        }
        var ev: [Int32: [HTMLReportModel.TeamEvidence]] = [:]
        var knowing: [Int32: [Int32]] = [:]
        for (p, list) in byPerson {
            let sorted = list.sorted { $0.0 < $1.0 }
            ev[p] = sorted.map(\.1)
            knowing[p] = sorted.map(\.0)
        }
        evidence = ev
        teammatesKnowing = knowing
    }

    /// "LinkedIn", "Facebook", "X", "address book", "graph file (GraphML)".
    static func kindName(_ k: SourceKind) -> String {
        switch k {
        case .linkedin: "LinkedIn"
        case .facebook: "Facebook"
        case .twitter: "X"
        case .vcard, .xcard, .jcard: "address book"
        case .googleContacts: "Google contacts"
        case .outlookContacts: "Outlook contacts"
        case .graphml: "graph file (GraphML)"
        case .gexf: "graph file (GEXF)"
        case .nodeLink, .cytoscape, .graphology: "graph file (JSON)"
        case .edgelist: "graph file (edge list)"
        case .gml: "graph file (GML)"
        case .pajek: "graph file (Pajek)"
        case .mail: "mail"
        case .calendar: "calendar"
        }
    }

    /// A source label as the page names it (the label itself when unknown).
    func sourceName(_ label: String) -> String { sourceNames[label] ?? label }

    /// Who of the team knows person `i`: "you" when they share evidence with the owner, then
    /// the teammates with a tie or a mention in their own export, in teammate order. Never the
    /// person themselves.
    func knownBy(_ i: Int32, person: Person, scoredByOwner: Bool) -> [String] {
        var out: [String] = []
        if scoredByOwner && i != owner { out.append("you") }
        var mates = Set(teammatesKnowing[i] ?? [])
        for label in person.sources { if let o = sourceOwner[label], o != owner { mates.insert(o) } }
        mates.remove(i)
        for m in teammates where mates.contains(m) { out.append(names[Int(m)]) }
        return out
    }
}
