import Foundation
import WarmPathSupport
import WarmPathModel
import WarmPathImport

/// How an edge weight becomes a path cost.
public enum CostTransform: String, Sendable, Hashable, CaseIterable {
    /// `0.0 - ln(w)`: the cost of a trust probability (products become sums). `w` must be in (0, 1];
    /// `w = 1` costs exactly `+0.0` (never `-0.0`), `w ≤ 0` is not an edge.
    case neglog
    /// `1 / w` for `w > 0` (a strength becomes a distance).
    case inverse
    /// `w` itself for `w ≥ 0`.
    case none

    /// Whether weight `w` has a cost under this transform: neglog needs `w` in (0, 1], inverse
    /// `w > 0`, none `w ≥ 0`; NaN and infinite weights never fit.
    @inlinable
    public func fits(_ w: Double) -> Bool {
        guard w.isFinite else { return false }
        switch self {
        case .neglog: return w > 0 && w <= 1
        case .inverse: return w > 0
        case .none: return w >= 0
        }
    }

    /// What the transform needs, in words (`weights in (0, 1]`).
    public var needs: String {
        switch self {
        case .neglog: "weights in (0, 1]"
        case .inverse: "weights above 0"
        case .none: "weights of 0 or more"
        }
    }

    /// The cost of weight `w`; +∞ when the edge cannot be used.
    @inlinable
    public func cost(_ w: Double) -> Double {
        switch self {
        case .neglog: return w > 0 ? 0.0 - log(w) : .infinity
        case .inverse: return w > 0 ? 1.0 / w : .infinity
        case .none: return w >= 0 ? w : .infinity
        }
    }
}

/// Per-slot cost arrays for a ``CSRGraph`` built from a ``GraphDocument``.
public enum EdgeCosts {
    /// Costs for every CSR slot from the document's exact `Double` weights (or an edge attribute).
    ///
    /// - Parameters:
    ///   - attribute: nil or `weight` → ``GraphDocument/edgeWeights``; otherwise the numeric edge
    ///     attribute of that name.
    ///   - missing: the weight used for edges without one (1.0: cost 0 with `neglog`).
    /// - Returns: nil when the attribute does not exist.
    /// - Complexity: O(E).
    public static func costs(
        csr: CSRGraph, document: GraphDocument, attribute: String? = nil, transform: CostTransform,
        missing: Double = 1.0
    ) -> [Double]? {
        fill(csr: csr, document: document, attribute: attribute, transform: transform, missing: missing)?.costs
    }

    /// Edges whose weight does not fit `transform` (see ``CostTransform/fits(_:)``).
    public struct Unfit: Error, Sendable, Hashable {
        /// How many edges of the document.
        public var count: Int
        /// The first such edge (document index) and its weight.
        public var firstEdge: Int
        public var firstWeight: Double
        /// How many of them have the weight NaN written in the file (``EdgeWeight/notANumber``),
        /// which no transform fits, and the first of those.
        public var notANumber: Int = 0
        public var firstNotANumber: Int = -1
    }

    /// The weight of every document edge as ``costs(csr:document:attribute:transform:missing:)``
    /// reads it: `missing` where an edge has none or its weight is not a number
    /// (``EdgeWeight/isMissing(_:)``); NaN written in the file stays ``EdgeWeight/notANumber``,
    /// never `missing`. Nil when the attribute does not exist.
    /// - Complexity: O(E).
    public static func weights(document: GraphDocument, attribute: String? = nil, missing: Double = 1.0) -> [Double]? {
        document.storedWeights(attribute: attribute).map { $0.map { EdgeWeight.isMissing($0) ? missing : $0 } }
    }

    /// The edges whose weight `transform` cannot turn into a cost; nil when every edge fits.
    /// - Complexity: O(E).
    public static func unfit(_ weights: [Double], transform: CostTransform) -> Unfit? {
        var count = 0
        var first = -1
        var nan = 0
        var firstNaN = -1
        for (e, w) in weights.enumerated() where !transform.fits(w) {
            if first < 0 { first = e }
            count += 1
            if EdgeWeight.isNotANumber(w) {
                if firstNaN < 0 { firstNaN = e }
                nan += 1
            }
        }
        return first < 0
            ? nil
            : Unfit(
                count: count, firstEdge: first, firstWeight: weights[first], notANumber: nan,
                firstNotANumber: firstNaN)
    }

