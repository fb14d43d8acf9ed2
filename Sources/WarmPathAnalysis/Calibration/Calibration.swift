import Foundation
import WarmPathSupport
import WarmPathModel

/// One rated person, ready to fit: the strength model read from their ledger and the ratings.
public struct RatedPerson: Sendable, Hashable {
    /// Stable id: orders the people and assigns the cross-validation folds.
    public var id: String
    public var model: LinearLogit
    public var yourStrength: Double?
    public var wouldIntroduce: Bool?

    public init(id: String, model: LinearLogit, yourStrength: Double?, wouldIntroduce: Bool?) {
        self.id = id
        self.model = model
        self.yourStrength = yourStrength
        self.wouldIntroduce = wouldIntroduce
    }

    /// A 0–4 rating is the target `rating / 4`, a yes/no answer 1 or 0: one observation each.
    var observations: [FitObservation] {
        var out: [FitObservation] = []
        if let s = yourStrength { out.append(FitObservation(model: model, target: s / 4)) }
        if let w = wouldIntroduce { out.append(FitObservation(model: model, target: w ? 1 : 0)) }
        return out
    }
}

/// One weight before and after calibration.
public struct FittedWeight: Sendable, Hashable {
    public var key: String
    public var before: Double
    public var after: Double
}

/// Cross-validated error of one set of weights.
public struct CalibrationMetrics: Sendable, Hashable {
    /// Mean absolute error: on the 0–4 scale against `your_strength` when there are such ratings,
    /// else on the 0–1 scale against `would_introduce`.
    public var mae: Double
    /// Area under the ROC curve of the strength for `would_introduce` (or, without yes/no
    /// answers with both values, for `your_strength ≥ 2`); nil when there is no such split.
    public var auc: Double?
}

/// What `warmpath calibrate` computed.
public struct CalibrationResult: Sendable, Hashable {
    public var weights: [FittedWeight]
    /// Cross-validated metrics of the weights before calibration and of the fitted ones.
    public var before: CalibrationMetrics
    public var after: CalibrationMetrics
    public var people: Int
    public var strengthRatings: Int
    public var introduceRatings: Int
    public var folds: Int
    public var lambda: Double
    /// "your_strength, 0–4 scale" or "would_introduce, 0–1 scale".
    public var maeScale: String
    /// "would_introduce" or "your_strength ≥ 2" or "none".
    public var aucTarget: String

    /// The base configuration with the fitted weights.
    public func apply(to base: ScoringConfig) -> ScoringConfig {
        var c = base
        for w in weights { c.set(key: w.key, to: w.after) }
        return c
    }
}

/// Learns the strength weights from the user's ratings (issue 20): an L2-regularised logistic fit
/// of one multiplier per weight on the ledger's log-odds terms (``StrengthTerms``,
/// ``LogisticFit``), with k-fold cross-validation of the error before and after.
///
/// ```
/// let r = try Calibration.run(rated, weights: keys, base: .default)
/// r.before.mae, r.after.mae   // cross-validated
/// let tuned = r.apply(to: .default)
/// ```
public enum Calibration {
    /// Fewest rated people accepted.
    public static let minimumRatings = 20
    public static let defaultFolds = 5
    public static let defaultLambda = 1.0
    static let foldSeed = "warmpath-calibrate/1:"
    static let strengthScale = "your_strength, 0–4 scale"

    /// Fits and cross-validates. `file` names the ratings in errors.
    /// - Throws: ``RatingsError`` with fewer than ``minimumRatings`` people or no variance.
    public static func run(
        _ people: [RatedPerson], weights: [String], base: ScoringConfig, folds: Int = defaultFolds,
        lambda: Double = defaultLambda, file: String = "ratings"
    ) throws -> CalibrationResult {
        let rated = people.filter { $0.yourStrength != nil || $0.wouldIntroduce != nil }
        guard rated.count >= minimumRatings else {
            throw RatingsError.tooFew(file: file, usable: rated.count, needed: minimumRatings)
        }
        let strengths = Set(rated.compactMap(\.yourStrength))
        let answers = Set(rated.compactMap(\.wouldIntroduce))
        if strengths.count <= 1 && answers.count <= 1 {
            let v = [
                strengths.first.map { "your_strength \(Format.fixed($0, 0))" },
                answers.first.map { "would_introduce \($0 ? "yes" : "no")" },
            ]
            .compactMap { $0 }.joined(separator: " and ")
            throw RatingsError.noVariance(file: file, value: v)
        }
        // Folds: people ordered by a seeded hash of their id, dealt round-robin.
        let order = rated.sorted {
            let a = StableHash.fnv1a(foldSeed + $0.id)
            let b = StableHash.fnv1a(foldSeed + $1.id)
            return a != b ? a < b : $0.id < $1.id
        }
        let k = max(2, min(folds, order.count))
        let d = weights.count
        let ones = [Double](repeating: 1, count: d)
        var predicted = [Double](repeating: 0, count: order.count)
        for f in 0..<k {
            let train = order.indices.filter { $0 % k != f }.flatMap { order[$0].observations }
            let m = LogisticFit.fit(train, dimensions: d, lambda: lambda)
            for i in order.indices where i % k == f { predicted[i] = order[i].model.probability(m) }
        }
        let defaults = order.map { $0.model.probability(ones) }
        let (maeScale, aucTarget) = targets(order)
        let m = LogisticFit.fit(order.flatMap(\.observations), dimensions: d, lambda: lambda)
        let fitted = weights.enumerated().map { j, key -> FittedWeight in
            let before = base.value(ofKey: key) ?? 0
            return FittedWeight(key: key, before: before, after: before * m[j])
        }
        return CalibrationResult(
            weights: fitted, before: metrics(order, defaults), after: metrics(order, predicted), people: order.count,
            strengthRatings: order.filter { $0.yourStrength != nil }.count,
            introduceRatings: order.filter { $0.wouldIntroduce != nil }.count, folds: k, lambda: lambda,
            maeScale: maeScale, aucTarget: aucTarget)
    }

