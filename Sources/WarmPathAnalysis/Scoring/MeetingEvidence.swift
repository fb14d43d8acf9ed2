import Foundation
import WarmPathSupport
import WarmPathModel

/// The size class of a meeting, which decides what it says about a relationship.
enum MeetingSize: Int, CaseIterable {
    /// Two people.
    case oneToOne
    /// Three up to `meeting_small_size` people.
    case small
    /// More: an all-hands, a webinar, a town hall.
    case large

    static func of(_ participants: Int, config: ScoringConfig) -> MeetingSize {
        if participants <= 2 { return .oneToOne }
        return Double(participants) <= config.meetingSmallSize ? .small : .large
    }

    var term: String {
        switch self {
        case .oneToOne: "meeting_1to1"
        case .small: "meeting_small"
        case .large: "meeting_large"
        }
    }

    var noun: String {
        switch self {
        case .oneToOne: "one-to-one meeting"
        case .small: "small meeting"
        case .large: "large meeting"
        }
    }
}

/// The meetings two people shared (a < b): decayed mass per size class, counts, the events.
struct MeetingDyad {
    /// Σ decay · 1/(n − 1) per size class: each of n participants shares the meeting's attention
    /// with the n − 1 others, so a one-to-one counts 1 and a 41-person all-hands 0.025.
    var mass = [Double](repeating: 0, count: MeetingSize.allCases.count)
    var count = [Int](repeating: 0, count: MeetingSize.allCases.count)
    var events: [Int] = []
    var first: Double?
    var last: Double?

    /// The part of the mass that is intimacy: one-to-one and small meetings only.
    var intimateMass: Double { mass[MeetingSize.oneToOne.rawValue] + mass[MeetingSize.small.rawValue] }
    var totalMass: Double { mass.reduce(0, +) }
}

/// Meeting evidence of a network (calendar `.meeting` events up to as-of), per pair of people.
///
/// Every pair of participants of a meeting up to `meeting_small_size` people is recorded; of a
/// larger meeting only the pairs with its organizer or a source's owner, so an all-hands does not
/// make its attendees one another's mutual contacts.
struct MeetingIndex {
    var pairs: [UInt64: MeetingDyad] = [:]

    static func build(network: Network, asOf: Double, config: ScoringConfig) -> MeetingIndex {
        var x = MeetingIndex()
        let owners = Set(network.sourceOwners.compactMap { $0 })
        let events = network.events
        for i in events.indices where events[i].kind == .meeting {
            if let t = events[i].time, t > asOf { continue }
            var people = [events[i].actor]
            for r in events[i].recipients where !people.contains(r) { people.append(r) }
            let n = people.count
            guard n >= 2 else { continue }
            let size = MeetingSize.of(n, config: config)
            let w = config.decay(time: events[i].time, asOf: asOf) / Double(n - 1)
            for a in 0..<n {
                for b in (a + 1)..<n {
                    if size == .large && a != 0 && !owners.contains(people[a]) && !owners.contains(people[b]) {
                        continue
                    }
                    let k = pairKey(people[a], people[b])
                    var d = x.pairs[k] ?? MeetingDyad()
                    d.mass[size.rawValue] += w
                    d.count[size.rawValue] += 1
                    d.events.append(i)
                    if let t = events[i].time, d.first.map({ t < $0 }) ?? true { d.first = t }
                    if let t = events[i].time, d.last.map({ t > $0 }) ?? true { d.last = t }
                    x.pairs[k] = d
                }
            }
        }
        return x
    }

    func pair(_ a: Int32, _ b: Int32) -> MeetingDyad? { pairs[pairKey(a, b)] }

    /// Adds every pair with meetings to the neighbour lists (before they are sorted and made unique).
    func addNeighbours(_ adjacency: inout [[Int32]]) {
        for k in pairs.keys {
            let (a, b) = pairOf(k)
            adjacency[Int(a)].append(b)
            adjacency[Int(b)].append(a)
        }
    }
}

