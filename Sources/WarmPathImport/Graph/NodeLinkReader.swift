import Foundation
import WarmPathSupport
import WarmPathModel

/// Reads the JSON graph shapes into a ``GraphDocument``:
///
/// * **node-link** (D3, NetworkX `node_link_data`): `{"directed", "multigraph", "graph",
///   "nodes": [{"id", …}], "links"|"edges": [{"source", "target", "key"?, …}]}`. Defaults follow
///   NetworkX's `node_link_graph`: `directed` false, `multigraph` true; a node without `id` gets
///   its position. Both `edges` and `links`: `edges` wins (warning). Endpoints are node ids; when
///   they are not but all are integers below the node count they are positions (NetworkX 1.x, D3).
///   Tuple ids (JSON arrays) become their compact JSON text (`[0,1]`).
/// * **Cytoscape.js** `elements`, as an object `{nodes: [{data: {id, …}}], edges: [{data:
///   {source, target, …}}]}` or an array of elements with `group`; NetworkX's `cytoscape_data`
///   `value` (the node's own key) is preferred over `id` when present.
/// * **graphology** serialisation `{attributes, options: {type, multi}, nodes: [{key,
///   attributes}], edges: [{source, target, key?, undirected?, attributes?}]}`; type `mixed`
///   (the default) keeps per-edge direction.
///
/// Attribute values are typed (string, int, double, bool, list); a `weight` (else `value`)
/// number on an edge becomes its weight. Ids are compared as text, so `1` and `"1"` are one
/// node. Every problem is an issue whose location is a JSON path.
public enum NodeLinkReader {
    /// The JSON graph layouts this reader knows.
    public enum Shape: String, Sendable, Hashable {
        case nodeLink = "node-link"
        case cytoscape
        case graphology
    }

    /// Parses `data` (lenient JSON: comments, trailing commas, `NaN`) and reads the graph.
    /// Throws ``ImportError/malformed(path:line:reason:)`` for invalid JSON and
    /// ``ImportError/nothingUsable(path:reason:)`` when the JSON is not a graph shape.
    public static func read(_ data: Data, file: String, source: String) throws -> GraphReadResult {
        try readDetectingShape(data, file: file, source: source).0
    }

    /// Reads `data` and says which layout it had.
    public static func readDetectingShape(_ data: Data, file: String, source: String) throws -> (GraphReadResult, Shape)
    {
        // Node-link files are streamed (no tree for a million edges); other layouts use the tree.
        let streamed: Result<GraphReadResult?, JSONParseError> = data.withUnsafeBytes { raw in
            var p = JSONByteParser(
                bytes: raw.bindMemory(to: UInt8.self), options: .lenient, maxDepth: JSONReader.defaultMaxDepth)
            var b = JSONGraphBuilder(source: source, file: file)
            do throws(JSONFailure) {
                switch try b.streamNodeLink(&p) {
                case .done: return .success(b.finish())
                case .otherLayout: return .success(nil)
                }
            } catch {
                return .failure(p.makeError(error))
            }
        }
        switch streamed {
        case .success(let r?):
            return (r, .nodeLink)
        case .success(nil):
            break
        case .failure(let error):
            throw ImportError.malformed(
                path: file, line: error.line,
                reason:
                    "invalid JSON at column \(error.column), byte offset \(error.offset) (\(error.path)): \(error.message)"
            )
        }
        let value: JSONValue
        do {
            value = try JSONReader.parse(data, options: .lenient)
        } catch {
            throw ImportError.malformed(
                path: file, line: error.line,
                reason:
                    "invalid JSON at column \(error.column), byte offset \(error.offset) (\(error.path)): \(error.message)"
            )
        }
        var result = try read(value, file: file, source: source)
        result.issues += value.duplicateKeyIssues(source: source, file: file)
        return (result, shape(of: value) ?? .nodeLink)
    }

    /// Reads an already parsed JSON value.
    public static func read(_ value: JSONValue, file: String, source: String) throws -> GraphReadResult {
        guard let shape = shape(of: value) else {
            throw ImportError.nothingUsable(
                path: file,
                reason: "JSON is not a graph (expected nodes + links/edges, Cytoscape elements or graphology)")
        }
        var b = JSONGraphBuilder(source: source, file: file)
        switch shape {
        case .nodeLink:
            // One implementation of node-link: the streamed one, over the value's compact text.
            return try read(Data(value.description.utf8), file: file, source: source)
        case .cytoscape: b.readCytoscape(value)
        case .graphology: b.readGraphology(value)
        }
        return b.finish()
    }

    /// Which graph layout a JSON value has, or nil when it is none of them.
    public static func shape(of value: JSONValue) -> Shape? {
        switch value {
        case .array(let items):
            guard let first = items.first else { return nil }
            if first["data"] != nil && (first["group"] != nil || first["data"]?.objectValue != nil) {
                return .cytoscape
            }
            return nil
        case .object:
            if value["elements"] != nil { return .cytoscape }
            let nodes = value["nodes"]
            let hasEdges = value["edges"] != nil || value["links"] != nil
            guard nodes != nil || hasEdges else { return nil }
            let firstNode = nodes?[0]
            if value["options"]?.objectValue != nil { return .graphology }
            if let f = firstNode, f["key"] != nil, f["id"] == nil { return .graphology }
            if value["attributes"] != nil && value["links"] == nil && value["directed"] == nil
                && value["multigraph"] == nil && value["graph"] == nil
            {
                return .graphology
            }
            return .nodeLink
        default:
            return nil
        }
    }
}

