import Foundation
import WarmPathKit

/// W1–W7 of `shared/bench/README.md`, run and reported exactly like `peers.py run`:
/// in-process wall clock, median and best of `reps` runs (1 run when `reps` would exceed the
/// budget), peak and current RSS, `prep:` lines for work outside the workloads, and result dumps
/// (`warmpath-SIZE-W4.csv` …) that `peers.py compare` checks against the peers' dumps.
struct GraphBench {
    var size = "S"
    var csv: String?
    var graphml: String?
    var json: String?
    var targets: String?
    var workloads: [String] = ["W1", "W4", "W5"]
    var reps = 3
    var budget = 300.0
    var dump: String?
    var out: String?
    var threads = 2

    static let usage = """
        usage: warmpath-bench graph --size S --csv FILE [--graphml FILE] [--json FILE] [--targets FILE]
               [--workloads W1,W2,W3,W4,W5,W6,W7] [--reps 3] [--budget 300] [--dump DIR] [--out FILE]
        """

    init(arguments: [String]) throws {
        var i = 0
        func value() throws -> String {
            i += 1
            guard i < arguments.count else { throw BenchError.usage("missing value for \(arguments[i - 1])") }
            return arguments[i]
        }
        while i < arguments.count {
            switch arguments[i] {
            case "--size": size = try value()
            case "--csv": csv = try value()
            case "--graphml": graphml = try value()
            case "--json": json = try value()
            case "--targets": targets = try value()
            case "--workloads":
                workloads = try value().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            case "--reps": reps = Int(try value()) ?? 3
            case "--budget": budget = Double(try value()) ?? 300
            case "--dump": dump = try value()
            case "--out": out = try value()
            case "--threads": threads = Int(try value()) ?? 2
            default: throw BenchError.usage("unknown argument \(arguments[i])")
            }
            i += 1
        }
    }

    struct Loaded {
        var document: GraphDocument
        var csr: CSRGraph
    }

    /// The commands' path: ``GraphFile/read(path:source:limits:)`` (detection, size limit, the
    /// edge-list file streamed in 1 MB blocks on two threads, CSR built on the way).
    func loadCSV(_ path: String) throws -> Loaded {
        let g = try GraphFile.read(path: path, source: "bench")
        return Loaded(document: g.document, csr: g.csr ?? CSRGraph(document: g.document))
    }

