import Foundation
import WarmPathSupport
import WarmPathModel
import WarmPathImport
import WarmPathAnalysis

/// Writes a ``GraphDocument`` as GEXF 1.3 (`http://gexf.net/1.3`), Gephi's native format.
///
/// ```swift
/// let xml = GEXFWriter.write(result.document)
/// ```
///
/// Node and edge columns become typed `<attributes>` (`integer long float double boolean
/// string` and `liststring listboolean listlong listdouble`, the list type chosen from the
/// values) with `<default>`; a string column named `label` becomes the `label` XML attribute.
/// ``GraphDocument/edgeWeights`` becomes `weight`; per-edge direction that differs from
/// `defaultedgetype` becomes `type`; edge ids are written where the document has them.
/// Graph attributes go to `<meta>` (`creator`, `description`, `keywords`, then other names
/// that are valid element names, sorted; `lastmodifieddate` as its attribute); GEXF has no
/// typed graph-level attributes, so they read back as strings. Every
/// value is escaped; lists are written `["a", "b"]` / `[1, 2]`.
///
/// Round trip: ``GEXFReader/read(_:file:source:)`` of the output gives back the same ids,
/// edges, directions, weights and attribute columns.
public enum GEXFWriter {
    /// The GEXF text of `doc`.
    /// - Complexity: O(nodes × node columns + edges × edge columns).
    public static func write(_ doc: GraphDocument) -> String {
        var out = ""
        out.reserveCapacity(64 * (doc.nodeCount + doc.edgeCount) + 1024)
        out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
        out += " xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n"
        let standard = ["creator", "description", "keywords"]
        let lastModified = doc.graphAttributes["lastmodifieddate"]
        let others = doc.graphAttributes.keys.filter {
            !standard.contains($0) && $0 != "lastmodifieddate" && isXMLName($0)
        }
        let metaPresent = standard.filter { doc.graphAttributes[$0] != nil } + others.sorted()
        if lastModified != nil || !metaPresent.isEmpty {
            out += "  <meta"
            if let lastModified { out += " lastmodifieddate=\"\(XMLEscaper.escape(lastModified.text))\"" }
            out += ">\n"
            for f in metaPresent {
                out += "    <\(f)>\(XMLEscaper.escape(doc.graphAttributes[f]!.text))</\(f)>\n"
            }
            out += "  </meta>\n"
        }
        out += "  <graph mode=\"static\" defaultedgetype=\"\(doc.directed ? "directed" : "undirected")\">\n"
        let nodeLabel = doc.nodeAttributes.firstIndex { $0.name == "label" && $0.type == .string }
        let edgeLabel = doc.edgeAttributes.firstIndex { $0.name == "label" && $0.type == .string }
        writeDeclarations(&out, "node", doc.nodeAttributes, skipping: nodeLabel)
        writeDeclarations(&out, "edge", doc.edgeAttributes, skipping: edgeLabel)

        out += "    <nodes>\n"
        for n in 0..<doc.nodeCount {
            out += "      <node id=\"\(XMLEscaper.escape(doc.nodeIDs[n]))\""
            if let nodeLabel, let v = value(doc.nodeAttributes[nodeLabel], n) {
                out += " label=\"\(XMLEscaper.escape(v.text))\""
            }
            let body = attvalues(doc.nodeAttributes, n, skipping: nodeLabel)
            out += body.isEmpty ? "/>\n" : ">\n" + body + "      </node>\n"
        }
        out += "    </nodes>\n    <edges>\n"
        for e in 0..<doc.edgeCount {
            out += "      <edge"
            if let id = doc.edgeIDs?[e] { out += " id=\"\(XMLEscaper.escape(id))\"" }
            out += " source=\"\(XMLEscaper.escape(doc.nodeIDs[Int(doc.edgeSources[e])]))\""
            out += " target=\"\(XMLEscaper.escape(doc.nodeIDs[Int(doc.edgeTargets[e])]))\""
            let directed = doc.isDirected(edge: e)
            if directed != doc.directed { out += " type=\"\(directed ? "directed" : "undirected")\"" }
            if let w = doc.edgeWeights?[e], !w.isNaN { out += " weight=\"\(XMLEscaper.number(w))\"" }
            if let edgeLabel, let v = value(doc.edgeAttributes[edgeLabel], e) {
                out += " label=\"\(XMLEscaper.escape(v.text))\""
            }
            let body = attvalues(doc.edgeAttributes, e, skipping: edgeLabel)
            out += body.isEmpty ? "/>\n" : ">\n" + body + "      </edge>\n"
        }
        out += "    </edges>\n  </graph>\n</gexf>\n"
        return out
    }

    /// Whether `s` can be written as an element name (ASCII letters, digits, `_ - .`).
    static func isXMLName(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, first.properties.isAlphabetic || first == "_", first.isASCII,
            !s.lowercased().hasPrefix("xml")
        else { return false }
        return s.unicodeScalars.allSatisfy {
            $0.isASCII
                && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" || $0 == ".")
        }
    }

    private static func value(_ column: AttributeColumn, _ i: Int) -> AttributeValue? {
        i < column.values.count ? column.values[i] : nil
    }

    private static func writeDeclarations(
        _ out: inout String, _ cls: String, _ columns: [AttributeColumn], skipping: Int?
    ) {
        let declared = columns.indices.filter { $0 != skipping }
        if declared.isEmpty { return }
        out += "    <attributes class=\"\(cls)\" mode=\"static\">\n"
        for c in declared {
            let column = columns[c]
            out +=
                "      <attribute id=\"\(c)\" title=\"\(XMLEscaper.escape(column.name))\" type=\"\(typeName(column))\""
            if let d = column.defaultValue {
                out += ">\n        <default>\(XMLEscaper.escape(text(d)))</default>\n      </attribute>\n"
            } else {
                out += "/>\n"
            }
        }
        out += "    </attributes>\n"
    }

    private static func attvalues(_ columns: [AttributeColumn], _ i: Int, skipping: Int?) -> String {
        var body = ""
        for (c, column) in columns.enumerated() where c != skipping {
            guard let v = value(column, i) else { continue }
            body += "          <attvalue for=\"\(c)\" value=\"\(XMLEscaper.escape(text(v)))\"/>\n"
        }
        return body.isEmpty ? "" : "        <attvalues>\n" + body + "        </attvalues>\n"
    }

    /// GEXF type of a column; list columns get the list type that fits every element.
    static func typeName(_ column: AttributeColumn) -> String {
        switch column.type {
        case .string: return "string"
        case .int: return "integer"
        case .long: return "long"
        case .float: return "float"
        case .double: return "double"
        case .boolean: return "boolean"
        case .list:
            var kinds = Set<String>()
            for case .list(let items)? in column.values + [column.defaultValue] {
                for item in items {
                    switch item {
                    case .int: kinds.insert("long")
                    case .double: kinds.insert("double")
                    case .bool: kinds.insert("boolean")
                    default: kinds.insert("string")
                    }
                }
            }
            return kinds.count == 1 ? "list" + kinds.first! : "liststring"
        }
    }

    /// A value as GEXF text: lists in brackets with quoted strings.
    static func text(_ v: AttributeValue) -> String {
        switch v {
        case .list(let items):
            let parts = items.map { item -> String in
                switch item {
                case .string(let s):
                    return "\""
                        + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                        + "\""
                default: return XMLEscaper.valueText(item)
                }
            }
            return "[" + parts.joined(separator: ", ") + "]"
        default:
            return XMLEscaper.valueText(v)
        }
    }
}
