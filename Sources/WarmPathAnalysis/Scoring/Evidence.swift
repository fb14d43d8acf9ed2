import Foundation
import WarmPathSupport
import WarmPathModel
import WarmPathImport

/// Activity kinds with their own weight q_k (MODEL.md §5.3).
enum ActivitySlot: Int, CaseIterable {
    case messageOneToOne, messageGroup, invitationNote, invitationBlank, connection, endorsement, recommendation
    case friendship, follow, contact, graphEdge, reaction

    var term: String {
        switch self {
        case .messageOneToOne: "activity_messages_1to1"
        case .messageGroup: "activity_messages_group"
        case .invitationNote: "activity_invitation_note"
        case .invitationBlank: "activity_invitation"
        case .connection: "activity_connection"
        case .endorsement: "activity_endorsements"
        case .recommendation: "activity_recommendations"
        case .friendship: "activity_friendship"
        case .follow: "activity_follow"
        case .contact: "activity_address_book"
        case .graphEdge: "activity_graph_edge"
        case .reaction: "activity_reactions"
        }
    }

    var noun: String {
        switch self {
        case .messageOneToOne: "1:1 message"
        case .messageGroup: "group message"
        case .invitationNote: "invitation with a note"
        case .invitationBlank: "invitation without a note"
        case .connection: "connection"
        case .endorsement: "endorsement"
        case .recommendation: "recommendation"
        case .friendship: "friendship"
        case .follow: "follow"
        case .contact: "address-book entry"
        case .graphEdge: "graph edge"
        case .reaction: "reaction"
        }
    }

    func q(_ c: ScoringConfig) -> Double {
        switch self {
        case .messageOneToOne: c.qMessageOneToOne
        case .messageGroup: c.qMessageGroup
        case .invitationNote: c.qInvitationNote
        case .invitationBlank: c.qInvitationBlank
        case .connection: c.qConnection
        case .endorsement: c.qEndorsement
        case .recommendation: c.qRecommendation
        case .friendship: c.qFriendship
        case .follow: c.qFollow
        case .contact: c.qContact
        case .graphEdge: c.qGraphEdge
        case .reaction: c.qReaction
        }
    }

    static func of(_ e: Event) -> ActivitySlot? {
        switch e.kind {
        case .connection: .connection
        case .invitation: e.flags.contains(.withNote) || !(e.text ?? "").isEmpty ? .invitationNote : .invitationBlank
        case .endorsement: .endorsement
        case .recommendation: .recommendation
        case .friendship: .friendship
        case .follow: .follow
        case .contact: .contact
        case .graphEdge: .graphEdge
        case .reaction: .reaction
        case .message, .affiliation, .meeting: nil
        }
    }
}

/// Non-message evidence shared by two people (a < b): decayed mass per activity kind, the
/// events behind it, the first dated evidence and an explicit trust weight from graph files.
struct DyadEvidence {
    var mass = [Double](repeating: 0, count: ActivitySlot.allCases.count)
    var count = [Int](repeating: 0, count: ActivitySlot.allCases.count)
    var events: [Int] = []
    var first: Double?
    /// First dated evidence that is not an endorsement or a recommendation.
    var firstNonVouch: Double?
    /// Last dated evidence, and the last that is not an endorsement or a recommendation.
    var last: Double?
    var lastNonVouch: Double?
    /// Largest explicit weight in (0, 1] of a graph edge between the two (explicit trust), from a
    /// file whose weights are all at most 1 (else they are counts).
    var explicitTrust: Double?
    var explicitEvent: Int?
    /// Explicit trust in one direction: `trustGiven[0]` from the lower index to the higher, `[1]`
    /// the other way (an undirected edge gives both).
    var trustGiven: [Double?] = [nil, nil]
    /// A graph edge with weight ≤ 0 between the two: distrust, with degree min(1, |w|) (largest).
    var distrust: Double?
    var distrustEvent: Int?
    /// Largest count weight (> 1) of a graph edge between the two.
    var countWeight: Double?
    /// Some of it comes from an export that carries messages (LinkedIn, Facebook, X): only then
    /// does "no message ever" say something (a graph file or an address book cannot show one).
    var fromMessageSource = false
    /// The same, counting only evidence that is not an endorsement or a recommendation.
    var fromMessageSourceNonVouch = false
}

@inline(__always)
func pairKey(_ a: Int32, _ b: Int32) -> UInt64 {
    let lo = UInt64(UInt32(bitPattern: min(a, b)))
    let hi = UInt64(UInt32(bitPattern: max(a, b)))
    return (lo << 32) | hi
}

@inline(__always)
func pairOf(_ k: UInt64) -> (Int32, Int32) {
    (Int32(bitPattern: UInt32(truncatingIfNeeded: k >> 32)), Int32(bitPattern: UInt32(truncatingIfNeeded: k)))
}

/// One employer or school stint.
struct Affiliation {
    var org: String
    var start: Double?
    var end: Double?
    var school: Bool
    /// From the person's current `company` field: current, dates unknown.
    var undatedCurrent: Bool
    var provenance: Provenance?
}