    func run() throws {
        let e = Emitter(version: "0.1.0", size: size, outFile: out)
        if let dump { try FileManager.default.createDirectory(atPath: dump, withIntermediateDirectories: true) }
        let base = Measure.rssMB()
        e.emit("baseline", [], String(format: "rss after start %.0f MB", base))
        var g: Loaded?

        if workloads.contains("W1"), let csv {
            var times: [Double] = []
            var first: Loaded?
            let t1 = try Measure.time { first = try loadCSV(csv) }
            let graphMB = Measure.rssMB() - base
            times.append(t1)
            if t1 * Double(reps) <= budget {
                for _ in 1..<reps {
                    first = nil
                    var again: Loaded?
                    times.append(try Measure.time { again = try loadCSV(csv) })
                    first = again
                }
            }
            g = first
            e.emit(
                "W1", times,
                String(
                    format:
                        "graph_mb=%.0f; GraphFile.read(path:) as the commands (file streamed in 1 MB blocks, 2 threads; GraphDocument + CSR); nodes=%d edges=%d",
                    graphMB,
                    g!.document.nodeCount, g!.document.edgeCount))
        }
        if workloads.contains("W2") { loadOther("W2", graphml, e, base) }
        if workloads.contains("W3") { loadOther("W3", json, e, base) }

        let needGraph = ["W4", "W5", "W6", "W7"].contains { workloads.contains($0) }
        if g == nil && needGraph {
            guard let csv else { throw BenchError.usage("--csv is needed for W4-W7") }
            g = try loadCSV(csv)
        }
        guard let g else { return }
        let doc = g.document
        let csr = g.csr
        guard let zero = doc.nodeIndex["0"] else { throw BenchError.usage("node 0 is not in the graph") }

        var costs: [Double] = []
        if workloads.contains("W4") || workloads.contains("W6") {
            let t = Measure.time { costs = EdgeCosts.costs(csr: csr, document: doc, transform: .neglog)! }
            e.emit(
                "prep:cost", [t],
                "derive cost=0.0-log(weight) per CSR slot from the exact Double weights (not in W4/W6)")
        }

        if workloads.contains("W4") {
            var dj: Dijkstra?
            var times: [Double] = []
            for _ in 0..<reps {
                dj = nil
                times.append(
                    Measure.time {
                        var d = Dijkstra(graph: csr, costs: costs)
                        d.runDistances(from: zero)
                        dj = d
                    })
                if times[0] * Double(reps) > budget { break }
            }
            let reached = dj!.settledOrder.count
            e.emit(
                "W4", times,
                "reached=\(reached); Dijkstra.runDistances, the loop of `warmpath distances` (radix heap on (cost, hops, node), distances + hops, workspace allocated in each run)"
            )
            if dump != nil {
                let d = dj!
                try writeRows("node,dist", nodes: d.settledOrder, document: doc, "W4") { "\(d.distance[Int($0)])" }
            }
        }

        if workloads.contains("W5") {
            var rev: CSRGraph?
            let tp = Measure.time { rev = csr.reversed(keepIndex: false) }
            e.emit("prep:undirected", [tp], "reverse CSR for the undirected view, adjacency only (not in W5)")
            var bfs: BreadthFirst?
            var times: [Double] = []
            for _ in 0..<reps {
                bfs = nil
                times.append(
                    Measure.time {
                        var b = BreadthFirst(forward: csr, reverse: rev)
                        b.run(from: zero)
                        bfs = b
                    })
                if times[0] * Double(reps) > budget { break }
            }
            let order = bfs!.order
            let maxHops = order.last.map { bfs!.hops[Int($0)] } ?? 0
            e.emit(
                "W5", times,
                "reached=\(order.count); max_hops=\(maxHops); BFS over out- and in-edges (forward + reverse CSR)")
            if dump != nil {
                let b = bfs!
                try writeRows("node,hops", nodes: order, document: doc, "W5") { "\(b.hops[Int($0)])" }
            }
        }

        if workloads.contains("W6") {
            guard let targets else { throw BenchError.usage("--targets is needed for W6") }
            let ids = try String(contentsOfFile: targets, encoding: .utf8).split(whereSeparator: \.isWhitespace).map(
                String.init)
            let nodes = ids.compactMap { doc.nodeIndex[$0] }
            var engine: KShortestPaths?
            let tp = Measure.time { engine = KShortestPaths(graph: csr, costs: costs) }
            e.emit("prep:yen", [tp], "reverse CSR + workspaces for Yen (not in W6)")
            var results: [(Int32, [WeightedPath])] = []
            var done = 0
            var timedOut = false
            let t0 = Measure.now()
            let c0 = Measure.cpu()
            for t in nodes {
                results.append((t, engine!.paths(from: zero, to: t, k: 3)))
                done += 1
                if Measure.now() - t0 > budget { timedOut = true; break }
            }
            let dt = Measure.now() - t0
            Measure.cpuLog.append(Measure.cpu() - c0)
            var times = [dt]
            var note =
                "targets=\(done)/\(nodes.count); k=3; no hop limit; Yen (A* spur searches on the reverse tree bound, tree reuse, Lawler)"
            if timedOut && done < nodes.count {
                times = [dt / Double(done) * Double(nodes.count)]
                note = String(format: "EXTRAPOLATED from %d/%d targets in %.1fs; ", done, nodes.count, dt) + note
            } else if dt * Double(reps) <= budget {
                for _ in 1..<reps {
                    times.append(Measure.time { for t in nodes { _ = engine!.paths(from: zero, to: t, k: 3) } })
                }
            }
            e.emit("W6", times, note)
            if dump != nil {
                var lines = ["target,rank,cost,hops,path"]
                for (t, ps) in results {
                    for (r, p) in ps.enumerated() {
                        let cost = EdgeCosts.pathCost(p.nodes, csr: csr, costs: costs)
                        lines.append(
                            "\(doc.nodeIDs[Int(t)]),\(r + 1),\(cost),\(p.hops),\(p.nodes.map { doc.nodeIDs[Int($0)] }.joined(separator: " "))"
                        )
                    }
                }
                try write(lines, "W6")
            }
        }

        if workloads.contains("W7") {
            var times: [Double] = []
            var bc: [Double] = []
            for _ in 0..<reps {
                times.append(Measure.time { bc = Betweenness.compute(csr, threads: threads) })
                if times[0] * Double(reps) > budget { break }
            }
            let top = bc.indices.max { bc[$0] < bc[$1] }.map { "\(doc.nodeIDs[$0])=\(bc[$0])" } ?? "-"
            e.emit("W7", times, "Brandes exact, unweighted, directed (\(threads) threads); max \(top)")
        }
    }

