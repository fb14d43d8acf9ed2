import Foundation
import WarmPathSupport
import WarmPathModel
import WarmPathImport

/// Relationship strength, referral readiness and endorsement strength, explained by evidence
/// (MODEL.md §5.1–5.5; formulas in docs/scoring.md).
///
/// ```
/// let book = Scorer.score(network: loaded.network, owner: loaded.owner!, asOf: loaded.asOf)
/// book.people[i].strength       // s(owner, i) in (0, 1)
/// book.people[i].ledger         // the signed terms behind it
/// book.ledgerMismatches()       // [] — every ledger adds up
/// ```
public enum Scorer {
    /// Scores every person from `owner`'s point of view, every pair with shared evidence, and every
    /// endorsement and recommendation. Pure and deterministic; events after `asOf` are ignored.
    /// - Complexity: O(E log E + total text length) for E events; no per-person scan of all events.
    public static func score(network: Network, owner: Int32, asOf: Double, config: ScoringConfig = .default)
        -> ScoreBook
    {
        scoreWithConversations(network: network, owner: owner, asOf: asOf, config: config).book
    }

    /// ``score(network:owner:asOf:config:)`` plus the owner's conversation index it built, for
    /// the alerts of the same run (so the messages are not indexed twice).
    public static func scoreWithConversations(
        network: Network, owner: Int32, asOf: Double, config: ScoringConfig = .default
    ) -> ScoredNetwork {
        let messages = MessageIndex.build(network: network, asOf: asOf, config: config)
        // Independent indexes over the same messages, one per core.
        let (evidence, conv) = Parallel.both(
            { EvidenceIndex.build(network: network, asOf: asOf, config: config, messages: messages) },
            { ConversationIndex.build(network: network, owner: owner, asOf: asOf, config: config, messages: messages) })
        let ctx = Context(network: network, asOf: asOf, config: config, evidence: evidence, messages: messages)
        let n = network.people.count

        // 1. The owner's contacts: everyone sharing messages or other evidence with the owner.
        var candidates = Set(conv.contacts)
        if Int(owner) < evidence.neighbours.count { candidates.formUnion(evidence.neighbours[Int(owner)]) }
        candidates.formUnion(evidence.distrustPartners[owner] ?? [])
        candidates.remove(owner)
        let sortedCandidates = candidates.sorted()
        var z0 = [Double](repeating: 0, count: n)
        var hasZ0 = [Bool](repeating: false, count: n)
        // Per-contact work is independent: computed on every core, merged in candidate order.
        let z0s = Scorer.perCandidate(sortedCandidates) { c in
            ctx.strengthEntries(owner, c, conv.contact(c), explain: false).reduce(0) { $0 + $1.contribution }
        }
        for (k, c) in sortedCandidates.enumerated() {
            z0[Int(c)] = z0s[k]
            hasZ0[Int(c)] = true
        }
        // 2. Structural term: Onnela overlap and mean strength of mutual contacts.
        var people = [PersonScore](repeating: PersonScore(), count: n)
        var isOwnerNeighbour = [Bool](repeating: false, count: n)
        let ownerNeighbours = Int(owner) < evidence.neighbours.count ? evidence.neighbours[Int(owner)] : []
        for m in ownerNeighbours { isOwnerNeighbour[Int(m)] = true }
        var pairStrength: [UInt64: Double] = [:]
        var messagePairs = Set<UInt64>()
        let neighbourOfOwner = isOwnerNeighbour
        let scoredZ0 = z0
        let scoredHas = hasZ0
        let strengthOf = Scorer.perCandidate(sortedCandidates) { c -> (PersonScore, Bool) in
            let cc = conv.contact(c)
            var structural: LedgerEntry?
            var mutual = 0
            var sum = 0.0
            for m in evidence.neighbours[Int(c)] where m != owner && neighbourOfOwner[Int(m)] && scoredHas[Int(m)] {
                mutual += 1
                sum += sigmoid(scoredZ0[Int(m)])
            }
            if mutual > 0, config.wStructural != 0 {
                // Onnela overlap n / ((k_i − 1) + (k_j − 1) − n), with each degree counted without
                // the other person (so a first message between the two does not change it).
                let ownerTiedToC = neighbourOfOwner[Int(c)]
                let ki = Double(ownerNeighbours.count - (ownerTiedToC ? 1 : 0))
                let kj = Double(evidence.neighbours[Int(c)].count - (ownerTiedToC ? 1 : 0))
                let denom = ki + kj - Double(mutual)
                let onnela = denom > 0 ? Double(mutual) / denom : 1
                let mean = sum / Double(mutual)
                structural = LedgerEntry(
                    score: .strength, term: "structural",
                    contribution: config.wStructural * (0.5 * onnela + 0.5 * mean),
                    note:
                        "\(mutual) mutual contact\(mutual == 1 ? "" : "s"), mean strength \(fmt(mean)), overlap \(fmt(onnela))"
                )
            }
            let entries = ctx.strengthEntries(owner, c, cc, explain: true, structural: structural)
            let z = entries.reduce(0) { $0 + $1.contribution }
            let dy = evidence.dyads[pairKey(owner, c)]
            var ids = Set(cc.events)
            if let dy { ids.formUnion(dy.events) }
            if let m = evidence.meetings.pair(owner, c) { ids.formUnion(m.events) }
            // The strength the tie had at its last two-way exchange: the silence term at full
            // recency (what "a strong tie going dormant" is measured against).
            var zAtLastExchange = z
            if let v = entries.first(where: { $0.term == "silence" })?.contribution, let last = cc.lastExchange {
                let days = max(0, asOf - last) / 86_400
                let recency = exp2(-days / max(1e-9, config.silenceHalfLifeDays))
                if recency > 1e-12 { zAtLastExchange += v / recency - v }
            }
            var score = PersonScore(
                strength: sigmoid(z), owedReplies: cc.owedReplies.count, ledger: entries, logit: z, scored: true,
                evidenceCount: ids.count, distrust: dy?.distrust != nil)
            score.strengthAtLastExchange = sigmoid(zAtLastExchange)
            return (score, cc.hasMessages)
        }
        for (k, c) in sortedCandidates.enumerated() {
            let (score, hasMessages) = strengthOf[k]
            people[Int(c)] = score
            pairStrength[pairKey(owner, c)] = score.strength
            if hasMessages { messagePairs.insert(pairKey(owner, c)) }
        }

        // 3. Pairs: teammates' contacts (their own conversations), then every other dyad.
        let teammates = Set(network.sourceOwners.compactMap { $0 }).subtracting([owner]).sorted()
        var teamConversations: [Int32: ConversationIndex] = [:]
        for t in teammates {
            let tconv = ConversationIndex.build(
                network: network, owner: t, asOf: asOf, config: config, messages: messages)
            teamConversations[t] = tconv
            let partners = Set(tconv.contacts).union(
                Int(t) < evidence.neighbours.count ? evidence.neighbours[Int(t)] : [])
            for c in partners.sorted() where c != t && pairStrength[pairKey(t, c)] == nil {
                let cc = tconv.contact(c)
                let z = ctx.strengthEntries(t, c, cc, explain: false).reduce(0) { $0 + $1.contribution }
                pairStrength[pairKey(t, c)] = sigmoid(z)
                if cc.hasMessages { messagePairs.insert(pairKey(t, c)) }
            }
        }
        for k in Set(evidence.dyads.keys).union(evidence.meetings.pairs.keys).sorted() where pairStrength[k] == nil {
            let (a, b) = pairOf(k)
            let z = ctx.strengthEntries(a, b, ContactConversation(), explain: false).reduce(0) { $0 + $1.contribution }
            pairStrength[k] = sigmoid(z)
        }
        // Distrust is not a tie: those pairs are kept apart, so no path goes through them.
        var pairs: [PairStrength] = []
        var distrustPairs: [PairStrength] = []
        for k in pairStrength.keys.sorted() {
            let (a, b) = pairOf(k)
            let p = PairStrength(a: a, b: b, strength: pairStrength[k]!)
            if evidence.dyads[k]?.distrust != nil { distrustPairs.append(p) } else { pairs.append(p) }
        }

        // 4. Endorsements and recommendations, each weighted by the tie computed without any
        // endorsement or recommendation (no circularity).
        var vouchFreeTie: [UInt64: Double?] = [:]
        let endorsements = EndorsementScorer.score(
            network: network, asOf: asOf, config: config, evidence: evidence,
            tie: { a, b in
                let k = pairKey(a, b)
                if let cached = vouchFreeTie[k] { return cached }
                // Connected = shares evidence besides endorsements and recommendations.
                var connected = messagePairs.contains(k) || evidence.meetings.pairs[k] != nil
                if !connected, let d = evidence.dyads[k] {
                    connected = ActivitySlot.allCases.contains {
                        $0 != .endorsement && $0 != .recommendation && d.count[$0.rawValue] > 0
                    }
                }
                var value: Double? = nil
                if connected {
                    let cc: ContactConversation
                    if a == owner {
                        cc = conv.contact(b)
                    } else if b == owner {
                        cc = conv.contact(a)
                    } else if let t = teamConversations[a] {
                        cc = t.contact(b)
                    } else if let t = teamConversations[b] {
                        cc = t.contact(a)
                    } else {
                        cc = ContactConversation()
                    }
                    let (ego, other) = a == owner || teamConversations[a] != nil ? (a, b) : (b, a)
                    let z = ctx.strengthEntries(ego, other, cc, explain: false, vouchFree: true)
                        .reduce(0) { $0 + $1.contribution }
                    value = sigmoid(z)
                }
                vouchFreeTie[k] = .some(value)
                return value
            })
        let skills = EndorsementScorer.skills(endorsements, config: config)

        // 5. Readiness: the trust equation per contact.
        var given: [Int32: [Int]] = [:]  // endorser → endorsement indices toward the owner
        for (i, e) in endorsements.enumerated() where e.endorsee == owner { given[e.endorser, default: []].append(i) }
        let givenTo = given
        let allEndorsements = endorsements
        let readinessOf = Scorer.perCandidate(sortedCandidates) { c in
            ctx.readiness(
                owner: owner, contact: c, conv.contact(c), endorsements: (givenTo[c] ?? []).map { allEndorsements[$0] })
        }
        for (k, c) in sortedCandidates.enumerated() {
            let parts = readinessOf[k]
            people[Int(c)].credibility = parts.credibility
            people[Int(c)].reliability = parts.reliability
            people[Int(c)].intimacy = parts.intimacy
            people[Int(c)].selfOrientation = parts.selfOrientation
            people[Int(c)].readiness = parts.readiness
            people[Int(c)].ledger += parts.ledger
        }
        let book = ScoreBook(
            owner: owner, asOf: asOf, people: people, pairs: pairs, endorsements: endorsements, skills: skills,
            distrustPairs: distrustPairs)
        return ScoredNetwork(book: book, conversations: conv)
    }

