import Foundation

/// One observation for ``LogisticFit``: a linear logit and a target probability in [0, 1]
/// (1 or 0 for a yes/no answer, `rating / 4` for a 0–4 strength rating).
public struct FitObservation: Sendable, Hashable {
    public var model: LinearLogit
    public var target: Double

    public init(model: LinearLogit, target: Double) {
        self.model = model
        self.target = target
    }
}

/// L2-regularised logistic regression of weight multipliers, by Newton's method.
///
/// Minimises `Σ_i CE(y_i, σ(offset_i + Σ_k m_k x_ik)) + (λ/2) Σ_k (m_k − 1)²`, where CE is the
/// binary cross-entropy; fractional targets make it a quasi-binomial (fractional logit) fit, which
/// is how a 0–4 rating is fitted on the same logit as a yes/no answer. The penalty pulls every
/// multiplier towards 1 (the configuration the features were read at), so a weight no rating
/// says anything about keeps its value. The problem is strictly convex for λ > 0.
///
/// ```
/// let m = LogisticFit.fit(observations, dimensions: 9, lambda: 1)
/// ```
public enum LogisticFit {
    @inline(__always)
    public static func sigmoid(_ z: Double) -> Double {
        z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z))
    }

    /// The penalised loss at `m`.
    public static func loss(_ obs: [FitObservation], _ m: [Double], lambda: Double) -> Double {
        var total = 0.0
        for o in obs {
            let z = o.model.logit(m)
            // CE(y, σ(z)) = log(1 + e^z) − y·z, computed without overflow.
            total += (z > 0 ? z + log1p(exp(-z)) : log1p(exp(z))) - o.target * z
        }
        for v in m { total += lambda / 2 * (v - 1) * (v - 1) }
        return total
    }

    /// The multipliers that minimise ``loss(_:_:lambda:)``, starting from all ones.
    /// - Complexity: O(iterations · (n·d² + d³)) for n observations and d weights.
    public static func fit(_ obs: [FitObservation], dimensions d: Int, lambda: Double, maxIterations: Int = 50)
        -> [Double]
    {
        var m = [Double](repeating: 1, count: d)
        guard d > 0, lambda > 0 else { return m }
        var current = loss(obs, m, lambda: lambda)
        for _ in 0..<maxIterations {
            var g = [Double](repeating: 0, count: d)
            var h = [Double](repeating: 0, count: d * d)
            for o in obs {
                let p = o.model.probability(m)
                let r = p - o.target
                let w = p * (1 - p)
                let x = o.model.x
                for a in 0..<d where x[a] != 0 {
                    g[a] += r * x[a]
                    for b in a..<d where x[b] != 0 { h[a * d + b] += w * x[a] * x[b] }
                }
            }
            for a in 0..<d {
                g[a] += lambda * (m[a] - 1)
                h[a * d + a] += lambda
                for b in 0..<a { h[a * d + b] = h[b * d + a] }
            }
            guard let step = solve(h, g, d) else { break }
            // Damped Newton: halve the step until the loss goes down.
            var t = 1.0
            var next = m
            var nextLoss = current
            while t > 1e-6 {
                next = zip(m, step).map { $0 - t * $1 }
                nextLoss = loss(obs, next, lambda: lambda)
                if nextLoss <= current { break }
                t /= 2
            }
            if nextLoss > current { break }
            let moved = zip(m, next).map { abs($0 - $1) }.max() ?? 0
            m = next
            let improved = current - nextLoss
            current = nextLoss
            if moved < 1e-9 || improved < 1e-12 { break }
        }
        return m
    }

    /// Solves `A x = b` for a symmetric positive definite `A` (row-major, d × d) by Cholesky;
    /// nil when `A` is not positive definite.
    static func solve(_ a: [Double], _ b: [Double], _ d: Int) -> [Double]? {
        var l = [Double](repeating: 0, count: d * d)
        for i in 0..<d {
            for j in 0...i {
                var s = a[i * d + j]
                for k in 0..<j { s -= l[i * d + k] * l[j * d + k] }
                if i == j {
                    guard s > 0 else { return nil }
                    l[i * d + i] = s.squareRoot()
                } else {
                    l[i * d + j] = s / l[j * d + j]
                }
            }
        }
        var y = [Double](repeating: 0, count: d)
        for i in 0..<d {
            var s = b[i]
            for k in 0..<i { s -= l[i * d + k] * y[k] }
            y[i] = s / l[i * d + i]
        }
        var x = [Double](repeating: 0, count: d)
        for i in stride(from: d - 1, through: 0, by: -1) {
            var s = y[i]
            for k in (i + 1)..<d { s -= l[k * d + i] * x[k] }
            x[i] = s / l[i * d + i]
        }
        return x
    }
}
