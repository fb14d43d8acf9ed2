import Testing
@testable import WarmPathModel

/// The parallel counting sort behind large CSRs gives the serial sort's result, slot for slot.
@Suite struct CountingSortTests {
    /// Seeded random edge lists: grouped by source (as edge-list files often are), scattered,
    /// with repeats and with nodes no edge leaves; every part count against the serial sort.
    @Test(arguments: [0, 1, 2, 3])
    func parallelEqualsSerial(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let n = Int.random(in: 1...400, using: &rng)
        let m = Int.random(in: 0...5_000, using: &rng)
        var sources = (0..<m).map { _ in Int32(Int.random(in: 0..<n, using: &rng)) }
        if seed % 2 == 0 { sources.sort() }
        let targets = (0..<m).map { _ in Int32(Int.random(in: 0..<n, using: &rng)) }
        let serial = CSRGraph.countingSort(nodeCount: n, sources: sources, targets: targets, keepIndex: true)
        for parts in [2, 3, 8] {
            for keep in [true, false] {
                let p = CSRGraph.parallelCountingSort(
                    nodeCount: n, sources: sources, targets: targets, keepIndex: keep, parts: parts)
                #expect(p.offsets == serial.offsets)
                #expect(p.targets == serial.targets)
                #expect(p.perm == (keep ? serial.perm : nil))
            }
        }
        // Stable: within a source, the edges keep their input order.
        if let perm = serial.perm {
            for v in 0..<n {
                let slots = Int(serial.offsets[v])..<Int(serial.offsets[v + 1])
                #expect(slots.map { perm[$0] } == slots.map { perm[$0] }.sorted())
                #expect(slots.allSatisfy { sources[Int(perm[$0])] == Int32(v) })
            }
        }
    }
}
