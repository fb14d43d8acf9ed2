import Foundation
import WarmPathSupport
import WarmPathModel

/// Reads GraphML (`http://graphml.graphdrawing.org/xmlns`, or no namespace) into a
/// ``GraphDocument``, streaming through libxml2.
///
/// ```swift
/// let result = try GraphMLReader.read(data, file: "karate.graphml", source: "graphml")
/// print(result.document.nodeCount, result.issues.count)
/// ```
///
/// What it understands:
/// - `<key id for attr.name attr.type>` (types `boolean int long float double string`, case
///   insensitive; a missing type is `string`) with `<default>`; `for="all"` keys give a node
///   and an edge column. An edge key named `weight` (any case) fills
///   ``GraphDocument/edgeWeights`` instead of a column.
/// - `edgedefault` and per-edge `directed` (kept in ``GraphDocument/edgeDirected``); parallel
///   edges set ``GraphDocument/multigraph``; edge ids are kept.
/// - Nested graphs (yEd group nodes) are flattened; `y:NodeLabel` text becomes the `label`
///   node attribute; other yEd / foreign-namespace content is skipped.
///
/// Recoverable problems become issues: edges to undeclared nodes (nodes created, info),
/// hyperedges (skipped, warning), `<data>` with an undeclared or wrong-domain key, values
/// that do not convert to the key's type (value dropped, warning naming key, element, value).
///
/// Fatal (thrown as ``ImportError/malformed(path:line:reason:)``): XML that is not
/// well-formed or is truncated, a root that is not `<graphml>`, a wrong namespace, duplicate
/// key ids, two keys with the same attribute name for the same domain, DOCTYPE entity
/// declarations, nesting deeper than 256.
public enum GraphMLReader {
    /// The GraphML namespace URI.
    public static let namespace = "http://graphml.graphdrawing.org/xmlns"

    /// Reads a GraphML file held in memory.
    /// - Parameters:
    ///   - data: the file's bytes.
    ///   - file: the file name for issues and errors.
    ///   - source: the source label for issues (for example `graphml`).
    /// - Returns: the document and the recoverable issues.
    /// - Throws: ``ImportError/malformed(path:line:reason:)`` when the file cannot be read.
    /// - Complexity: O(n) in the file size (plus O(nodes + edges) for the multigraph check).
    public static func read(_ data: Data, file: String, source: String) throws -> GraphReadResult {
        let outcome: XMLParseOutcome<GraphMLHandler>
        do {
            outcome = try LibXML.parse(data, handler: GraphMLHandler(file: file, source: source, bytes: data.count))
        } catch let e as XMLParseError {
            throw ImportError.malformed(path: file, line: e.line, reason: e.message)
        }
        var handler = outcome.handler
        guard handler.sawRoot else {
            throw ImportError.malformed(path: file, line: 0, reason: "no <graphml> element found")
        }
        for w in outcome.warnings {
            handler.log.add(.warning, "XML: \(w.message)", line: w.line, kind: "XML diagnostics")
        }
        return handler.finish()
    }
}

/// The GraphML parse state (an ``XMLEventHandler``).
struct GraphMLHandler: XMLEventHandler {
    enum Domain {
        case node, edge, graph, all, other
    }

    struct Key {
        var id: String
        var domain: Domain
        var name: String
        var type: AttributeType
        /// Index in `nodeAttributes` / `edgeAttributes`, or -1.
        var nodeColumn: Int
        var edgeColumn: Int
        /// An edge key named `weight`: values go to `edgeWeights`.
        var isWeight: Bool
        /// A yFiles structured key (`yfiles.type`): its XML content is not a value.
        var structured: Bool
        var defaultValue: AttributeValue?
        var line: Int
    }

    enum Frame {
        case root
        case key(Int)
        case keyDefault(Int)
        case graph(directed: Bool, topLevel: Bool)
        case node(Int32)
        case edge(Int)
        case data(key: Int, line: Int)
        case nodeLabel
        /// Elements inside a `<data>` or `<default>` (yEd graphics and the like).
        case dataContent
        /// Ignored subtree (hyperedge, port, desc, foreign content, skipped element).
        case skip
    }