    static func targets(_ people: [RatedPerson]) -> (String, String) {
        let mae = people.contains { $0.yourStrength != nil } ? strengthScale : "would_introduce, 0–1 scale"
        let answers = Set(people.compactMap(\.wouldIntroduce))
        let strong = Set(people.compactMap { $0.yourStrength.map { $0 >= 2 } })
        let auc = answers.count == 2 ? "would_introduce" : strong.count == 2 ? "your_strength ≥ 2" : "none"
        return (mae, auc)
    }

    /// MAE and AUC of the predicted probabilities `p` (one per person, in `people` order).
    public static func metrics(_ people: [RatedPerson], _ p: [Double]) -> CalibrationMetrics {
        let (maeScale, aucTarget) = targets(people)
        var errors: [Double] = []
        for (i, r) in people.enumerated() {
            if maeScale == strengthScale {
                if let s = r.yourStrength { errors.append(abs(4 * p[i] - s)) }
            } else if let w = r.wouldIntroduce {
                errors.append(abs(p[i] - (w ? 1 : 0)))
            }
        }
        let mae = errors.isEmpty ? 0 : errors.reduce(0, +) / Double(errors.count)
        var scored: [(Double, Bool)] = []
        for (i, r) in people.enumerated() {
            if aucTarget == "would_introduce", let w = r.wouldIntroduce { scored.append((p[i], w)) }
            if aucTarget != "would_introduce", let s = r.yourStrength { scored.append((p[i], s >= 2)) }
        }
        return CalibrationMetrics(mae: mae, auc: aucTarget == "none" ? nil : auc(scored))
    }

    /// Area under the ROC curve (Mann–Whitney, ties count one half); nil without both classes.
    public static func auc(_ scored: [(score: Double, positive: Bool)]) -> Double? {
        let pos = scored.filter(\.positive).count
        let neg = scored.count - pos
        guard pos > 0, neg > 0 else { return nil }
        let sorted = scored.sorted { $0.score < $1.score }
        var rankSum = 0.0
        var i = 0
        while i < sorted.count {
            var j = i
            while j + 1 < sorted.count && sorted[j + 1].score == sorted[i].score { j += 1 }
            let rank = Double(i + j) / 2 + 1
            for t in i...j where sorted[t].positive { rankSum += rank }
            i = j + 1
        }
        return (rankSum - Double(pos) * Double(pos + 1) / 2) / (Double(pos) * Double(neg))
    }

    /// `metric,defaults,fitted` with rows `mae` and `auc` (empty cell when there is no AUC).
    public static func csv(_ r: CalibrationResult) -> ReportFile {
        var w = CSVWriter(header: ["metric", "defaults", "fitted"])
        w.row(["mae", Format.fixed(r.before.mae, 4), Format.fixed(r.after.mae, 4)])
        w.row(["auc", r.before.auc.map { Format.fixed($0, 4) } ?? "", r.after.auc.map { Format.fixed($0, 4) } ?? ""])
        return w.file(named: "calibration.csv")
    }

    /// A `--config` file: every key whose value differs from the defaults, the fitted weights
    /// always, with a comment giving the cross-validated error.
    public static func configYAML(_ r: CalibrationResult, base: ScoringConfig) -> String {
        let tuned = r.apply(to: base)
        let fitted = Set(r.weights.map(\.key))
        var out = "# warmpath scoring configuration fitted by `warmpath calibrate` to \(r.people) rated people.\n"
        out += "# Use it with --config. \(r.folds)-fold cross-validated MAE \(Format.fixed(r.before.mae, 3))"
        out += " -> \(Format.fixed(r.after.mae, 3)) (\(r.maeScale))"
        if let a = r.before.auc, let b = r.after.auc {
            out += ", AUC \(Format.fixed(a, 3)) -> \(Format.fixed(b, 3)) for \(r.aucTarget)"
        }
        out += ".\n"
        for key in ScoringConfig.keys {
            let v = tuned[keyPath: key.path]
            guard fitted.contains(key.name) || v != ScoringConfig.default[keyPath: key.path] else { continue }
            out += "\(key.name): \(Format.fixed(v, 6))\n"
        }
        return out
    }
}
