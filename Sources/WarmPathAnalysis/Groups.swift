import Foundation
import WarmPathSupport
import WarmPathModel
import WarmPathImport

/// The three report groups of MODEL.md §5.7.
public enum PersonGroup: String, Sendable, Hashable, Codable, CaseIterable {
    /// A target with a fresh signal: contact them now.
    case needNow = "need_now"
    /// A target (or ICP match) without a fresh signal: keep warm.
    case needLater = "need_later"
    /// Ready, well placed and has already advocated for the owner.
    case evangelist
}

/// Thresholds of the group rules (docs/paths.md, "Groups").
public struct GroupConfig: Sendable, Hashable {
    /// A signal is fresh when it falls in the last this-many days before as-of.
    public var freshSignalDays = 30.0
    /// Evangelists need readiness RR(c) at least this.
    public var evangelistReadiness = 0.6
    /// ... and reach at least this many targets (P(c ⇝ t) ≥ ``ProximityCalculator/reachThreshold``) ...
    public var evangelistMinTargets = 2
    /// ... or belong to at least this many distinct employers/schools.
    public var evangelistMinAffiliations = 3
    /// Ideal-customer-profile title keywords (folded, substring match); empty: no ICP rule.
    public var icpTitleKeywords: [String] = []
    /// ICP companies (normalised like targets); empty: no ICP rule.
    public var icpCompanies: [String] = []

    public init() {}
    public static let `default` = GroupConfig()
}

/// A person's group with the reason, for reports.
public struct GroupAssignment: Sendable, Hashable {
    public var group: PersonGroup?
    /// Why, for example `inbound message 2024-03-20` or `RR 0.72, reaches 3 targets, recommended you`.
    public var reason: String

    public init(group: PersonGroup? = nil, reason: String = "") {
        self.group = group
        self.reason = reason
    }
}

/// An introduction made to the owner (``Groups/introductions(network:owner:)``).
public struct Introduction: Sendable, Hashable {
    /// Who made it (person index).
    public var introducer: Int32
    /// Whom the owner was introduced to.
    public var introduced: Int32

    public init(introducer: Int32, introduced: Int32) {
        self.introducer = introducer
        self.introduced = introduced
    }
}

/// Group assignment (MODEL.md §5.7). Rules, in precedence order:
///
/// 1. `need_now`: a target with a fresh signal in the last ``GroupConfig/freshSignalDays`` days
///    before as-of: a new connection with the owner, an inbound message or invitation to the
///    owner, or a job change (an affiliation that started or ended in the window).
/// 2. `need_later`: any other target, or a person matching the ICP rules.
/// 3. `evangelist`: RR ≥ ``GroupConfig/evangelistReadiness`` **and** (reaches ≥
///    ``GroupConfig/evangelistMinTargets`` targets **or** ≥ ``GroupConfig/evangelistMinAffiliations``
///    distinct affiliations) **and** has advocated: an accepted recommendation or endorsement given
///    to the owner, or introduced the owner (see ``Groups/introductions(network:owner:)``).
public enum Groups {
    /// - Parameters:
    ///   - targets: matched target person indices.
    ///   - pathStats: per-person reach numbers from ``ProximityCalculator``.
    ///   - affiliationCounts: distinct affiliations per person (``PathGraph/affiliationCounts``).
    /// - Complexity: O(E · r) over the events.
    public static func assign(
        network: Network, owner: Int32, asOf: Double, scores: ScoreBook, targets: [Int32],
        pathStats: [PersonPathStats], affiliationCounts: [Int], config: GroupConfig = .default,
        introductions known: [Introduction]? = nil
    ) -> [GroupAssignment] {
        let n = network.people.count
        var out = [GroupAssignment](repeating: GroupAssignment(), count: n)
        let windowStart = asOf - config.freshSignalDays * 86_400
        let targetSet = Set(targets)
        func fresh(_ t: Double?) -> Bool { t.map { $0 >= windowStart && $0 <= asOf } ?? false }
        var signal = [String?](repeating: nil, count: n)
        var advocacy = [String?](repeating: nil, count: n)
        let events = network.events
        for i in events.indices {
            // Cheap test on the fields first: only fresh events, affiliations of targets and
            // advocacy need a closer look (copying every event cost more than the rest).
            switch events[i].kind {
            case .connection, .friendship, .message, .invitation: if !fresh(events[i].time) { continue }
            case .affiliation: if !targetSet.contains(events[i].actor) { continue }
            case .recommendation, .endorsement: break
            default: continue
            }
            let e = events[i]
            if e.flags.contains(.draft) || e.flags.contains(.sponsored) || e.flags.contains(.spam) { continue }
            let withOwner = e.actor == owner || e.recipients.contains(owner)
            switch e.kind {
            case .connection, .friendship:
                guard withOwner, fresh(e.time) else { break }
                for p in [e.actor] + e.recipients where p != owner && targetSet.contains(p) && signal[Int(p)] == nil {
                    signal[Int(p)] = "new connection \(ReportDate.day(e.time))"
                }
            case .message, .invitation:
                guard e.actor != owner, e.recipients.contains(owner), fresh(e.time), targetSet.contains(e.actor) else {
                    break
                }
                if signal[Int(e.actor)] == nil {
                    signal[Int(e.actor)] = "inbound \(e.kind.rawValue) \(ReportDate.day(e.time))"
                }
            case .affiliation:
                guard targetSet.contains(e.actor), signal[Int(e.actor)] == nil else { break }
                if fresh(e.time) {
                    signal[Int(e.actor)] = "job change: started at \(e.detail ?? "?") \(ReportDate.day(e.time))"
                } else if fresh(e.endTime) {
                    signal[Int(e.actor)] = "job change: left \(e.detail ?? "?") \(ReportDate.day(e.endTime))"
                }
            case .recommendation, .endorsement:
                guard e.actor != owner, e.recipients.contains(owner), !e.flags.contains(.notAccepted) else { break }
                if advocacy[Int(e.actor)] == nil { advocacy[Int(e.actor)] = "\(e.kind.rawValue) given to you" }
            default: break
            }
        }
        for intro in known ?? introductions(network: network, owner: owner) where advocacy[Int(intro.introducer)] == nil
        {
            advocacy[Int(intro.introducer)] = "introduced you to \(network.people[Int(intro.introduced)].name)"
        }
        let icpWords = config.icpTitleKeywords.map { IdentityNormalizer.matchName($0) }.filter { !$0.isEmpty }
        let icpCompanies = Set(config.icpCompanies.map(NameMatching.company).filter { !$0.isEmpty })
        for i in 0..<n where Int32(i) != owner {
            let p = network.people[i]
            if targetSet.contains(Int32(i)) {
                if let s = signal[i] {
                    out[i] = GroupAssignment(group: .needNow, reason: "target; \(s)")
                } else {
                    out[i] = GroupAssignment(
                        group: .needLater, reason: "target; no signal in \(Int(config.freshSignalDays)) days")
                }
                continue
            }
            let title = IdentityNormalizer.matchName(p.position)
            if (!icpWords.isEmpty && icpWords.contains(where: { title.contains($0) }))
                || icpCompanies.contains(NameMatching.company(p.company))
            {
                out[i] = GroupAssignment(group: .needLater, reason: "ICP match")
                continue
            }
            let rr = i < scores.people.count ? scores.people[i].readiness : 0
            guard rr >= config.evangelistReadiness, let adv = advocacy[i] else { continue }
            let reached = i < pathStats.count ? pathStats[i].targetsReached : 0
            let affs = i < affiliationCounts.count ? affiliationCounts[i] : 0
            guard reached >= config.evangelistMinTargets || affs >= config.evangelistMinAffiliations else { continue }
            out[i] = GroupAssignment(
                group: .evangelist,
                reason: "RR \(String(format: "%.2f", rr)), reaches \(reached) target(s), \(affs) affiliation(s), \(adv)"
            )
        }
        return out
    }