    @inline(__always)
    static func sigmoid(_ z: Double) -> Double { 1 / (1 + exp(-z)) }

    /// `body` for every candidate, in order: one consecutive part per worker (small lists on one
    /// thread), joined in part order.
    static func perCandidate<T: Sendable>(_ candidates: [Int32], _ body: @escaping @Sendable (Int32) -> T) -> [T] {
        let parts = candidates.count < 2_000 ? 1 : Parallel.workers()
        if parts == 1 { return candidates.map(body) }
        return Parallel.map(
            (0..<parts).map { h in { Parallel.slice(candidates.count, h, of: parts).map { body(candidates[$0]) } } }
        ).flatMap { $0 }
    }

    static func fmt(_ v: Double) -> String { Format.fixed(v, 2) }
}

/// The scores of a run and the owner's conversation index they were computed from
/// (``Scorer/scoreWithConversations(network:owner:asOf:config:)``).
public struct ScoredNetwork: Sendable {
    public var book: ScoreBook
    public var conversations: ConversationIndex
}

/// Readiness parts of one contact.
struct ReadinessParts {
    var credibility = 0.0
    var reliability = 0.0
    var intimacy = 0.0
    var selfOrientation = 0.0
    var readiness = 0.0
    var ledger: [LedgerEntry] = []
}

