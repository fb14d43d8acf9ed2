import WarmPathSupport
import WarmPathModel
import WarmPathImport

/// Pointer-backed 4-ary min-heap of `(key, tie)` entries for ``Dijkstra``, ordered by key, then
/// tie, used with lazy deletion (the caller skips stale entries). The tie packs hops and node
/// (``tie(hops:_:)``), so equal costs pop fewer edges first, then the lower node index: one
/// integer compare instead of two. Copy-on-write through the owner.
final class HeapStore: @unchecked Sendable {
    var keys: UnsafeMutablePointer<Double>
    var ties: UnsafeMutablePointer<UInt64>
    var count = 0
    var capacity: Int

    init(capacity: Int = 1024) {
        self.capacity = capacity
        keys = .allocate(capacity: capacity)
        ties = .allocate(capacity: capacity)
    }

    deinit {
        keys.deallocate()
        ties.deallocate()
    }

    /// `hops` in the high half, the item in the low half.
    @inline(__always)
    static func tie(hops: Int32, _ item: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: hops)) << 32 | UInt64(UInt32(bitPattern: item))
    }

    func grow() {
        let nc = capacity * 2
        let nk = UnsafeMutablePointer<Double>.allocate(capacity: nc)
        let nt = UnsafeMutablePointer<UInt64>.allocate(capacity: nc)
        nk.update(from: keys, count: count)
        nt.update(from: ties, count: count)
        keys.deallocate()
        ties.deallocate()
        keys = nk
        ties = nt
        capacity = nc
    }

    @inline(__always)
    func push(_ key: Double, _ tie: UInt64) {
        if count == capacity { grow() }
        var i = count
        count += 1
        while i > 0 {
            let p = (i - 1) >> 2
            let pk = keys[p]
            if pk < key || (pk == key && ties[p] < tie) { break }
            keys[i] = pk
            ties[i] = ties[p]
            i = p
        }
        keys[i] = key
        ties[i] = tie
    }

    /// Removes the least entry and returns its key and item (the low half of its tie).
    @inline(__always)
    func pop() -> (key: Double, item: Int32) {
        let top = (keys[0], Int32(truncatingIfNeeded: ties[0]))
        count -= 1
        let n = count
        if n == 0 { return top }
        let lastKey = keys[n]
        let lastTie = ties[n]
        var i = 0
        while true {
            let c = 4 * i + 1
            if c >= n { break }
            var best = c
            var bk = keys[c]
            var bt = ties[c]
            let end = min(c + 4, n)
            var j = c + 1
            while j < end {
                let kj = keys[j]
                if kj < bk || (kj == bk && ties[j] < bt) {
                    best = j
                    bk = kj
                    bt = ties[j]
                }
                j += 1
            }
            if lastKey < bk || (lastKey == bk && lastTie <= bt) { break }
            keys[i] = bk
            ties[i] = bt
            i = best
        }
        keys[i] = lastKey
        ties[i] = lastTie
        return top
    }
}

/// Single-source shortest paths on a ``CSRGraph`` with `Double` costs per CSR slot.
///
/// A reusable workspace: arrays are allocated once per graph; each run resets only the nodes
/// it touched, so many runs (Yen spur searches) cost what they explore, not O(V).
///
/// - Costs: a slot whose cost is negative, NaN or infinite is not an edge for the search
///   (distrust ratings, missing weights). Derive costs with ``EdgeCosts``.
/// - Order: lexicographic, cost then hops. Nodes are settled in (cost, hops, node index) order
///   and an edge improves a node when it gives a lower cost, or the same cost with fewer edges,
///   so ``hops`` is the fewest edges among the least-cost paths (exactly, with zero-cost edges
///   too: every edge adds a hop, so (cost, hops) grows strictly along a path).
/// - Masks: ``blockNode(_:)`` / ``blockEdge(slot:)`` hide nodes and edges until ``clearBlocks()``
///   (used by Yen's algorithm).
/// - Hop limit: with `maxHops` the search runs over (node, hops) states, so the result is the
///   exact least-cost path with at most `maxHops` edges (not a pruned heuristic).
/// - Potential: an optional consistent lower bound on the remaining cost to `target` turns the
///   search into A* (used by Yen with the reverse shortest-path tree).
public struct Dijkstra: Sendable {
    public let graph: CSRGraph
    public let costs: [Double]
    /// Least cost from the last source (+∞ when not reached).
    public private(set) var distance: [Double]
    /// Predecessor on the least-cost path (-1 for the source and unreached nodes).
    public private(set) var parent: [Int32]
    /// Hops of the least-cost path (-1 when not reached).
    public private(set) var hops: [Int32]
    /// Nodes in the order they were settled (the source first).
    public private(set) var settledOrder: [Int32] = []

