import Foundation
import WarmPathSupport
import WarmPathModel
import WarmPathImport

/// Weights and thresholds of probabilistic identity matching (docs/paths.md, "Identity
/// resolution"). Fellegi–Sunter: each compared field adds `log2(m/u)` when it agrees and
/// `log2((1−m)/(1−u))` when it clearly disagrees, where `m` = P(agree | same person) and
/// `u` = P(agree | different people). `u` for a value is its smoothed frequency in this network,
/// so common names weigh less (fastLink's name re-weighting idea):
/// `u(v) = (count(v) + α · prior) / (N + α)`.
public struct IdentityConfig: Sendable, Hashable {
    /// Pairs at or above this total weight (bits) merge automatically.
    public var autoMergeThreshold = 13.0
    /// Pairs at or above this weight (and below auto-merge) are written as suggestions.
    public var suggestThreshold = 7.0
    /// An auto-merge also needs the pair to beat every other candidate of either side by this many bits.
    public var ambiguityMargin = 4.0
    /// Bits a pair needs less when both people are in the networks of the same owner (two
    /// exports of one user) and come from different sources: a friend named exactly like a
    /// connection of the same user is far more likely the same person than a stranger.
    public var sameOwnerBonus = 2.0
    /// Subtracted when either side is a name-only record (Facebook, 2018 messages): a bare name
    /// could be anyone with that name.
    public var nameOnlyPenalty = 2.0
    public var mFirst = 0.9
    public var mLast = 0.95
    public var mCompany = 0.6
    public var priorFirst = 0.01
    public var priorLast = 0.002
    public var priorInitial = 0.05
    public var priorCompany = 0.005
    /// Pseudo-count α of the frequency smoothing.
    public var pseudoCount = 1000.0
    /// Jaro–Winkler at or above this counts as agreement on a first name.
    public var agreeFirst = 0.92
    /// Jaro–Winkler at or above this counts as agreement on a last name.
    public var agreeLast = 0.94
    /// Jaro–Winkler below this counts as disagreement (between the two: no weight).
    public var disagree = 0.80
    /// Blocks larger than this are skipped (counted), keeping the comparison sub-quadratic.
    public var maxBlockSize = 5000

    public init() {}
    public static let `default` = IdentityConfig()
}

/// What identity matching compares about one person (or one target row).
public struct IdentityProfile: Sendable, Hashable {
    public var parts: NameParts
    /// Normalised companies (``NameMatching/company(_:)``), sorted, without empties.
    public var companies: [String]
    public var nameOnly: Bool

    public init(parts: NameParts, companies: [String], nameOnly: Bool) {
        self.parts = parts
        self.companies = Array(Set(companies.filter { !$0.isEmpty })).sorted()
        self.nameOnly = nameOnly
    }
}

/// A scored comparison: the total weight in bits and one evidence phrase per field.
public struct MatchScore: Sendable, Hashable {
    public var score: Double
    public var evidence: [String]
    /// Either side was a name-only record.
    public var weak: Bool
}

/// Value frequencies of one network, for the `u` probabilities.
public struct NameFrequencies: Sendable {
    var first: [String: Int] = [:]
    var last: [String: Int] = [:]
    var initial: [String: Int] = [:]
    var company: [String: Int] = [:]
    var total = 0

    public init(_ profiles: [IdentityProfile]) {
        for p in profiles {
            total += 1
            if !p.parts.first.isEmpty {
                if !p.parts.firstIsInitial { first[p.parts.first, default: 0] += 1 }
                initial[p.parts.initial, default: 0] += 1
            }
            if !p.parts.last.isEmpty { last[p.parts.last, default: 0] += 1 }
            for c in p.companies { company[c, default: 0] += 1 }
        }
    }
}

/// Fellegi–Sunter scoring of two identity profiles.
public struct IdentityScorer: Sendable {
    public var config: IdentityConfig
    public var frequencies: NameFrequencies