/// Employer/school overlap between two people, weighted by rarity (MODEL.md §5.3 social objects).
struct SharedObject {
    var org: String
    var overlap: Double
    var size: Int
    var school: Bool
    var weight: Double { overlap / log(Double(size) + M_E) }
    var start: Double?
    /// End of the overlap (as-of while both are still there), when both sides have dates.
    var end: Double?
    var evidence: [Provenance]
}

/// Per-network facts the scorer reads once: dyads, affiliations, organisation sizes, neighbours.
struct EvidenceIndex {
    var dyads: [UInt64: DyadEvidence] = [:]
    var affiliations: [Int32: [Affiliation]] = [:]
    var orgSize: [String: Int] = [:]
    var neighbours: [[Int32]] = []
    /// People with a distrust edge (graph weight ≤ 0) to each person, ascending. Distrust is not
    /// a tie: these pairs are not in ``neighbours``.
    var distrustPartners: [Int32: [Int32]] = [:]
    /// Calendar meetings per pair (MeetingEvidence.swift).
    var meetings = MeetingIndex()

    static let legalSuffixes: Set<String> = [
        "inc", "llc", "ltd", "gmbh", "corp", "corporation", "co", "plc", "sa", "ag", "bv", "limited",
    ]

    static func normalizeOrg(_ s: String) -> String {
        if s.isEmpty { return "" }
        var words = s.lowercased().split { !($0.isLetter || $0.isNumber || $0 == "&") }.map(String.init)
        let suffixes = legalSuffixes
        while words.count > 1, let last = words.last, suffixes.contains(last) { words.removeLast() }
        let out = words.joined(separator: " ")
        return out == "null" ? "" : out
    }

    static func build(network: Network, asOf: Double, config: ScoringConfig, messages: MessageIndex) -> EvidenceIndex {
        var x = EvidenceIndex()
        var orgPeople: [String: Set<Int32>] = [:]
        for (i, p) in network.people.enumerated() {
            let org = normalizeOrg(p.company)
            if !org.isEmpty {
                x.affiliations[Int32(i), default: []].append(
                    Affiliation(
                        org: org, start: nil, end: nil, school: false, undatedCurrent: true, provenance: p.records.first
                    ))
                orgPeople[org, default: []].insert(Int32(i))
            }
        }
        var adjacency = [[Int32]](repeating: [], count: network.people.count)
        let events = network.events
        // A source whose graph weights go above 1 gives counts, not trust probabilities.
        var countSources = Set<String>()
        for i in events.indices where events[i].kind == .graphEdge {
            if let w = events[i].weight, w > 1 { countSources.insert(events[i].provenance.source) }
        }
        // One endorser's endorsements of one person on one day are one act (a burst of clicks).
        var endorsementDays = Set<EndorsementDay>()
        let messageSources = Set(
            network.sources.filter { [.linkedin, .facebook, .twitter].contains($0.kind) }.map(\.label))
        for i in events.indices {
            if let t = events[i].time, t > asOf { continue }
            if events[i].kind == .affiliation {
                let org = normalizeOrg(events[i].detail ?? "")
                guard !org.isEmpty else { continue }
                x.affiliations[events[i].actor, default: []].append(
                    Affiliation(
                        org: org, start: events[i].time, end: events[i].endTime,
                        school: events[i].flags.contains(.school), undatedCurrent: false,
                        provenance: events[i].provenance))
                orgPeople[org, default: []].insert(events[i].actor)
                continue
            }
            if events[i].kind == .message {
                // A template or a bulk message is broadcast, not a tie.
                guard messages.usable[i], !messages.template[i], !messages.broadcast[i] else { continue }
                for r in events[i].recipients where r != events[i].actor {
                    adjacency[Int(events[i].actor)].append(r)
                    adjacency[Int(r)].append(events[i].actor)
                }
                continue
            }
            guard let slot = ActivitySlot.of(events[i]) else { continue }
            var w = config.decay(time: events[i].time, asOf: asOf)
            var graph = GraphWeight.none
            if events[i].kind == .graphEdge, let wt = events[i].weight, wt.isFinite {
                if wt <= 0 {
                    graph = .distrust(min(1, -wt))
                } else if countSources.contains(events[i].provenance.source) {
                    // A count: mass × w^g, so the activity term grows as w_activity·g·ln(count).
                    graph = .count(wt)
                    w *= exp(max(0, config.graphWeightLog) * log(wt))
                } else {
                    graph = .trust(min(1, wt))
                }
            }
            let actor = events[i].actor
            for (ri, r) in events[i].recipients.enumerated()
            where r != actor && !events[i].recipients[..<ri].contains(r) {
                let k = pairKey(actor, r)
                var mass = w
                if slot == .endorsement, let t = events[i].time, let day = DateParser.dayNumber(t) {
                    if !endorsementDays.insert(EndorsementDay(endorser: actor, endorsee: r, day: day)).inserted {
                        mass = 0
                    }
                }
                Self.update(
                    &x.dyads[k, default: DyadEvidence()], slot: slot, weight: mass, event: i, events[i], graph: graph,
                    forward: actor < r)
                if messageSources.contains(events[i].provenance.source) {
                    x.dyads[k]!.fromMessageSource = true
                    if slot != .endorsement && slot != .recommendation { x.dyads[k]!.fromMessageSourceNonVouch = true }
                }
                if case .distrust = graph {
                    x.distrustPartners[actor, default: []].append(r)
                    x.distrustPartners[r, default: []].append(actor)
                    continue
                }
                adjacency[Int(actor)].append(r)
                adjacency[Int(r)].append(actor)
            }
        }
        for (k, v) in x.distrustPartners { x.distrustPartners[k] = Array(Set(v)).sorted() }
        x.meetings = MeetingIndex.build(network: network, asOf: asOf, config: config)
        x.meetings.addNeighbours(&adjacency)
        for i in adjacency.indices where !adjacency[i].isEmpty {
            adjacency[i] = Array(Set(adjacency[i])).sorted()
        }
        x.neighbours = adjacency
        x.orgSize = orgPeople.mapValues(\.count)
        return x
    }

