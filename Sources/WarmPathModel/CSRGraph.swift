import WarmPathSupport

/// Compressed sparse row adjacency: the out-edges of node `v` are
/// `targets[offsets[v] ..< offsets[v + 1]]` with the matching `weights`.
///
/// Built once from edge arrays with a stable counting sort (O(V + E)): within one source the
/// edges keep their input order. Node ids are `Int32`, weights `Float` (or absent).
/// When built from a ``GraphDocument`` (``init(document:undirected:floatWeights:)``) each CSR
/// slot also remembers the document edge it came from (``edgeIndex``), so exact `Double`
/// weights and attribute columns can be looked up per slot.
public struct CSRGraph: Sendable {
    public let nodeCount: Int
    public let offsets: [Int32]
    public let targets: [Int32]
    public let weights: [Float]?
    /// For each CSR slot, the index of the input edge it was built from (nil when not kept).
    public let edgeIndex: [Int32]?

    public var edgeCount: Int { targets.count }

    /// - Parameters:
    ///   - deduplicate: keep one edge per (source, target) pair, the first seen (with its weight).
    /// - Complexity: O(V + E).
    public init(nodeCount: Int, sources: [Int32], targets: [Int32], weights: [Float]?, deduplicate: Bool = false) {
        precondition(sources.count == targets.count)
        precondition(weights == nil || weights!.count == sources.count)
        let built = CSRGraph.countingSort(
            nodeCount: nodeCount, sources: sources, targets: targets, keepIndex: deduplicate)
        var w: [Float]? = nil
        if let weights, let perm = built.perm {
            w = perm.map { weights[Int($0)] }
        } else if let weights {
            w = CSRGraph.permuteWeights(
                nodeCount: nodeCount, sources: sources, weights: weights, offsets: built.offsets)
        }
        if deduplicate {
            var newOffsets = [Int32](repeating: 0, count: nodeCount + 1)
            var nt: [Int32] = []
            nt.reserveCapacity(built.targets.count)
            var nw: [Float] = []
            var seen = [Int32](repeating: -1, count: nodeCount)
            for v in 0..<nodeCount {
                for e in Int(built.offsets[v])..<Int(built.offsets[v + 1]) {
                    let u = Int(built.targets[e])
                    if seen[u] == Int32(v) { continue }
                    seen[u] = Int32(v)
                    nt.append(built.targets[e])
                    if let w { nw.append(w[e]) }
                }
                newOffsets[v + 1] = Int32(nt.count)
            }
            self.offsets = newOffsets
            self.targets = nt
            self.weights = w == nil ? nil : nw
        } else {
            self.offsets = built.offsets
            self.targets = built.targets
            self.weights = w
        }
        self.nodeCount = nodeCount
        self.edgeIndex = nil
    }

    /// Wraps ready-made CSR arrays (no checks beyond sizes).
    /// - Complexity: O(1).
    public init(nodeCount: Int, offsets: [Int32], targets: [Int32], weights: [Float]?, edgeIndex: [Int32]?) {
        precondition(offsets.count == nodeCount + 1)
        precondition(weights == nil || weights!.count == targets.count)
        precondition(edgeIndex == nil || edgeIndex!.count == targets.count)
        self.nodeCount = nodeCount
        self.offsets = offsets
        self.targets = targets
        self.weights = weights
        self.edgeIndex = edgeIndex
    }