/// Shared machinery of the three JSON layouts: interning, attributes, issues.
struct JSONGraphBuilder {
    var doc = GraphDocument(directed: false, multigraph: true)
    var nodeAttrs = AttributeTable()
    var edgeAttrs = AttributeTable()
    var log: IssueLog
    /// Node index by small non-negative integer id (fast path for numeric ids); -1 = none.
    var dense: [Int32] = []

    init(source: String, file: String) {
        log = IssueLog(source: source, file: file)
    }

    func finish() -> GraphReadResult {
        var d = doc
        d.nodeAttributes = nodeAttrs.finish(count: d.nodeCount)
        d.edgeAttributes = edgeAttrs.finish(count: d.edgeCount)
        return GraphReadResult(document: d, issues: log.finish())
    }

    // MARK: Values

    /// Text id of a JSON value: strings as themselves, numbers as written, arrays (tuples) and
    /// objects as compact JSON; nil for null.
    static func idText(_ v: JSONValue) -> String? {
        switch v {
        case .string(let s): s
        case .number(let n): n
        case .bool(let b): b ? "true" : "false"
        case .null: nil
        case .array, .object: v.description
        }
    }

    /// Typed attribute value; nil for null.
    static func attribute(_ v: JSONValue) -> AttributeValue? {
        switch v {
        case .null: return nil
        case .bool(let b): return .bool(b)
        case .string(let s): return .string(s)
        case .number(let t):
            if let i = Int64(t) { return .int(i) }
            if isIntegerText(t) { return .string(t) }  // beyond 64 bits: keep every digit
            return .double(JSONNumber.double(t) ?? .nan)
        case .array(let items): return .list(items.compactMap { attribute($0) })
        case .object: return .string(v.description)
        }
    }

    static func isIntegerText(_ t: String) -> Bool {
        var first = true
        for b in t.utf8 {
            if first && b == 0x2D {
                first = false
                continue
            }
            first = false
            if b < 0x30 || b > 0x39 { return false }
        }
        return !t.isEmpty
    }

    /// Small non-negative integer of a number's text (digits only), for the dense index.
    @inline(__always) static func smallInt(_ t: String) -> Int? {
        var v = 0
        var count = 0
        for b in t.utf8 {
            guard b >= 0x30 && b <= 0x39, count < 9 else { return nil }
            v = v * 10 + Int(b - 0x30)
            count += 1
        }
        if count == 0 || (count > 1 && t.utf8.first == 0x30) { return nil }
        return v
    }

    static func bool(_ v: JSONValue?) -> Bool? {
        switch v {
        case .bool(let b)?: b
        case .number(let t)?: (JSONNumber.double(t) ?? 0) != 0
        case .string(let s)?:
            switch s.lowercased() {
            case "true", "1", "yes": true
            case "false", "0", "no": false
            default: nil
            }
        default: nil
        }
    }

    /// Weight of an edge value: a number, or a string holding one.
    static func weight(_ v: JSONValue) -> Double? {
        switch v {
        case .number(let t): JSONNumber.double(t)
        case .string(let s): Double(s.trimmingCharacters(in: .whitespaces))
        case .bool(let b): b ? 1 : 0
        default: nil
        }
    }

    // MARK: Nodes

    /// Adds (or finds, for a repeated id) the node with id `text`.
    mutating func addNode(_ text: String, numeric: Bool, location: @autoclosure () -> String) -> Int32 {
        if let existing = doc.nodeIndex[text] {
            log.add(
                .warning, "duplicate node id \(ErrorText.excerpt(text)): attributes merged into the first node",
                location: location(),
                kind: "duplicate node id")
            return existing
        }
        let i = doc.node(text)
        if numeric, let k = JSONGraphBuilder.smallInt(text), k < 4 * doc.nodeCount + 1024 {
            if k >= dense.count { dense.append(contentsOf: repeatElement(-1, count: k + 1 - dense.count)) }
            dense[k] = i
        }
        return i
    }

    /// Node index of an edge endpoint, nil when no node has that id.
    @inline(__always) func lookup(_ v: JSONValue) -> Int32? {
        switch v {
        case .number(let t):
            if let k = JSONGraphBuilder.smallInt(t), k < dense.count {
                let i = dense[k]
                if i >= 0 { return i }
            }
            return doc.nodeIndex[t]
        case .string(let s):
            return doc.nodeIndex[s]
        default:
            guard let t = JSONGraphBuilder.idText(v) else { return nil }
            return doc.nodeIndex[t]
        }
    }

    mutating func graphAttributes(_ v: JSONValue?, location: String) {
        switch v {
        case .object(let members)?:
            for (k, val) in members {
                if let a = JSONGraphBuilder.attribute(val) { doc.graphAttributes[k] = a }
            }
        case .array(let pairs)?:
            // NetworkX 1.x and cytoscape_data: a list of [key, value] pairs.
            for (i, p) in pairs.enumerated() {
                if case .array(let kv) = p, kv.count == 2, let k = JSONGraphBuilder.idText(kv[0]) {
                    if let a = JSONGraphBuilder.attribute(kv[1]) { doc.graphAttributes[k] = a }
                } else {
                    log.add(
                        .warning, "graph attribute is not a [key, value] pair; skipped",
                        location: JSONPath.child(location, i))
                }
            }
        case nil, .null?:
            break
        default:
            log.add(.warning, "graph attributes are not an object; skipped", location: location)
        }
    }

    // MARK: Node-link

    struct EdgePassState {
        var misses = 0
        var allSmallInts = true
        var maxInt = -1
    }

    mutating func truncateNodes(to count: Int) {
        while doc.nodeIDs.count > count {
            let id = doc.nodeIDs.removeLast()
            doc.nodeIndex[id] = nil
            doc.nodeLines.removeLast()
        }
        for k in dense.indices where dense[k] >= Int32(count) { dense[k] = -1 }
    }