    /// Introductions made to the owner, as Affinity detects them: in a message thread of three or
    /// more people that includes the owner, the first sender (not the owner) introduced the owner
    /// to every other participant whose first interaction with the owner is this thread.
    /// - Returns: the introductions, sorted by introducer, then introduced person.
    /// - Complexity: O(E · r).
    public static func introductions(network: Network, owner: Int32) -> [Introduction] {
        // Dense arrays instead of per-event sets: first time each person met the owner, and per
        // thread its first message time, sender and participants (deduplicated at the end).
        var firstWithOwner = [Double](repeating: .infinity, count: network.people.count)
        var threadIndex: [String: Int] = [:]
        var starts: [Double] = []
        var senders: [Int32] = []
        var members: [[Int32]] = []
        let events = network.events
        for i in events.indices {
            let kind = events[i].kind
            guard kind != .affiliation, kind != .contact, !events[i].flags.contains(.draft), let t = events[i].time,
                events[i].actor == owner || events[i].recipients.contains(owner)
            else { continue }
            let actor = events[i].actor
            let recipients = events[i].recipients
            if actor != owner && t < firstWithOwner[Int(actor)] { firstWithOwner[Int(actor)] = t }
            for p in recipients where p != owner && t < firstWithOwner[Int(p)] { firstWithOwner[Int(p)] = t }
            if kind == .message, let th = events[i].thread {
                if let k = threadIndex[th] {
                    members[k].append(actor)
                    members[k] += recipients
                } else {
                    // events are sorted by time: first seen is first sent
                    threadIndex[th] = starts.count
                    starts.append(t)
                    senders.append(actor)
                    members.append(CollectionOfOne(actor) + recipients)
                }
            }
        }
        var threads: [(start: Double, sender: Int32, people: Set<Int32>)] = []
        for k in starts.indices { threads.append((starts[k], senders[k], Set(members[k]))) }
        var out = Set<[Int32]>()
        for th in threads where th.people.count >= 3 && th.sender != owner {
            for x in th.people where x != owner && x != th.sender {
                let f = firstWithOwner[Int(x)]
                if f < .infinity, f >= th.start { out.insert([th.sender, x]) }
            }
        }
        return out.map { Introduction(introducer: $0[0], introduced: $0[1]) }
            .sorted { ($0.introducer, $0.introduced) < ($1.introducer, $1.introduced) }
    }
}