    var settled: [Bool]
    var touched: [Int32] = []
    var store = HeapStore()
    /// The queue of ``runDistances(from:)``, made on its first run.
    var radix: RadixHeap?
    var nodeBlock: [UInt32] = []
    var edgeBlock: [UInt32] = []
    var epoch: UInt32 = 1
    var anyBlocks = false
    // hop-limited state space
    var layerDist: [Double] = []
    var layerParent: [Int32] = []
    var layerTouched: [Int32] = []
    var layers = 0
    var expandedHops: [Int32] = []
    var expandedTouched: [Int32] = []
    var lastRunLimited = false

    /// - Complexity: O(V) to allocate the workspace.
    public init(graph: CSRGraph, costs: [Double]) {
        precondition(costs.count == graph.edgeCount, "one cost per CSR slot")
        self.graph = graph
        self.costs = costs
        // Read and written at random by the search: huge pages (LargeArrays).
        distance = LargeArrays.repeating(.infinity, count: graph.nodeCount)
        parent = LargeArrays.repeating(-1, count: graph.nodeCount)
        hops = LargeArrays.repeating(-1, count: graph.nodeCount)
        settled = LargeArrays.repeating(false, count: graph.nodeCount)
    }

    // MARK: masks

    public mutating func blockNode(_ v: Int32) {
        if nodeBlock.isEmpty { nodeBlock = [UInt32](repeating: 0, count: graph.nodeCount) }
        nodeBlock[Int(v)] = epoch
        anyBlocks = true
    }

    public mutating func blockEdge(slot: Int) {
        if edgeBlock.isEmpty { edgeBlock = [UInt32](repeating: 0, count: graph.edgeCount) }
        edgeBlock[slot] = epoch
        anyBlocks = true
    }

    /// Hides every edge `u → v` (all parallel slots).
    public mutating func blockEdges(from u: Int32, to v: Int32) {
        for e in graph.edgeRange(of: Int(u)) where graph.targets[e] == v { blockEdge(slot: e) }
    }

    /// Removes every block. - Complexity: O(1) (epoch bump).
    public mutating func clearBlocks() {
        epoch &+= 1
        if epoch == 0 {
            epoch = 1
            for i in nodeBlock.indices { nodeBlock[i] = 0 }
            for i in edgeBlock.indices { edgeBlock[i] = 0 }
        }
        anyBlocks = false
    }

    @inline(__always)
    func isBlocked(node v: Int) -> Bool { anyBlocks && !nodeBlock.isEmpty && nodeBlock[v] == epoch }

    @inline(__always)
    func isBlocked(slot e: Int) -> Bool { anyBlocks && !edgeBlock.isEmpty && edgeBlock[e] == epoch }

    mutating func reset() {
        for v in touched {
            let i = Int(v)
            distance[i] = .infinity
            parent[i] = -1
            hops[i] = -1
            settled[i] = false
        }
        touched.removeAll(keepingCapacity: true)
        settledOrder.removeAll(keepingCapacity: true)
        store.count = 0
        if layers > 0 {
            for s in layerTouched {
                layerDist[Int(s)] = .infinity
                layerParent[Int(s)] = -1
            }
            layerTouched.removeAll(keepingCapacity: true)
        }
        for v in expandedTouched { expandedHops[Int(v)] = .max }
        expandedTouched.removeAll(keepingCapacity: true)
        lastRunLimited = false
    }

