import WarmPathSupport
import WarmPathModel
import WarmPathImport

/// Which score a ledger entry explains.
public enum ScoreName: String, Sendable, Hashable, Codable, CaseIterable {
    case strength
    case readiness
    case credibility
    case reliability
    case intimacy
    case selfOrientation = "self_orientation"
}

/// One named, signed contribution to a score, pointing at its evidence.
///
/// Scores are sums of contributions on a log-odds scale followed by a sigmoid (strength), or
/// bounded sums (the trust-equation parts); `contribution` is on the scale of that score's sum,
/// so the entries of one score add up exactly to its pre-sigmoid value.
public struct LedgerEntry: Sendable, Hashable, Codable {
    public var score: ScoreName
    /// Short term name, for example `activity`, `reciprocity`, `owed_replies`.
    public var term: String
    public var contribution: Double
    /// Human sentence: "three 1:1 messages in the last 30 days".
    public var note: String
    /// The rows behind it (source, file, line), at most a few shown.
    public var evidence: [Provenance]

    public init(score: ScoreName, term: String, contribution: Double, note: String, evidence: [Provenance] = []) {
        self.score = score
        self.term = term
        self.contribution = contribution
        self.note = note
        self.evidence = evidence
    }
}

/// A person's scores as seen from one owner.
public struct PersonScore: Sendable, Hashable, Codable {
    public var strength: Double
    public var readiness: Double
    public var credibility: Double
    public var reliability: Double
    public var intimacy: Double
    public var selfOrientation: Double
    /// Inbound 1:1 messages the owner has not answered (past the configured delay), one per thread.
    public var owedReplies: Int
    public var ledger: [LedgerEntry]
    /// The strength before the sigmoid (log-odds): the sum of the `strength` ledger entries.
    public var logit: Double
    /// Whether the person shares any evidence with the owner (unscored people are all zeros).
    public var scored: Bool
    /// Distinct evidence rows (events) behind the scores.
    public var evidenceCount: Int
    /// A graph file gives distrust (an edge with weight ≤ 0) between the owner and this person:
    /// a red flag, readiness 0, never an introduction hop.
    public var distrust: Bool
    /// The strength at the last two-way exchange (the `silence` term at full recency); equal to
    /// `strength` without an exchange. Dormancy alerts compare this with their threshold, since
    /// silence itself lowers `strength`.
    public var strengthAtLastExchange: Double = 0

    /// The strength terms that come from something the two did together or said of each other
    /// (messages, meetings, an invitation note, endorsements, recommendations, reactions, one-way
    /// traffic, trust or distrust in a graph file), as opposed to the connection itself, its age,
    /// shared employers or schools and mutual contacts.
    public static let interactionTerms: Set<String> = [
        "activity_messages_1to1", "activity_messages_group", "activity_invitation_note", "activity_endorsements",
        "activity_recommendations", "activity_reactions", "no_exchange", "explicit_trust", "distrust",
        "meeting_1to1", "meeting_small", "meeting_large",
    ]

    /// False when a scored person's strength rests only on the connection, its age, shared
    /// employers or schools and mutual contacts: a prior, not a measurement. The report then says
    /// "no interaction evidence" instead of a precise-looking number. True for unscored people
    /// (they show "—" instead).
    public var hasInteractionEvidence: Bool {
        !scored || ledger.contains { $0.score == .strength && Self.interactionTerms.contains($0.term) }
    }

    public init(
        strength: Double = 0, readiness: Double = 0, credibility: Double = 0, reliability: Double = 0,
        intimacy: Double = 0, selfOrientation: Double = 0, owedReplies: Int = 0, ledger: [LedgerEntry] = [],
        logit: Double = 0, scored: Bool = false, evidenceCount: Int = 0, distrust: Bool = false
    ) {
        self.distrust = distrust
        self.strength = strength
        self.readiness = readiness
        self.credibility = credibility
        self.reliability = reliability
        self.intimacy = intimacy
        self.selfOrientation = selfOrientation
        self.owedReplies = owedReplies
        self.ledger = ledger
        self.logit = logit
        self.scored = scored
        self.evidenceCount = evidenceCount
        self.strengthAtLastExchange = strength
    }

    /// The ledger entries of one score, in order.
    public func entries(_ score: ScoreName) -> [LedgerEntry] { ledger.filter { $0.score == score } }

    /// The value the entries of `score` must add up to: the logit for strength, else the part.
    public func target(_ score: ScoreName) -> Double {
        switch score {
        case .strength: logit
        case .readiness: readiness
        case .credibility: credibility
        case .reliability: reliability
        case .intimacy: intimacy
        case .selfOrientation: selfOrientation
        }
    }
}

/// Strength of the tie between two people (a < b), for contact-to-contact path edges.
public struct PairStrength: Sendable, Hashable, Codable {
    public var a: Int32
    public var b: Int32
    public var strength: Double

    public init(a: Int32, b: Int32, strength: Double) {
        self.a = min(a, b)
        self.b = max(a, b)
        self.strength = strength
    }
}