    func loadOther(_ w: String, _ path: String?, _ e: Emitter, _ base: Double) {
        guard let path else {
            e.emit(w, [], "skipped: no file given")
            return
        }
        var times: [Double] = []
        var graphMB = 0.0
        var detail = ""
        do {
            for i in 0..<reps {
                var doc: GraphDocument?
                let t = try Measure.time { doc = try GraphFile.read(path: path, source: "bench").document }
                if i == 0 {
                    graphMB = Measure.rssMB() - base
                    detail = "nodes=\(doc?.nodeCount ?? 0) edges=\(doc?.edgeCount ?? 0)"
                }
                times.append(t)
                doc = nil
                if times[0] * Double(reps) > budget { break }
            }
        } catch {
            e.emit(w, [], "error: \(error)")
            return
        }
        let method =
            w == "W2"
            ? "GraphFile.read(path:) as the commands (GraphML, libxml2 SAX; node data kept)"
            : "GraphFile.read(path:) as the commands (streamed node-link JSON; node data kept)"
        e.emit(w, times, String(format: "graph_mb=%.0f; ", graphMB) + method + "; " + detail)
    }

    /// Dumps one value per node, sorted by numeric node id, streamed to the file in chunks (so
    /// the dump does not inflate the peak memory reported for the next workload).
    func writeRows(_ header: String, nodes: [Int32], document doc: GraphDocument, _ w: String, value: (Int32) -> String)
        throws
    {
        guard let dump else { return }
        let path = (dump as NSString).appendingPathComponent("warmpath-\(size)-\(w).csv")
        let keys = nodes.map { Int(doc.nodeIDs[Int($0)]) ?? 0 }
        let order = keys.indices.sorted { keys[$0] < keys[$1] }
        guard FileManager.default.createFile(atPath: path, contents: nil), let out = FileHandle(forWritingAtPath: path)
        else {
            throw BenchError.usage("cannot write \(path)")
        }
        defer { try? out.close() }
        var buffer = Array((header + "\n").utf8)
        for i in order {
            let v = nodes[i]
            buffer += doc.nodeIDs[Int(v)].utf8
            buffer.append(UInt8(ascii: ","))
            buffer += value(v).utf8
            buffer.append(10)
            if buffer.count >= 1 << 20 {
                try out.write(contentsOf: buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        try out.write(contentsOf: buffer)
    }

    func write(_ lines: [String], _ w: String) throws {
        guard let dump else { return }
        let path = (dump as NSString).appendingPathComponent("warmpath-\(size)-\(w).csv")
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }
}

enum BenchError: Error, CustomStringConvertible {
    case usage(String)
    var description: String {
        switch self {
        case .usage(let s): s + "\n" + GraphBench.usage
        }
    }
}