    var doc = GraphDocument(directed: false)
    var log: IssueLog
    var keys: [Key] = []
    var keyIndex: [String: Int] = [:]
    var namesSeen: [String: Int] = [:]
    var frames: [Frame] = []
    var sawRoot = false
    var graphSeen = false
    var graphMLNamespaceID = -1
    /// Per node: declared by a `<node>` element (false = created by an edge).
    var declared: [Bool] = []
    var ids = XMLNodeIDTable()
    var keyTable = XMLNodeIDTable(capacity: 16)
    /// `edgedefault` of the innermost open graph.
    var currentDirected = false
    var labelColumn = -1
    var labelled: [Bool] = []
    /// Text collection: bytes are kept only when the current depth equals `collectDepth`.
    var text: [UInt8] = []
    var depth = 0
    var collectDepth = -1
    var dataHasChildren = false
    var sawComment = false
    var hyperedges = 0

    init(file: String, source: String, bytes: Int = 0) {
        log = IssueLog(source: source, file: file)
        text.reserveCapacity(256)
        // A GraphML edge takes at least ~40 bytes: reserving avoids repeated regrowth.
        let edges = min(bytes / 80, 50_000_000)
        doc.edgeSources.reserveCapacity(edges)
        doc.edgeTargets.reserveCapacity(edges)
        doc.edgeLines.reserveCapacity(edges)
        doc.nodeIndex.reserveCapacity(min(bytes / 800, 5_000_000))
    }

    // MARK: events

    mutating func characters(_ bytes: UnsafeRawBufferPointer) {
        if depth == collectDepth { text.append(contentsOf: bytes) }
    }

    mutating func comment() {
        if depth == collectDepth { sawComment = true }
    }

    @inline(__always)
    mutating func isGraphML(_ e: XMLStartElement) -> Bool {
        let id = e.namespaceID
        if id == 0 || id == graphMLNamespaceID { return true }
        if e.hasNamespace("http://graphml.graphdrawing.org/xmlns") {
            graphMLNamespaceID = id
            return true
        }
        return false
    }

    mutating func startElement(_ e: XMLStartElement) throws {
        depth = e.depth
        guard let parent = frames.last else {
            try startRoot(e)
            return
        }
        switch parent {
        case .skip:
            frames.append(.skip)
            return
        case .data, .keyDefault, .dataContent, .nodeLabel:
            // Structured content inside <data>/<default> (yEd graphics): only labels are read.
            dataHasChildren = true
            var inData = false
            switch parent {
            case .data, .dataContent: inData = true
            default: break
            }
            if inData, e.hasLocalName("NodeLabel"), !isGraphML(e), case .node = owner() {
                text.removeAll(keepingCapacity: true)
                collectDepth = e.depth
                frames.append(.nodeLabel)
            } else {
                frames.append(.dataContent)
            }
            return
        default:
            break
        }
        guard isGraphML(e) else {
            frames.append(.skip)  // foreign content outside <data>
            return
        }
        if e.hasLocalName("data") {
            startData(e)
        } else if e.hasLocalName("edge") {
            startEdge(e)
        } else if e.hasLocalName("node") {
            startNode(e)
        } else if e.hasLocalName("graph") {
            startGraph(e)
        } else if e.hasLocalName("key") {
            try startKey(e)
        } else if e.hasLocalName("default") {
            if case .key(let k) = parent {
                text.removeAll(keepingCapacity: true)
                collectDepth = e.depth
                dataHasChildren = false
                sawComment = false
                frames.append(.keyDefault(k))
            } else {
                frames.append(.skip)
            }
        } else if e.hasLocalName("hyperedge") {
            hyperedges += 1
            log.add(
                .warning, "hyperedge skipped: warmpath graphs hold only two-ended edges",
                line: e.line, kind: "hyperedges")
            frames.append(.skip)
        } else {
            // desc, port, endpoint, locator and anything unknown.
            frames.append(.skip)
        }
    }

