import WarmPathSupport
import WarmPathModel

/// The strength score as a linear model over its own weights, read from the explain ledger.
///
/// The strength is `σ(Σ contributions)`, and every ledger term is its weight times a feature
/// (`w_silence · 2^(−days/half-life) · gate`, `w_no_exchange · 1`, `w_distrust · (0.5 + 0.5·|w|)`,
/// `w_activity · ln(1 + A/scale)` split over the activity kinds, the intercept times 1, …). So at the configuration `base` the feature of weight `k` is the sum of
/// the contributions of its terms divided by `base[k]`, and a multiplier `m_k` on the weight gives
/// the logit `offset + Σ m_k · x_k` with `x_k` the contributions themselves. Nothing here lists the
/// terms: a term maps to the weight named `w_<term>` when the configuration has one (plus the two
/// shared ones below), so a term added to the scorer is calibrated as soon as its weight exists.
/// A term without a weight stays a fixed offset, and a person whose strength is pinned by an
/// explicit trust value from a graph file has no features at all (the weights cannot move it).
///
/// ```
/// let model = StrengthTerms.model(of: book.people[i], weights: keys, config: c)
/// // σ(model.logit(multipliers: all ones)) == book.people[i].strength
/// ```
public enum StrengthTerms {
    /// The ledger term whose contribution replaces the others (explicit trust from a graph file).
    public static let pinningTerm = "explicit_trust"

    /// The configuration key of the weight that scales `term` of the strength ledger, or nil
    /// when the term has none (it is then a fixed offset).
    public static func weightKey(forTerm term: String) -> String? {
        // Terms of earlier versions (`reciprocity`, `responsiveness`) have no key any more and
        // stay offsets if an old ledger is read.
        if term == "prior" { return "strength_intercept" }
        if term.hasPrefix("activity_") || term == "activity" { return "w_activity" }
        if term.hasPrefix("meeting_") { return "w_meetings" }
        if term == pinningTerm { return nil }
        let name = "w_" + term
        return ScoringConfig.keyNames.contains(name) ? name : nil
    }

    /// The weight keys that some of `people`'s strength ledgers use and whose value in `config`
    /// is not zero (a zero weight has no feature to read), in `warmpath config --defaults` order.
    public static func fittableWeights(_ people: [PersonScore], config: ScoringConfig) -> [String] {
        var used = Set<String>()
        for p in people {
            for e in p.ledger where e.score == .strength {
                if let k = weightKey(forTerm: e.term) { used.insert(k) }
            }
        }
        return ScoringConfig.keys.filter { used.contains($0.name) && config[keyPath: $0.path] != 0 }.map(\.name)
    }

    /// One person's strength as `offset + Σ m_k · x[k]` over `weights`.
    public static func model(of person: PersonScore, weights: [String]) -> LinearLogit {
        var x = [Double](repeating: 0, count: weights.count)
        let entries = person.ledger.filter { $0.score == .strength }
        if entries.contains(where: { $0.term == pinningTerm }) {
            return LinearLogit(x: x, offset: person.logit)
        }
        let index = Dictionary(uniqueKeysWithValues: weights.enumerated().map { ($0.element, $0.offset) })
        var offset = 0.0
        for e in entries {
            if let k = weightKey(forTerm: e.term), let j = index[k] {
                x[j] += e.contribution
            } else {
                offset += e.contribution
            }
        }
        return LinearLogit(x: x, offset: offset)
    }
}

/// A logit that is linear in weight multipliers: `offset + Σ m_k · x[k]`.
public struct LinearLogit: Sendable, Hashable {
    /// Contribution of each weight at multiplier 1.
    public var x: [Double]
    /// Contributions no weight scales.
    public var offset: Double

    public init(x: [Double], offset: Double) {
        self.x = x
        self.offset = offset
    }

    public func logit(_ multipliers: [Double]) -> Double {
        var z = offset
        for k in x.indices { z += multipliers[k] * x[k] }
        return z
    }

    public func probability(_ multipliers: [Double]) -> Double { LogisticFit.sigmoid(logit(multipliers)) }
}

extension ScoringConfig {
    /// The names of ``keys``.
    public static let keyNames: Set<String> = Set(keys.map(\.name))

    /// The value of the key named `name`, or nil when there is no such key.
    public func value(ofKey name: String) -> Double? {
        ScoringConfig.keys.first { $0.name == name }.map { self[keyPath: $0.path] }
    }

    /// Sets the key named `name`; false when there is no such key.
    @discardableResult
    public mutating func set(key name: String, to value: Double) -> Bool {
        guard let k = ScoringConfig.keys.first(where: { $0.name == name }) else { return false }
        self[keyPath: k.path] = value
        return true
    }
}
