import WarmPathSupport
import WarmPathModel
import WarmPathImport
import WarmPathAnalysis

/// Writes a ``GraphDocument`` as GraphML 1.0 (`http://graphml.graphdrawing.org/xmlns`), the
/// form Gephi, yEd, Cytoscape, NetworkX and igraph read.
///
/// ```swift
/// let xml = GraphMLWriter.write(result.document)
/// ```
///
/// Every node and edge attribute column becomes a typed `<key>` (with `<default>` when the
/// column has one); missing values get no `<data>`. ``GraphDocument/edgeWeights`` becomes the
/// edge key `weight` (double) unless an edge column of that name exists. Per-edge direction
/// that differs from `edgedefault` is written as `directed`; edge ids are kept. Every value is
/// escaped; doubles are written so they read back exactly (`Infinity`, `NaN` included).
/// List values have no GraphML type: they are written as strings joined with `|`.
///
/// Round trip: ``GraphMLReader/read(_:file:source:)`` of the output gives back the same ids,
/// edges, directions, weights and attribute columns.
public enum GraphMLWriter {
    /// The GraphML text of `doc`.
    /// - Complexity: O(nodes × node columns + edges × edge columns).
    public static func write(_ doc: GraphDocument) -> String {
        var out = ""
        out.reserveCapacity(64 * (doc.nodeCount + doc.edgeCount) + 1024)
        out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\""
        out += " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
        out +=
            " xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
        var next = 0
        func key(_ domain: String, _ name: String, _ type: String, _ defaultValue: AttributeValue?) -> String {
            let id = "d\(next)"
            next += 1
            out +=
                "  <key id=\"\(id)\" for=\"\(domain)\" attr.name=\"\(XMLEscaper.escape(name))\" attr.type=\"\(type)\""
            if let defaultValue {
                out += "><default>\(XMLEscaper.escape(XMLEscaper.valueText(defaultValue)))</default></key>\n"
            } else {
                out += "/>\n"
            }
            return id
        }
        let nodeKeys = doc.nodeAttributes.map { key("node", $0.name, typeName($0.type), $0.defaultValue) }
        let edgeKeys = doc.edgeAttributes.map { key("edge", $0.name, typeName($0.type), $0.defaultValue) }
        let hasWeightColumn = doc.edgeAttributes.contains { $0.name.lowercased() == "weight" }
        let weightKey = doc.edgeWeights != nil && !hasWeightColumn ? key("edge", "weight", "double", nil) : nil
        let graphNames = doc.graphAttributes.keys.sorted()
        let graphKeys = graphNames.map { key("graph", $0, valueTypeName(doc.graphAttributes[$0]!), nil) }

        out += "  <graph id=\"G\" edgedefault=\"\(doc.directed ? "directed" : "undirected")\">\n"
        for (i, name) in graphNames.enumerated() {
            out +=
                "    <data key=\"\(graphKeys[i])\">\(XMLEscaper.escape(XMLEscaper.valueText(doc.graphAttributes[name]!)))</data>\n"
        }
        for n in 0..<doc.nodeCount {
            out += "    <node id=\"\(XMLEscaper.escape(doc.nodeIDs[n]))\""
            var body = ""
            for (c, column) in doc.nodeAttributes.enumerated() {
                guard n < column.values.count, let v = column.values[n] else { continue }
                body += "      <data key=\"\(nodeKeys[c])\">\(XMLEscaper.escape(XMLEscaper.valueText(v)))</data>\n"
            }
            out += body.isEmpty ? "/>\n" : ">\n" + body + "    </node>\n"
        }
        for e in 0..<doc.edgeCount {
            out += "    <edge"
            if let id = doc.edgeIDs?[e] { out += " id=\"\(XMLEscaper.escape(id))\"" }
            out += " source=\"\(XMLEscaper.escape(doc.nodeIDs[Int(doc.edgeSources[e])]))\""
            out += " target=\"\(XMLEscaper.escape(doc.nodeIDs[Int(doc.edgeTargets[e])]))\""
            let directed = doc.isDirected(edge: e)
            if directed != doc.directed { out += " directed=\"\(directed)\"" }
            var body = ""
            if let weightKey, let w = doc.edgeWeights?[e], !w.isNaN {
                body += "      <data key=\"\(weightKey)\">\(XMLEscaper.number(w))</data>\n"
            }
            for (c, column) in doc.edgeAttributes.enumerated() {
                guard e < column.values.count, let v = column.values[e] else { continue }
                body += "      <data key=\"\(edgeKeys[c])\">\(XMLEscaper.escape(XMLEscaper.valueText(v)))</data>\n"
            }
            out += body.isEmpty ? "/>\n" : ">\n" + body + "    </edge>\n"
        }
        out += "  </graph>\n</graphml>\n"
        return out
    }

    static func typeName(_ t: AttributeType) -> String {
        switch t {
        case .string, .list: "string"
        case .int: "int"
        case .long: "long"
        case .float: "float"
        case .double: "double"
        case .boolean: "boolean"
        }
    }

    static func valueTypeName(_ v: AttributeValue) -> String {
        switch v {
        case .string, .list: "string"
        case .int: "long"
        case .double: "double"
        case .bool: "boolean"
        }
    }
}
