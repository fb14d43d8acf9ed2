import Foundation
import WarmPathSupport
import WarmPathModel
import WarmPathImport
import WarmPathAnalysis
import WarmPathReport

/// `warmpath distances`: least-cost distances from one node of a graph file to every node it reaches.
///
/// - Without a weight attribute the cost is the hop count: breadth-first search, `cost == hops`.
/// - With one, cost is the sum of transformed weights along the least-cost path
///   (``CostTransform``: `neglog` `0.0 − ln w`, `inverse` `1/w`, `none` `w`), and `hops` is the
///   fewest edges among the least-cost paths (``Dijkstra`` orders by cost, then hops). Edges
///   without a weight, or whose weight is not a number (``EdgeWeight/unreadable``, reported),
///   count as weight 1.0. NaN written in the file is an error whatever the transform
///   (``Failure/notANumberWeights(count:total:example:)``): it is never read as a weight. A
///   weight the transform cannot use (neglog outside (0, 1], inverse ≤ 0, none < 0, infinite) is
///   an error naming how many edges have one; no edge is dropped.
/// - Direction comes from the file (``GraphFile``); ``Options/undirected`` forces undirected.
/// - Rows are sorted by cost, then node id: integer ids first, in numeric order, then the others
///   by Unicode scalars (a total order, so the output is byte-identical across runs and input
///   orders of equal content).
public enum Distances {
    public struct Options: Sendable, Hashable {
        /// Edge attribute holding the weight (`weight` = the file's weight column); nil = no
        /// weights, every edge costs one hop.
        public var weightAttribute: String?
        public var transform: CostTransform
        /// Treat every edge as undirected.
        public var undirected: Bool

        public init(weightAttribute: String? = nil, transform: CostTransform = .neglog, undirected: Bool = false) {
            self.weightAttribute = weightAttribute
            self.transform = transform
            self.undirected = undirected
        }
    }

    public struct Row: Sendable, Hashable {
        public var node: String
        public var hops: Int
        public var cost: Double
    }

    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case unknownNode(String)
        case unknownAttribute(String, available: [String])
        /// `count` of `total` edges have a weight the transform cannot use; `example` describes one.
        case unfitWeights(transform: CostTransform, count: Int, total: Int, example: String)
        /// `count` of `total` edges have the weight NaN, which no transform turns into a cost.
        case notANumberWeights(count: Int, total: Int, example: String)

