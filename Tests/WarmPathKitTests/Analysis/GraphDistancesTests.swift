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

/// `distances` against a simple oracle on seeded random graphs full of ties: costs from
/// Bellman–Ford on (cost, hops) pairs, rows in the documented total order (cost, then integer
/// ids by value, then the other ids by Unicode scalars), and the CSV the same on any thread count.
@Suite struct DistancesOracleTests {
    struct Graph {
        var text = "source,target,weight\n"
        var edges: [(String, String, Double)] = []
    }

    static func randomGraph(seed: UInt64) -> Graph {
        var g = SplitMix64(seed: seed)
        let pool = (0..<25).map { i -> String in
            switch i % 5 {
            case 0: "n\(i)"
            case 1: "0\(i)"
            case 2: "-\(i)"
            default: "\(i * 7 % 40)"
            }
        }
        var graph = Graph()
        // One edge per pair of nodes (either direction): the reader's rule for repeated edges
        // is not what this test is about.
        var pairs = Set<[String]>()
        for _ in 0..<70 {
            let a = pool[Int.random(in: 0..<pool.count, using: &g)]
            let b = pool[Int.random(in: 0..<pool.count, using: &g)]
            guard a != b, pairs.insert([a, b].sorted()).inserted else { continue }
            // Small integer weights: sums are exact, so equal costs are equal doubles.
            let w = Double(Int.random(in: 0...2, using: &g))
            graph.edges.append((a, b, w))
            graph.text += "\(a),\(b),\(Int(w))\n"
        }
        return graph
    }

    /// (cost, hops) to every reached node, by relaxing every edge until nothing changes.
    static func oracle(_ g: Graph, from: String, weighted: Bool, undirected: Bool) -> [String: (Double, Int)] {
        var best: [String: (Double, Int)] = [from: (0, 0)]
        var arcs = g.edges
        if undirected { arcs += g.edges.map { ($0.1, $0.0, $0.2) } }
        var changed = true
        while changed {
            changed = false
            for (a, b, w) in arcs {
                guard let (c, h) = best[a] else { continue }
                let cand = (c + (weighted ? w : 1), h + 1)
                if let cur = best[b], cur.0 < cand.0 || (cur.0 == cand.0 && cur.1 <= cand.1) { continue }
                best[b] = cand
                changed = true
            }
        }
        return best
    }

    static func precedes(_ a: String, _ b: String) -> Bool {
        switch (Int(a), Int(b)) {
        case (let x?, let y?) where x != y: return x < y
        case (.some, nil): return true
        case (nil, .some): return false
        default: return a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
        }
    }

    @Test(arguments: Array(UInt64(1)...UInt64(12)))
    func rowsMatchTheOracle(seed: UInt64) throws {
        let graph = Self.randomGraph(seed: seed)
        let r = try EdgeListReader.read(Data(graph.text.utf8), file: "o.csv", source: "t")
        let from = graph.edges[0].0
        for weighted in [false, true] {
            for undirected in [false, true] {
                let options = Distances.Options(
                    weightAttribute: weighted ? "weight" : nil, transform: .none, undirected: undirected)
                let rows = try Distances.compute(r.document, from: from, options: options)
                let best = Self.oracle(graph, from: from, weighted: weighted, undirected: undirected)
                let expected = best.keys.sorted { a, b in
                    best[a]!.0 != best[b]!.0 ? best[a]!.0 < best[b]!.0 : Self.precedes(a, b)
                }
                #expect(rows.map(\.node) == expected, "seed \(seed) weighted \(weighted) undirected \(undirected)")
                #expect(rows.map(\.cost) == expected.map { best[$0]!.0 })
                #expect(rows.map(\.hops) == expected.map { best[$0]!.1 })
                let table = try Distances.table(r.document, from: from, options: options)
                let plain = Distances.csvBytes(rows)
                for threads in [1, 2, 3, 7] {
                    #expect(table.csvBytes(threads: threads, parallelFrom: 0) == plain)
                }
                // Formatted while the search runs, handed over in chunks of any size.
                for chunk in [1, 2, 3, 5, 1 << 15] {
                    let streamed = try Distances.csv(r.document, from: from, options: options, chunk: chunk)
                    #expect(streamed.bytes == plain, "seed \(seed) chunk \(chunk)")
                    #expect(streamed.rows == rows.count)
                }
                // Written to a file while the search runs, a few bytes or a megabyte at a time.
                let dir = try TestPaths.tempFolder([:])
                defer { try? FileManager.default.removeItem(at: dir) }
                for (chunk, flushEvery) in [(1, 1), (3, 7), (1 << 15, 1 << 20)] {
                    let path = dir.appendingPathComponent("out \(chunk).csv").path
                    let file = OutputFile(path: path, prefix: CSVWriter.byteOrderMark)
                    let count = try Distances.write(
                        r.document, from: from, options: options, to: file, chunk: chunk, flushEvery: flushEvery)
                    try file.commit()
                    #expect(count == rows.count)
                    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(CSVWriter.byteOrderMark + plain))
                }
                #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).count == 3)
            }
        }
    }

    /// Shuffled lines give the same bytes.
    @Test(arguments: [UInt64(3), 9])
    func shuffledInputSameCSV(seed: UInt64) throws {
        let graph = Self.randomGraph(seed: seed)
        var g = SplitMix64(seed: seed ^ 0xABCD)
        let lines = graph.text.split(separator: "\n").dropFirst().shuffled(using: &g)
        let shuffled = "source,target,weight\n" + lines.joined(separator: "\n") + "\n"
        let from = graph.edges[0].0
        let options = Distances.Options(weightAttribute: "weight", transform: .none)
        let a = try EdgeListReader.read(Data(graph.text.utf8), file: "a.csv", source: "t")
        let b = try EdgeListReader.read(Data(shuffled.utf8), file: "b.csv", source: "t")
        let ta = try Distances.table(a.document, from: from, options: options)
        let tb = try Distances.table(b.document, from: from, options: options)
        #expect(ta.csvBytes(threads: 2, parallelFrom: 0) == tb.csvBytes(threads: 1))
    }
}