    /// Resolves an endpoint by id, creating a missing node (with a warning) as NetworkX does.
    mutating func endpoint(_ v: JSONValue, state: inout EdgePassState, location: @autoclosure () -> String) -> Int32 {
        if case .number(let t) = v, let k = JSONGraphBuilder.smallInt(t) {
            if k > state.maxInt { state.maxInt = k }
        } else {
            state.allSmallInts = false
        }
        if let i = lookup(v) { return i }
        state.misses += 1
        let text = JSONGraphBuilder.idText(v) ?? ""
        log.add(
            .warning, "edge refers to undeclared node \(ErrorText.excerpt(text)); the node was added",
            location: location(),
            kind: "undeclared node")
        var numeric = false
        if case .number = v { numeric = true }
        return addNode(text, numeric: numeric, location: location())
    }

    // MARK: Cytoscape

    mutating func readCytoscape(_ root: JSONValue) {
        let directed = JSONGraphBuilder.bool(root["directed"]) ?? false
        let multigraph = JSONGraphBuilder.bool(root["multigraph"]) ?? false
        doc = GraphDocument(directed: directed, multigraph: multigraph)
        graphAttributes(root["data"], location: "$.data")

        // Collect node and edge elements with their paths.
        var nodeElements: [(JSONValue, String)] = []
        var edgeElements: [(JSONValue, String)] = []
        func classify(_ items: [JSONValue], base: String, group: String?) {
            for (i, el) in items.enumerated() {
                let path = JSONPath.child(base, i)
                var g = group ?? el["group"]?.stringValue
                if g == nil {
                    let d = el["data"]
                    g = (d?["source"] != nil && d?["target"] != nil) ? "edges" : "nodes"
                }
                switch g {
                case "nodes", "node": nodeElements.append((el, path))
                case "edges", "edge": edgeElements.append((el, path))
                default:
                    log.add(
                        .warning, "element group \(ErrorText.excerpt(g ?? "")) is neither nodes nor edges; skipped",
                        location: path)
                }
            }
        }
        switch root {
        case .array(let items): classify(items, base: "$", group: nil)
        default:
            switch root["elements"] {
            case .array(let items)?: classify(items, base: "$.elements", group: nil)
            case .object?:
                if case .array(let n)? = root["elements"]?["nodes"] {
                    classify(n, base: "$.elements.nodes", group: "nodes")
                }
                if case .array(let e)? = root["elements"]?["edges"] {
                    classify(e, base: "$.elements.edges", group: "edges")
                }
            default:
                log.add(
                    .warning, "elements is neither an object nor an array; no elements read", location: "$.elements")
            }
        }

        // Cytoscape ids, when NetworkX `value`s are the node keys.
        var byCytoscapeID: [String: Int32] = [:]
        for (el, path) in nodeElements {
            guard case .object(let data)? = el["data"] else {
                log.add(
                    .warning, "node element without a data object; skipped", location: path, kind: "node without data")
                continue
            }
            var value: JSONValue?
            var idV: JSONValue?
            for (k, v) in data {
                if k == "value" { value = v } else if k == "id" { idV = v }
            }
            let keyV = value ?? idV
            guard let keyV, let text = JSONGraphBuilder.idText(keyV) else {
                log.add(
                    .warning, "node element without data.id; skipped", location: JSONPath.child(path, "data"),
                    kind: "node without id")
                continue
            }
            var numeric = false
            if case .number = keyV { numeric = true }
            let slot = addNode(text, numeric: numeric, location: path)
            let cid = idV.flatMap(JSONGraphBuilder.idText)
            if let cid, value != nil { byCytoscapeID[cid] = slot }
            for (k, v) in data {
                if k == "value" && value != nil { continue }
                if k == "id" && (value == nil || cid == text) { continue }
                if let a = JSONGraphBuilder.attribute(v) { nodeAttrs.set(k, a, at: Int(slot)) }
            }
        }
        for (el, path) in edgeElements {
            guard case .object(let data)? = el["data"] else {
                log.add(
                    .warning, "edge element without a data object; skipped", location: path, kind: "edge without data")
                continue
            }
            guard let src = data.last(where: { $0.0 == "source" })?.1,
                let tgt = data.last(where: { $0.0 == "target" })?.1
            else {
                log.add(
                    .warning, "edge element without source or target; skipped", location: path,
                    kind: "edge without endpoint")
                continue
            }
            let s = cytoscapeEndpoint(
                src, byCytoscapeID, location: JSONPath.child(JSONPath.child(path, "data"), "source"))
            let t = cytoscapeEndpoint(
                tgt, byCytoscapeID, location: JSONPath.child(JSONPath.child(path, "data"), "target"))
            let keyV =
                multigraph
                ? (data.last(where: { $0.0 == "key" })?.1 ?? data.last(where: { $0.0 == "id" })?.1)
                : data.last(where: { $0.0 == "id" })?.1
            let usedKey = multigraph && data.contains(where: { $0.0 == "key" }) ? "key" : "id"
            var weight: Double?
            var weightKey: String?
            if let w = data.last(where: { $0.0 == "weight" })?.1, let x = JSONGraphBuilder.weight(w) {
                weight = x
                weightKey = "weight"
            } else if let w = data.last(where: { $0.0 == "value" })?.1, let x = JSONGraphBuilder.weight(w) {
                weight = x
                weightKey = "value"
            }
            let slot = doc.edgeCount
            var edgeDirected: Bool?
            if let d = data.last(where: { $0.0 == "directed" })?.1, let b = JSONGraphBuilder.bool(d) {
                edgeDirected = b
            }
            doc.addEdge(s, t, weight: weight, id: keyV.flatMap(JSONGraphBuilder.idText), directed: edgeDirected)
            for (k, v) in data {
                if k == "source" || k == "target" || k == weightKey || (k == usedKey && keyV != nil) || k == "directed"
                {
                    continue
                }
                if let a = JSONGraphBuilder.attribute(v) { edgeAttrs.set(k, a, at: slot) }
            }
        }
    }

