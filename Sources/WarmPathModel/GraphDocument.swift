import WarmPathSupport

/// A typed attribute value read from a graph file.
public enum AttributeValue: Sendable, Hashable, Codable {
    case string(String)
    case int(Int64)
    case double(Double)
    case bool(Bool)
    case list([AttributeValue])

    /// Text form for reports and for the person model.
    public var text: String {
        switch self {
        case .string(let s): s
        case .int(let i): String(i)
        case .double(let d): d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) + ".0" : String(d)
        case .bool(let b): b ? "true" : "false"
        case .list(let l): l.map(\.text).joined(separator: "|")
        }
    }

    public var doubleValue: Double? {
        switch self {
        case .int(let i): Double(i)
        case .double(let d): d
        case .bool(let b): b ? 1 : 0
        case .string(let s): Double(s)
        case .list: nil
        }
    }
}

/// Declared type of an attribute column (GraphML `attr.type`, GEXF `type`).
public enum AttributeType: String, Sendable, Hashable, Codable {
    case string, int, long, float, double, boolean, list
}

/// A column of attribute values, one slot per node or edge (nil = missing).
public struct AttributeColumn: Sendable, Hashable {
    public var name: String
    public var type: AttributeType
    public var defaultValue: AttributeValue?
    public var values: [AttributeValue?]

    public init(name: String, type: AttributeType, defaultValue: AttributeValue? = nil, values: [AttributeValue?] = [])
    {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.values = values
    }

    /// The value of slot `i`, falling back to the declared default.
    public func value(_ i: Int) -> AttributeValue? {
        (i < values.count ? values[i] : nil) ?? defaultValue
    }
}

/// Node id → node index of a ``GraphDocument``.
///
/// Ids live in a dictionary, except the canonical decimal ids (digits only, at most 18, no
/// leading zero) an edge-list reader interned through a dense table: those are found by value
/// in ``decimal`` and never hashed, which saves building a million-entry dictionary of strings
/// on a graph of integer ids. The dictionary is asked first, so a lookup finds the same node as
/// with the dictionary alone.
public struct NodeIndex: Sendable {
    var table: [String: Int32]
    /// Node of canonical decimal id `v` at `decimal[v]` (-1: no such node); empty when unused.
    var decimal: [Int32]
    var decimalCount: Int

    public init() {
        table = [:]
        decimal = []
        decimalCount = 0
    }

    /// An index over `others` plus the canonical decimal ids of `decimal` (`decimal[v]` is the
    /// node of id `v`, -1 for none; `decimalCount` of them are set).
    public init(others: [String: Int32], decimal: [Int32], decimalCount: Int) {
        table = others
        self.decimal = decimal
        self.decimalCount = decimalCount
    }

    /// The value of a canonical decimal id (digits only, 1–18 of them, no leading zero), else nil.
    @inlinable
    public static func decimalValue(_ id: String) -> Int? {
        var id = id
        return id.withUTF8 { b -> Int? in
            guard b.count >= 1, b.count <= 18, b.count == 1 || b[0] != 48 else { return nil }
            var v = 0
            for c in b {
                let d = c &- 48
                if d >= 10 { return nil }
                v = v &* 10 &+ Int(d)
            }
            return v
        }
    }

    public subscript(id: String) -> Int32? {
        get {
            if let i = table[id] { return i }
            guard !decimal.isEmpty, let v = NodeIndex.decimalValue(id), v < decimal.count else { return nil }
            let i = decimal[v]
            return i >= 0 ? i : nil
        }
        set {
            // The id moves to the dictionary (or goes): `count` stays exact.
            if !decimal.isEmpty, let v = NodeIndex.decimalValue(id), v < decimal.count, decimal[v] >= 0 {
                decimal[v] = -1
                decimalCount -= 1
            }
            table[id] = newValue
        }
    }

    /// How many ids are indexed.
    public var count: Int { table.count + decimalCount }

    public mutating func reserveCapacity(_ n: Int) { table.reserveCapacity(n) }

    /// Every id and its node, as a dictionary (builds one: for tests and small graphs).
    public var dictionary: [String: Int32] {
        var d = table
        for (v, i) in decimal.enumerated() where i >= 0 && d[String(v)] == nil { d[String(v)] = i }
        return d
    }
}

