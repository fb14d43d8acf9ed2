import Foundation
import WarmPathSupport
import WarmPathModel
import WarmPathImport
import WarmPathAnalysis
import WarmPathReport

/// `warmpath distances`: least-cost distances from one node of a graph file to every node it reaches.
///
/// - cost: the sum of transformed weights along the least-cost path (``CostTransform``: `neglog`
///   `0.0 − ln w`, `inverse` `1/w`, `none` `w`); edges whose weight cannot be transformed
///   (`w ≤ 0` for neglog/inverse, `w < 0` for none, NaN) are not used. Edges without a weight
///   count as weight 1.0.
/// - hops: the number of edges **of that least-cost path**; among equal-cost paths Dijkstra keeps
///   the one with fewer hops (so `hops` is not always the BFS hop distance).
/// - Rows are sorted by cost, then node id (numerically when both ids are integers, else by
///   Unicode scalars), so the output is byte-identical across runs and input orders of equal content.
public enum Distances {
    public struct Options: Sendable, Hashable {
        /// Edge attribute holding the weight; nil or `weight` = the file's weight column.
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

        public var description: String {
            switch self {
            case .unknownNode(let id): "--from '\(id)' is not a node of the graph"
            case .unknownAttribute(let a, let avail):
                "--weight '\(a)' is not an edge attribute; available: "
                    + (["weight"] + avail).joined(separator: ", ")
            }
        }
    }

    /// Distances from node `id` of `document`.
    /// - Complexity: O((V + E) log V).
    public static func compute(_ document: GraphDocument, from id: String, options: Options = .init()) throws -> [Row] {
        guard let source = document.nodeIndex[id] else { throw Failure.unknownNode(id) }
        let csr = CSRGraph(document: document, undirected: options.undirected)
        guard
            let costs = EdgeCosts.costs(
                csr: csr, document: document, attribute: options.weightAttribute, transform: options.transform)
        else {
            throw Failure.unknownAttribute(options.weightAttribute ?? "weight", available: document.edgeAttributes.map(\.name))
        }
        var dj = Dijkstra(graph: csr, costs: costs)
        dj.run(from: source)
        var rows = dj.settledOrder.map { v in
            Row(node: document.nodeIDs[Int(v)], hops: Int(dj.hops[Int(v)]), cost: dj.distance[Int(v)])
        }
        rows.sort { a, b in
            if a.cost != b.cost { return a.cost < b.cost }
            return idPrecedes(a.node, b.node)
        }
        return rows
    }

    /// Numeric order when both ids are integers, else Unicode scalar order.
    static func idPrecedes(_ a: String, _ b: String) -> Bool {
        if let x = Int(a), let y = Int(b), x != y { return x < y }
        return a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
    }

    /// `node,hops,cost` CSV (ids quoted when needed; cost in shortest round-trip form).
    public static func csv(_ rows: [Row]) -> String {
        var out = "node,hops,cost\n"
        for r in rows {
            out += CSVWriter.escape(r.node) + "," + String(r.hops) + "," + (r.cost == 0 ? "0.0" : "\(r.cost)") + "\n"
        }
        return out
    }

    /// Reads a graph file (edge lists for now) and computes distances.
    public static func run(path: String, from id: String, options: Options = .init(), maxFileBytes: Int64 = 2 << 30)
        throws -> (rows: [Row], issues: [ImportIssue])
    {
        let url = URL(fileURLWithPath: path)
        guard FileManager.default.fileExists(atPath: path) else { throw ImportError.notFound(path: path) }
        let attrs = try? FileManager.default.attributesOfItem(atPath: path)
        let size = (attrs?[.size] as? NSNumber)?.int64Value ?? 0
        if size > maxFileBytes { throw ImportError.tooLarge(path: path, bytes: size, limit: maxFileBytes) }
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw ImportError.unreadable(path: path, reason: ErrorText.reason(error, path: path))
        }
        let result = try EdgeListReader.read(data, file: url.lastPathComponent, source: "distances")
        return (try compute(result.document, from: id, options: options), result.issues)
    }
}

extension Distances.Failure: UserFacingError {
    public var message: String { description }
    public var exitStatus: ExitStatus { .usage }
}