    /// The CSR of a graph document's edges, keeping ``edgeIndex`` (slot → document edge).
    ///
    /// - Parameters:
    ///   - undirected: add every edge in both directions (the undirected view; an undirected
    ///     self-loop appears once).
    ///   - floatWeights: also fill ``weights`` from the document's explicit weights (NaN where
    ///     absent); exact `Double` weights stay reachable through ``edgeIndex``.
    /// - Complexity: O(V + E).
    public init(document: GraphDocument, undirected: Bool = false, floatWeights: Bool = false) {
        let n = document.nodeCount
        if !undirected {
            let built = CSRGraph.countingSort(
                nodeCount: n, sources: document.edgeSources, targets: document.edgeTargets,
                keepIndex: true)
            self.init(
                nodeCount: n, offsets: built.offsets, targets: built.targets,
                weights: floatWeights ? CSRGraph.floatWeights(document, built.perm!) : nil, edgeIndex: built.perm)
            return
        }
        var s = document.edgeSources
        var t = document.edgeTargets
        var idx = [Int32](0..<Int32(s.count))
        s.reserveCapacity(s.count * 2)
        t.reserveCapacity(t.count * 2)
        idx.reserveCapacity(idx.count * 2)
        for e in 0..<document.edgeCount where document.edgeSources[e] != document.edgeTargets[e] {
            s.append(document.edgeTargets[e])
            t.append(document.edgeSources[e])
            idx.append(Int32(e))
        }
        let built = CSRGraph.countingSort(nodeCount: n, sources: s, targets: t, keepIndex: true)
        let perm = built.perm!.map { idx[Int($0)] }
        self.init(
            nodeCount: n, offsets: built.offsets, targets: built.targets,
            weights: floatWeights ? CSRGraph.floatWeights(document, perm) : nil, edgeIndex: perm)
    }

    /// The graph as its file says: an edge is followed both ways when it is undirected (the
    /// document's default or the edge's own flag, as GraphML / GEXF allow per edge), or when
    /// `undirected` forces every edge to be. ``edgeIndex`` maps slots to document edges.
    /// - Complexity: O(V + E).
    public static func asWritten(_ document: GraphDocument, undirected: Bool = false) -> CSRGraph {
        guard !undirected, let perEdge = document.edgeDirected else {
            return CSRGraph(document: document, undirected: undirected || !document.directed)
        }
        var s = document.edgeSources
        var t = document.edgeTargets
        var idx = [Int32](0..<Int32(s.count))
        for e in 0..<document.edgeCount where !perEdge[e] && s[e] != t[e] {
            s.append(document.edgeTargets[e])
            t.append(document.edgeSources[e])
            idx.append(Int32(e))
        }
        let built = CSRGraph.countingSort(nodeCount: document.nodeCount, sources: s, targets: t, keepIndex: true)
        return CSRGraph(
            nodeCount: document.nodeCount, offsets: built.offsets, targets: built.targets, weights: nil,
            edgeIndex: built.perm!.map { idx[Int($0)] })
    }

    /// Out-neighbours of `v`.
    @inlinable
    public func neighbors(of v: Int) -> ArraySlice<Int32> {
        targets[Int(offsets[v])..<Int(offsets[v + 1])]
    }

    @inlinable
    public func degree(of v: Int) -> Int { Int(offsets[v + 1] - offsets[v]) }

    /// The CSR slots of `v`'s out-edges.
    @inlinable
    public func edgeRange(of v: Int) -> Range<Int> { Int(offsets[v])..<Int(offsets[v + 1]) }