/// Splits a nonlinear total over named parts in proportion to their raw weights, so the
/// entries add up to the total.
func proportional(
    _ total: Double, _ parts: [(term: String, raw: Double, note: String, evidence: [Provenance])], score: ScoreName
) -> [LedgerEntry] {
    let sum = parts.reduce(0) { $0 + $1.raw }
    guard sum > 0 else { return [] }
    var out: [LedgerEntry] = []
    var acc = 0.0
    for (k, p) in parts.enumerated() where p.raw > 0 {
        let isLast = !parts[(k + 1)...].contains { $0.raw > 0 }
        let c = isLast ? total - acc : total * p.raw / sum
        acc += c
        out.append(LedgerEntry(score: score, term: p.term, contribution: c, note: p.note, evidence: p.evidence))
    }
    return out
}

struct Context {
    let network: Network
    let asOf: Double
    let config: ScoringConfig
    let evidence: EvidenceIndex
    let messages: MessageIndex

    static let maxEvidence = 5

    func day(_ t: Double?) -> String { ReportDate.day(t) }

    func plural(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    /// The strength ledger of the dyad (ego, other), without the structural term.
    /// - Parameter vouchFree: leave endorsements and recommendations out (the tie that weights an
    ///   endorsement must not contain it).
    func strengthEntries(
        _ ego: Int32, _ other: Int32, _ cc: ContactConversation, explain: Bool, structural: LedgerEntry? = nil,
        vouchFree: Bool = false
    ) -> [LedgerEntry] {
        let c = config
        let dy = evidence.dyads[pairKey(ego, other)]
        let events = network.events
        let scale = max(1e-9, c.activityScale)
        var out: [LedgerEntry] = []
        out.append(
            LedgerEntry(
                score: .strength, term: "prior", contribution: c.strengthIntercept,
                note: explain ? "prior log-odds (no evidence)" : ""))

        // Activity: reciprocated messages, 2·min(in, out), plus the other kinds of evidence.
        let exchanged = cc.personalMessagesIn > 0 && cc.personalMessagesOut > 0
        let reciprocated = cc.reciprocatedMass
        var raws = [Double](repeating: 0, count: ActivitySlot.allCases.count)
        let split = cc.personalOneToOneMass + cc.personalGroupMass
        if reciprocated > 0, split > 0 {
            raws[ActivitySlot.messageOneToOne.rawValue] = reciprocated * cc.personalOneToOneMass / split
            raws[ActivitySlot.messageGroup.rawValue] = reciprocated * cc.personalGroupMass / split
        }
        if let dy {
            for s in ActivitySlot.allCases where s != .messageOneToOne && s != .messageGroup {
                if vouchFree && (s == .endorsement || s == .recommendation) { continue }
                raws[s.rawValue] = s.q(c) * dy.mass[s.rawValue]
            }
        }
        let A = raws.reduce(0, +)
        if A > 0, c.wActivity != 0 {
            let total = c.wActivity * log(1 + A / scale)
            var parts: [(term: String, raw: Double, note: String, evidence: [Provenance])] = []
            for s in ActivitySlot.allCases {
                let raw = raws[s.rawValue]
                guard raw > 0 else { continue }
                var note = ""
                var ev: [Provenance] = []
                if explain {
                    if s == .messageOneToOne || s == .messageGroup {
                        let idx = cc.events.filter { m in
                            isGroupMessage(m) == (s == .messageGroup) && !messages.template[m]
                                && !messages.broadcast[m]
                        }
                        let recent = idx.filter { asOf - (events[$0].time ?? 0) <= 30 * 86_400 }.count
                        let mails = idx.filter { events[$0].flags.contains(.mail) }.count
                        note =
                            plural(idx.count, "personal " + s.noun) + (mails > 0 ? " (\(plural(mails, "e-mail")))" : "")
                            + ", \(recent) in the last 30 days, last \(day(idx.last.flatMap { events[$0].time })); exchanged \(cc.personalMessagesIn) in / \(cc.personalMessagesOut) out, counted as 2·min(in, out) of the decayed masses"
                        ev = idx.suffix(Context.maxEvidence).reversed().map { events[$0].provenance }
                    } else if let dy {
                        let idx = dy.events.filter { ActivitySlot.of(events[$0]) == s }
                        let last = idx.compactMap { events[$0].time }.max()
                        note = plural(dy.count[s.rawValue], s.noun) + (last.map { ", last \(day($0))" } ?? ", undated")
                        if s == .endorsement, dy.count[s.rawValue] > 1 { note += " (one per endorser and day)" }
                        if s == .graphEdge, let w = dy.countWeight {
                            note +=
                                ", count weight \(Format.fixed(w, 0)) (mass × w^\(Format.fixed(max(0, c.graphWeightLog), 2)))"
                        }
                        ev = idx.prefix(Context.maxEvidence).map { events[$0].provenance }
                    }
                }
                parts.append((s.term, raw, note, ev))
            }
            out += proportional(total, parts, score: .strength)
        }
        out += meetingStrengthEntries(ego, other, explain: explain)
        let met = evidence.meetings.pair(ego, other)
        // "No message" only means something where messages could be seen: the pair shares
        // evidence from a LinkedIn, Facebook or X export (not from a graph file or an address book).
        // Without other shared evidence the pair is known from messages, which are observable.
        var messagesObservable = true
        if let dy {
            if !vouchFree {
                messagesObservable = dy.fromMessageSource
            } else if dy.distrust != nil
                || ActivitySlot.allCases.contains(where: {
                    $0 != .endorsement && $0 != .recommendation && dy.count[$0.rawValue] > 0
                })
            {
                messagesObservable = dy.fromMessageSourceNonVouch
            }
        }
        if !messagesObservable {
            // No penalty either way: a graph file or an address book cannot show a message.
        } else if !cc.hasMessages {
            if c.wNeverCommunicated != 0, met == nil {
                out.append(
                    LedgerEntry(
                        score: .strength, term: "never_communicated", contribution: c.wNeverCommunicated,
                        note: explain ? "no interaction evidence: no message ever, either way" : ""))
            }
        } else if !exchanged, met == nil, c.wNoExchange != 0 {
            let broadcast = cc.templateIn + cc.templateOut
            out.append(
                LedgerEntry(
                    score: .strength, term: "no_exchange", contribution: c.wNoExchange,
                    note: explain
                        ? "no two-way exchange: \(cc.messagesIn) in, \(cc.messagesOut) out"
                            + (broadcast > 0 ? ", \(broadcast) template or bulk" : "")
                            + "; one-way and broadcast messages are not a relationship"
                        : "",
                    evidence: explain ? Array(cc.events.suffix(2).map { events[$0].provenance }) : []))
        }
        // Duration: the span of the relationship evidence, first to last (messages only where
        // there was a two-way exchange). Time passing without evidence does not lengthen it.
        var first = exchanged ? cc.firstExchange : nil
        var last = exchanged ? cc.lastExchange : nil
        let dyFirst = vouchFree ? dy?.firstNonVouch : dy?.first
        let dyLast = vouchFree ? dy?.lastNonVouch : dy?.last
        if let f = dyFirst, first.map({ f < $0 }) ?? true { first = f }
        if let l = dyLast, last.map({ l > $0 }) ?? true { last = l }
        if let f = met?.first, first.map({ f < $0 }) ?? true { first = f }
        if let l = met?.last, last.map({ l > $0 }) ?? true { last = l }
        let shared = evidence.sharedObjects(ego, other, asOf: asOf, config: c)
        for o in shared {
            if let s = o.start, first.map({ s < $0 }) ?? true { first = s }
            if let e = o.end, last.map({ e > $0 }) ?? true { last = e }
        }
        if let first, let last, last > first, c.wDuration != 0 {
            let years = (last - first) / (365.25 * 86_400)
            let D = 1 - exp(-years / c.durationYears)
            out.append(
                LedgerEntry(
                    score: .strength, term: "duration", contribution: c.wDuration * D,
                    note: explain
                        ? "evidence from \(day(first)) to \(day(last)) (\(Format.fixed(years, 1)) years)" : ""))
        }
        if exchanged, reciprocated > 0 {
            let gate = 1 - exp(-reciprocated / scale)
            // Silence: recency of the last two-way exchange, gated by how much was exchanged.
            if let last = cc.lastExchange, c.wSilence != 0 {
                let days = max(0, asOf - last) / 86_400
                let recency = exp2(-days / max(1e-9, c.silenceHalfLifeDays))
                let v = c.wSilence * recency * gate
                if v != 0 {
                    out.append(
                        LedgerEntry(
                            score: .strength, term: "silence", contribution: v,
                            note: explain
                                ? "last two-way exchange \(day(last)) (\(Int(saturating: days.rounded(.down))) days ago): 2^(−days/\(Format.fixed(c.silenceHalfLifeDays, 0))) = \(Format.fixed(recency, 2)) × exchange gate \(Format.fixed(gate, 2))"
                                : ""))
                }
            }
            let privateMass = cc.reciprocatedOneToOne * c.qMessageOneToOne
            if privateMass > 0, c.wPrivacy != 0 {
                let x = 1 - exp(-privateMass / scale)
                out.append(
                    LedgerEntry(
                        score: .strength, term: "privacy", contribution: c.wPrivacy * x,
                        note: explain
                            ? "reciprocated 1:1 exchange \(Format.fixed(privateMass, 2)) (decayed): 1 − e^(−x/\(Format.fixed(scale, 1))) = \(Format.fixed(x, 2))"
                            : ""))
            }
            let marked = min(cc.markedMass, reciprocated)
            if marked > 0, c.wSpecificity != 0 {
                let x = 1 - exp(-marked / scale)
                out.append(
                    LedgerEntry(
                        score: .strength, term: "specificity", contribution: c.wSpecificity * x,
                        note: explain
                            ? "personal content \(Format.fixed(cc.markedMass, 2)) (decayed, capped by the exchange), \(cc.templateIn + cc.templateOut) template message(s) not counted"
                            : ""))
            }
        }
        // Shared social objects.
        if !shared.isEmpty, c.wSocialObjects != 0 {
            let O = shared.reduce(0) { $0 + $1.weight }
            out.append(
                LedgerEntry(
                    score: .strength, term: "social_objects", contribution: c.wSocialObjects * min(1, O),
                    note: explain
                        ? shared.prefix(3).map {
                            "\($0.school ? "school" : "employer") \($0.org) (overlap \(Format.fixed($0.overlap, 2)), \($0.size) people)"
                        }.joined(separator: "; ") : "",
                    evidence: explain ? Array(shared.flatMap(\.evidence).prefix(Context.maxEvidence)) : []))
        }
        if let structural { out.append(structural) }
        // Explicit trust from a graph file pins the total to logit(w).
        if let w = dy?.explicitTrust {
            let wc = min(max(w, 1e-6), 1 - 1e-6)
            let target = log(wc / (1 - wc))
            let sum = out.reduce(0) { $0 + $1.contribution }
            out.append(
                LedgerEntry(
                    score: .strength, term: "explicit_trust", contribution: target - sum,
                    note: explain
                        ? "graph file gives explicit trust \(Format.fixed(w, 4)); it replaces the evidence-based estimate"
                        : "",
                    evidence: dy?.explicitEvent.map { [events[$0].provenance] } ?? []))
        }
        // Distrust: a graph edge with weight ≤ 0 (after any pin, so it always counts).
        if let x = dy?.distrust, c.wDistrust != 0 {
            out.append(
                LedgerEntry(
                    score: .strength, term: "distrust", contribution: c.wDistrust * (0.5 + 0.5 * x),
                    note: explain
                        ? "graph file gives distrust (weight ≤ 0, degree \(Format.fixed(x, 2))): never an introduction hop"
                        : "",
                    evidence: dy?.distrustEvent.map { [events[$0].provenance] } ?? []))
        }
        return out
    }

    private func isGroupMessage(_ m: Int) -> Bool {
        let t = messages.threadOf[m]
        return t >= 0 && messages.threads[Int(t)].isGroup
    }

    func specificity(_ cc: ContactConversation) -> Double {
        let mass = cc.decayedOneToOne + cc.decayedGroup
        guard mass > 0 else { return 0 }
        let m = min(1, max(0, config.specificityMarkerShare))
        return (1 - m) * (cc.decayedNonTemplate / mass) + m * (cc.decayedPersonal / mass)
    }

    /// Credibility, reliability, intimacy, self-orientation and readiness with their ledgers.
    func readiness(owner: Int32, contact: Int32, _ cc: ContactConversation, endorsements: [EndorsementScore])
        -> ReadinessParts
    {
        let c = config
        let events = network.events
        var p = ReadinessParts()
        let name = network.people[Int(contact)].name
        let dyad = evidence.dyads[pairKey(owner, contact)]

        // Credibility: C = 1 − exp(−Σ w).
        var credParts: [(term: String, raw: Double, note: String, evidence: [Provenance])] = []
        let recs = endorsements.filter { $0.kind == "recommendation" }
        let ends = endorsements.filter { $0.kind == "endorsement" }
        let recW = recs.reduce(0) { $0 + c.credRecommendation * $1.strength / max(1e-12, c.baseRecommendation) }
        if recW > 0 {
            credParts.append(
                (
                    "recommendations", recW, "\(plural(recs.count, "recommendation")) from \(name)",
                    recs.prefix(Context.maxEvidence).map(\.provenance)
                ))
        }
        let endW = ends.reduce(0) { $0 + c.credEndorsement * $1.strength / max(1e-12, c.baseEndorsement) }
        if endW > 0 {
            let skills = Set(ends.map(\.skill)).sorted().prefix(4).joined(separator: ", ")
            credParts.append(
                (
                    "endorsements", endW, "\(plural(ends.count, "endorsement")) from \(name) (\(skills))",
                    ends.prefix(Context.maxEvidence).map(\.provenance)
                ))
        }
        if cc.threadsStartedByContact > 0 {
            credParts.append(
                (
                    "initiated", c.credInitiated * Double(cc.threadsStartedByContact),
                    "\(name) started \(plural(cc.threadsStartedByContact, "1:1 thread"))", []
                ))
        }
        if let dy = dyad {
            let inv = dy.events.filter { events[$0].kind == .invitation && events[$0].actor == contact }
            if !inv.isEmpty {
                let noted = inv.filter { ActivitySlot.of(events[$0]) == .invitationNote }
                let w =
                    Double(noted.count) * c.credInvitationNote + Double(inv.count - noted.count) * c.credInvitationBlank
                if w > 0 {
                    credParts.append(
                        (
                            "invitation", w, "\(name) invited you" + (noted.isEmpty ? "" : " with a note"),
                            inv.prefix(Context.maxEvidence).map { events[$0].provenance }
                        ))
                }
            }
        }
        if let trust = dyad?.trustGiven[contact < owner ? 0 : 1], trust > 0, c.credExplicitTrust > 0 {
            credParts.append(
                (
                    "explicit_trust", c.credExplicitTrust * trust,
                    "\(name) gives you explicit trust \(Format.fixed(trust, 2)) in a graph file",
                    dyad?.explicitEvent.map { [events[$0].provenance] } ?? []
                ))
        }
        let work = evidence.sharedObjects(owner, contact, asOf: asOf, config: c).filter { !$0.school }
        if !work.isEmpty, c.credWorkedTogether > 0 {
            let o = min(1, work.reduce(0) { $0 + $1.overlap })
            credParts.append(
                (
                    "worked_together", c.credWorkedTogether * o,
                    "worked together at " + work.prefix(2).map(\.org).joined(separator: ", "),
                    Array(work.flatMap(\.evidence).prefix(Context.maxEvidence))
                ))
        }
        let credSum = credParts.reduce(0) { $0 + $1.raw }
        p.credibility = 1 - exp(-credSum)
        p.ledger += proportional(p.credibility, credParts, score: .credibility)

        // Reliability: weighted mean of parts, times rot^owed.
        let ownerResp = (Double(cc.repliedByOwner) + 1) / (Double(cc.dueForOwner) + 2)
        let contactResp = (Double(cc.repliedByContact) + 1) / (Double(cc.dueForContact) + 2)
        let half = c.replySpeedHalfLifeDays * 86_400
        let speed = (cc.latenciesByOwner + cc.latenciesByContact).reduce(0) { $0 + exp2(-max(0, $1) / max(1e-9, half)) }
        let timeliness = 1 - exp(-speed / max(1e-9, c.timelinessSaturation))
        let bucket = max(1, c.consistencyBucketDays) * 86_400
        let buckets = Set(cc.messageTimes.compactMap { Int(flooring: $0 / bucket) }).count
        let consistency = 1 - exp(-Double(buckets) / max(1e-9, c.consistencySaturation))
        let wR = c.relOwnerResponsiveness + c.relContactResponsiveness + c.relTimeliness + c.relConsistency
        var rawR = 0.0
        if wR > 0 {
            let medOwner = ContactConversation.median(cc.latenciesByOwner)
            let medContact = ContactConversation.median(cc.latenciesByContact)
            let relParts: [(String, Double, Double, String)] = [
                (
                    "owner_responsiveness", c.relOwnerResponsiveness, ownerResp,
                    "you answered \(cc.repliedByOwner) of \(cc.dueForOwner) turns"
                        + (medOwner.map { ", median \(Format.fixed($0 / 86_400, 1)) days" } ?? "")
                ),
                (
                    "contact_responsiveness", c.relContactResponsiveness, contactResp,
                    "\(name) answered \(cc.repliedByContact) of \(cc.dueForContact) turns"
                        + (medContact.map { ", median \(Format.fixed($0 / 86_400, 1)) days" } ?? "")
                ),
                (
                    "timeliness", c.relTimeliness, timeliness,
                    "\(cc.latenciesByOwner.count + cc.latenciesByContact.count) replies, speed credit \(Format.fixed(speed, 2))"
                ),
                (
                    "consistency", c.relConsistency, consistency,
                    "active in \(plural(buckets, "\(Int(saturating: c.consistencyBucketDays))-day period"))"
                ),
            ]
            for (term, w, x, note) in relParts where w * x != 0 {
                let v = w * x / wR
                rawR += v
                p.ledger.append(LedgerEntry(score: .reliability, term: term, contribution: v, note: note))
            }
        }
        let owed = cc.owedReplies.count
        let owedWeight = cc.owedWeight
        p.reliability = rawR * pow(c.rotFactor, owedWeight)
        if owed > 0 {
            let msgs = cc.owedReplies.reduce(0) { $0 + $1.messages }
            let oldest = cc.owedReplies.map(\.since).min() ?? asOf
            p.ledger.append(
                LedgerEntry(
                    score: .reliability, term: "owed_replies", contribution: p.reliability - rawR,
                    note:
                        "\(plural(msgs, "message")) from \(name) unanswered in \(plural(owed, "thread")), oldest for \(Int(saturating: ((asOf - oldest) / 86_400).rounded(.down))) days (× \(c.rotFactor)^\(Format.fixed(owedWeight, 2)); each fades to nothing \(Int(saturating: c.owedReplyHorizonDays)) days after it was sent)",
                    evidence: Array(cc.owedReplies.flatMap(\.evidence).prefix(Context.maxEvidence))))
        }

        // Intimacy: only from a two-way exchange, scaled by its balance ρ = min(in, out)/max(in, out)
        // of the personal masses (an unsolicited message, however personal, is not intimacy).
        let mass = cc.decayedOneToOne + cc.decayedGroup
        let wI = c.intPrivacy + c.intSpecificity + c.intDepth + c.intPersonal
        var intimacy = 0.0
        let hiPersonal = max(cc.personalIn, cc.personalOut)
        let balance = hiPersonal > 0 ? min(cc.personalIn, cc.personalOut) / hiPersonal : 0
        if mass > 0, wI > 0, balance > 0 {
            let pi = cc.decayedOneToOne / mass
            let sigma = specificity(cc)
            let depth = 1 - exp(-Double(cc.maxTurns) / max(1e-9, c.depthScale))
            let personal = cc.decayedPersonal / mass
            let rho = " × balance \(Format.fixed(balance, 2))"
            let parts: [(String, Double, Double, String)] = [
                ("privacy", c.intPrivacy, pi, "\(Format.fixed(pi * 100, 0))% in 1:1 threads" + rho),
                (
                    "specificity", c.intSpecificity, sigma,
                    "\(cc.templateIn + cc.templateOut) template message(s) of \(cc.messagesIn + cc.messagesOut)" + rho
                ),
                ("thread_depth", c.intDepth, depth, "deepest 1:1 thread has \(plural(cc.maxTurns, "turn"))" + rho),
                (
                    "personal_content", c.intPersonal, personal,
                    "personal markers in \(Format.fixed(personal * 100, 0))% (decayed)" + rho
                ),
            ]
            for (term, w, x, note) in parts where w * x != 0 {
                let v = w * x * balance / wI
                intimacy += v
                p.ledger.append(LedgerEntry(score: .intimacy, term: term, contribution: v, note: note))
            }
        }
        intimacy = addMeetingIntimacy(
            owner, contact, intimacy: intimacy, messageWeight: mass > 0 ? wI : 0, ledger: &p.ledger)
        p.intimacy = intimacy

        // Self-orientation of the owner toward the contact.
        let wS = c.soBroadcast + c.soOneWay + c.soSponsored + c.soSwap
        var so = 0.0
        if wS > 0 {
            let broadcast = cc.messagesOut > 0 ? Double(cc.broadcastOut) / Double(cc.messagesOut) : 0
            let oneWay = Double(cc.maxOutboundRun) >= c.oneWayMessages ? 1.0 : 0.0
            let sponsored = cc.sponsoredOut > 0 ? Double(cc.sponsoredOut) / Double(cc.sponsoredOut + cc.messagesOut) : 0
            let swaps = endorsements.filter { $0.penaltyReasons.contains(.swap) }
            let swap = swaps.isEmpty ? 0.0 : 1.0
            let parts: [(String, Double, Double, String, [Provenance])] = [
                (
                    "broadcast", c.soBroadcast, broadcast,
                    "\(cc.broadcastOut) of your \(cc.messagesOut) messages to \(name) were broadcasts", []
                ),
                (
                    "one_way", c.soOneWay, oneWay,
                    "\(cc.maxOutboundRun) consecutive messages to \(name) without an answer",
                    cc.awaiting.first.map { $0.evidence } ?? []
                ),
                ("sponsored", c.soSponsored, sponsored, "\(cc.sponsoredOut) sponsored / InMail message(s)", []),
                (
                    "endorsement_swap", c.soSwap, swap,
                    "\(name) returned your endorsement within \(Int(saturating: c.swapWindowDays)) days",
                    swaps.prefix(Context.maxEvidence).map(\.provenance)
                ),
            ]
            for (term, w, x, note, ev) in parts where w * x != 0 {
                let v = w * x / wS
                so += v
                p.ledger.append(
                    LedgerEntry(score: .selfOrientation, term: term, contribution: v, note: note, evidence: ev))
            }
        }
        p.selfOrientation = so

        // Readiness (bounded trust equation).
        let trust = TrustParts(
            credibility: p.credibility, reliability: p.reliability, intimacy: p.intimacy, selfOrientation: so)
        p.readiness = Scorer.readiness(trust, config: c)
        let W = c.readinessWeightTotal
        var acc = 0.0
        for s in Scorer.readinessShares(trust, config: c) {
            acc += s.share
            let term = s.part.rawValue
            p.ledger.append(
                LedgerEntry(
                    score: .readiness, term: term, contribution: s.share,
                    note:
                        "\(term) \(Format.fixed(s.value, 4)) × weight \(Format.fixed(s.weight, 2)) / \(Format.fixed(W, 2))"
                ))
        }
        if W > 0, so > 0 {
            p.ledger.append(
                LedgerEntry(
                    score: .readiness, term: "self_orientation", contribution: p.readiness - acc,
                    note: "your self-orientation \(Format.fixed(so, 4)) divides by 1 + \(Format.fixed(c.kappa, 2))·S"))
        }
        // Distrust either way: nobody introduces through it.
        if let x = dyad?.distrust, p.readiness > 0 {
            p.ledger.append(
                LedgerEntry(
                    score: .readiness, term: "distrust", contribution: -p.readiness,
                    note:
                        "a graph file gives distrust between you and \(name) (degree \(Format.fixed(x, 2))): readiness 0",
                    evidence: dyad?.distrustEvent.map { [events[$0].provenance] } ?? []))
            p.readiness = 0
        }
        return p
    }
}

// MARK: The trust equation

/// The parts referral readiness is made of (MODEL.md §5.4): credibility C, reliability R and
/// intimacy I in [0, 1], and the owner's self-orientation S toward the contact.
public struct TrustParts: Sendable, Hashable {
    public var credibility: Double
    public var reliability: Double
    public var intimacy: Double
    public var selfOrientation: Double

