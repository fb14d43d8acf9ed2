import WarmPathSupport
import WarmPathModel
import WarmPathImport

/// Hop distances by breadth-first search, over a directed CSR or its undirected view
/// (out-edges plus in-edges, from a reverse CSR built once with ``CSRGraph/reversed()``).
///
/// A reusable workspace (one hop array and one queue, reset per run).
public struct BreadthFirst: Sendable {
    public let forward: CSRGraph
    public let reverse: CSRGraph?
    /// Hops from the last source; -1 when not reached.
    public private(set) var hops: [Int32]
    /// Reached nodes in BFS order (the source first).
    public private(set) var order: [Int32] = []

    /// - Parameters:
    ///   - reverse: the transposed graph for the undirected view, or nil for directed BFS.
    /// - Complexity: O(V).
    public init(forward: CSRGraph, reverse: CSRGraph? = nil) {
        self.forward = forward
        self.reverse = reverse
        hops = LargeArrays.repeating(-1, count: forward.nodeCount)
        order.reserveCapacity(forward.nodeCount)
    }

    /// The undirected view of `graph`: the graph and its transpose.
    /// - Complexity: O(V + E).
    public static func undirected(_ graph: CSRGraph) -> BreadthFirst {
        BreadthFirst(forward: graph, reverse: graph.reversed())
    }

    /// Runs from `source`, optionally only up to `maxHops`.
    /// - Complexity: O(V' + E') for the part reached (plus O(previous reach) to reset).
    public mutating func run(from source: Int32, maxHops: Int = .max) {
        for v in order { hops[Int(v)] = -1 }
        order.removeAll(keepingCapacity: true)
        hops[Int(source)] = 0
        order.append(source)
        var head = 0
        let limit = Int32(clamping: maxHops)
        hops.withUnsafeMutableBufferPointer { hp in
            forward.offsets.withUnsafeBufferPointer { fo in
                forward.targets.withUnsafeBufferPointer { ft in
                    while head < order.count {
                        let u = Int(order[head])
                        head += 1
                        let hu = hp[u]
                        if hu >= limit { continue }
                        let hn = hu + 1
                        for e in Int(fo[u])..<Int(fo[u + 1]) {
                            let v = Int(ft[e])
                            if hp[v] < 0 {
                                hp[v] = hn
                                order.append(Int32(v))
                            }
                        }
                        if let reverse {
                            for e in reverse.edgeRange(of: u) {
                                let v = Int(reverse.targets[e])
                                if hp[v] < 0 {
                                    hp[v] = hn
                                    order.append(Int32(v))
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
