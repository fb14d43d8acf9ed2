import Foundation
import WarmPathSupport
import WarmPathModel

/// Reads GEXF (1.1draft, 1.2draft, 1.3; namespaces are not checked, elements are matched by
/// local name) into a ``GraphDocument``, streaming through libxml2.
///
/// ```swift
/// let result = try GEXFReader.read(data, file: "les_miserables.gexf", source: "gexf")
/// ```
///
/// What it understands: `<graph defaultedgetype mode>`, `<attributes class="node|edge">` with
/// `<attribute id title type>` and `<default>`, `<attvalues>`, node `label` (the `label` node
/// attribute), edge `id`, `weight` (``GraphDocument/edgeWeights``), `type` (per-edge
/// direction where it differs from `defaultedgetype`; `mutual` is undirected) and `label`
/// (the `label` edge attribute), list types (`liststring`, `listboolean`, `listfloat`, ...)
/// written with `|`, `,` or `[a, 'b', "c"]`, kept as ``AttributeValue/list(_:)``. Ids are kept
/// as written (`"0.0"` stays a string). `<meta>` creator, description, keywords and
/// `lastmodifieddate` become graph attributes.
///
/// Issues, not errors: spells, slices and dynamic values (info; the static view is read),
/// `<attvalue>` for an undeclared attribute (warning, ignored), `<attributes>` without a
/// node/edge class (warning, ignored), values that do not convert (warning, dropped), edges to
/// undeclared nodes (created, info). `viz:` and other foreign content is skipped.
///
/// Fatal (thrown as ``ImportError/malformed(path:line:reason:)``): XML that is not well-formed
/// or truncated, a root that is not `<gexf>`, entity declarations, nesting deeper than 256.
public enum GEXFReader {
    /// Reads a GEXF file held in memory.
    /// - Parameters:
    ///   - data: the file's bytes.
    ///   - file: the file name for issues and errors.
    ///   - source: the source label for issues (for example `gexf`).
    /// - Returns: the document and the recoverable issues.
    /// - Throws: ``ImportError/malformed(path:line:reason:)`` when the file cannot be read.
    /// - Complexity: O(n) in the file size.
    public static func read(_ data: Data, file: String, source: String) throws -> GraphReadResult {
        let outcome: XMLParseOutcome<GEXFHandler>
        do {
            outcome = try LibXML.parse(data, handler: GEXFHandler(file: file, source: source, bytes: data.count))
        } catch let e as XMLParseError {
            throw ImportError.malformed(path: file, line: e.line, reason: e.message)
        }
        var handler = outcome.handler
        guard handler.sawRoot else {
            throw ImportError.malformed(path: file, line: 0, reason: "no <gexf> element found")
        }
        for w in outcome.warnings {
            handler.log.add(.warning, "XML: \(w.message)", line: w.line, kind: "XML diagnostics")
        }
        return handler.finish()
    }

    /// Splits a GEXF list value: `[a, 'b', "c"]` (quotes optional, `\` escapes), `a|b|c` or
    /// `a,b,c`; items are trimmed.
    static func splitList(_ text: String) -> [String] {
        let t = XMLGraphValues.trimmed(text)
        if t.isEmpty { return [] }
        if t.hasPrefix("[") && t.hasSuffix("]") && t.count >= 2 {
            var items: [String] = []
            var current = ""
            var quote: Character?
            var escaped = false
            var wasQuoted = false
            for ch in t.dropFirst().dropLast() {
                if let q = quote {
                    if escaped {
                        current.append(ch)
                        escaped = false
                    } else if ch == "\\" {
                        escaped = true
                    } else if ch == q {
                        quote = nil
                    } else {
                        current.append(ch)
                    }
                } else if ch == "'" || ch == "\"" {
                    quote = ch
                    wasQuoted = true
                    current = ""
                } else if ch == "," {
                    items.append(wasQuoted ? current : XMLGraphValues.trimmed(current))
                    current = ""
                    wasQuoted = false
                } else if !wasQuoted {
                    current.append(ch)
                }
            }
            if !items.isEmpty || wasQuoted || !XMLGraphValues.trimmed(current).isEmpty {
                items.append(wasQuoted ? current : XMLGraphValues.trimmed(current))
            }
            return items
        }
        let separator: Character = t.contains("|") ? "|" : ","
        return t.split(separator: separator, omittingEmptySubsequences: false).map {
            XMLGraphValues.trimmed(String($0))
        }
    }
}