    public init(config: IdentityConfig = .default, frequencies: NameFrequencies) {
        self.config = config
        self.frequencies = frequencies
    }

    func u(_ count: Int?, prior: Double) -> Double {
        let n = Double(frequencies.total)
        let a = config.pseudoCount
        return min(0.5, (Double(count ?? 0) + a * prior) / (n + a))
    }

    /// Scores two profiles. Examples (small network): `Marta Olsen` vs `𝐌𝐚𝐫𝐭𝐚 Olsen, PMP` ≈ +14
    /// bits; `J. Smith` at Acme vs `John Smith` at Acme ≈ +18 bits; different last names < 0.
    /// - Complexity: O(name length²).
    public func score(_ a: IdentityProfile, _ b: IdentityProfile) -> MatchScore {
        var total = 0.0
        var ev: [String] = []
        func add(_ w: Double, _ what: String) {
            total += w
            ev.append(what + " " + (w >= 0 ? "+" : "") + Format2.bits(w))
        }
        let c = config
        // Last name.
        let la = a.parts.last
        let lb = b.parts.last
        if !la.isEmpty && !lb.isEmpty {
            let jw = NameMatching.jaroWinkler(la, lb)
            let uL = u(max(frequencies.last[la] ?? 0, frequencies.last[lb] ?? 0), prior: c.priorLast)
            if jw >= c.agreeLast {
                add(log2(c.mLast * (jw == 1 ? 1 : 0.8) / uL), la == lb ? "last \(la)" : "last \(la)~\(lb)")
            } else if jw < c.disagree {
                add(log2((1 - c.mLast) / (1 - uL)), "last \(la)≠\(lb)")
            }
        }
        // First name or initial.
        let fa = a.parts.first
        let fb = b.parts.first
        if !fa.isEmpty && !fb.isEmpty {
            if a.parts.firstIsInitial || b.parts.firstIsInitial {
                let uI = u(frequencies.initial[a.parts.initial], prior: c.priorInitial)
                if a.parts.initial == b.parts.initial {
                    add(log2(c.mFirst / uI), "initial \(a.parts.initial)")
                } else {
                    add(log2((1 - c.mFirst) / (1 - uI)), "initial \(a.parts.initial)≠\(b.parts.initial)")
                }
            } else {
                let jw = NameMatching.jaroWinkler(fa, fb)
                let uF = u(max(frequencies.first[fa] ?? 0, frequencies.first[fb] ?? 0), prior: c.priorFirst)
                if jw >= c.agreeFirst {
                    add(log2(c.mFirst * (jw == 1 ? 1 : 0.8) / uF), fa == fb ? "first \(fa)" : "first \(fa)~\(fb)")
                } else if jw < c.disagree {
                    add(log2((1 - c.mFirst) / (1 - uF)), "first \(fa)≠\(fb)")
                }
            }
        }
        // Company.
        if !a.companies.isEmpty && !b.companies.isEmpty {
            if let same = a.companies.first(where: { b.companies.contains($0) }) {
                let uC = u(frequencies.company[same], prior: c.priorCompany)
                add(log2(c.mCompany / uC), "company \(same)")
            } else {
                let uC = u(nil, prior: c.priorCompany)
                add(log2((1 - c.mCompany) / (1 - uC)), "company differs")
            }
        }
        let weak = a.nameOnly || b.nameOnly
        if weak { add(-c.nameOnlyPenalty, "name-only record (weak)") }
        return MatchScore(score: total, evidence: ev, weak: weak)
    }
}

package enum Format2 {
    /// One decimal, `-0.0` printed as `0.0` (``Format/fixed(_:_:)``: `String(format:)` is slow
    /// here and this runs for every compared pair).
    package static func bits(_ v: Double) -> String { Format.fixed(v, 1) }

    /// Probability with 4 decimals.
    package static func prob(_ v: Double) -> String {
        let s = String(format: "%.4f", v)
        return s == "-0.0000" ? "0.0000" : s
    }
}