    mutating func endElement(_ e: XMLEndElement) throws {
        guard let frame = frames.popLast() else { return }
        depth = e.depth - 1
        switch frame {
        case .data(let k, let line):
            collectDepth = -1
            endData(key: k, line: line)
        case .keyDefault(let k):
            collectDepth = -1
            endDefault(key: k)
        case .nodeLabel:
            collectDepth = -1
            let label = XMLGraphValues.trimmed(String(decoding: text, as: UTF8.self))
            if !label.isEmpty, case .node(let n) = owner() { setLabel(node: n, label) }
            text.removeAll(keepingCapacity: true)
        // Back inside the enclosing data element, whose own text no longer matters.
        case .graph:
            for f in frames.reversed() {
                if case .graph(let d, _) = f {
                    currentDirected = d
                    break
                }
            }
        default:
            break
        }
    }

    // MARK: elements

    private mutating func startRoot(_ e: XMLStartElement) throws {
        guard e.hasLocalName("graphml") else {
            throw XMLParseError(
                line: e.line, message: "the root element is <\(e.localName)>, not <graphml>; this is not a GraphML file"
            )
        }
        if let uri = e.namespaceURI, !isGraphML(e) {
            if uri.hasPrefix("http://graphml.graphdrawing.org/") {
                graphMLNamespaceID = e.namespaceID
            } else {
                throw XMLParseError(
                    line: e.line,
                    message:
                        "the <graphml> element is in namespace \(ErrorText.excerpt(uri)), expected \(GraphMLReader.namespace) or none"
                )
            }
        }
        sawRoot = true
        frames.append(.root)
    }

    private mutating func startKey(_ e: XMLStartElement) throws {
        var id: String?
        var domainText: String?
        var name: String?
        var typeText: String?
        var structured = false
        for i in 0..<e.attributeCount {
            if e.attributeHasLocalName(at: i, "id") {
                id = e.attributeValue(at: i)
            } else if e.attributeHasLocalName(at: i, "for") {
                domainText = e.attributeValue(at: i)
            } else if e.attributeHasLocalName(at: i, "attr.name") {
                name = e.attributeValue(at: i)
            } else if e.attributeHasLocalName(at: i, "attr.type") {
                typeText = e.attributeValue(at: i)
            } else if e.attributeHasLocalName(at: i, "yfiles.type") {
                structured = true
            }
        }
        guard let id, !id.isEmpty else {
            throw XMLParseError(line: e.line, message: "<key> without an id; every key needs a unique id")
        }
        if let k = keyIndex[id] {
            throw XMLParseError(
                line: e.line,
                message:
                    "duplicate key id \(ErrorText.excerpt(id)) (first declared on line \(keys[k].line)); key ids must be unique"
            )
        }
        let domain: Domain
        switch XMLGraphValues.trimmed(domainText ?? "all").lowercased() {
        case "node": domain = .node
        case "edge": domain = .edge
        case "graph": domain = .graph
        case "all": domain = .all
        default: domain = .other
        }
        var type = AttributeType.string
        if let t = typeText {
            switch XMLGraphValues.trimmed(t).lowercased() {
            case "boolean", "bool": type = .boolean
            case "int", "integer": type = .int
            case "long": type = .long
            case "float": type = .float
            case "double": type = .double
            case "string": type = .string
            default:
                log.add(
                    .warning,
                    "key \(ErrorText.excerpt(id)) has unknown attr.type \(ErrorText.excerpt(t)); read as string",
                    line: e.line, kind: "unknown key types")
            }
        }
        let attrName = name ?? id
        var key = Key(
            id: id, domain: domain, name: attrName, type: type, nodeColumn: -1, edgeColumn: -1, isWeight: false,
            structured: structured, defaultValue: nil, line: e.line)
        if !structured && domain != .other {
            let scopes: [String] =
                switch domain {
                case .node: ["node"]
                case .edge: ["edge"]
                case .graph: ["graph"]
                case .all: ["node", "edge", "graph"]
                case .other: []
                }
            for scope in scopes {
                if let other = namesSeen[scope + "\u{0}" + attrName] {
                    throw XMLParseError(
                        line: e.line,
                        message:
                            "key \(ErrorText.excerpt(id)) declares \(scope) attribute \(ErrorText.excerpt(attrName)) again (key \(ErrorText.excerpt(keys[other].id)), line \(keys[other].line)); attribute names must be unique"
                    )
                }
                namesSeen[scope + "\u{0}" + attrName] = keys.count
            }
            if domain == .node || domain == .all {
                key.nodeColumn = doc.nodeAttributes.count
                doc.nodeAttributes.append(AttributeColumn(name: attrName, type: type))
            }
            if domain == .edge || domain == .all {
                if attrName.lowercased() == "weight" {
                    key.isWeight = true
                } else {
                    key.edgeColumn = doc.edgeAttributes.count
                    doc.edgeAttributes.append(AttributeColumn(name: attrName, type: type))
                }
            }
        }
        keyIndex[id] = keys.count
        let idBytes = Array(id.utf8)
        idBytes.withUnsafeBufferPointer { keyTable.insert($0, value: Int32(keys.count)) }
        keys.append(key)
        frames.append(.key(keys.count - 1))
    }