    mutating func cytoscapeEndpoint(_ v: JSONValue, _ byCytoscapeID: [String: Int32], location: String) -> Int32 {
        if let i = lookup(v) { return i }
        if let t = JSONGraphBuilder.idText(v), let i = byCytoscapeID[t] { return i }
        var state = EdgePassState()
        return endpoint(v, state: &state, location: location)
    }

    // MARK: graphology

    mutating func readGraphology(_ root: JSONValue) {
        let options = root["options"]
        let type = options?["type"]?.stringValue ?? "mixed"
        let multi = JSONGraphBuilder.bool(options?["multi"]) ?? false
        let mode: String
        switch type {
        case "directed", "undirected", "mixed": mode = type
        default:
            log.add(
                .warning, "unknown graph type \(ErrorText.excerpt(type)); read as mixed", location: "$.options.type")
            mode = "mixed"
        }
        doc = GraphDocument(directed: mode != "undirected", multigraph: multi)
        graphAttributes(root["attributes"], location: "$.attributes")

        let nodes = root["nodes"]?.arrayValue ?? []
        if root["nodes"] != nil && root["nodes"]?.arrayValue == nil {
            log.add(.warning, "nodes is not an array; nodes are taken from the edges", location: "$.nodes")
        }
        for (p, nv) in nodes.enumerated() {
            let path = "$.nodes[\(p)]"
            guard let keyV = nv["key"], let text = JSONGraphBuilder.idText(keyV) else {
                log.add(.warning, "node without key; skipped", location: path, kind: "node without key")
                continue
            }
            var numeric = false
            if case .number = keyV { numeric = true }
            let slot = Int(addNode(text, numeric: numeric, location: path))
            switch nv["attributes"] {
            case .object(let m)?:
                for (k, v) in m { if let a = JSONGraphBuilder.attribute(v) { nodeAttrs.set(k, a, at: slot) } }
            case nil, .null?: break
            default: log.add(.warning, "node attributes are not an object; skipped", location: path + ".attributes")
            }
        }
        let edges = root["edges"]?.arrayValue ?? []
        for (e, ev) in edges.enumerated() {
            let path = "$.edges[\(e)]"
            guard let src = ev["source"], let tgt = ev["target"], !src.isNull, !tgt.isNull else {
                log.add(
                    .warning, "edge without source or target; skipped", location: path, kind: "edge without endpoint")
                continue
            }
            var state = EdgePassState()
            let s = endpoint(src, state: &state, location: path + ".source")
            let t = endpoint(tgt, state: &state, location: path + ".target")
            var directed: Bool?
            if mode == "mixed" { directed = !(JSONGraphBuilder.bool(ev["undirected"]) ?? false) }
            let attrs = ev["attributes"]?.objectValue ?? []
            var weight: Double?
            var weightKey: String?
            if let w = attrs.last(where: { $0.0 == "weight" })?.1, let x = JSONGraphBuilder.weight(w) {
                weight = x
                weightKey = "weight"
            } else if let w = attrs.last(where: { $0.0 == "value" })?.1, let x = JSONGraphBuilder.weight(w) {
                weight = x
                weightKey = "value"
            }
            let slot = doc.edgeCount
            doc.addEdge(s, t, weight: weight, id: ev["key"].flatMap(JSONGraphBuilder.idText), directed: directed)
            for (k, v) in attrs where k != weightKey {
                if let a = JSONGraphBuilder.attribute(v) { edgeAttrs.set(k, a, at: slot) }
            }
        }
    }
}

// MARK: - Node-link, streamed

/// Edges of one `edges`/`links` array as read, before endpoints are resolved (nodes may come
/// after edges in the file).
struct RawNodeLinkEdges {
    /// Endpoint: >= 0 a small integer literal; < 0 `-(i + 1)` into `refs`.
    var src: [Int64] = []
    var tgt: [Int64] = []
    var refs: [JSONValue] = []
    /// Explicit numeric `weight` (NaN = none).
    var weights: [Double] = []
    var hasWeight = false
    /// `value`, `key`, `id` members (rare; decided once `multigraph` is known).
    var values: [Int: JSONValue] = [:]
    var keys: [Int: JSONValue] = [:]
    var ids: [Int: JSONValue] = [:]
    var attrs = AttributeTable()
    /// Position of each kept edge in the file's array (for issue paths).
    var positions: [Int32] = []
    var count: Int { src.count }
}

/// Outcome of the streamed node-link pass.
enum NodeLinkStreamOutcome {
    case done
    /// The JSON is another layout (graphology, Cytoscape): read it from the tree.
    case otherLayout
}

extension JSONGraphBuilder {
    /// Reports key `key` written again in the object at `location` (the streamed objects keep the
    /// last value, as ``JSONValue`` lookups do; `both` when both values were read).
    mutating func duplicateKey(_ key: String, at location: @autoclosure () -> String, both: Bool = false) {
        log.add(
            .warning,
            "duplicate JSON key \(ErrorText.excerpt(key, limit: 60)) in one object; "
                + (both ? "both were read" : "the last one was read"),
            location: location(), kind: "duplicate JSON key")
    }