/// One endorsement or recommendation and what it is worth (MODEL.md §5.5).
public struct EndorsementScore: Sendable, Hashable, Codable {
    public var endorser: Int32
    public var endorsee: Int32
    public var skill: String
    /// `endorsement` or `recommendation`.
    public var kind: String
    public var time: Double?
    public var strength: Double
    /// The endorser's tie to the endorsee used for this weight.
    public var tie: Double
    /// Burst / swap / not-accepted penalty in [0,1] (0 = none).
    public var penalty: Double
    public var provenance: Provenance
    /// Why a penalty applies (burst, swap, not accepted).
    public var penaltyReasons: EndorsementPenalty
    /// Base weight (recommendation: × text specificity).
    public var base: Double
    /// cred(c, k): the endorser worked with the endorsee / their title matches the skill.
    public var credibility: Double
    /// Age decay (half-life 3 years by default).
    public var decay: Double

    public init(
        endorser: Int32, endorsee: Int32, skill: String, kind: String, time: Double?, strength: Double, tie: Double,
        penalty: Double, provenance: Provenance, penaltyReasons: EndorsementPenalty = [], base: Double = 0,
        credibility: Double = 0, decay: Double = 0
    ) {
        self.endorser = endorser
        self.endorsee = endorsee
        self.skill = skill
        self.kind = kind
        self.time = time
        self.strength = strength
        self.tie = tie
        self.penalty = penalty
        self.provenance = provenance
        self.penaltyReasons = penaltyReasons
        self.base = base
        self.credibility = credibility
        self.decay = decay
    }
}

/// Why an endorsement's weight was cut (MODEL.md §5.5 self-orientation / quid pro quo).
public struct EndorsementPenalty: OptionSet, Sendable, Hashable, Codable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// Same endorser, ≥ 3 skills the same day: counted as one act (each 1/n).
    public static let burst = EndorsementPenalty(rawValue: 1 << 0)
    /// Returned within 14 days of one given by the endorsee.
    public static let swap = EndorsementPenalty(rawValue: 1 << 1)
    /// Hidden, pending or rejected.
    public static let notAccepted = EndorsementPenalty(rawValue: 1 << 2)

    /// `burst;swap` as written in CSVs.
    public var label: String {
        var parts: [String] = []
        if contains(.burst) { parts.append("burst") }
        if contains(.swap) { parts.append("swap") }
        if contains(.notAccepted) { parts.append("not_accepted") }
        return parts.joined(separator: ";")
    }
}

/// A skill's strength: noisy-OR over its endorsers.
public struct SkillScore: Sendable, Hashable, Codable {
    public var endorsee: Int32
    public var skill: String
    public var strength: Double
    public var endorsers: Int
    /// Endorsers by contribution, strongest first.
    public var topEndorsers: [Int32]

    public init(endorsee: Int32, skill: String, strength: Double, endorsers: Int, topEndorsers: [Int32]) {
        self.endorsee = endorsee
        self.skill = skill
        self.strength = strength
        self.endorsers = endorsers
        self.topEndorsers = topEndorsers
    }
}

/// A person whose ledger does not add up to their score.
public struct LedgerMismatch: Sendable, Hashable {
    public var person: Int32
    public var score: ScoreName
    public var ledgerSum: Double
    public var value: Double
}

/// Every score of a run, from one owner's point of view.
public struct ScoreBook: Sendable {
    public var owner: Int32
    public var asOf: Double
    /// Indexed by person index; the owner's own entry is all zeros.
    public var people: [PersonScore]
    /// Strength of every pair of people with shared evidence (both directions folded).
    public var pairs: [PairStrength]
    public var endorsements: [EndorsementScore]
    public var skills: [SkillScore]
    /// Pairs with a distrust edge (graph weight ≤ 0) and their (penalised) strength. They are not
    /// in ``pairs``, so no path goes through them.
    public var distrustPairs: [PairStrength]

    public init(
        owner: Int32, asOf: Double, people: [PersonScore], pairs: [PairStrength] = [],
        endorsements: [EndorsementScore] = [], skills: [SkillScore] = [], distrustPairs: [PairStrength] = []
    ) {
        self.distrustPairs = distrustPairs
        self.owner = owner
        self.asOf = asOf
        self.people = people
        self.pairs = pairs
        self.endorsements = endorsements
        self.skills = skills
    }
}

extension ScoreBook {
    /// Checks that every scored person's ledger adds up exactly (within `tolerance`) to each of
    /// their scores (the logit for strength), and that unscored people have no ledger and zero
    /// scores. Returns every mismatch (empty = all ledgers faithful).
    /// - Complexity: O(total ledger entries).
    public func ledgerMismatches(tolerance: Double = 1e-9) -> [LedgerMismatch] {
        var out: [LedgerMismatch] = []
        for (i, p) in people.enumerated() {
            var sums = [ScoreName: Double]()
            for e in p.ledger { sums[e.score, default: 0] += e.contribution }
            for name in ScoreName.allCases {
                let sum = sums[name] ?? 0
                let value = p.target(name)
                if !p.scored, p.ledger.isEmpty, value == 0, p.strength == 0 { continue }
                if abs(sum - value) > tolerance || (p.scored && name == .strength && (sums[name] == nil)) {
                    out.append(LedgerMismatch(person: Int32(i), score: name, ledgerSum: sum, value: value))
                }
            }
        }
        return out
    }

    /// The pair strength between two people, if scored.
    public func pairStrength(_ a: Int32, _ b: Int32) -> Double? {
        let lo = min(a, b)
        let hi = max(a, b)
        var l = 0
        var h = pairs.count
        while l < h {
            let m = (l + h) / 2
            if (pairs[m].a, pairs[m].b) < (lo, hi) { l = m + 1 } else { h = m }
        }
        return l < pairs.count && pairs[l].a == lo && pairs[l].b == hi ? pairs[l].strength : nil
    }
}