    private mutating func endDefault(key k: Int) {
        defer {
            text.removeAll(keepingCapacity: true)
            dataHasChildren = false
            sawComment = false
        }
        let key = keys[k]
        if key.structured || dataHasChildren || (text.isEmpty && sawComment) { return }
        let converted = text.withUnsafeBufferPointer { XMLGraphValues.convert($0, as: key.type) }
        switch converted {
        case .value(let v):
            keys[k].defaultValue = v
            if key.nodeColumn >= 0 { doc.nodeAttributes[key.nodeColumn].defaultValue = v }
            if key.edgeColumn >= 0 { doc.edgeAttributes[key.edgeColumn].defaultValue = v }
        case .missing:
            break
        case .invalid:
            let shown = text.withUnsafeBufferPointer { XMLGraphValues.excerpt($0) }
            log.add(
                .warning,
                "key \(ErrorText.excerpt(key.id)) (\(key.name)): default \(shown) is not \(XMLGraphValues.describe(key.type)); no default used",
                line: key.line, kind: "bad values")
        }
    }

    private mutating func startGraph(_ e: XMLStartElement) {
        var edgeDefault: Bool?
        for i in 0..<e.attributeCount where e.attributeHasLocalName(at: i, "edgedefault") {
            switch XMLGraphValues.trimmed(e.attributeValue(at: i)).lowercased() {
            case "directed": edgeDefault = true
            case "undirected": edgeDefault = false
            default:
                log.add(
                    .warning,
                    "graph edgedefault \(ErrorText.excerpt(e.attributeValue(at: i))) is neither directed nor undirected; read as undirected",
                    line: e.line, kind: "bad edgedefault")
            }
        }
        var inherited: Bool?
        for f in frames.reversed() {
            if case .graph(let d, _) = f {
                inherited = d
                break
            }
        }
        if let inherited {
            currentDirected = edgeDefault ?? inherited
            frames.append(.graph(directed: currentDirected, topLevel: false))
            return
        }
        let directed = edgeDefault ?? false
        if graphSeen {
            log.add(.info, "a second top-level <graph> was merged into the first", line: e.line, kind: "several graphs")
        } else {
            graphSeen = true
            doc.directed = directed
        }
        currentDirected = directed
        frames.append(.graph(directed: directed, topLevel: true))
    }

    @inline(__always)
    private mutating func nodeIndex(_ e: XMLStartElement, attribute i: Int) -> Int32 {
        let (n, created) = doc.xmlNode(e, attribute: i, table: &ids, line: e.line)
        if created { declared.append(false) }
        return n
    }

    private mutating func startNode(_ e: XMLStartElement) {
        var idAttribute = -1
        for i in 0..<e.attributeCount where e.attributeHasLocalName(at: i, "id") {
            idAttribute = i
            break
        }
        guard idAttribute >= 0 else {
            log.add(.warning, "<node> without an id skipped", line: e.line, kind: "nodes without id")
            frames.append(.skip)
            return
        }
        let n = nodeIndex(e, attribute: idAttribute)
        if declared[Int(n)] {
            log.add(
                .warning,
                "node \(ErrorText.excerpt(doc.nodeIDs[Int(n)])) is declared again (first on line \(doc.nodeLines[Int(n)])); its data was merged",
                line: e.line, kind: "duplicate nodes")
        } else {
            declared[Int(n)] = true
            doc.nodeLines[Int(n)] = Int32(clamping: e.line)
        }
        frames.append(.node(n))
    }