    /// Reads a node-link document straight from bytes without building a tree for the nodes and
    /// edges arrays (the 1M-edge path). Throws ``JSONFailure`` for invalid JSON.
    mutating func streamNodeLink(_ p: inout JSONByteParser) throws(JSONFailure) -> NodeLinkStreamOutcome {
        if p.n >= 3 && p.b[0] == 0xEF && p.b[1] == 0xBB && p.b[2] == 0xBF { p.pos = 3 }
        try p.skipSpace()
        guard p.pos < p.n, p.b[p.pos] == 0x7B else { return .otherLayout }
        p.pos += 1
        var others: [(String, JSONValue)] = []
        var edges: RawNodeLinkEdges?
        var links: RawNodeLinkEdges?
        var sawNodes = false
        var nodeCount = 0
        var topKeys: Set<String> = []
        var logMark = log
        try p.skipSpace()
        if p.pos < p.n && p.b[p.pos] == 0x7D {
            p.pos += 1
        } else {
            while true {
                guard p.pos < p.n, p.b[p.pos] == 0x22 else {
                    throw p.fail("unexpected \(p.describe(p.pos)): expected a string key")
                }
                let key = try p.parseString(quote: 0x22)
                if !topKeys.insert(key).inserted { duplicateKey(key, at: "$", both: key == "nodes") }
                try p.skipSpace()
                guard p.pos < p.n, p.b[p.pos] == 0x3A else {
                    throw p.fail("unexpected \(p.describe(p.pos)): expected ':' after the key")
                }
                p.pos += 1
                try p.skipSpace()
                do throws(JSONFailure) {
                    let isArray = p.pos < p.n && p.b[p.pos] == 0x5B
                    switch key {
                    case "elements", "options":
                        return .otherLayout
                    case "nodes" where isArray:
                        sawNodes = true
                        if try !streamNodes(&p, count: &nodeCount) { return .otherLayout }
                    case "edges" where isArray:
                        if links != nil {
                            // `links` came first: drop what it produced.
                            links = nil
                            log = logMark
                        }
                        logMark = log
                        var raw = RawNodeLinkEdges()
                        try streamEdges(&p, into: &raw, key: "edges")
                        edges = raw
                    case "links" where isArray:
                        if edges != nil {
                            _ = try p.parseValue(depth: 1)
                        } else {
                            logMark = log
                            var raw = RawNodeLinkEdges()
                            try streamEdges(&p, into: &raw, key: "links")
                            links = raw
                        }
                        others.append(("links", .array([])))
                    default:
                        others.append((key, try p.parseValue(depth: 1)))
                    }
                    try p.skipSpace()
                } catch {
                    var e = error
                    e.reversedPath.append(.key(key))
                    throw e
                }
                guard p.pos < p.n else { throw p.fail("unterminated object: expected ',' or '}'") }
                if p.b[p.pos] == 0x2C {
                    p.pos += 1
                    try p.skipSpace()
                    if p.trailingCommas && p.pos < p.n && p.b[p.pos] == 0x7D {
                        p.pos += 1
                        break
                    }
                } else if p.b[p.pos] == 0x7D {
                    p.pos += 1
                    break
                } else {
                    throw p.fail("unexpected \(p.describe(p.pos)): expected ',' or '}' after an object member")
                }
            }
        }
        try p.skipSpace()
        while p.pos < p.n && p.b[p.pos] == 0x3B {
            p.pos += 1
            try p.skipSpace()
        }
        if p.pos < p.n { throw p.fail("unexpected \(p.describe(p.pos)) after the end of the JSON value") }

        let root = JSONValue.object(others)
        if !sawNodes && edges == nil && links == nil {
            if root["nodes"] == nil && root["edges"] == nil && root["links"] == nil { return .otherLayout }
        }
        doc.directed = JSONGraphBuilder.bool(root["directed"]) ?? false
        doc.multigraph = JSONGraphBuilder.bool(root["multigraph"]) ?? true
        graphAttributes(root["graph"], location: "$.graph")
        if !sawNodes {
            log.add(.warning, "no nodes array; nodes are taken from the edges", location: "$.nodes")
        }
        if edges != nil && root["links"] != nil {
            log.add(
                .warning, "both \"edges\" and \"links\" are present; \"edges\" was read, \"links\" ignored",
                location: "$.links")
        }
        for bad in ["edges", "links"] where root[bad] != nil && root[bad]?.arrayValue == nil {
            log.add(.warning, "\(bad) is not an array; no edges read", location: "$.\(bad)")
        }
        guard let raw = edges ?? links else {
            if root["edges"] == nil && root["links"] == nil {
                log.add(.info, "no links or edges array: a graph without edges", location: "$")
            }
            return .done
        }
        let key = edges != nil ? "edges" : "links"
        let declared = doc.nodeCount
        let logBefore = log
        let state = addRawEdges(raw, key: key, byPosition: false)
        if state.misses > 0 && state.allSmallInts && state.maxInt < nodeCount && nodeCount == declared {
            // NetworkX 1.x / D3: endpoints are positions in the nodes array.
            truncateNodes(to: declared)
            doc.edgeSources.removeAll(keepingCapacity: true)
            doc.edgeTargets.removeAll(keepingCapacity: true)
            doc.edgeLines.removeAll(keepingCapacity: true)
            doc.edgeWeights = nil
            doc.edgeIDs = nil
            log = logBefore
            log.add(
                .info, "edge endpoints are positions in the nodes array (NetworkX 1.x / D3 layout), not node ids",
                location: "$.\(key)")
            _ = addRawEdges(raw, key: key, byPosition: true)
        }
        return .done
    }