/// The GEXF parse state (an ``XMLEventHandler``).
struct GEXFHandler: XMLEventHandler {
    struct Declaration {
        var id: String
        var title: String
        var type: AttributeType
        /// Element type of list attributes.
        var elementType: AttributeType
        var column: Int
        var isNode: Bool
    }

    enum Frame {
        case root, meta
        case metaField(String)
        case graph
        case attributes(isNode: Bool?)
        case attribute(Int)
        case attributeDefault(Int)
        case node(Int32)
        case edge(Int)
        case attvalues
        case skip
        case other
    }

    var doc = GraphDocument(directed: false)
    var log: IssueLog
    var frames: [Frame] = []
    var sawRoot = false
    var graphSeen = false
    var declarations: [Declaration] = []
    var nodeDeclarations: [String: Int] = [:]
    var edgeDeclarations: [String: Int] = [:]
    var ids = XMLNodeIDTable()
    var declared: [Bool] = []
    var text: [UInt8] = []
    var depth = 0
    var collectDepth = -1
    var nodeLabelColumn = -1
    var edgeLabelColumn = -1
    var dynamicNoted = false

    init(file: String, source: String, bytes: Int = 0) {
        log = IssueLog(source: source, file: file)
        let edges = min(bytes / 80, 50_000_000)
        doc.edgeSources.reserveCapacity(edges)
        doc.edgeTargets.reserveCapacity(edges)
        doc.edgeLines.reserveCapacity(edges)
    }

    mutating func characters(_ bytes: UnsafeRawBufferPointer) {
        if depth == collectDepth { text.append(contentsOf: bytes) }
    }

    private mutating func collect(_ e: XMLStartElement) {
        text.removeAll(keepingCapacity: true)
        collectDepth = e.depth
    }

    private mutating func noteDynamic(_ line: Int, _ what: String) {
        if dynamicNoted { return }
        dynamicNoted = true
        log.add(
            .info, "\(what): dynamic data (spells, slices, start/end) ignored; the static graph is read",
            line: line, kind: "dynamic data")
    }

    mutating func startElement(_ e: XMLStartElement) throws {
        depth = e.depth
        guard let parent = frames.last else {
            guard e.hasLocalName("gexf") else {
                throw XMLParseError(
                    line: e.line, message: "the root element is <\(e.localName)>, not <gexf>; this is not a GEXF file")
            }
            sawRoot = true
            frames.append(.root)
            return
        }
        switch parent {
        case .skip:
            frames.append(.skip)
        case .root:
            if e.hasLocalName("meta") {
                if let d = e.attribute("lastmodifieddate") { doc.graphAttributes["lastmodifieddate"] = .string(d) }
                frames.append(.meta)
            } else if e.hasLocalName("graph") {
                startGraph(e)
            } else {
                frames.append(.skip)
            }
        case .meta:
            collect(e)
            frames.append(.metaField(e.localName))
        case .graph:
            if e.hasLocalName("attributes") {
                startAttributes(e)
            } else if e.hasLocalName("nodes") || e.hasLocalName("edges") {
                frames.append(.other)
            } else if e.hasLocalName("node") {
                startNode(e)  // tolerate a missing <nodes> wrapper
            } else if e.hasLocalName("edge") {
                startEdge(e)
            } else {
                if e.hasLocalName("spells") || e.hasLocalName("slices") { noteDynamic(e.line, "<\(e.localName)>") }
                frames.append(.skip)
            }
        case .other:
            // Inside <nodes>/<edges> (possibly nested node hierarchies).
            if e.hasLocalName("node") {
                startNode(e)
            } else if e.hasLocalName("edge") {
                startEdge(e)
            } else if e.hasLocalName("nodes") || e.hasLocalName("edges") {
                frames.append(.other)
            } else {
                frames.append(.skip)
            }
        case .attributes(let isNode):
            if e.hasLocalName("attribute"), let isNode {
                try startAttribute(e, isNode: isNode)
            } else {
                frames.append(.skip)
            }
        case .attribute(let k):
            if e.hasLocalName("default") {
                collect(e)
                frames.append(.attributeDefault(k))
            } else {
                frames.append(.skip)  // <options> and the like
            }
        case .node, .edge:
            if e.hasLocalName("attvalues") {
                frames.append(.attvalues)
            } else if e.hasLocalName("nodes") || e.hasLocalName("edges") {
                frames.append(.other)  // hierarchical GEXF: flattened
            } else {
                if e.hasLocalName("spells") || e.hasLocalName("slices") { noteDynamic(e.line, "<\(e.localName)>") }
                frames.append(.skip)  // viz:*, parents, spells
            }
        case .attvalues:
            if e.hasLocalName("attvalue") { attvalue(e) }
            frames.append(.skip)
        case .metaField, .attributeDefault:
            frames.append(.skip)
        }
    }