    private mutating func startEdge(_ e: XMLStartElement) {
        var source = -1
        var target = -1
        var id: String?
        var directedText: String?
        for i in 0..<e.attributeCount {
            if e.attributeHasLocalName(at: i, "source") {
                source = i
            } else if e.attributeHasLocalName(at: i, "target") {
                target = i
            } else if e.attributeHasLocalName(at: i, "id") {
                id = e.attributeValue(at: i)
            } else if e.attributeHasLocalName(at: i, "directed") {
                directedText = e.attributeValue(at: i)
            }
        }
        guard source >= 0, target >= 0 else {
            log.add(
                .warning, "<edge> without \(source < 0 ? "source" : "target") skipped",
                line: e.line, kind: "edges without endpoints")
            frames.append(.skip)
            return
        }
        var directed = currentDirected
        if let directedText {
            switch XMLGraphValues.trimmed(directedText).lowercased() {
            case "true", "1": directed = true
            case "false", "0": directed = false
            default:
                log.add(
                    .warning,
                    "edge directed=\(ErrorText.excerpt(directedText)) is not true/false; the graph default is used",
                    line: e.line, kind: "bad directed flags")
            }
        }
        let s = nodeIndex(e, attribute: source)
        let t = nodeIndex(e, attribute: target)
        doc.addEdge(s, t, id: id, directed: directed, line: e.line)
        frames.append(.edge(doc.edgeCount - 1))
    }

    /// The innermost node, edge or graph the current element belongs to.
    private func owner() -> Frame? {
        for f in frames.reversed() {
            switch f {
            case .node, .edge, .graph: return f
            case .skip: return nil
            default: continue
            }
        }
        return nil
    }

    private mutating func startData(_ e: XMLStartElement) {
        var keyAttribute = -1
        for i in 0..<e.attributeCount where e.attributeHasLocalName(at: i, "key") {
            keyAttribute = i
            break
        }
        guard keyAttribute >= 0 else {
            log.add(.warning, "<data> without a key attribute ignored", line: e.line, kind: "data without key")
            frames.append(.skip)
            return
        }
        guard let found = e.withAttributeBytes(at: keyAttribute, { keyTable.find($0) }) else {
            log.add(
                .warning,
                "<data> uses undeclared key \(ErrorText.excerpt(e.attributeValue(at: keyAttribute))); value ignored",
                line: e.line, kind: "undeclared keys")
            frames.append(.skip)
            return
        }
        let k = Int(found)
        let keyID = keys[k].id
        let key = keys[k]
        let where_: Domain
        switch owner() {
        case .node: where_ = .node
        case .edge: where_ = .edge
        case .graph: where_ = .graph
        default:
            frames.append(.skip)  // data on <graphml>, ports, hyperedges: not part of the graph
            return
        }
        if key.domain != .all && key.domain != where_ {
            log.add(
                .warning,
                "key \(ErrorText.excerpt(keyID)) is declared for \(Self.name(key.domain)) but used on a \(Self.name(where_)); value ignored",
                line: e.line, kind: "keys used on the wrong element")
            frames.append(.skip)
            return
        }
        text.removeAll(keepingCapacity: true)
        collectDepth = e.depth
        dataHasChildren = false
        sawComment = false
        frames.append(.data(key: k, line: e.line))
    }

    private static func name(_ d: Domain) -> String {
        switch d {
        case .node: "node"
        case .edge: "edge"
        case .graph: "graph"
        case .all: "all"
        case .other: "other elements"
        }
    }

