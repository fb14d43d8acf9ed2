/// A monotone priority queue on (cost, tie) keys for ``Dijkstra/runDistances(from:)``: a radix
/// heap over the 128-bit key (the cost's bit pattern, then the tie), which pops in exactly the
/// order of ``HeapStore`` (cost, then hops, then node) as long as no key pushed is below the
/// last one popped, which Dijkstra guarantees (costs are ≥ 0 and every edge adds a hop).
///
/// An entry sits in the bucket of the highest bit where its key differs from the last key
/// popped (bucket 0: equal to it). A pop takes from bucket 0; when that is empty, the lowest
/// non-empty bucket is emptied into the buckets below it around its least key. Each entry
/// moves down a few times at most, instead of climbing a heap of millions on every push and pop.
final class RadixHeap: @unchecked Sendable {
    static let bucketCount = 129

    struct Bucket {
        var costs: UnsafeMutablePointer<UInt64>
        var ties: UnsafeMutablePointer<UInt64>
        var count: Int
        var capacity: Int
    }

    private let buckets: UnsafeMutablePointer<Bucket>
    /// Bit b of word b >> 6: bucket b is not empty.
    private var nonEmpty: (UInt64, UInt64, UInt64) = (0, 0, 0)
    private var lastCost: UInt64 = 0
    private var lastTie: UInt64 = 0
    private(set) var count = 0

    init() {
        buckets = .allocate(capacity: Self.bucketCount)
        for b in 0..<Self.bucketCount {
            (buckets + b).initialize(
                to: Bucket(costs: .allocate(capacity: 16), ties: .allocate(capacity: 16), count: 0, capacity: 16))
        }
    }

    deinit {
        for b in 0..<Self.bucketCount {
            buckets[b].costs.deallocate()
            buckets[b].ties.deallocate()
        }
        buckets.deallocate()
    }

    /// Empties the heap and sets the floor of the keys to come to zero.
    func reset() {
        for b in 0..<Self.bucketCount { buckets[b].count = 0 }
        nonEmpty = (0, 0, 0)
        lastCost = 0
        lastTie = 0
        count = 0
    }

    @inline(__always)
    private func index(_ c: UInt64, _ t: UInt64) -> Int {
        let x = c ^ lastCost
        if x != 0 { return 128 - x.leadingZeroBitCount }
        let y = t ^ lastTie
        return y == 0 ? 0 : 64 - y.leadingZeroBitCount
    }

    @inline(__always)
    private func mark(_ b: Int) {
        switch b >> 6 {
        case 0: nonEmpty.0 |= 1 << UInt64(b & 63)
        case 1: nonEmpty.1 |= 1 << UInt64(b & 63)
        default: nonEmpty.2 |= 1 << UInt64(b & 63)
        }
    }

    @inline(__always)
    private func clear(_ b: Int) {
        switch b >> 6 {
        case 0: nonEmpty.0 &= ~(1 << UInt64(b & 63))
        case 1: nonEmpty.1 &= ~(1 << UInt64(b & 63))
        default: nonEmpty.2 &= ~(1 << UInt64(b & 63))
        }
    }

    @inline(__always)
    private func append(_ b: Int, _ c: UInt64, _ t: UInt64) {
        let p = buckets + b
        if p.pointee.count == p.pointee.capacity { grow(p) }
        let n = p.pointee.count
        p.pointee.costs[n] = c
        p.pointee.ties[n] = t
        p.pointee.count = n + 1
        if n == 0 { mark(b) }
    }

    private func grow(_ p: UnsafeMutablePointer<Bucket>) {
        let nc = p.pointee.capacity * 2
        let costs = UnsafeMutablePointer<UInt64>.allocate(capacity: nc)
        let ties = UnsafeMutablePointer<UInt64>.allocate(capacity: nc)
        costs.update(from: p.pointee.costs, count: p.pointee.count)
        ties.update(from: p.pointee.ties, count: p.pointee.count)
        p.pointee.costs.deallocate()
        p.pointee.ties.deallocate()
        p.pointee.costs = costs
        p.pointee.ties = ties
        p.pointee.capacity = nc
    }

    /// Adds `item` at `cost` (≥ 0, and not below the last cost popped) with tie `tie`
    /// (``HeapStore/tie(hops:_:)``).
    @inline(__always)
    func push(_ cost: Double, _ tie: UInt64) {
        let c = (cost + 0.0).bitPattern  // -0 as +0
        assert(c > lastCost || (c == lastCost && tie >= lastTie), "a key below the last one popped")
        append(index(c, tie), c, tie)
        count += 1
    }

    /// Removes the least entry and returns its key and item (the low half of its tie).
    @inline(__always)
    func pop() -> (key: Double, item: Int32) {
        if buckets[0].count == 0 { refill() }
        let p = buckets
        p.pointee.count -= 1
        if p.pointee.count == 0 { clear(0) }
        count -= 1
        return (Double(bitPattern: lastCost), Int32(truncatingIfNeeded: lastTie))
    }

    /// Moves the lowest non-empty bucket into the lower ones around its least key.
    private func refill() {
        let b: Int
        if nonEmpty.0 != 0 {
            b = nonEmpty.0.trailingZeroBitCount
        } else if nonEmpty.1 != 0 {
            b = 64 + nonEmpty.1.trailingZeroBitCount
        } else {
            b = 128 + nonEmpty.2.trailingZeroBitCount
        }
        let p = buckets + b
        let n = p.pointee.count
        let costs = p.pointee.costs
        let ties = p.pointee.ties
        var mc = costs[0]
        var mt = ties[0]
        for i in 1..<n where costs[i] < mc || (costs[i] == mc && ties[i] < mt) {
            mc = costs[i]
            mt = ties[i]
        }
        lastCost = mc
        lastTie = mt
        p.pointee.count = 0
        clear(b)
        for i in 0..<n { append(index(costs[i], ties[i]), costs[i], ties[i]) }
    }
}
