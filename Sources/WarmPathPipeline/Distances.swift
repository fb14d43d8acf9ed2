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
/// - Rows are sorted by cost, then node id (numerically when both ids are integers, else by
///   Unicode scalars), so the output is byte-identical across runs and input orders of equal content.
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

    /// Distances from node `id` of `document`.
    /// - Parameter csr: the document's directed CSR when the reader built one (``GraphFile/csr``).
    /// - Complexity: O(V + E) without weights, O((V + E) log V) with.
    public static func compute(
        _ document: GraphDocument, from id: String, options: Options = .init(), csr directed: CSRGraph? = nil
    ) throws -> [Row] {
        guard let source = document.nodeIndex[id] else { throw Failure.unknownNode(id) }
        let fileDirected = document.directed && document.edgeDirected == nil && !options.undirected
        let csr = (fileDirected ? directed : nil) ?? CSRGraph.asWritten(document, undirected: options.undirected)
        var costs: [Double]?
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
        var reached: [Int32]
        var hops: [Int32]
        var cost: [Double]?
        if let costs {
            var dj = Dijkstra(graph: csr, costs: costs)
            dj.runDistances(from: source)
            reached = dj.settledOrder
            hops = dj.hops
            cost = dj.distance
        } else {
            var bfs = BreadthFirst(forward: csr)
            bfs.run(from: source)
            reached = bfs.order
            hops = bfs.hops
        }
        // Sort on precomputed keys: cost (hops without weights), then the integer id, else the id text.
        let ids = document.nodeIDs
        let numeric = reached.map { Int(ids[Int($0)]) }
        var order = Array(reached.indices)
        order.sort { a, b in
            let va = Int(reached[a])
            let vb = Int(reached[b])
            let ca = cost?[va] ?? Double(hops[va])
            let cb = cost?[vb] ?? Double(hops[vb])
            if ca != cb { return ca < cb }
            if let x = numeric[a], let y = numeric[b], x != y { return x < y }
            return ids[va].unicodeScalars.lexicographicallyPrecedes(ids[vb].unicodeScalars)
        }
        return order.map { i in
            let v = Int(reached[i])
            return Row(node: ids[v], hops: Int(hops[v]), cost: cost?[v] ?? Double(hops[v]))
        }
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
        out.append(contentsOf: "node,hops,cost\r\n".utf8)
        var digits = [UInt8](repeating: 0, count: 20)
        for r in rows {
            var node = r.node
            node.withUTF8 { CSVWriter.append($0, to: &out) }
            out.append(0x2C)
            var h = r.hops
            var k = digits.count
            repeat {
                k -= 1
                digits[k] = 0x30 + UInt8(h % 10)
                h /= 10
            } while h > 0
            out.append(contentsOf: digits[k...])
            out.append(0x2C)
            if r.cost == 0 {
                out.append(contentsOf: "0.0".utf8)
            } else {
                out.append(contentsOf: r.cost.description.utf8)
            }
            out.append(contentsOf: CSVWriter.rowEnd)
        }
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