    private mutating func endData(key k: Int, line: Int) {
        let key = keys[k]
        defer { text.removeAll(keepingCapacity: true) }
        if key.structured || dataHasChildren { return }
        if text.isEmpty && sawComment { return }  // a comment-only body counts as absent
        guard let owner = owner() else { return }
        if key.isWeight, case .edge(let edge) = owner {
            let w = text.withUnsafeBufferPointer { XMLGraphValues.double($0) }
            if let w {
                if doc.edgeWeights == nil { doc.edgeWeights = [Double](repeating: .nan, count: doc.edgeCount) }
                doc.edgeWeights![edge] = EdgeWeight.read(w)
            } else if !text.withUnsafeBufferPointer(XMLGraphValues.isBlank) {
                if doc.edgeWeights == nil { doc.edgeWeights = [Double](repeating: .nan, count: doc.edgeCount) }
                doc.edgeWeights![edge] = EdgeWeight.unreadable
                let shown = text.withUnsafeBufferPointer { XMLGraphValues.excerpt($0) }
                log.add(
                    .warning,
                    "edge \(edgeName(edge)): weight (key \(ErrorText.excerpt(key.id))) \(shown) is not a number; weight dropped",
                    line: line, kind: "bad values")
            }
            return
        }
        let converted = text.withUnsafeBufferPointer { XMLGraphValues.convert($0, as: key.type) }
        let value: AttributeValue
        switch converted {
        case .value(let v): value = v
        case .missing: return
        case .invalid:
            let shown = text.withUnsafeBufferPointer { XMLGraphValues.excerpt($0) }
            let element: String =
                switch owner {
                case .node(let n): "node \(ErrorText.excerpt(doc.nodeIDs[Int(n)]))"
                case .edge(let e): "edge \(edgeName(e))"
                default: "graph"
                }
            log.add(
                .warning,
                "\(element): key \(ErrorText.excerpt(key.id)) (\(key.name), \(key.type.rawValue)) value \(shown) is not \(XMLGraphValues.describe(key.type)); value dropped",
                line: line, kind: "bad values")
            return
        }
        switch owner {
        case .node(let n):
            guard key.nodeColumn >= 0 else { return }
            Self.set(&doc.nodeAttributes[key.nodeColumn].values, Int(n), value)
        case .edge(let e):
            guard key.edgeColumn >= 0 else { return }
            Self.set(&doc.edgeAttributes[key.edgeColumn].values, e, value)
        case .graph(_, let topLevel):
            if topLevel { doc.graphAttributes[key.name] = value }
        default:
            break
        }
    }

    private func edgeName(_ e: Int) -> String {
        let s = doc.nodeIDs[Int(doc.edgeSources[e])]
        let t = doc.nodeIDs[Int(doc.edgeTargets[e])]
        if let id = doc.edgeIDs?[e] { return "\(ErrorText.excerpt(id)) (\(s) -> \(t))" }
        return "\(s) -> \(t)"
    }

    @inline(__always)
    static func set(_ values: inout [AttributeValue?], _ i: Int, _ v: AttributeValue) {
        if values.count <= i {
            if values.count < i { values.append(contentsOf: repeatElement(nil, count: i - values.count)) }
            values.append(v)
        } else {
            values[i] = v
        }
    }

    private mutating func setLabel(node n: Int32, _ label: String) {
        if labelColumn < 0 {
            if let c = doc.nodeAttributes.firstIndex(where: { $0.name == "label" }) {
                labelColumn = c
            } else {
                labelColumn = doc.nodeAttributes.count
                doc.nodeAttributes.append(AttributeColumn(name: "label", type: .string))
            }
        }
        let values = doc.nodeAttributes[labelColumn].values
        if Int(n) < values.count, values[Int(n)] != nil { return }
        Self.set(&doc.nodeAttributes[labelColumn].values, Int(n), .string(label))
    }

    // MARK: finish

    mutating func finish() -> GraphReadResult {
        for i in 0..<doc.nodeCount where !declared[i] {
            log.add(
                .info,
                "node \(ErrorText.excerpt(doc.nodeIDs[i])) is used by an edge but never declared; it was created",
                line: Int(doc.nodeLines[i]), kind: "undeclared nodes")
        }
        if let k = keys.first(where: { $0.isWeight }), let w = k.defaultValue?.doubleValue, doc.edgeCount > 0 {
            if doc.edgeWeights == nil { doc.edgeWeights = [Double](repeating: .nan, count: doc.edgeCount) }
            // Edges without a <data> weight, or whose weight was dropped as not a number (with an
            // issue), take the default; NaN written in the file stays NaN.
            let w = EdgeWeight.read(w)
            for e in 0..<doc.edgeCount where EdgeWeight.isMissing(doc.edgeWeights![e]) { doc.edgeWeights![e] = w }
        }
        XMLGraphFinisher.padColumns(&doc)
        doc.multigraph = XMLGraphFinisher.hasParallelEdges(doc)
        return GraphReadResult(document: doc, issues: log.finish())
    }
}
