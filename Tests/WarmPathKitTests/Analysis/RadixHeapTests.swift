import Foundation
import Testing

@testable import WarmPathAnalysis

/// ``RadixHeap`` pops exactly what the 4-ary ``HeapStore`` pops, on seeded random monotone
/// sequences (what Dijkstra pushes: never below the last key popped), ties and repeats included.
@Suite struct RadixHeapTests {
    @Test(arguments: Array(UInt64(1)...UInt64(20)))
    func popsInTheHeapsOrder(seed: UInt64) {
        var g = SplitMix64(seed: seed)
        let radix = RadixHeap()
        let heap = HeapStore()
        var last = (cost: 0.0, hops: Int32(0))
        var popped = 0
        // Small cost steps from a small set, so equal costs (and equal (cost, hops)) are common.
        let steps: [Double] = [0, 0, 0.5, 1, 0.1, 0.2, 0.30000000000000004, 1e-300, 7]
        radix.push(0, HeapStore.tie(hops: 0, 0))
        heap.push(0, HeapStore.tie(hops: 0, 0))
        for round in 0..<3000 {
            if heap.count > 0 && (Int.random(in: 0..<3, using: &g) == 0 || round > 2500) {
                let hops = Int32(truncatingIfNeeded: heap.ties[0] >> 32)
                let a = radix.pop()
                let b = heap.pop()
                #expect(a.key == b.key && a.item == b.item, "seed \(seed) pop \(popped)")
                #expect(radix.count == heap.count)
                last = (a.key, hops)
                popped += 1
                continue
            }
            for _ in 0..<Int.random(in: 1...4, using: &g) {
                // As Dijkstra pushes: at a higher cost any hops; at the same cost, more hops.
                let cost = last.cost + steps[Int.random(in: 0..<steps.count, using: &g)]
                let hops =
                    cost == last.cost
                    ? last.hops + Int32.random(in: 1...2, using: &g) : Int32.random(in: 0...5, using: &g)
                let node = Int32.random(in: 0..<50, using: &g)
                radix.push(cost, HeapStore.tie(hops: hops, node))
                heap.push(cost, HeapStore.tie(hops: hops, node))
            }
        }
        while heap.count > 0 {
            let a = radix.pop()
            let b = heap.pop()
            #expect(a.key == b.key && a.item == b.item, "seed \(seed) drain")
        }
        #expect(radix.count == 0)
        // Reused after a reset: the floor is zero again.
        radix.reset()
        radix.push(3, HeapStore.tie(hops: 1, 9))
        radix.push(0, HeapStore.tie(hops: 0, 4))
        #expect(radix.pop().item == 4)
        #expect(radix.pop().item == 9)
    }
}