    /// What a graph edge's weight means (docs/scoring.md "Graph-file weights").
    enum GraphWeight {
        case none
        /// In (0, 1], from a file whose weights never exceed 1: explicit trust.
        case trust(Double)
        /// From a file with weights above 1: a count.
        case count(Double)
        /// Weight ≤ 0: distrust of degree min(1, |w|).
        case distrust(Double)
    }

    struct EndorsementDay: Hashable {
        var endorser: Int32
        var endorsee: Int32
        var day: Int
    }

    @inline(__always)
    static func update(
        _ d: inout DyadEvidence, slot: ActivitySlot, weight w: Double, event i: Int, _ e: Event,
        graph: GraphWeight = .none, forward: Bool = true
    ) {
        d.events.append(i)
        if case .distrust(let x) = graph {
            if d.distrust.map({ x > $0 }) ?? true {
                d.distrust = x
                d.distrustEvent = i
            }
            return
        }
        d.mass[slot.rawValue] += w
        d.count[slot.rawValue] += 1
        if let t = e.time {
            if d.first.map({ t < $0 }) ?? true { d.first = t }
            if d.last.map({ t > $0 }) ?? true { d.last = t }
            if slot != .endorsement && slot != .recommendation {
                if d.firstNonVouch.map({ t < $0 }) ?? true { d.firstNonVouch = t }
                if d.lastNonVouch.map({ t > $0 }) ?? true { d.lastNonVouch = t }
            }
        }
        switch graph {
        case .trust(let wt):
            if d.explicitTrust.map({ wt > $0 }) ?? true {
                d.explicitTrust = wt
                d.explicitEvent = i
            }
            let directions = e.flags.contains(.undirected) ? [0, 1] : [forward ? 0 : 1]
            for k in directions where d.trustGiven[k].map({ wt > $0 }) ?? true { d.trustGiven[k] = wt }
        case .count(let wt):
            if d.countWeight.map({ wt > $0 }) ?? true { d.countWeight = wt }
        default: break
        }
    }

    /// Shared employers and schools of `a` and `b`, strongest first (ties by name).
    func sharedObjects(_ a: Int32, _ b: Int32, asOf: Double, config: ScoringConfig) -> [SharedObject] {
        guard let fa = affiliations[a], let fb = affiliations[b] else { return [] }
        var best: [String: SharedObject] = [:]
        let month = 30.4375 * 86_400
        for x in fa {
            for y in fb where x.org == y.org {
                var overlap = 0.0
                var start: Double?
                var end: Double?
                if x.undatedCurrent && y.undatedCurrent {
                    overlap = 1
                } else if x.undatedCurrent || y.undatedCurrent {
                    let dated = x.undatedCurrent ? y : x
                    let current = dated.end.map { $0 >= asOf } ?? true
                    // The contact's tenure is unknown: no start date for duration.
                    overlap = current ? 1 : config.overlapUndatedPast
                } else if let sa = x.start, let sb = y.start {
                    let s = max(sa, sb)
                    let e = min(x.end ?? asOf, y.end ?? asOf)
                    overlap = min(1, max(0, (e - s) / month / max(1e-9, config.overlapFullMonths)))
                    if overlap > 0 {
                        start = s
                        end = e
                    }
                } else {
                    overlap = config.overlapUndatedPast
                }
                guard overlap > 0 else { continue }
                let o = SharedObject(
                    org: x.org, overlap: overlap, size: orgSize[x.org] ?? 2, school: x.school || y.school, start: start,
                    end: end,
                    evidence: [x.provenance, y.provenance].compactMap { $0 })
                if let old = best[x.org], old.overlap >= overlap { continue }
                best[x.org] = o
            }
        }
        return best.values.sorted { ($0.weight, $1.org) > ($1.weight, $0.org) }
    }
}