/// A generic graph file in memory: interned node ids, edge arrays and attribute columns.
///
/// Every graph reader (GraphML, GEXF, node-link/Cytoscape/graphology JSON, edge lists, GML,
/// Pajek) produces one; ``CSRGraph`` views and the person model are built from it.
/// Edges keep their file order; parallel edges are kept (multigraph) with their ids.
public struct GraphDocument: Sendable {
    /// Default direction of edges (`edgedefault`, `defaultedgetype`, `directed`).
    public var directed: Bool
    public var multigraph: Bool
    /// Node ids as written in the file (never converted to numbers).
    public var nodeIDs: [String]
    public var nodeIndex: NodeIndex
    public var edgeSources: [Int32]
    public var edgeTargets: [Int32]
    /// Explicit edge weight per edge (NaN when absent; see ``EdgeWeight`` for the NaNs that mean
    /// NaN written in the file and a weight that is not a number), or nil when no edge has one.
    public var edgeWeights: [Double]?
    /// Per-edge direction where it differs from `directed` (nil = all follow the default).
    public var edgeDirected: [Bool]?
    /// Edge ids where the file gives them.
    public var edgeIDs: [String?]?
    public var nodeAttributes: [AttributeColumn]
    public var edgeAttributes: [AttributeColumn]
    public var graphAttributes: [String: AttributeValue]
    /// Physical line of each node / edge declaration (0 when unknown), for issues.
    public var nodeLines: [Int32]
    public var edgeLines: [Int32]

    public init(directed: Bool, multigraph: Bool = false) {
        self.directed = directed
        self.multigraph = multigraph
        nodeIDs = []
        nodeIndex = NodeIndex()
        edgeSources = []
        edgeTargets = []
        edgeWeights = nil
        edgeDirected = nil
        edgeIDs = nil
        nodeAttributes = []
        edgeAttributes = []
        graphAttributes = [:]
        nodeLines = []
        edgeLines = []
    }

    public var nodeCount: Int { nodeIDs.count }
    public var edgeCount: Int { edgeSources.count }

    /// Index of node `id`, adding it when new.
    @discardableResult
    public mutating func node(_ id: String, line: Int = 0) -> Int32 {
        if let i = nodeIndex[id] { return i }
        let i = Int32(nodeIDs.count)
        nodeIDs.append(id)
        nodeIndex[id] = i
        nodeLines.append(Int32(clamping: line))
        return i
    }

    /// Appends an edge; `weight` nil = no explicit weight. A NaN weight is stored as
    /// ``EdgeWeight/notANumber`` (``EdgeWeight/read(_:)``), never as the missing weight;
    /// ``EdgeWeight/unreadable`` stays as it is.
    public mutating func addEdge(
        _ s: Int32, _ t: Int32, weight: Double? = nil, id: String? = nil, directed: Bool? = nil, line: Int = 0
    ) {
        let e = edgeSources.count
        edgeSources.append(s)
        edgeTargets.append(t)
        edgeLines.append(Int32(clamping: line))
        if let weight {
            if edgeWeights == nil { edgeWeights = [Double](repeating: .nan, count: e) }
            edgeWeights!.append(EdgeWeight.read(weight))
        } else if edgeWeights != nil {
            edgeWeights!.append(.nan)
        }
        if let id {
            if edgeIDs == nil { edgeIDs = [String?](repeating: nil, count: e) }
            edgeIDs!.append(id)
        } else if edgeIDs != nil {
            edgeIDs!.append(nil)
        }
        if let directed, directed != self.directed {
            if edgeDirected == nil { edgeDirected = [Bool](repeating: self.directed, count: e) }
            edgeDirected!.append(directed)
        } else if edgeDirected != nil {
            edgeDirected!.append(directed ?? self.directed)
        }
    }

    public func isDirected(edge e: Int) -> Bool { edgeDirected?[e] ?? directed }

    public func nodeAttribute(_ name: String) -> AttributeColumn? { nodeAttributes.first { $0.name == name } }
    public func edgeAttribute(_ name: String) -> AttributeColumn? { edgeAttributes.first { $0.name == name } }
}
