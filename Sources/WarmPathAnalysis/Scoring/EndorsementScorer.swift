import Foundation
import WarmPathSupport
import WarmPathModel
import WarmPathImport

/// Endorsement and recommendation strength (MODEL.md §5.5):
/// `E = base · tie(c,x) · cred(c,k) · (1 − SO_e) · decay(Δt)`, and per skill a noisy-OR over
/// independent endorsers.
public enum EndorsementScorer {
    static let outcomeWords: Set<String> = [
        "project", "projects", "launched", "launch", "led", "built", "delivered", "shipped", "grew", "increased",
        "reduced", "saved", "revenue", "migration", "release", "results", "growth",
    ]
    static let firstHandWords: Set<String> = [
        "worked", "managed", "reported", "team", "colleague", "mentor", "mentored", "together", "directly", "hired",
        "manager", "collaborated",
    ]

    static func words(_ s: String) -> [String] {
        s.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    /// Specificity of a recommendation text in [0.4, 1]: length, a named project or outcome,
    /// first-hand relationship words.
    public static func recommendationSpecificity(_ text: String?) -> Double {
        let w = words(text ?? "")
        guard !w.isEmpty else { return 0.4 }
        let length = min(1, Double(w.count) / 80)
        let outcome = w.contains { outcomeWords.contains($0) || $0.first?.isNumber == true } ? 1.0 : 0.0
        let firstHand = w.contains { firstHandWords.contains($0) } ? 1.0 : 0.0
        return 0.4 + 0.3 * length + 0.15 * outcome + 0.15 * firstHand
    }

    /// Scores every endorsement and recommendation dated up to `asOf` (or undated).
    /// - Parameter tie: the pair strength s(c, x) computed without endorsements and recommendations,
    ///   when the two share other evidence (nil: strangers, the floor applies).
    static func score(
        network: Network, asOf: Double, config c: ScoringConfig, evidence: EvidenceIndex,
        tie: (Int32, Int32) -> Double?
    ) -> [EndorsementScore] {
        struct Item {
            var event: Int
            var endorser: Int32
            var endorsee: Int32
        }
        var items: [Item] = []
        var givenTimes: [UInt64: [(Double?, Int)]] = [:]  // directed endorser→endorsee
        var burstCount: [String: Set<String>] = [:]
        func directed(_ a: Int32, _ b: Int32) -> UInt64 {
            (UInt64(UInt32(bitPattern: a)) << 32) | UInt64(UInt32(bitPattern: b))
        }
        let events = network.events
        for i in events.indices where events[i].kind == .endorsement || events[i].kind == .recommendation {
            let e = events[i]
            if let t = e.time, t > asOf { continue }
            for x in Set(e.recipients).sorted() where x != e.actor {
                items.append(Item(event: i, endorser: e.actor, endorsee: x))
                givenTimes[directed(e.actor, x), default: []].append((e.time, i))
                if e.kind == .endorsement, let t = e.time, let day = DateParser.dayNumber(t) {
                    let dayKey = "\(e.actor)|\(x)|\(day)"
                    burstCount[dayKey, default: []].insert((e.detail ?? "").lowercased())
                }
            }
        }
        let swapWindow = c.swapWindowDays * 86_400
        let halfLife = c.endorsementHalfLifeYears * 365.25 * 86_400
        var worked: [UInt64: Bool] = [:]
        var out: [EndorsementScore] = []
        out.reserveCapacity(items.count)
        for it in items {
            let e = network.events[it.event]
            let isRec = e.kind == .recommendation
            // A recommendation's `detail` is the recommender's job title, not a skill.
            let skill = isRec ? "" : (e.detail ?? "")
            let base = isRec ? c.baseRecommendation * recommendationSpecificity(e.text) : c.baseEndorsement
            let s = tie(it.endorser, it.endorsee)
            let tieValue = max(c.tieFloor, s ?? 0)
            // cred(c, k).
            let key = pairKey(it.endorser, it.endorsee)
            let w: Bool
            if let cached = worked[key] {
                w = cached
            } else {
                w = evidence.sharedObjects(it.endorser, it.endorsee, asOf: asOf, config: c).contains { !$0.school }
                worked[key] = w
            }
            let title = Set(words(network.people[Int(it.endorser)].position).filter { $0.count >= 3 })
            let titleMatch = !skill.isEmpty && words(skill).contains { title.contains($0) }
            let cred = min(1, c.credBase + (w ? c.credWorkedWith : 0) + (titleMatch ? c.credTitleMatch : 0))
            // Penalties.
            var reasons: EndorsementPenalty = []
            var keep = 1.0
            if !isRec, let t = e.time, let day = DateParser.dayNumber(t) {
                let n = burstCount["\(it.endorser)|\(it.endorsee)|\(day)"]?.count ?? 1
                if Double(n) >= c.burstMinSkills {
                    // One click-through of several skills is one act: the burst counts once.
                    reasons.insert(.burst)
                    keep *= 1 / Double(n)
                }
            }
            if let t = e.time, let back = givenTimes[directed(it.endorsee, it.endorser)] {
                let swapped = back.contains { bt, bi in
                    guard let bt else { return false }
                    return (bt < t || (bt == t && bi < it.event)) && t - bt <= swapWindow
                }
                if swapped {
                    reasons.insert(.swap)
                    keep *= 1 - min(1, max(0, c.swapPenalty))
                }
            }
            if e.flags.contains(.notAccepted) {
                reasons.insert(.notAccepted)
                keep *= 1 - min(1, max(0, c.notAcceptedPenalty))
            }
            let decay = e.time.map { exp2(-max(0, asOf - $0) / max(1e-9, halfLife)) } ?? c.undatedDecay
            let strength = base * tieValue * cred * keep * decay
            out.append(
                EndorsementScore(
                    endorser: it.endorser, endorsee: it.endorsee, skill: skill,
                    kind: isRec ? "recommendation" : "endorsement",
                    time: e.time, strength: strength, tie: tieValue, penalty: 1 - keep, provenance: e.provenance,
                    penaltyReasons: reasons, base: base, credibility: cred, decay: decay))
        }
        out.sort {
            ($0.endorsee, $0.skill.lowercased(), $0.endorser, $0.time ?? -.infinity, $0.provenance)
                < ($1.endorsee, $1.skill.lowercased(), $1.endorser, $1.time ?? -.infinity, $1.provenance)
        }
        return out
    }

    /// Per endorsee and skill: `1 − Π (1 − E)` over endorsers (each endorser's best endorsement
    /// of that skill, so one person is one independent voice); recommendations are not skills.
    static func skills(_ scores: [EndorsementScore], config: ScoringConfig) -> [SkillScore] {
        struct Key: Hashable {
            var endorsee: Int32
            var skill: String
        }
        var best: [Key: [Int32: Double]] = [:]
        var display: [Key: String] = [:]
        for e in scores where e.kind == "endorsement" && !e.skill.isEmpty {
            let k = Key(endorsee: e.endorsee, skill: e.skill.lowercased())
            if display[k] == nil { display[k] = e.skill }
            best[k, default: [:]][e.endorser] = max(best[k]?[e.endorser] ?? 0, e.strength)
        }
        var out: [SkillScore] = []
        for (k, byEndorser) in best {
            let ranked = byEndorser.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
            var miss = 1.0
            for (_, v) in ranked { miss *= 1 - min(1, max(0, v)) }
            out.append(
                SkillScore(
                    endorsee: k.endorsee, skill: display[k] ?? k.skill, strength: 1 - miss, endorsers: ranked.count,
                    topEndorsers: ranked.prefix(max(1, Int(saturating: config.topEndorsers))).map(\.key)))
        }
        out.sort {
            ($0.endorsee, -$0.strength, $0.skill.lowercased()) < ($1.endorsee, -$1.strength, $1.skill.lowercased())
        }
        return out
    }
}