    public init(credibility: Double = 0, reliability: Double = 0, intimacy: Double = 0, selfOrientation: Double = 0) {
        self.credibility = credibility
        self.reliability = reliability
        self.intimacy = intimacy
        self.selfOrientation = selfOrientation
    }
}

/// One weighted part's share of readiness before self-orientation, `w·x / W`: a line of the
/// readiness ledger.
public struct TrustShare: Sendable, Hashable {
    /// `.credibility`, `.reliability` or `.intimacy`.
    public var part: ScoreName
    /// The part's weight w (`w_credibility`, …).
    public var weight: Double
    /// The part's value x.
    public var value: Double
    /// `w·x / W`, W the sum of the three weights.
    public var share: Double
}

extension ScoringConfig {
    /// W = w_credibility + w_reliability + w_intimacy, the trust equation's denominator weight.
    public var readinessWeightTotal: Double { wCredibility + wReliability + wIntimacy }
}

extension PersonScore {
    /// The parts the person's readiness was computed from.
    public var trustParts: TrustParts {
        TrustParts(
            credibility: credibility, reliability: reliability, intimacy: intimacy, selfOrientation: selfOrientation)
    }
}

extension Scorer {
    /// The nonzero shares `w·x / W` of credibility, reliability and intimacy, in that order
    /// (empty when W ≤ 0).
    public static func readinessShares(_ parts: TrustParts, config c: ScoringConfig) -> [TrustShare] {
        let W = c.readinessWeightTotal
        guard W > 0 else { return [] }
        var out: [TrustShare] = []
        for (part, w, x) in [
            (ScoreName.credibility, c.wCredibility, parts.credibility),
            (.reliability, c.wReliability, parts.reliability),
            (.intimacy, c.wIntimacy, parts.intimacy),
        ] where w * x != 0 {
            out.append(TrustShare(part: part, weight: w, value: x, share: w * x / W))
        }
        return out
    }