    /// Streams the nodes array. Returns false when the nodes are graphology's `{key, attributes}`.
    mutating func streamNodes(_ p: inout JSONByteParser, count: inout Int) throws(JSONFailure) -> Bool {
        p.pos += 1  // [
        var pending: [(String, AttributeValue)] = []
        var nodeKeys: [String] = []
        var position = 0
        var graphologyNodes = false
        try p.skipSpace()
        if p.pos < p.n && p.b[p.pos] == 0x5D {
            p.pos += 1
            return true
        }
        while true {
            do throws(JSONFailure) {
                pending.removeAll(keepingCapacity: true)
                nodeKeys.removeAll(keepingCapacity: true)
                var idText: String?
                var numeric = false
                var sawKey = false
                if p.pos < p.n && p.b[p.pos] == 0x7B {
                    p.pos += 1
                    try p.skipSpace()
                    if p.pos < p.n && p.b[p.pos] == 0x7D {
                        p.pos += 1
                    } else {
                        while true {
                            guard p.pos < p.n, p.b[p.pos] == 0x22 || (p.jsLiterals && p.b[p.pos] == 0x27) else {
                                throw p.fail("unexpected \(p.describe(p.pos)): expected a string key")
                            }
                            let k = try p.parseString(quote: p.b[p.pos])
                            if nodeKeys.contains(k) {
                                duplicateKey(k, at: "$.nodes[\(position)]")
                            } else {
                                nodeKeys.append(k)
                            }
                            try p.skipSpace()
                            guard p.pos < p.n, p.b[p.pos] == 0x3A else {
                                throw p.fail("unexpected \(p.describe(p.pos)): expected ':' after the key")
                            }
                            p.pos += 1
                            try p.skipSpace()
                            do throws(JSONFailure) {
                                if k == "id" {
                                    let v = try p.parseValue(depth: 3)
                                    idText = JSONGraphBuilder.idText(v)
                                    if case .number = v { numeric = true } else { numeric = false }
                                } else {
                                    if k == "key" { sawKey = true }
                                    if let a = JSONGraphBuilder.attribute(try p.parseValue(depth: 3)) {
                                        pending.append((k, a))
                                    }
                                }
                                try p.skipSpace()
                            } catch {
                                var e = error
                                e.reversedPath.append(.key(k))
                                throw e
                            }
                            guard p.pos < p.n else { throw p.fail("unterminated object: expected ',' or '}'") }
                            if p.b[p.pos] == 0x2C {
                                p.pos += 1
                                try p.skipSpace()
                                if p.trailingCommas && p.pos < p.n && p.b[p.pos] == 0x7D {
                                    p.pos += 1
                                    break
                                }
                            } else if p.b[p.pos] == 0x7D {
                                p.pos += 1
                                break
                            } else {
                                throw p.fail(
                                    "unexpected \(p.describe(p.pos)): expected ',' or '}' after an object member")
                            }
                        }
                    }
                    if sawKey && idText == nil && position == 0 { graphologyNodes = true }
                } else {
                    let v = try p.parseValue(depth: 2)
                    idText = JSONGraphBuilder.idText(v)
                    if case .number = v { numeric = true }
                }
                if !graphologyNodes {
                    let text = idText ?? String(position)  // NetworkX: a node without id gets its position
                    if idText == nil { numeric = true }
                    let slot = Int(addNode(text, numeric: numeric, location: "$.nodes[\(position)]"))
                    for (k, a) in pending { nodeAttrs.set(k, a, at: slot) }
                }
                try p.skipSpace()
            } catch {
                var e = error
                e.reversedPath.append(.index(position))
                throw e
            }
            if graphologyNodes { return false }  // graphology nodes: {key, attributes}
            position += 1
            count = position
            guard p.pos < p.n else { throw p.fail("unterminated array: expected ',' or ']'") }
            if p.b[p.pos] == 0x2C {
                p.pos += 1
                try p.skipSpace()
                if p.trailingCommas && p.pos < p.n && p.b[p.pos] == 0x5D {
                    p.pos += 1
                    return true
                }
            } else if p.b[p.pos] == 0x5D {
                p.pos += 1
                return true
            } else {
                throw p.fail("unexpected \(p.describe(p.pos)): expected ',' or ']' after an array element")
            }
        }
    }

    /// Reads one endpoint value: small integers stay numbers, anything else is kept as a value.
    @inline(__always)
    func readEndpoint(_ p: inout JSONByteParser, _ raw: inout RawNodeLinkEdges) throws(JSONFailure) -> Int64 {
        let c = p.b[p.pos]
        if c >= 0x30 && c <= 0x39 {
            let start = p.pos
            var v: Int64 = 0
            var i = p.pos
            while i < p.n && p.b[i] >= 0x30 && p.b[i] <= 0x39 && i - start < 10 {
                v = v * 10 + Int64(p.b[i] - 0x30)
                i += 1
            }
            let next = i < p.n ? p.b[i] : 0x20
            let plain =
                !(next >= 0x30 && next <= 0x39) && next != 0x2E && next != 0x65 && next != 0x45
                && !(p.b[start] == 0x30 && i - start > 1)
            if plain && i - start <= 9 {
                p.pos = i
                if i < p.n && p.isIdentPart(p.b[i]) { throw p.fail("invalid number: unexpected \(p.describe(i))") }
                return v
            }
        }
        let value = try p.parseValue(depth: 3)
        raw.refs.append(value)
        return -Int64(raw.refs.count)
    }

    @inline(__always)
    static func keyIs(_ p: JSONByteParser, _ start: Int, _ end: Int, _ lit: StaticString) -> Bool {
        let len = lit.utf8CodeUnitCount
        guard end - start == len else { return false }
        let w = lit.utf8Start
        for i in 0..<len where p.b[start + i] != w[i] { return false }
        return true
    }