        public var description: String {
            switch self {
            case .unknownNode(let id): "--from '\(id)' is not a node of the graph"
            case .unknownAttribute(let a, let avail):
                "--weight '\(a)' is not an edge attribute; available: "
                    + (["weight"] + avail.filter { $0 != "weight" }).joined(separator: ", ")
            case .unfitWeights(let t, let count, let total, let example):
                "--transform \(t.rawValue) needs \(t.needs), but \(Format.grouped(count)) of \(Format.grouped(total)) edges "
                    + "have other weights (for example \(example)); "
                    + "choose a transform that fits the weights: "
                    + CostTransform.allCases.filter { $0 != t }.map { "--transform \($0.rawValue) (\($0.needs))" }
                    .joined(separator: " or ")
            case .notANumberWeights(let count, let total, let example):
                "\(Format.grouped(count)) of \(Format.grouped(total)) edges have the weight NaN (for example \(example)); "
                    + "no transform gives NaN a cost, and warmpath does not guess one: "
                    + "correct or remove those weights, or leave --weight out to count hops"
            }
        }
    }

    /// Distances from node `id` of `document`, as a ``Table``.
    /// - Parameter csr: the document's directed CSR when the reader built one (``GraphFile/csr``).
    /// - Complexity: O(V + E) without weights, O((V + E) log V) with.
    public static func table(
        _ document: GraphDocument, from id: String, options: Options = .init(), csr directed: CSRGraph? = nil
    ) throws -> Table {
        searchTable(document, try prepare(document, from: id, options: options, csr: directed))
    }

    /// The source node, the graph as the search sees it and the costs (nil: hops only).
    struct Prepared {
        var source: Int32
        var csr: CSRGraph
        var costs: [Double]?
    }

    static func searchTable(_ document: GraphDocument, _ p: Prepared) -> Table {
        if let costs = p.costs {
            var dj = Dijkstra(graph: p.csr, costs: costs)
            dj.runDistances(from: p.source)
            return Table(nodeIDs: document.nodeIDs, searchOrder: dj.settledOrder, hops: dj.hops, cost: dj.distance)
        }
        var bfs = BreadthFirst(forward: p.csr)
        bfs.run(from: p.source)
        return Table(nodeIDs: document.nodeIDs, searchOrder: bfs.order, hops: bfs.hops, cost: nil)
    }

    /// Checks the source and the weights and turns the weights into costs.
    static func prepare(
        _ document: GraphDocument, from id: String, options: Options, csr directed: CSRGraph?
    ) throws -> Prepared {
        guard let source = document.nodeIndex[id] else { throw Failure.unknownNode(id) }
        let fileDirected = document.directed && document.edgeDirected == nil && !options.undirected
        let csr = (fileDirected ? directed : nil) ?? CSRGraph.asWritten(document, undirected: options.undirected)
        var costs: [Double]? = nil
        if let attribute = options.weightAttribute {
            switch EdgeCosts.checkedCosts(
                csr: csr, document: document, attribute: attribute, transform: options.transform)
            {
            case nil:
                throw Failure.unknownAttribute(attribute, available: document.edgeAttributes.map(\.name))
            case .failure(let bad):
                func example(_ e: Int, _ weight: String) -> String {
                    let line = e < document.edgeLines.count ? Int(document.edgeLines[e]) : 0
                    // Node ids may be 4 MB long: at most 60 characters of each.
                    func id(_ v: Int32) -> String {
                        let t = document.nodeIDs[Int(v)]
                        return t.count > 60 ? String(t.prefix(60)) + "…" : t
                    }
                    return
                        "edge \(id(document.edgeSources[e])) -> \(id(document.edgeTargets[e]))"
                        + (line > 0 ? " on line \(line)" : "") + " has weight \(weight)"
                }
                if bad.notANumber > 0 {
                    throw Failure.notANumberWeights(
                        count: bad.notANumber, total: document.edgeCount, example: example(bad.firstNotANumber, "NaN"))
                }
                throw Failure.unfitWeights(
                    transform: options.transform, count: bad.count, total: document.edgeCount,
                    example: example(bad.firstEdge, shortNumber(bad.firstWeight)))
            case .success(let c):
                costs = c
            }
        }
        return Prepared(source: source, csr: csr, costs: costs)
    }

    /// Distances from node `id` of `document`, one ``Row`` per reached node, in output order.
    /// - Parameter csr: the document's directed CSR when the reader built one (``GraphFile/csr``).
    /// - Complexity: O(V + E) without weights, O((V + E) log V) with.
    public static func compute(
        _ document: GraphDocument, from id: String, options: Options = .init(), csr directed: CSRGraph? = nil
    ) throws -> [Row] {
        try table(document, from: id, options: options, csr: directed).rows
    }

    /// The reached nodes of one search in output order, with their hops and costs, kept as
    /// arrays (no row values), so a million rows are written straight from them.
    public struct Table: Sendable {
        /// The document's node ids.
        public let nodeIDs: [String]
        /// Reached nodes, sorted by cost, then id (integer ids first, numerically; then the
        /// others by Unicode scalars).
        public let order: [Int32]
        /// Hops per node (-1 when not reached).
        public let hops: [Int32]
        /// Least cost per node; nil without weights (cost = hops).
        public let cost: [Double]?

        /// - Parameter searchOrder: the nodes in the order the search settled them, which is by
        ///   cost already (Dijkstra: (cost, hops); breadth-first: hops): only runs of equal cost
        ///   are sorted, by id.
        init(nodeIDs: [String], searchOrder: [Int32], hops: [Int32], cost: [Double]?) {
            self.nodeIDs = nodeIDs
            self.hops = hops
            self.cost = cost
            var order = searchOrder
            @inline(__always) func key(_ v: Int32) -> Double { cost?[Int(v)] ?? Double(hops[Int(v)]) }
            var i = 0
            let n = order.count
            while i < n {
                let k = key(order[i])
                var j = i + 1
                while j < n && key(order[j]) == k { j += 1 }
                if j - i > 1 {
                    let sorted = Distances.sortedRun(order[i..<j].map { ($0, hops[Int($0)]) }, nodeIDs: nodeIDs)
                    for (k, e) in sorted.enumerated() { order[i + k] = e.node }
                }
                i = j
            }
            self.order = order
        }

        public var count: Int { order.count }

        public var rows: [Row] {
            order.map { v in
                let i = Int(v)
                return Row(node: nodeIDs[i], hops: Int(hops[i]), cost: cost?[i] ?? Double(hops[i]))
            }
        }

        /// The `node,hops,cost` CSV of ``Distances/csv(_:)``, as UTF-8 bytes; the rows are
        /// formatted in slices on up to `threads` threads (one slice below `parallelFrom` rows),
        /// then joined.
        /// - Complexity: O(rows).
        public func csvBytes(threads: Int = Parallel.workers(), parallelFrom: Int = 100_000) -> [UInt8] {
            let n = order.count
            let parts = n < parallelFrom ? 1 : max(1, min(threads, 8, n))
            let table = self
            let pieces = Parallel.map(
                (0..<parts).map { p in
                    { @Sendable () -> [UInt8] in
                        var out: [UInt8] = []
                        let lo = n * p / parts
                        let hi = n * (p + 1) / parts
                        out.reserveCapacity((hi - lo) * 32 + 16)
                        var digits = [UInt8](repeating: 0, count: 20)
                        for k in lo..<hi {
                            let v = Int(table.order[k])
                            Distances.appendRow(
                                node: table.nodeIDs[v], hops: Int(table.hops[v]),
                                cost: table.cost?[v] ?? Double(table.hops[v]), into: &out, digits: &digits)
                        }
                        return out
                    }
                }, threads: parts)
            var out: [UInt8] = []
            out.reserveCapacity(16 + pieces.reduce(0) { $0 + $1.count })
            out.append(contentsOf: header.utf8)
            for piece in pieces { out.append(contentsOf: piece) }
            return out
        }
    }

    /// A run of nodes of equal cost in output order: integer ids first, by value; then by
    /// Unicode scalars (which also orders "7" and "07"); ids that read the same by hops, then
    /// node. A total order, whatever order the run came in.
    static func sortedRun(_ run: [(node: Int32, hops: Int32)], nodeIDs: [String]) -> [(node: Int32, hops: Int32)] {
        let keyed = run.map { (entry: $0, value: Int(nodeIDs[Int($0.node)])) }
        return keyed.sorted { a, b in
            switch (a.value, b.value) {
            case (let x?, let y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: break
            }
            let sa = nodeIDs[Int(a.entry.node)].unicodeScalars
            let sb = nodeIDs[Int(b.entry.node)].unicodeScalars
            if !sa.elementsEqual(sb) { return sa.lexicographicallyPrecedes(sb) }
            return a.entry.hops != b.entry.hops ? a.entry.hops < b.entry.hops : a.entry.node < b.entry.node
        }.map(\.entry)
    }

    /// The distances CSV of a weighted search, formatted on another core while the search runs:
    /// the search hands over its settled nodes in chunks (``Dijkstra/SettledChunk``), and each
    /// run of equal cost is sorted and written once a larger cost has settled after it. The
    /// bytes are those of ``Table/csvBytes(threads:parallelFrom:)``.
    ///
    /// With a `file`, the bytes go to it whenever `flushEvery` of them are ready (and the rest at
    /// ``finish()``); the first write error stops the writing and is kept in ``failure``.
    final class StreamedCSV: @unchecked Sendable {
        let nodeIDs: [String]
        private(set) var bytes: [UInt8] = []
        private(set) var count = 0
        private(set) var failure: (any Error)? = nil
        private let file: OutputFile?
        private let flushEvery: Int
        private var pending: [(node: Int32, hops: Int32)] = []
        private var pendingCost: [Double] = []
        private var digits = [UInt8](repeating: 0, count: 20)

        init(nodeIDs: [String], expectedRows: Int, file: OutputFile? = nil, flushEvery: Int = 1 << 20) {
            self.nodeIDs = nodeIDs
            self.file = file
            self.flushEvery = max(1, flushEvery)
            bytes.reserveCapacity(file == nil ? 16 + expectedRows * 30 : self.flushEvery + (1 << 16))
            bytes.append(contentsOf: Distances.header.utf8)
        }

        /// Hands the bytes formatted so far to the file, if any (at least `atLeast` of them).
        private func flush(atLeast: Int) {
            guard let file, failure == nil, bytes.count >= atLeast else { return }
            do {
                try file.write(bytes)
            } catch {
                failure = error
            }
            bytes.removeAll(keepingCapacity: true)
        }

        /// Takes a chunk; writes every run that is known to be complete.
        func take(_ chunk: Dijkstra.SettledChunk) {
            for i in 0..<chunk.count {
                pending.append((chunk.nodes[i], chunk.hops[i]))
                pendingCost.append(chunk.costs[i])
            }
            // The last run may go on in the next chunk.
            var end = pendingCost.count
            if let last = pendingCost.last {
                while end > 0 && pendingCost[end - 1] == last { end -= 1 }
            }
            write(upTo: end)
        }

        /// Writes what is left (the search is over).
        func finish() {
            write(upTo: pendingCost.count)
            flush(atLeast: 0)
        }

        private func write(upTo end: Int) {
            guard end > 0 else { return }
            var i = 0
            while i < end {
                let k = pendingCost[i]
                var j = i + 1
                while j < end && pendingCost[j] == k { j += 1 }
                if j - i == 1 {
                    let e = pending[i]
                    Distances.appendRow(
                        node: nodeIDs[Int(e.node)], hops: Int(e.hops), cost: k, into: &bytes, digits: &digits)
                } else {
                    for e in Distances.sortedRun(Array(pending[i..<j]), nodeIDs: nodeIDs) {
                        Distances.appendRow(
                            node: nodeIDs[Int(e.node)], hops: Int(e.hops), cost: k, into: &bytes, digits: &digits)
                    }
                }
                i = j
            }
            count += end
            pending.removeFirst(end)
            pendingCost.removeFirst(end)
            flush(atLeast: flushEvery)
        }
    }

    /// The `node,hops,cost` CSV of the distances from `id` and the number of rows: for a
    /// weighted search the rows are formatted on another core while the search runs
    /// (``StreamedCSV``), else from the ``Table``. The same bytes as `table(...).csvBytes()`.
    /// - Parameter chunk: settled nodes handed over at a time (tests use small ones).
    public static func csv(
        _ document: GraphDocument, from id: String, options: Options = .init(), csr directed: CSRGraph? = nil,
        chunk: Int = 1 << 15
    ) throws -> (rows: Int, bytes: [UInt8]) {
        try produce(document, from: id, options: options, csr: directed, chunk: chunk, file: nil, flushEvery: 0)
    }

    /// Writes the `node,hops,cost` CSV of the distances from `id` into `file` (not committed)
    /// and returns the number of rows: for a weighted search the rows go to the file while the
    /// search runs, a megabyte at a time (`flushEvery` bytes; tests use small ones). The file
    /// gets the bytes of ``csv(_:from:options:csr:chunk:)``; nothing is written when the
    /// source or the weights are refused.
    /// - Throws: ``Failure``, or the file's ``WriteError``.
    public static func write(
        _ document: GraphDocument, from id: String, options: Options = .init(), csr directed: CSRGraph? = nil,
        to file: OutputFile, chunk: Int = 1 << 15, flushEvery: Int = 1 << 20
    ) throws -> Int {
        try produce(
            document, from: id, options: options, csr: directed, chunk: chunk, file: file, flushEvery: flushEvery
        ).rows
    }

    /// The CSV of ``csv(_:from:options:csr:chunk:)``, kept (`file` nil) or written to `file`
    /// (the bytes returned are then empty). A weighted search formats its rows alongside the
    /// search (``StreamedCSV``); hops only, the ``Table`` formats them afterwards.
    private static func produce(
        _ document: GraphDocument, from id: String, options: Options, csr directed: CSRGraph?, chunk: Int,
        file: OutputFile?, flushEvery: Int
    ) throws -> (rows: Int, bytes: [UInt8]) {
        let prepared = try prepare(document, from: id, options: options, csr: directed)
        guard let costs = prepared.costs else {
            let t = searchTable(document, prepared)
            guard let file else { return (t.count, t.csvBytes()) }
            try file.write(t.csvBytes())
            return (t.count, [])
        }
        let sink = StreamedCSV(
            nodeIDs: document.nodeIDs, expectedRows: document.nodeCount, file: file, flushEvery: flushEvery)
        let queue = DispatchQueue(label: "warmpath.distances.csv")
        var dj = Dijkstra(graph: prepared.csr, costs: costs)
        dj.runDistances(from: prepared.source, chunk: chunk) { batch in queue.async { sink.take(batch) } }
        queue.sync { sink.finish() }
        if let failure = sink.failure { throw failure }
        return (sink.count, sink.bytes)
    }

    static let header = "node,hops,cost\r\n"

    /// One `node,hops,cost` row: the id through ``CSVWriter`` (quoted when needed, formulas
    /// neutralised), hops in decimal, the cost in shortest round-trip form, CRLF.
    @inline(__always)
    static func appendRow(node: String, hops: Int, cost: Double, into out: inout [UInt8], digits: inout [UInt8]) {
        var node = node
        node.withUTF8 { CSVWriter.append($0, to: &out) }
        out.append(0x2C)
        var h = hops
        var k = digits.count
        repeat {
            k -= 1
            digits[k] = 0x30 + UInt8(h % 10)
            h /= 10
        } while h > 0
        out.append(contentsOf: digits[k...])
        out.append(0x2C)
        if cost == 0 {
            out.append(contentsOf: "0.0".utf8)
        } else {
            out.append(contentsOf: cost.description.utf8)
        }
        out.append(contentsOf: CSVWriter.rowEnd)
    }

    /// `4` for 4.0, else the shortest round-trip form (`0.25`, `nan`).
    static func shortNumber(_ w: Double) -> String {
        w.isFinite && w == w.rounded() && abs(w) < 1e15 ? String(Int(w)) : "\(w)"
    }

    /// `node,hops,cost` CSV (ids quoted when needed; cost in shortest round-trip form; rows end
    /// in CRLF; no byte-order mark: the caller adds ``CSVWriter/byteOrderMark`` for a file).
    public static func csv(_ rows: [Row]) -> String { String(decoding: csvBytes(rows), as: UTF8.self) }

    /// The same CSV as UTF-8 bytes, built without an intermediate `String` per row.
    /// - Complexity: O(rows).
    public static func csvBytes(_ rows: [Row]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(16 + rows.count * 32)
        out.append(contentsOf: header.utf8)
        var digits = [UInt8](repeating: 0, count: 20)
        for r in rows { appendRow(node: r.node, hops: r.hops, cost: r.cost, into: &out, digits: &digits) }
        return out
    }

    /// Reads a graph file of any format warmpath reads (``GraphFile``) and computes distances.
    /// - Returns: the rows, the file's issues (the weight census among them) and the census of
    ///   unusual weights, which the command prints as one line.
    public static func run(path: String, from id: String, options: Options = .init(), limits: ImportLimits = .default)
        throws -> (rows: [Row], issues: [ImportIssue], weights: EdgeWeightCensus)
    {
        let file = try GraphFile.read(path: path, source: "distances", limits: limits)
        defer { Parallel.release(file) }
        return (try compute(file.document, from: id, options: options, csr: file.csr), file.issues, file.weights)
    }
}

extension Distances.Failure: UserFacingError {
    public var message: String { description }
    public var exitStatus: ExitStatus { .usage }
}
