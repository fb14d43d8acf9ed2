import Foundation
import WarmPathSupport
import WarmPathModel
import WarmPathImport
import WarmPathAnalysis

/// Writes a ``GraphDocument`` as node-link JSON in NetworkX's `node_link_data` layout with the
/// `edges` key: `{"directed", "multigraph", "graph", "nodes": [{"id", …}], "edges": [{"source",
/// "target", "key"?, "weight"?, …}]}`, readable by `networkx.node_link_graph(data,
/// edges="edges")` and by ``NodeLinkReader``.
///
/// Node ids are written as strings (warmpath keeps ids as text). Edge ids are written as `key`
/// in a multigraph and as `id` otherwise; edges whose direction differs from the graph's carry
/// `"directed": true|false`. Non-finite numbers become `null`. One node or edge per line,
/// attributes in column order: byte-identical output for the same document.
public enum NodeLinkWriter {
    /// The JSON text.
    public static func write(_ doc: GraphDocument) -> String {
        var out = "{\n"
        out += " \"directed\": \(doc.directed),\n"
        out += " \"multigraph\": \(doc.multigraph),\n"
        out += " \"graph\": {"
        var first = true
        for k in doc.graphAttributes.keys.sorted() {
            out += first ? "" : ", "
            first = false
            JSONWriter.appendString(k, to: &out)
            out += ": "
            appendValue(doc.graphAttributes[k]!, to: &out)
        }
        out += "},\n \"nodes\": ["
        for v in 0..<doc.nodeCount {
            out += v == 0 ? "\n  {\"id\": " : ",\n  {\"id\": "
            JSONWriter.appendString(doc.nodeIDs[v], to: &out)
            for col in doc.nodeAttributes where col.name != "id" {
                guard let a = col.value(v) else { continue }
                out += ", "
                JSONWriter.appendString(col.name, to: &out)
                out += ": "
                appendValue(a, to: &out)
            }
            out += "}"
        }
        out += doc.nodeCount > 0 ? "\n ],\n \"edges\": [" : "],\n \"edges\": ["
        let idKey = doc.multigraph ? "key" : "id"
        for e in 0..<doc.edgeCount {
            out += e == 0 ? "\n  {\"source\": " : ",\n  {\"source\": "
            JSONWriter.appendString(doc.nodeIDs[Int(doc.edgeSources[e])], to: &out)
            out += ", \"target\": "
            JSONWriter.appendString(doc.nodeIDs[Int(doc.edgeTargets[e])], to: &out)
            if let id = doc.edgeIDs?[e] {
                out += ", \"\(idKey)\": "
                JSONWriter.appendString(id, to: &out)
            }
            if let w = doc.edgeWeights?[e], !w.isNaN {
                out += ", \"weight\": "
                appendValue(.double(w), to: &out)
            }
            if doc.isDirected(edge: e) != doc.directed {
                out += ", \"directed\": \(doc.isDirected(edge: e))"
            }
            for col in doc.edgeAttributes {
                if col.name == "source" || col.name == "target" || col.name == idKey || col.name == "directed" {
                    continue
                }
                if col.name == "weight" && doc.edgeWeights != nil { continue }
                guard let a = col.value(e) else { continue }
                out += ", "
                JSONWriter.appendString(col.name, to: &out)
                out += ": "
                appendValue(a, to: &out)
            }
            out += "}"
        }
        out += doc.edgeCount > 0 ? "\n ]\n}\n" : "]\n}\n"
        return out
    }

    /// JSON for an attribute value: numbers as numbers (integral doubles keep a `.0`), lists as arrays.
    static func appendValue(_ a: AttributeValue, to out: inout String) {
        switch a {
        case .string(let s): JSONWriter.appendString(s, to: &out)
        case .int(let i): out += String(i)
        case .double(let d):
            if !d.isFinite {
                out += "null"
            } else if d == d.rounded() && abs(d) < 1e15 {
                out += String(Int64(d)) + ".0"
            } else {
                out += "\(d)"
            }
        case .bool(let b): out += b ? "true" : "false"
        case .list(let items):
            out += "["
            for (i, x) in items.enumerated() {
                if i > 0 { out += ", " }
                appendValue(x, to: &out)
            }
            out += "]"
        }
    }
}