    /// Streams an edges/links array into raw edges.
    mutating func streamEdges(_ p: inout JSONByteParser, into raw: inout RawNodeLinkEdges, key edgesKey: String)
        throws(JSONFailure)
    {
        p.pos += 1  // [
        var pending: [(String, AttributeValue)] = []
        var otherKeys: [String] = []
        var position = 0
        try p.skipSpace()
        if p.pos < p.n && p.b[p.pos] == 0x5D {
            p.pos += 1
            return
        }
        let missing = Int64.min
        while true {
            do throws(JSONFailure) {
                if p.pos < p.n && p.b[p.pos] == 0x7B {
                    p.pos += 1
                    pending.removeAll(keepingCapacity: true)
                    otherKeys.removeAll(keepingCapacity: true)
                    var seenFields: UInt8 = 0
                    var s = missing
                    var t = missing
                    var w = Double.nan
                    var valueV: JSONValue?
                    var keyV: JSONValue?
                    var idV: JSONValue?
                    try p.skipSpace()
                    if p.pos < p.n && p.b[p.pos] == 0x7D {
                        p.pos += 1
                    } else {
                        while true {
                            guard p.pos < p.n, p.b[p.pos] == 0x22 else {
                                throw p.fail("unexpected \(p.describe(p.pos)): expected a string key")
                            }
                            // Key: compare bytes when it has no escapes.
                            let ks = p.pos + 1
                            var ke = ks
                            while ke < p.n && p.b[ke] != 0x22 && p.b[ke] != 0x5C { ke += 1 }
                            var keyString: String?
                            var kStart = ks
                            var kEnd = ke
                            if ke < p.n && p.b[ke] == 0x22 {
                                p.pos = ke + 1
                            } else {
                                keyString = try p.parseString(quote: 0x22)
                                kStart = 0
                                kEnd = -1
                            }
                            try p.skipSpace()
                            guard p.pos < p.n, p.b[p.pos] == 0x3A else {
                                throw p.fail("unexpected \(p.describe(p.pos)): expected ':' after the key")
                            }
                            p.pos += 1
                            try p.skipSpace()
                            guard p.pos < p.n else { throw p.fail("unexpected end of input: expected a value") }
                            let field: Int
                            if let keyString {
                                field =
                                    ["source": 1, "target": 2, "weight": 3, "value": 4, "key": 5, "id": 6][keyString]
                                    ?? 0
                            } else if JSONGraphBuilder.keyIs(p, kStart, kEnd, "source") {
                                field = 1
                            } else if JSONGraphBuilder.keyIs(p, kStart, kEnd, "target") {
                                field = 2
                            } else if JSONGraphBuilder.keyIs(p, kStart, kEnd, "weight") {
                                field = 3
                            } else if JSONGraphBuilder.keyIs(p, kStart, kEnd, "value") {
                                field = 4
                            } else if JSONGraphBuilder.keyIs(p, kStart, kEnd, "key") {
                                field = 5
                            } else if JSONGraphBuilder.keyIs(p, kStart, kEnd, "id") {
                                field = 6
                            } else {
                                field = 0
                            }
                            if field != 0 {
                                let bit: UInt8 = 1 << UInt8(field)
                                if seenFields & bit != 0 {
                                    duplicateKey(
                                        ["", "source", "target", "weight", "value", "key", "id"][field],
                                        at: "$.\(edgesKey)[\(position)]")
                                }
                                seenFields |= bit
                            }
                            do throws(JSONFailure) {
                                if field == 1 {
                                    s = try readEndpoint(&p, &raw)
                                } else if field == 2 {
                                    t = try readEndpoint(&p, &raw)
                                } else if field == 3 {
                                    let c = p.b[p.pos]
                                    if c == 0x2D || (c >= 0x30 && c <= 0x39) {
                                        let start = p.pos
                                        _ = try p.parseNumberRange()
                                        w = EdgeWeight.read(
                                            JSONNumber.double(UnsafeBufferPointer(rebasing: p.b[start..<p.pos]))
                                                ?? EdgeWeight.unreadable)
                                    } else {
                                        let v = try p.parseValue(depth: 3)
                                        if let x = JSONGraphBuilder.weight(v) {
                                            w = EdgeWeight.read(x)
                                        } else if let a = JSONGraphBuilder.attribute(v) {
                                            w = EdgeWeight.unreadable
                                            pending.append(("weight", a))
                                            log.add(
                                                .warning, "edge weight \(v) is not a number; kept as an attribute",
                                                location: "$.\(edgesKey)[\(position)].weight",
                                                kind: "weight not a number")
                                        }
                                    }
                                } else if field == 4 {
                                    valueV = try p.parseValue(depth: 3)
                                } else if field == 5 {
                                    keyV = try p.parseValue(depth: 3)
                                } else if field == 6 {
                                    idV = try p.parseValue(depth: 3)
                                } else {
                                    let name =
                                        keyString
                                        ?? String(
                                            decoding: UnsafeBufferPointer(rebasing: p.b[kStart..<kEnd]), as: UTF8.self)
                                    if otherKeys.contains(name) {
                                        duplicateKey(name, at: "$.\(edgesKey)[\(position)]")
                                    } else {
                                        otherKeys.append(name)
                                    }
                                    if let a = JSONGraphBuilder.attribute(try p.parseValue(depth: 3)) {
                                        pending.append((name, a))
                                    }
                                }
                            } catch {
                                var e = error
                                e.reversedPath.append(
                                    .key(
                                        keyString
                                            ?? String(
                                                decoding: UnsafeBufferPointer(rebasing: p.b[kStart..<kEnd]),
                                                as: UTF8.self)))
                                throw e
                            }
                            try p.skipSpace()
                            guard p.pos < p.n else { throw p.fail("unterminated object: expected ',' or '}'") }
                            if p.b[p.pos] == 0x2C {
                                p.pos += 1
                                try p.skipSpace()
                                if p.trailingCommas && p.pos < p.n && p.b[p.pos] == 0x7D {
                                    p.pos += 1
                                    break
                                }
                            } else if p.b[p.pos] == 0x7D {
                                p.pos += 1
                                break
                            } else {
                                throw p.fail(
                                    "unexpected \(p.describe(p.pos)): expected ',' or '}' after an object member")
                            }
                        }
                    }
                    let srcMissing = s == missing || (s < 0 && raw.refs[Int(-s - 1)].isNull)
                    let tgtMissing = t == missing || (t < 0 && raw.refs[Int(-t - 1)].isNull)
                    if srcMissing || tgtMissing {
                        log.add(
                            .warning, "edge without \(srcMissing ? "source" : "target"); skipped",
                            location: "$.\(edgesKey)[\(position)]", kind: "edge without endpoint")
                    } else {
                        let e = raw.count
                        raw.src.append(s)
                        raw.tgt.append(t)
                        raw.weights.append(w)
                        if EdgeWeight.kind(w) != .none { raw.hasWeight = true }
                        raw.positions.append(Int32(truncatingIfNeeded: position))
                        if let valueV { raw.values[e] = valueV }
                        if let keyV { raw.keys[e] = keyV }
                        if let idV { raw.ids[e] = idV }
                        for (k, a) in pending { raw.attrs.set(k, a, at: e) }
                    }
                } else {
                    _ = try p.parseValue(depth: 2)
                    log.add(
                        .warning, "edge is not an object; skipped", location: "$.\(edgesKey)[\(position)]",
                        kind: "edge not an object")
                }
                try p.skipSpace()
            } catch {
                var e = error
                e.reversedPath.append(.index(position))
                throw e
            }
            position += 1
            guard p.pos < p.n else { throw p.fail("unterminated array: expected ',' or ']'") }
            if p.b[p.pos] == 0x2C {
                p.pos += 1
                try p.skipSpace()
                if p.trailingCommas && p.pos < p.n && p.b[p.pos] == 0x5D {
                    p.pos += 1
                    return
                }
            } else if p.b[p.pos] == 0x5D {
                p.pos += 1
                return
            } else {
                throw p.fail("unexpected \(p.describe(p.pos)): expected ',' or ']' after an array element")
            }
        }
    }