    mutating func endElement(_ e: XMLEndElement) throws {
        guard let frame = frames.popLast() else { return }
        depth = e.depth - 1
        switch frame {
        case .metaField(let name):
            collectDepth = -1
            let value = XMLGraphValues.trimmed(String(decoding: text, as: UTF8.self))
            if !value.isEmpty { doc.graphAttributes[name] = .string(value) }
        case .attributeDefault(let k):
            collectDepth = -1
            let d = declarations[k]
            let raw = String(decoding: text, as: UTF8.self)
            if let v = convert(raw, d, line: 0, element: "default of attribute \(ErrorText.excerpt(d.title))") {
                if d.isNode {
                    doc.nodeAttributes[d.column].defaultValue = v
                } else {
                    doc.edgeAttributes[d.column].defaultValue = v
                }
            }
        default:
            break
        }
    }

    // MARK: elements

    private mutating func startGraph(_ e: XMLStartElement) {
        var directed = false
        for i in 0..<e.attributeCount {
            if e.attributeHasLocalName(at: i, "defaultedgetype") {
                switch XMLGraphValues.trimmed(e.attributeValue(at: i)).lowercased() {
                case "directed": directed = true
                case "undirected", "mutual": directed = false
                default:
                    log.add(
                        .warning,
                        "defaultedgetype \(ErrorText.excerpt(e.attributeValue(at: i))) is not directed/undirected/mutual; read as undirected",
                        line: e.line, kind: "bad edge types")
                }
            } else if e.attributeHasLocalName(at: i, "mode") {
                if XMLGraphValues.trimmed(e.attributeValue(at: i)).lowercased() == "dynamic" {
                    noteDynamic(e.line, "graph mode dynamic")
                }
            }
        }
        if graphSeen {
            log.add(.info, "a second <graph> was merged into the first", line: e.line, kind: "several graphs")
        } else {
            graphSeen = true
            doc.directed = directed
        }
        frames.append(.graph)
    }

    private mutating func startAttributes(_ e: XMLStartElement) {
        var isNode: Bool?
        let cls = e.attribute("class").map { XMLGraphValues.trimmed($0).lowercased() }
        switch cls {
        case "node": isNode = true
        case "edge": isNode = false
        default:
            log.add(
                .warning,
                "<attributes> with class \(ErrorText.excerpt(cls ?? "")) ignored: GEXF declares attributes for class node or edge",
                line: e.line, kind: "attribute classes")
        }
        if e.attribute("mode").map({ XMLGraphValues.trimmed($0).lowercased() }) == "dynamic" {
            noteDynamic(e.line, "dynamic attributes")
        }
        frames.append(.attributes(isNode: isNode))
    }

    private mutating func startAttribute(_ e: XMLStartElement, isNode: Bool) throws {
        guard let id = e.attribute("id") else {
            log.add(.warning, "<attribute> without an id ignored", line: e.line, kind: "attributes without id")
            frames.append(.skip)
            return
        }
        let title = e.attribute("title") ?? id
        let typeText = XMLGraphValues.trimmed(e.attribute("type") ?? "string")
        var (type, element) = Self.type(typeText)
        if type == nil {
            log.add(
                .warning,
                "attribute \(ErrorText.excerpt(title)) has unknown type \(ErrorText.excerpt(typeText)); read as string",
                line: e.line, kind: "unknown attribute types")
            type = .string
            element = .string
        }
        if (isNode ? nodeDeclarations[id] : edgeDeclarations[id]) != nil {
            throw XMLParseError(
                line: e.line,
                message:
                    "duplicate \(isNode ? "node" : "edge") attribute id \(ErrorText.excerpt(id)); attribute ids must be unique"
            )
        }
        let column: Int
        if isNode {
            column = doc.nodeAttributes.count
            doc.nodeAttributes.append(AttributeColumn(name: title, type: type!))
            nodeDeclarations[id] = declarations.count
        } else {
            column = doc.edgeAttributes.count
            doc.edgeAttributes.append(AttributeColumn(name: title, type: type!))
            edgeDeclarations[id] = declarations.count
        }
        declarations.append(
            Declaration(
                id: id, title: title, type: type!, elementType: element ?? .string, column: column, isNode: isNode))
        frames.append(.attribute(declarations.count - 1))
    }

