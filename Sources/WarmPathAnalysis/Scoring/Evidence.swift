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
    /// Largest explicit weight in (0, 1] of a graph edge between the two (explicit trust).
    var explicitTrust: Double?
    var explicitEvent: Int?
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
    var evidence: [Provenance]
}

/// Per-network facts the scorer reads once: dyads, affiliations, organisation sizes, neighbours.
struct EvidenceIndex {
    var dyads: [UInt64: DyadEvidence] = [:]
    var affiliations: [Int32: [Affiliation]] = [:]
    var orgSize: [String: Int] = [:]
    var neighbours: [[Int32]] = []
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
                guard messages.usable[i] else { continue }
                for r in events[i].recipients where r != events[i].actor {
                    adjacency[Int(events[i].actor)].append(r)
                    adjacency[Int(r)].append(events[i].actor)
                }
                continue
            }
            guard let slot = ActivitySlot.of(events[i]) else { continue }
            let w = config.decay(time: events[i].time, asOf: asOf)
            for (ri, r) in events[i].recipients.enumerated()
            where r != events[i].actor && !events[i].recipients[..<ri].contains(r) {
                let k = pairKey(events[i].actor, r)
                Self.update(&x.dyads[k, default: DyadEvidence()], slot: slot, weight: w, event: i, events[i])
                adjacency[Int(events[i].actor)].append(r)
                adjacency[Int(r)].append(events[i].actor)
            }
        }
        x.meetings = MeetingIndex.build(network: network, asOf: asOf, config: config)
        x.meetings.addNeighbours(&adjacency)
        for i in adjacency.indices where !adjacency[i].isEmpty {
            adjacency[i] = Array(Set(adjacency[i])).sorted()
        }
        x.neighbours = adjacency
        x.orgSize = orgPeople.mapValues(\.count)
        return x
    }

    @inline(__always)
    static func update(_ d: inout DyadEvidence, slot: ActivitySlot, weight w: Double, event i: Int, _ e: Event) {
        d.mass[slot.rawValue] += w
        d.count[slot.rawValue] += 1
        d.events.append(i)
        if let t = e.time, d.first.map({ t < $0 }) ?? true { d.first = t }
        if e.kind == .graphEdge, let wt = e.weight, wt > 0, wt <= 1, d.explicitTrust.map({ wt > $0 }) ?? true {
            d.explicitTrust = wt
            d.explicitEvent = i
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
                    if overlap > 0 { start = s }
                } else {
                    overlap = config.overlapUndatedPast
                }
                guard overlap > 0 else { continue }
                let o = SharedObject(
                    org: x.org, overlap: overlap, size: orgSize[x.org] ?? 2, school: x.school || y.school, start: start,
                    evidence: [x.provenance, y.provenance].compactMap { $0 })
                if let old = best[x.org], old.overlap >= overlap { continue }
                best[x.org] = o
            }
        }
        return best.values.sorted { ($0.weight, $1.org) > ($1.weight, $0.org) }
    }
}