    /// Referral readiness from its parts, the bounded trust equation (MODEL.md §5.4):
    /// `RR = (w_C·C + w_R·R + w_I·I) / (W · (1 + κ·S))`, 0 when W ≤ 0. Without self-orientation
    /// it is the sum of ``readinessShares(_:config:)``, so the ledger adds up exactly. The one
    /// place the equation is written: the scorer, the alerts and the report all call it.
    ///
    /// ```
    /// Scorer.readiness(book.people[i].trustParts, config: config) == book.people[i].readiness
    /// ```
    public static func readiness(_ parts: TrustParts, config c: ScoringConfig) -> Double {
        let W = c.readinessWeightTotal
        guard W > 0 else { return 0 }
        if parts.selfOrientation > 0 {
            let numer =
                c.wCredibility * parts.credibility + c.wReliability * parts.reliability + c.wIntimacy * parts.intimacy
            return numer / (W * (1 + c.kappa * parts.selfOrientation))
        }
        return readinessShares(parts, config: c).reduce(0) { $0 + $1.share }
    }

    /// Reliability had owed replies of total weight `replies` been answered: each owed reply
    /// multiplied it by `rotFactor^weight` (`rotFactor` at least 0.01 here), capped at 1.
    public static func reliability(_ reliability: Double, answering replies: Double, config: ScoringConfig) -> Double {
        min(1, reliability / pow(max(0.01, config.rotFactor), replies))
    }

    /// ``reliability(_:answering:config:)`` for a whole number of owed replies of full weight.
    public static func reliability(_ reliability: Double, answering replies: Int, config: ScoringConfig) -> Double {
        Self.reliability(reliability, answering: Double(replies), config: config)
    }

    /// ``readinessRegained(answering:_:config:)`` for a whole number of owed replies of full weight.
    public static func readinessRegained(answering replies: Int, _ score: PersonScore, config: ScoringConfig)
        -> Double
    {
        readinessRegained(answering: Double(replies), score, config: config)
    }

    /// What answering owed replies of total weight `replies` (``ContactConversation/owedWeight``)
    /// would give back: the readiness with the answered replies' reliability minus the readiness
    /// now (positive = readiness the silence costs).
    public static func readinessRegained(answering replies: Double, _ score: PersonScore, config: ScoringConfig)
        -> Double
    {
        let now = score.trustParts
        var answered = now
        answered.reliability = reliability(now.reliability, answering: replies, config: config)
        return readiness(answered, config: config) - readiness(now, config: config)
    }
}