    /// Maps a GEXF type name to the column type and, for lists, the element type.
    static func type(_ name: String) -> (AttributeType?, AttributeType?) {
        let n = name.lowercased()
        if n.hasPrefix("list") {
            let (element, _) = type(String(n.dropFirst(4)))
            return (.list, element ?? .string)
        }
        switch n {
        case "integer", "int", "short", "byte", "biginteger": return (.int, nil)
        case "long": return (.long, nil)
        case "float": return (.float, nil)
        case "double", "bigdecimal": return (.double, nil)
        case "boolean", "bool": return (.boolean, nil)
        case "string", "anyuri", "date", "time", "datetime", "char", "": return (.string, nil)
        default: return (nil, nil)
        }
    }

    private mutating func nodeIndex(_ e: XMLStartElement, attribute i: Int) -> Int32 {
        let (n, created) = doc.xmlNode(e, attribute: i, table: &ids, line: e.line)
        if created { declared.append(false) }
        return n
    }

    private mutating func startNode(_ e: XMLStartElement) {
        var idAttribute = -1
        var label: String?
        for i in 0..<e.attributeCount {
            if e.attributeHasLocalName(at: i, "id") {
                idAttribute = i
            } else if e.attributeHasLocalName(at: i, "label") {
                label = e.attributeValue(at: i)
            } else if e.attributeHasLocalName(at: i, "start") || e.attributeHasLocalName(at: i, "end") {
                noteDynamic(e.line, "node start/end")
            }
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
                "node \(ErrorText.excerpt(doc.nodeIDs[Int(n)])) is declared again (first on line \(doc.nodeLines[Int(n)])); its values were merged",
                line: e.line, kind: "duplicate nodes")
        } else {
            declared[Int(n)] = true
            doc.nodeLines[Int(n)] = Int32(clamping: e.line)
        }
        if let label {
            if nodeLabelColumn < 0 {
                nodeLabelColumn = Self.labelColumn(&doc.nodeAttributes)
            }
            GraphMLHandler.set(&doc.nodeAttributes[nodeLabelColumn].values, Int(n), .string(label))
        }
        frames.append(.node(n))
    }

    static func labelColumn(_ columns: inout [AttributeColumn]) -> Int {
        if let c = columns.firstIndex(where: { $0.name == "label" && $0.type == .string }) { return c }
        columns.append(AttributeColumn(name: "label", type: .string))
        return columns.count - 1
    }

    private mutating func startEdge(_ e: XMLStartElement) {
        var source = -1
        var target = -1
        var id: String?
        var label: String?
        var weightText: String?
        var typeText: String?
        for i in 0..<e.attributeCount {
            if e.attributeHasLocalName(at: i, "source") {
                source = i
            } else if e.attributeHasLocalName(at: i, "target") {
                target = i
            } else if e.attributeHasLocalName(at: i, "id") {
                id = e.attributeValue(at: i)
            } else if e.attributeHasLocalName(at: i, "weight") {
                weightText = e.attributeValue(at: i)
            } else if e.attributeHasLocalName(at: i, "type") {
                typeText = e.attributeValue(at: i)
            } else if e.attributeHasLocalName(at: i, "label") {
                label = e.attributeValue(at: i)
            } else if e.attributeHasLocalName(at: i, "start") || e.attributeHasLocalName(at: i, "end") {
                noteDynamic(e.line, "edge start/end")
            }
        }
        guard source >= 0, target >= 0 else {
            log.add(
                .warning, "<edge> without \(source < 0 ? "source" : "target") skipped",
                line: e.line, kind: "edges without endpoints")
            frames.append(.skip)
            return
        }
        var directed = doc.directed
        if let typeText {
            switch XMLGraphValues.trimmed(typeText).lowercased() {
            case "directed": directed = true
            case "undirected", "mutual": directed = false
            default:
                log.add(
                    .warning,
                    "edge type \(ErrorText.excerpt(typeText)) is not directed/undirected/mutual; the default is used",
                    line: e.line, kind: "bad edge types")
            }
        }
        var weight: Double?
        if let weightText {
            weight = XMLGraphValues.double(weightText)
            if weight == nil {
                weight = EdgeWeight.unreadable
                log.add(
                    .warning, "edge weight \(XMLGraphValues.excerpt(weightText)) is not a number; weight dropped",
                    line: e.line, kind: "bad values")
            }
        }
        let s = nodeIndex(e, attribute: source)
        let t = nodeIndex(e, attribute: target)
        doc.addEdge(s, t, weight: weight, id: id, directed: directed, line: e.line)
        let edge = doc.edgeCount - 1
        if let label {
            if edgeLabelColumn < 0 { edgeLabelColumn = Self.labelColumn(&doc.edgeAttributes) }
            GraphMLHandler.set(&doc.edgeAttributes[edgeLabelColumn].values, edge, .string(label))
        }
        frames.append(.edge(edge))
    }

    private mutating func attvalue(_ e: XMLStartElement) {
        var key: String?
        var value: String?
        for i in 0..<e.attributeCount {
            if e.attributeHasLocalName(at: i, "for") || (key == nil && e.attributeHasLocalName(at: i, "id")) {
                key = e.attributeValue(at: i)
            } else if e.attributeHasLocalName(at: i, "value") {
                value = e.attributeValue(at: i)
            } else if e.attributeHasLocalName(at: i, "start") || e.attributeHasLocalName(at: i, "end")
                || e.attributeHasLocalName(at: i, "startopen") || e.attributeHasLocalName(at: i, "endopen")
            {
                noteDynamic(e.line, "attvalue start/end")
            }
        }
        guard let owner = frames.dropLast().last else { return }
        let isNode: Bool
        let index: Int
        switch owner {
        case .node(let n):
            isNode = true
            index = Int(n)
        case .edge(let x):
            isNode = false
            index = x
        default:
            return
        }
        guard let key else {
            log.add(.warning, "<attvalue> without 'for' ignored", line: e.line, kind: "attvalues without for")
            return
        }
        guard let k = isNode ? nodeDeclarations[key] : edgeDeclarations[key] else {
            log.add(
                .warning,
                "<attvalue for=\(ErrorText.excerpt(key))> refers to no declared \(isNode ? "node" : "edge") attribute; value ignored",
                line: e.line, kind: "undeclared attributes")
            return
        }
        let d = declarations[k]
        guard let value else {
            log.add(
                .warning, "<attvalue for=\(ErrorText.excerpt(key))> without a value ignored", line: e.line,
                kind: "attvalues without value")
            return
        }
        let element = isNode ? "node \(ErrorText.excerpt(doc.nodeIDs[index]))" : "edge \(index + 1)"
        guard let v = convert(value, d, line: e.line, element: element) else { return }
        if isNode {
            GraphMLHandler.set(&doc.nodeAttributes[d.column].values, index, v)
        } else {
            GraphMLHandler.set(&doc.edgeAttributes[d.column].values, index, v)
        }
    }

    /// Converts an attribute value by its declared type; nil (with an issue) when it does not.
    private mutating func convert(_ raw: String, _ d: Declaration, line: Int, element: String) -> AttributeValue? {
        if d.type == .list {
            var items: [AttributeValue] = []
            for item in GEXFReader.splitList(raw) {
                switch XMLGraphValues.convert(item, as: d.elementType) {
                case .value(let v): items.append(v)
                case .missing, .invalid:
                    log.add(
                        .warning,
                        "\(element): attribute \(ErrorText.excerpt(d.title)) list item \(ErrorText.excerpt(item)) is not \(XMLGraphValues.describe(d.elementType)); value dropped",
                        line: line, kind: "bad values")
                    return nil
                }
            }
            return .list(items)
        }
        switch XMLGraphValues.convert(raw, as: d.type) {
        case .value(let v): return v
        case .missing: return nil
        case .invalid:
            let shown = XMLGraphValues.excerpt(raw)
            log.add(
                .warning,
                "\(element): attribute \(ErrorText.excerpt(d.title)) (\(d.type.rawValue)) value \(shown) is not \(XMLGraphValues.describe(d.type)); value dropped",
                line: line, kind: "bad values")
            return nil
        }
    }

    mutating func finish() -> GraphReadResult {
        for i in 0..<doc.nodeCount where !declared[i] {
            log.add(
                .info,
                "node \(ErrorText.excerpt(doc.nodeIDs[i])) is used by an edge but never declared; it was created",
                line: Int(doc.nodeLines[i]), kind: "undeclared nodes")
        }
        XMLGraphFinisher.padColumns(&doc)
        doc.multigraph = XMLGraphFinisher.hasParallelEdges(doc)
        return GraphReadResult(document: doc, issues: log.finish())
    }
}