    /// Costs for every CSR slot, checking on the way that every weight fits `transform`: one
    /// pass over the slots on both cores (the logarithm is most of the work).
    /// - Parameters:
    ///   - attribute: as in ``weights(document:attribute:missing:)``.
    /// - Returns: the costs, or the edges whose weight does not fit (``unfit(_:transform:)``);
    ///   nil when the attribute does not exist or `csr` has no ``CSRGraph/edgeIndex``.
    /// - Complexity: O(E).
    public static func checkedCosts(
        csr: CSRGraph, document: GraphDocument, attribute: String?, transform: CostTransform, missing: Double = 1.0
    ) -> Result<[Double], Unfit>? {
        guard
            let filled = fill(
                csr: csr, document: document, attribute: attribute, transform: transform, missing: missing)
        else { return nil }
        if filled.allFit { return .success(filled.costs) }
        let all = filled.weights.map { EdgeWeight.isMissing($0) ? missing : $0 }
        return .failure(unfit(all, transform: transform)!)
    }

    /// The costs of every CSR slot, the document weights they came from, and whether every weight
    /// fits `transform`: one pass over the slots, cut into one part per worker (the logarithm is
    /// most of the work). Nil when the attribute does not exist or `csr` has no edge index.
    private static func fill(
        csr: CSRGraph, document: GraphDocument, attribute: String?, transform: CostTransform, missing: Double
    ) -> (costs: [Double], weights: [Double], allFit: Bool)? {
        guard let index = csr.edgeIndex else { return nil }
        // Stored weights (EdgeWeight): missing ones become `missing` in the loop below.
        let plain = (attribute == nil || attribute == "weight") && document.edgeAttribute("weight") == nil
        let weights: [Double]
        if plain {
            weights = document.edgeWeights ?? [Double](repeating: missing, count: document.edgeCount)
        } else {
            guard let w = document.storedWeights(attribute: attribute) else { return nil }
            weights = w
        }
        let m = index.count
        let parts = m >= 1 << 16 ? Parallel.workers() : 1
        let fits = UnsafeMutableBufferPointer<Bool>.allocate(capacity: parts)
        fits.initialize(repeating: true)
        defer { fits.deallocate() }
        // The parts write straight into the result's storage (no second 8·E-byte copy).
        // Every slot is written below; read at random by the search: huge pages (LargeArrays).
        var costs = LargeArrays.uninitialized(Double.self, count: m)
        costs.withUnsafeMutableBufferPointer { out in
            let target = SendablePointers(out: out, fits: fits)
            Parallel.run(parts) { part in
                var ok = true
                // Exports write weights with few digits, so few distinct values: a small table
                // keyed by the weight's bits remembers the last cost of each slot (a logarithm
                // saved per hit; the same function of the same bits, so the same cost).
                var memo = CostMemo(transform)
                weights.withUnsafeBufferPointer { wp in
                    index.withUnsafeBufferPointer { ip in
                        for i in Parallel.slice(m, part, of: parts) {
                            var w = wp[Int(ip[i])]
                            if EdgeWeight.isMissing(w) { w = missing }
                            ok = ok && transform.fits(w)
                            target.out[i] = memo.cost(w)
                        }
                    }
                }
                target.fits[part] = ok
            }
        }
        return (costs, weights, fits.allSatisfy { $0 })
    }

    /// ``CostTransform/cost(_:)`` through a direct-mapped table of 4,096 weights (by the bits
    /// of the weight; every slot always holds a weight and its cost).
    struct CostMemo {
        let transform: CostTransform
        var keys: [UInt64]
        var values: [Double]

        init(_ transform: CostTransform) {
            self.transform = transform
            keys = [UInt64](repeating: 0, count: 4096)  // +0.0
            values = [Double](repeating: transform.cost(0), count: 4096)
        }

        @inline(__always)
        mutating func cost(_ w: Double) -> Double {
            let bits = w.bitPattern
            let slot = Int(truncatingIfNeeded: (bits &* 0x9E37_79B9_7F4A_7C15) >> 52)
            if keys[slot] == bits { return values[slot] }
            let c = transform.cost(w)
            keys[slot] = bits
            values[slot] = c
            return c
        }
    }

    /// Buffers written by the parts of ``fill(csr:document:attribute:transform:missing:)``
    /// (disjoint ranges).
    private struct SendablePointers: @unchecked Sendable {
        let out: UnsafeMutableBufferPointer<Double>
        let fits: UnsafeMutableBufferPointer<Bool>
    }

    /// The cost of a path given as nodes, summing the cheapest slot of each step in path order.
    /// - Complexity: O(Σ out-degree along the path).
    public static func pathCost(_ nodes: [Int32], csr: CSRGraph, costs: [Double]) -> Double {
        pathCost(nodes, costs: costs) { csr.slot(from: $0, to: $1, costs: costs) }
    }

    /// The same with the slot of each step found by `slot` (``SlotLookup`` for high-degree nodes).
    public static func pathCost(_ nodes: [Int32], costs: [Double], slot: (Int32, Int32) -> Int?) -> Double {
        var c = 0.0
        for i in 0..<max(0, nodes.count - 1) {
            guard let e = slot(nodes[i], nodes[i + 1]) else { return .infinity }
            c += costs[e]
        }
        return c
    }
}