    // MARK: run

    /// Runs from `source`. Stops early when `target` is settled.
    ///
    /// - Parameters:
    ///   - maxHops: only paths with at most this many edges (exact, over (node, hops) states).
    ///   - potential: consistent lower bounds on the cost to `target` (A*); +∞ prunes a node.
    /// - Complexity: O((V' + E') log V') for the V' nodes and E' edges explored
    ///   (times `maxHops + 1` states with a hop limit).
    public mutating func run(
        from source: Int32, to target: Int32? = nil, maxHops: Int? = nil, potential: [Double]? = nil
    ) {
        reset()
        if isBlocked(node: Int(source)) { return }
        if let maxHops {
            runLimited(source: source, target: target ?? -1, maxHops: max(0, maxHops), potential: potential)
            return
        }
        let tgt = target ?? -1
        let s = Int(source)
        if !isKnownUniquelyReferenced(&store) { store = HeapStore() }
        let hs = store
        hs.count = 0
        distance[s] = 0
        hops[s] = 0
        touched.append(source)
        let usePot = potential != nil
        hs.push(usePot ? potential![s] : 0, HeapStore.tie(hops: 0, source))
        let blocks = anyBlocks
        let nb = nodeBlock
        let eb = edgeBlock
        let ep = epoch
        var settledList = settledOrder
        var touchedList = touched
        settledOrder = []
        touched = []
        defer {
            settledOrder = settledList
            touched = touchedList
        }
        distance.withUnsafeMutableBufferPointer { dist in
            parent.withUnsafeMutableBufferPointer { par in
                hops.withUnsafeMutableBufferPointer { hop in
                    settled.withUnsafeMutableBufferPointer { done in
                        costs.withUnsafeBufferPointer { cost in
                            graph.offsets.withUnsafeBufferPointer { off in
                                graph.targets.withUnsafeBufferPointer { tgs in
                                    while hs.count > 0 {
                                        let u32 = hs.pop().item
                                        let u = Int(u32)
                                        if done[u] { continue }
                                        done[u] = true
                                        settledList.append(u32)
                                        if u32 == tgt { break }
                                        let du = dist[u]
                                        let hu = hop[u] + 1
                                        var e = Int(off[u])
                                        let hi = Int(off[u + 1])
                                        while e < hi {
                                            let c = cost[e]
                                            let v = Int(tgs[e])
                                            if c >= 0 && c < .infinity && !done[v]
                                                && !(blocks
                                                    && ((!eb.isEmpty && eb[e] == ep) || (!nb.isEmpty && nb[v] == ep)))
                                            {
                                                let nd = du + c
                                                let dv = dist[v]
                                                if nd < dv || (nd == dv && hu < hop[v]) {
                                                    if dv == .infinity {
                                                        touchedList.append(Int32(truncatingIfNeeded: v))
                                                    }
                                                    dist[v] = nd
                                                    par[v] = u32
                                                    hop[v] = hu
                                                    if usePot {
                                                        let pv = potential![v]
                                                        if pv < .infinity {
                                                            hs.push(
                                                                nd + pv,
                                                                HeapStore.tie(hops: hu, Int32(truncatingIfNeeded: v)))
                                                        }
                                                    } else {
                                                        hs.push(
                                                            nd, HeapStore.tie(hops: hu, Int32(truncatingIfNeeded: v)))
                                                    }
                                                }
                                            }
                                            e += 1
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Least costs and hops from `source` to every node, without predecessors: ``distance``,
    /// ``hops`` and ``settledOrder`` are filled as by ``run(from:to:maxHops:potential:)`` (same
    /// (cost, hops) order), ``parent`` stays unset, so ``path(to:)`` is not available. The loop
    /// `warmpath distances` runs; one fewer write per improved edge and no mask or potential
    /// tests. With blocks set it falls back to `run(from:)`. The queue is a ``RadixHeap``.
    /// - Complexity: O(V + E·128) at worst (an entry moves down at most once per key bit; a few
    ///   times in practice).
    public mutating func runDistances(from source: Int32) {
        runDistances(from: source, chunk: 0, onSettled: nil)
    }

    /// Settled nodes handed out while ``runDistances(from:chunk:onSettled:)`` runs: nodes in
    /// settled order with their final cost and hops (values, so another thread may take them).
    public struct SettledChunk: Sendable {
        public var nodes: [Int32] = []
        public var costs: [Double] = []
        public var hops: [Int32] = []

        public var count: Int { nodes.count }

        init(capacity: Int) {
            nodes.reserveCapacity(capacity)
            costs.reserveCapacity(capacity)
            hops.reserveCapacity(capacity)
        }
    }

    /// ``runDistances(from:)`` that also hands the settled nodes to `onSettled`, `chunk` at a
    /// time as they settle (the last chunk may be shorter), so that a consumer on another core
    /// can work while the search goes on (`warmpath distances` formats its CSV that way). A
    /// settled node's cost and hops are final.
    public mutating func runDistances(from source: Int32, chunk: Int, onSettled: ((SettledChunk) -> Void)?) {
        let size = max(1, chunk)
        if anyBlocks {
            run(from: source)
            if let onSettled {
                var i = 0
                while i < settledOrder.count {
                    var batch = SettledChunk(capacity: min(size, settledOrder.count - i))
                    for v in settledOrder[i..<min(i + size, settledOrder.count)] {
                        batch.nodes.append(v)
                        batch.costs.append(distance[Int(v)])
                        batch.hops.append(hops[Int(v)])
                    }
                    onSettled(batch)
                    i += size
                }
            }
            return
        }
        reset()
        let s = Int(source)
        distance[s] = 0
        hops[s] = 0
        // A radix heap: the keys only grow here (costs ≥ 0), and it pops in the 4-ary heap's
        // order, 0.4–0.5 s sooner on the L graph (docs/performance.md).
        if !isKnownUniquelyReferenced(&radix) { radix = RadixHeap() }
        let hs = radix!
        hs.reset()
        var settledList = settledOrder
        var touchedList = touched
        settledOrder = []
        touched = []
        defer {
            settledOrder = settledList
            touched = touchedList
        }
        touchedList.append(source)
        hs.push(0, HeapStore.tie(hops: 0, source))
        var batch = SettledChunk(capacity: onSettled == nil ? 0 : size)
        defer { if let onSettled, batch.count > 0 { onSettled(batch) } }
        // Unwrapped once: binding the optional closure inside the loop retained and released
        // its context for every settled node (3 % of the CPU samples on the L graph).
        let handing = onSettled != nil
        let hand = onSettled ?? { _ in }
        distance.withUnsafeMutableBufferPointer { dist in
            hops.withUnsafeMutableBufferPointer { hop in
                settled.withUnsafeMutableBufferPointer { done in
                    costs.withUnsafeBufferPointer { cost in
                        graph.offsets.withUnsafeBufferPointer { off in
                            graph.targets.withUnsafeBufferPointer { tgs in
                                while hs.count > 0 {
                                    let u32 = hs.pop().item
                                    let u = Int(u32)
                                    if done[u] { continue }
                                    done[u] = true
                                    settledList.append(u32)
                                    let du = dist[u]
                                    if handing {
                                        batch.nodes.append(u32)
                                        batch.costs.append(du)
                                        batch.hops.append(hop[u])
                                        if batch.count == size {
                                            hand(batch)
                                            batch = SettledChunk(capacity: size)
                                        }
                                    }
                                    let hu = hop[u] &+ 1
                                    var e = Int(off[u])
                                    let hi = Int(off[u + 1])
                                    while e < hi {
                                        // No settled test: a settled v has (dist, hops) below
                                        // (du, hu) or equal in cost with fewer hops; +inf or
                                        // NaN costs never improve; only negative costs need
                                        // excluding.
                                        let c = cost[e]
                                        if c >= 0 {
                                            let v = Int(tgs[e])
                                            let nd = du + c
                                            let dv = dist[v]
                                            if nd < dv || (nd == dv && hu < hop[v]) {
                                                if dv == .infinity { touchedList.append(Int32(truncatingIfNeeded: v)) }
                                                dist[v] = nd
                                                hop[v] = hu
                                                hs.push(nd, HeapStore.tie(hops: hu, Int32(truncatingIfNeeded: v)))
                                            }
                                        }
                                        e += 1
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    mutating func runLimited(source: Int32, target: Int32, maxHops: Int, potential: [Double]?) {
        let L = maxHops + 1
        if layers != L {
            layers = L
            layerDist = [Double](repeating: .infinity, count: graph.nodeCount * L)
            layerParent = [Int32](repeating: -1, count: graph.nodeCount * L)
            layerTouched.removeAll()
        }
        if expandedHops.isEmpty { expandedHops = [Int32](repeating: .max, count: graph.nodeCount) }
        lastRunLimited = true
        let s = Int(source)
        let s0 = s * L
        layerDist[s0] = 0
        layerTouched.append(Int32(s0))
        if !isKnownUniquelyReferenced(&store) { store = HeapStore() }
        let heap = store
        heap.count = 0
        heap.push(potential?[s] ?? 0, HeapStore.tie(hops: 0, Int32(s0)))
        while heap.count > 0 {
            let (key, st) = heap.pop()
            let u = Int(st) / L
            let h = Int(st) % L
            let du = layerDist[Int(st)]
            if key != du + (potential?[u] ?? 0) { continue }  // stale entry
            if Int(expandedHops[u]) <= h { continue }  // dominated: an earlier state was cheaper with fewer hops
            if expandedHops[u] == .max { expandedTouched.append(Int32(u)) }
            expandedHops[u] = Int32(h)
            if !settled[u] {
                settled[u] = true
                distance[u] = du
                hops[u] = Int32(h)
                touched.append(Int32(u))
                settledOrder.append(Int32(u))
                if Int32(u) == target { break }
            }
            if h == maxHops { continue }
            for e in graph.edgeRange(of: u) {
                let c = costs[e]
                let v = Int(graph.targets[e])
                if !(c >= 0 && c < .infinity) || (anyBlocks && (isBlocked(slot: e) || isBlocked(node: v))) { continue }
                if Int(expandedHops[v]) <= h + 1 { continue }
                let nd = du + c
                let sv = v * L + h + 1
                if nd < layerDist[sv] {
                    if layerDist[sv] == .infinity { layerTouched.append(Int32(sv)) }
                    layerDist[sv] = nd
                    layerParent[sv] = Int32(u)
                    if let potential {
                        let pv = potential[v]
                        if pv < .infinity { heap.push(nd + pv, HeapStore.tie(hops: Int32(h + 1), Int32(sv))) }
                    } else {
                        heap.push(nd, HeapStore.tie(hops: Int32(h + 1), Int32(sv)))
                    }
                }
            }
        }
    }

    /// Whether `v` was settled (its distance is final) in the last run.
    public func isSettled(_ v: Int32) -> Bool { settled[Int(v)] }

    /// The nodes of the least-cost path from the last source to `v` (nil when not reached).
    /// - Complexity: O(hops).
    public func path(to v: Int32) -> [Int32]? {
        guard distance[Int(v)] < .infinity else { return nil }
        var out: [Int32] = []
        if lastRunLimited {
            var u = Int(v)
            var h = Int(hops[u])
            out.append(Int32(u))
            while h > 0 {
                let p = Int(layerParent[u * layers + h])
                out.append(Int32(p))
                u = p
                h -= 1
            }
            return out.reversed()
        }
        var u = v
        out.append(u)
        while parent[Int(u)] >= 0 {
            u = parent[Int(u)]
            out.append(u)
        }
        return out.reversed()
    }
}