extension Context {
    /// The strength terms of the meetings `ego` and `other` shared: `w_meetings · (1 − e^(−M /
    /// meeting_scale))`, split over the size classes in proportion to their mass.
    func meetingStrengthEntries(_ ego: Int32, _ other: Int32, explain: Bool) -> [LedgerEntry] {
        guard let d = evidence.meetings.pair(ego, other), config.wMeetings != 0 else { return [] }
        let M = d.totalMass
        guard M > 0 else { return [] }
        let total = config.wMeetings * (1 - exp(-M / max(1e-9, config.meetingScale)))
        var parts: [(term: String, raw: Double, note: String, evidence: [Provenance])] = []
        for s in MeetingSize.allCases where d.mass[s.rawValue] > 0 {
            var note = ""
            var ev: [Provenance] = []
            if explain {
                let idx = d.events.filter { MeetingSize.of(participants($0), config: config) == s }
                let last = idx.compactMap { network.events[$0].time }.max()
                note =
                    plural(d.count[s.rawValue], s.noun) + (last.map { ", last \(day($0))" } ?? "")
                    + (s == .oneToOne ? "" : sizes(idx))
                ev = distinctProvenance(idx)
            }
            parts.append((s.term, d.mass[s.rawValue], note, ev))
        }
        return proportional(total, parts, score: .strength)
    }

    /// Intimacy from meetings: `1 − e^(−I / meeting_scale)`, I the decayed mass of one-to-one and
    /// small meetings (a large meeting adds none), as one more part of the intimacy mean, weighted
    /// `int_meetings`. The message parts already in `ledger` keep their relative weights.
    /// - Parameter messageWeight: the intimacy weight the message parts were divided by (0 when
    ///   there are no messages).
    /// - Returns: the new intimacy.
    func addMeetingIntimacy(
        _ owner: Int32, _ contact: Int32, intimacy: Double, messageWeight: Double, ledger: inout [LedgerEntry]
    ) -> Double {
        guard config.intMeetings > 0, let d = evidence.meetings.pair(owner, contact), d.intimateMass > 0 else {
            return intimacy
        }
        let x = 1 - exp(-d.intimateMass / max(1e-9, config.meetingScale))
        let W = messageWeight + config.intMeetings
        let scale = messageWeight / W
        for k in ledger.indices where ledger[k].score == .intimacy { ledger[k].contribution *= scale }
        let v = config.intMeetings * x / W
        let idx = d.events.filter { MeetingSize.of(participants($0), config: config) != .large }
        let ones = d.count[MeetingSize.oneToOne.rawValue]
        let small = d.count[MeetingSize.small.rawValue]
        ledger.append(
            LedgerEntry(
                score: .intimacy, term: "meetings", contribution: v,
                note:
                    "\(plural(ones, "one-to-one meeting")) and \(plural(small, "small meeting")) (decayed \(Format.fixed(d.intimateMass, 2)))"
                    + (d.count[MeetingSize.large.rawValue] > 0
                        ? "; \(plural(d.count[MeetingSize.large.rawValue], "large meeting")) add none" : ""),
                evidence: distinctProvenance(idx)))
        return intimacy * scale + v
    }

    /// The rows behind meeting events `idx`, newest first, each once (the occurrences of a
    /// recurring event share their VEVENT's line), at most ``maxEvidence``.
    func distinctProvenance(_ idx: [Int]) -> [Provenance] {
        var out: [Provenance] = []
        for i in idx.reversed() where !out.contains(network.events[i].provenance) {
            out.append(network.events[i].provenance)
            if out.count == Context.maxEvidence { break }
        }
        return out
    }

    /// People in meeting event `i` (the organizer and the distinct attendees).
    func participants(_ i: Int) -> Int {
        let e = network.events[i].recipients
        return Set(e).union([network.events[i].actor]).count
    }

    private func sizes(_ idx: [Int]) -> String {
        let s = Set(idx.map(participants)).sorted()
        guard let lo = s.first, let hi = s.last else { return "" }
        return lo == hi ? " (\(lo) people)" : " (\(lo) to \(hi) people)"
    }
}
