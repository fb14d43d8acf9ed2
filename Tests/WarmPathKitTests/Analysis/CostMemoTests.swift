import Foundation
import Testing

@testable import WarmPathAnalysis

/// The memo of the cost pass gives the transform's own cost, bit for bit, for any stream of
/// weights: few distinct ones (every slot hit and overwritten), all distinct, and the edge values.
struct CostMemoTests {
    static let edgeValues: [Double] = [
        0, -0.0, 1, 1e-300, .leastNonzeroMagnitude, 0.5, 2, -1, .infinity, -.infinity, .nan,
        Double(bitPattern: 0x7FF8_0000_0000_0001), .greatestFiniteMagnitude,
    ]

    @Test(arguments: CostTransform.allCases)
    func memoGivesTheTransformsCost(_ transform: CostTransform) {
        var rng = GraphRNG(seed: 41)
        var memo = EdgeCosts.CostMemo(transform)
        var hits = 0
        var seen = Set<UInt64>()
        for i in 0..<60_000 {
            let w: Double =
                switch i % 4 {
                case 0: Self.edgeValues[rng.int(Self.edgeValues.count)]
                case 1: rng.unit()  // distinct
                default: Double(rng.int(1000) + 1) / 1000  // three decimals: repeats
                }
            if !seen.insert(w.bitPattern).inserted { hits += 1 }
            let got = memo.cost(w)
            let want = transform.cost(w)
            #expect(got.bitPattern == want.bitPattern, "weight \(w) (bits \(String(w.bitPattern, radix: 16)))")
        }
        #expect(hits > 20_000)
    }
}
