import Foundation
import Testing

@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

extension GraphAlgorithmTests {
    @Test func distancesRowsAndCSV() throws {
        let text = "source,target,weight\n0,1,0.5\n1,2,1\n0,2,0.25\n2,3,0.5\n10,0,1\n9,0,0.5\n"
        let r = try EdgeListReader.read(Data(text.utf8), file: "d.csv", source: "t")
        let weighted = Distances.Options(weightAttribute: "weight")
        let rows = try Distances.compute(r.document, from: "0", options: weighted)
        #expect(rows.map(\.node) == ["0", "1", "2", "3"])
        #expect(rows.map(\.hops) == [0, 1, 2, 3])
        #expect(rows[2].cost == 0.0 - log(0.5))  // 0→1→2 (ln 2) beats 0→2 (ln 4)
        let csv = Distances.csv(rows)
        #expect(
            csv.hasPrefix("node,hops,cost\r\n0,0,0.0\r\n1,1,0.6931471805599453\r\n2,2,0.6931471805599453\r\n"))
        // undirected: 10 and 9 become reachable at cost 0 and ln 2; ties sorted by id numerically
        let und = try Distances.compute(
            r.document, from: "0", options: .init(weightAttribute: "weight", undirected: true))
        #expect(und.map(\.node) == ["0", "10", "1", "2", "9", "3"])
        let inv = try Distances.compute(
            r.document, from: "0", options: .init(weightAttribute: "weight", transform: .inverse))
        #expect(inv.first { $0.node == "2" }?.cost == 3)  // 1/0.5 + 1/1 = 3 < 1/0.25 = 4
        #expect(throws: Distances.Failure.self) { try Distances.compute(r.document, from: "nope") }
        #expect(throws: Distances.Failure.self) {
            try Distances.compute(r.document, from: "0", options: .init(weightAttribute: "missing"))
        }
    }

    @Test func distancesUseAttributeColumns() throws {
        let text = "1,2,10,100\n2,3,-4,200\n1,3,2,300\n"
        let r = try EdgeListReader.read(Data(text.utf8), file: "otc.csv", source: "t")
        // ratings: 2→3 is distrust (weight -0.4), which neglog cannot use: an error, not a dropped edge
        #expect(
            throws: Distances.Failure.unfitWeights(
                transform: .neglog, count: 1, total: 3, example: "edge 2 -> 3 on line 2 has weight -0.4")
        ) {
            try Distances.compute(r.document, from: "1", options: .init(weightAttribute: "weight"))
        }
        // without weights, cost is the hop count
        let hops = try Distances.compute(r.document, from: "1")
        #expect(hops.map(\.node) == ["1", "2", "3"])
        #expect(hops.map(\.cost) == [0, 1, 1])
        #expect(hops.map(\.hops) == [0, 1, 1])
        let byTime = try Distances.compute(
            r.document, from: "1", options: .init(weightAttribute: "time", transform: .none))
        #expect(byTime.map(\.cost) == [0, 100, 300])
        #expect(
            Distances.csv([.init(node: "=cmd", hops: 1, cost: 1), .init(node: "a,b", hops: 2, cost: 2)])
                == "node,hops,cost\r\n'=cmd,1,1.0\r\n\"a,b\",2,2.0\r\n")
    }
}
