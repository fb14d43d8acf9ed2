/// Compressed sparse row adjacency: the out-edges of node `v` are
/// `targets[offsets[v] ..< offsets[v + 1]]` with the matching `weights`.
///
/// Built once from edge arrays with a counting sort (O(V + E)); node ids are `Int32`,
/// weights `Float` (or absent).
public struct CSRGraph: Sendable {
    public let nodeCount: Int
    public let offsets: [Int32]
    public let targets: [Int32]
    public let weights: [Float]?

    public var edgeCount: Int { targets.count }

    /// - Parameters:
    ///   - deduplicate: keep one edge per (source, target) pair, the first seen (with its weight).
    /// - Complexity: O(V + E) (O(V + E log d) when deduplicating).
    public init(nodeCount: Int, sources: [Int32], targets: [Int32], weights: [Float]?, deduplicate: Bool = false) {
        precondition(sources.count == targets.count)
        precondition(weights == nil || weights!.count == sources.count)
        var counts = [Int32](repeating: 0, count: nodeCount + 1)
        for s in sources { counts[Int(s) + 1] &+= 1 }
        for i in 0..<nodeCount { counts[i + 1] &+= counts[i] }
        var fill = counts
        var t = [Int32](repeating: 0, count: sources.count)
        var w: [Float] = weights == nil ? [] : [Float](repeating: 0, count: sources.count)
        for e in 0..<sources.count {
            let s = Int(sources[e])
            let pos = Int(fill[s])
            fill[s] &+= 1
            t[pos] = targets[e]
            if let weights { w[pos] = weights[e] }
        }
        if deduplicate {
            var newOffsets = [Int32](repeating: 0, count: nodeCount + 1)
            var nt: [Int32] = []
            nt.reserveCapacity(t.count)
            var nw: [Float] = []
            var seen = [Int32](repeating: -1, count: nodeCount)
            for v in 0..<nodeCount {
                for e in Int(counts[v])..<Int(counts[v + 1]) {
                    let u = Int(t[e])
                    if seen[u] == Int32(v) { continue }
                    seen[u] = Int32(v)
                    nt.append(t[e])
                    if weights != nil { nw.append(w[e]) }
                }
                newOffsets[v + 1] = Int32(nt.count)
            }
            self.offsets = newOffsets
            self.targets = nt
            self.weights = weights == nil ? nil : nw
        } else {
            self.offsets = counts
            self.targets = t
            self.weights = weights == nil ? nil : w
        }
        self.nodeCount = nodeCount
    }

    /// Out-neighbours of `v`.
    @inlinable
    public func neighbors(of v: Int) -> ArraySlice<Int32> {
        targets[Int(offsets[v])..<Int(offsets[v + 1])]
    }

    @inlinable
    public func degree(of v: Int) -> Int { Int(offsets[v + 1] - offsets[v]) }
}