    /// Resolves raw endpoints and appends the edges to the document.
    mutating func addRawEdges(_ raw: RawNodeLinkEdges, key edgesKey: String, byPosition: Bool) -> EdgePassState {
        var state = EdgePassState()
        let n = raw.count
        doc.edgeSources.reserveCapacity(n)
        doc.edgeTargets.reserveCapacity(n)
        doc.edgeLines.reserveCapacity(n)
        let multigraph = doc.multigraph
        var attrs = raw.attrs
        let special = !(raw.values.isEmpty && raw.keys.isEmpty && raw.ids.isEmpty)
        // Weights and ids in bulk when nothing special is present (the common case).
        if !special && !byPosition {
            for e in 0..<n {
                let s = resolve(raw.src[e], raw, &state, edgesKey, e, "source")
                let t = resolve(raw.tgt[e], raw, &state, edgesKey, e, "target")
                doc.edgeSources.append(s)
                doc.edgeTargets.append(t)
            }
            doc.edgeLines.append(contentsOf: repeatElement(0, count: n))
            if raw.hasWeight { doc.edgeWeights = raw.weights }
            edgeAttrs = attrs
            return state
        }
        for e in 0..<n {
            let s: Int32
            let t: Int32
            if byPosition {
                s = Int32(truncatingIfNeeded: raw.src[e])
                t = Int32(truncatingIfNeeded: raw.tgt[e])
            } else {
                s = resolve(raw.src[e], raw, &state, edgesKey, e, "source")
                t = resolve(raw.tgt[e], raw, &state, edgesKey, e, "target")
            }
            var w: Double? = EdgeWeight.kind(raw.weights[e]) == .none ? nil : raw.weights[e]
            if let v = raw.values[e] {
                if w == nil, let x = JSONGraphBuilder.weight(v) {
                    w = x
                } else if let a = JSONGraphBuilder.attribute(v) {
                    attrs.set("value", a, at: e)
                }
            }
            let idValue = multigraph ? raw.keys[e] : raw.ids[e]
            if let other = multigraph ? raw.ids[e] : raw.keys[e], let a = JSONGraphBuilder.attribute(other) {
                attrs.set(multigraph ? "id" : "key", a, at: e)
            }
            doc.addEdge(s, t, weight: w, id: idValue.flatMap(JSONGraphBuilder.idText))
        }
        edgeAttrs = attrs
        return state
    }

    @inline(__always)
    mutating func resolve(
        _ r: Int64, _ raw: RawNodeLinkEdges, _ state: inout EdgePassState, _ key: String, _ e: Int, _ end: String
    ) -> Int32 {
        if r >= 0 {
            let k = Int(r)
            if k > state.maxInt { state.maxInt = k }
            if k < dense.count {
                let i = dense[k]
                if i >= 0 { return i }
            }
            if let i = doc.nodeIndex[String(k)] { return i }
            return endpoint(.number(String(k)), state: &state, location: "$.\(key)[\(raw.positions[e])].\(end)")
        }
        return endpoint(raw.refs[Int(-r - 1)], state: &state, location: "$.\(key)[\(raw.positions[e])].\(end)")
    }
}