    /// The transposed graph (every edge reversed). ``edgeIndex`` of the result maps each
    /// reversed slot to the **forward slot** of this graph it mirrors, so per-slot arrays
    /// (costs) of this graph can be read from the reverse graph; `keepIndex: false` leaves it
    /// (and the weights) out when only the adjacency is needed (BFS), saving 4 bytes per edge.
    /// Within each reversed node, slots follow the forward slot order (a stable counting sort
    /// straight from the CSR, without materialising a source array).
    /// - Complexity: O(V + E).
    public func reversed(keepIndex: Bool = true) -> CSRGraph {
        let n = nodeCount
        let m = edgeCount
        var newOffsets = [Int32](repeating: 0, count: n + 1)
        var newTargets = [Int32](repeating: 0, count: m)
        var perm: [Int32]? = keepIndex ? [Int32](repeating: 0, count: m) : nil
        newOffsets.withUnsafeMutableBufferPointer { no in
            targets.withUnsafeBufferPointer { tg in
                for e in 0..<m { no[Int(tg[e]) + 1] &+= 1 }
            }
            for v in 0..<n { no[v + 1] &+= no[v] }
        }
        var fill = newOffsets
        fill.withUnsafeMutableBufferPointer { fp in
            offsets.withUnsafeBufferPointer { op in
                targets.withUnsafeBufferPointer { tg in
                    newTargets.withUnsafeMutableBufferPointer { nt in
                        for v in 0..<n {
                            let vv = Int32(truncatingIfNeeded: v)
                            for e in Int(op[v])..<Int(op[v + 1]) {
                                let t = Int(tg[e])
                                let pos = Int(fp[t])
                                fp[t] = Int32(truncatingIfNeeded: pos + 1)
                                nt[pos] = vv
                            }
                        }
                        if keepIndex {
                            // Second pass for the slot map (keeps the first loop lean).
                            var again = newOffsets
                            again.withUnsafeMutableBufferPointer { ap in
                                perm!.withUnsafeMutableBufferPointer { pp in
                                    for e in 0..<m {
                                        let t = Int(tg[e])
                                        let pos = Int(ap[t])
                                        ap[t] = Int32(truncatingIfNeeded: pos + 1)
                                        pp[pos] = Int32(truncatingIfNeeded: e)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        let w = keepIndex ? weights.map { fw in perm!.map { fw[Int($0)] } } : nil
        return CSRGraph(nodeCount: n, offsets: newOffsets, targets: newTargets, weights: w, edgeIndex: perm)
    }

    /// The first CSR slot of an edge `u → v` with the least value of `cost` (nil when absent).
    /// - Complexity: O(out-degree of u).
    public func slot(from u: Int32, to v: Int32, costs: [Double]) -> Int? {
        var best: Int?
        for e in edgeRange(of: Int(u)) where targets[e] == v {
            if best == nil || costs[e] < costs[best!] { best = e }
        }
        return best
    }

    // MARK: - building

    private static func floatWeights(_ document: GraphDocument, _ perm: [Int32]) -> [Float] {
        guard let w = document.edgeWeights else { return [Float](repeating: .nan, count: perm.count) }
        return perm.map { Float(w[Int($0)]) }
    }

    private static func permuteWeights(nodeCount: Int, sources: [Int32], weights: [Float], offsets: [Int32]) -> [Float]
    {
        var fill = offsets
        var w = [Float](repeating: 0, count: sources.count)
        for e in 0..<sources.count {
            let s = Int(sources[e])
            w[Int(fill[s])] = weights[e]
            fill[s] &+= 1
        }
        return w
    }

    /// Edges from which ``countingSort(nodeCount:sources:targets:keepIndex:)`` runs in parallel.
    package static let parallelSortFrom = 1 << 20

    /// Stable counting sort of edges by source, on all cores from ``parallelSortFrom`` edges.
    /// - Complexity: O(V + E), two sequential passes and one scattered write pass.
    package static func countingSort(
        nodeCount: Int, sources: [Int32], targets: [Int32], keepIndex: Bool
    ) -> (offsets: [Int32], targets: [Int32], perm: [Int32]?) {
        let parts = sources.count >= parallelSortFrom ? min(Parallel.workers(), 8) : 1
        return parallelCountingSort(
            nodeCount: nodeCount, sources: sources, targets: targets, keepIndex: keepIndex, parts: parts)
    }

    /// ``countingSort(nodeCount:sources:targets:keepIndex:)`` on `parts` threads, with the same
    /// result for any `parts`: each part counts its consecutive slice of the edges by source, the
    /// cursors of part `k` start after the slots of parts `0..<k` for the same source, and each
    /// part scatters its slice (disjoint slots, in edge order within a part, so the sort stays
    /// stable).
    /// - Complexity: O(parts · V + E); memory: one (V + 1)-entry cursor array per part.
    package static func parallelCountingSort(
        nodeCount n: Int, sources: [Int32], targets: [Int32], keepIndex: Bool, parts: Int
    ) -> (offsets: [Int32], targets: [Int32], perm: [Int32]?) {
        let m = sources.count
        let parts = max(1, parts)
        let cursors = (0..<parts).map { _ in UnsafeMutablePointer<Int32>.allocate(capacity: n + 1) }
        defer { for c in cursors { c.deallocate() } }
        nonisolated(unsafe) let cursor = cursors
        sources.withUnsafeBufferPointer { sp in
            nonisolated(unsafe) let src = sp
            Parallel.run(parts) { k in
                let c = cursor[k]
                c.initialize(repeating: 0, count: n + 1)
                for e in Parallel.slice(m, k, of: parts) { c[Int(src[e])] &+= 1 }
            }
        }
        // offsets[v] = slots of the sources before v; part k's cursor for v = offsets[v] plus
        // the counts of the parts before k.
        // The CSR is read at random by every search, and the scatter below writes at random:
        // huge pages (LargeArrays).
        var offsets = LargeArrays.repeating(Int32(0), count: n + 1)
        offsets.withUnsafeMutableBufferPointer { op in
            var total: Int32 = 0
            for v in 0..<n {
                op[v] = total
                for k in 0..<parts {
                    let count = cursors[k][v]
                    cursors[k][v] = total
                    total &+= count
                }
            }
            op[n] = total
        }
        // Every slot is written below: the arrays start uninitialised.
        var t = LargeArrays.uninitialized(Int32.self, count: m)
        var perm = LargeArrays.uninitialized(Int32.self, count: keepIndex ? m : 0)
        sources.withUnsafeBufferPointer { sp in
            targets.withUnsafeBufferPointer { tp in
                t.withUnsafeMutableBufferPointer { outT in
                    perm.withUnsafeMutableBufferPointer { pp in
                        nonisolated(unsafe) let (src, tgt, out, index) = (sp, tp, outT, pp)
                        Parallel.run(parts) { k in
                            let c = cursor[k]
                            for e in Parallel.slice(m, k, of: parts) {
                                let s = Int(src[e])
                                let pos = Int(c[s])
                                c[s] = Int32(truncatingIfNeeded: pos + 1)
                                out[pos] = tgt[e]
                                if keepIndex { index[pos] = Int32(truncatingIfNeeded: e) }
                            }
                        }
                    }
                }
            }
        }
        return (offsets, t, keepIndex ? perm : nil)
    }
}

/// Finds the slot of an edge `u → v` in O(log degree) for high-degree nodes (an owner with
/// thousands of contacts, a company node with all its employees); a plain scan below
/// ``minDegree`` edges. Answers exactly as ``CSRGraph/slot(from:to:costs:)``.
public struct SlotLookup: Sendable {
    public static let minDegree = 16
    let offsets: [Int32]
    let targets: [Int32]
    /// Per node: where its sorted slots start in ``sorted``, or -1 below ``minDegree``.
    let base: [Int32]
    /// The slots of each node of degree ≥ ``minDegree``, sorted by (target, slot), one node after
    /// another (only those nodes take space).
    let sorted: [Int32]

    /// - Complexity: O(E log d).
    public init(graph: CSRGraph) {
        offsets = graph.offsets
        targets = graph.targets
        var base = [Int32](repeating: -1, count: graph.nodeCount)
        var order: [Int32] = []
        let t = graph.targets
        for v in 0..<graph.nodeCount {
            let lo = Int(graph.offsets[v])
            let hi = Int(graph.offsets[v + 1])
            guard hi - lo >= SlotLookup.minDegree else { continue }
            base[v] = Int32(order.count)
            var slots = Array(Int32(lo)..<Int32(hi))
            slots.sort { (t[Int($0)], $0) < (t[Int($1)], $1) }
            order += slots
        }
        self.base = base
        sorted = order
    }

    /// The slots of every edge `u → v`, in slot order.
    public func slots(from u: Int32, to v: Int32) -> [Int] {
        var out: [Int] = []
        forEachSlot(from: u, to: v) { out.append($0) }
        return out
    }

    /// Calls `body` with every slot of an edge `u → v`, in slot order.
    @inline(__always)
    public func forEachSlot(from u: Int32, to v: Int32, _ body: (Int) -> Void) {
        let lo = Int(offsets[Int(u)])
        let hi = Int(offsets[Int(u) + 1])
        if hi - lo < SlotLookup.minDegree {
            for e in lo..<hi where targets[e] == v { body(e) }
            return
        }
        let start = Int(base[Int(u)])
        let end = start + (hi - lo)
        var a = start
        var b = end
        while a < b {
            let m = (a + b) >> 1
            if targets[Int(sorted[m])] < v { a = m + 1 } else { b = m }
        }
        while a < end {
            let e = Int(sorted[a])
            if targets[e] != v { break }
            body(e)
            a += 1
        }
    }

    /// The first slot of `u → v` with the least cost (nil when absent).
    public func slot(from u: Int32, to v: Int32, costs: [Double]) -> Int? {
        var best: Int?
        forEachSlot(from: u, to: v) { e in
            if best == nil || costs[e] < costs[best!] { best = e }
        }
        return best
    }
}
