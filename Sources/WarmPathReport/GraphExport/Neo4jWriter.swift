import Foundation
import WarmPathSupport
import WarmPathModel
import WarmPathImport
import WarmPathAnalysis

/// Writes a ``GraphDocument`` as the CSV pair `neo4j-admin database import full` reads:
///
/// * `nodes.csv`: `personId:ID,<attributes…>,:LABEL` with typed headers (`score:double`,
///   `count:long`, `flag:boolean`, `tags:string[]` with `;` between list items), label `Person`;
/// * `relationships.csv`: `:START_ID,:END_ID,:TYPE,weight:double,<edge attributes…>`, type
///   `KNOWS` (one row per edge; undirected edges are written once, as Neo4j stores every
///   relationship with a direction).
///
/// ```
/// neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv neo4j
/// ```
/// Cells are written by ``CSVWriter`` (quoted as needed, formula-looking text neutralised).
public enum Neo4jWriter {
    /// Node label written in `:LABEL`.
    public static let nodeLabel = "Person"
    /// Relationship type written in `:TYPE`.
    public static let relationshipType = "KNOWS"

    /// `nodes.csv` and `relationships.csv`.
    public static func write(_ doc: GraphDocument) -> [ReportFile] {
        let nodeCols = doc.nodeAttributes.filter { !["personId", "id", ":LABEL"].contains($0.name) }
        var nodes = CSVWriter(header: ["personId:ID"] + nodeCols.map(header) + [":LABEL"])
        for v in 0..<doc.nodeCount {
            var row = [doc.nodeIDs[v]]
            for c in nodeCols { row.append(cell(c.value(v))) }
            row.append(nodeLabel)
            nodes.row(row)
        }
        let edgeCols = doc.edgeAttributes.filter { !["weight", "source", "target"].contains($0.name) }
        var rels = CSVWriter(header: [":START_ID", ":END_ID", ":TYPE", "weight:double"] + edgeCols.map(header))
        for e in 0..<doc.edgeCount {
            var row = [doc.nodeIDs[Int(doc.edgeSources[e])], doc.nodeIDs[Int(doc.edgeTargets[e])], relationshipType]
            if let w = doc.edgeWeights?[e], w.isFinite {
                row.append(NodeLinkWriterNumber.text(w))
            } else {
                row.append("")
            }
            for c in edgeCols { row.append(cell(c.value(e))) }
            rels.row(row)
        }
        return [nodes.file(named: "nodes.csv"), rels.file(named: "relationships.csv")]
    }

    /// `name:type` for a column (strings are Neo4j's default and stay untyped).
    static func header(_ c: AttributeColumn) -> String {
        let safe = c.name.replacingOccurrences(of: ":", with: "_")
        switch c.type {
        case .int, .long: return safe + ":long"
        case .float, .double: return safe + ":double"
        case .boolean: return safe + ":boolean"
        case .list: return safe + ":string[]"
        case .string: return safe
        }
    }

    static func cell(_ a: AttributeValue?) -> String {
        guard let a else { return "" }
        switch a {
        case .double(let d): return d.isFinite ? NodeLinkWriterNumber.text(d) : ""
        case .list(let items):
            return items.map { $0.text.replacingOccurrences(of: ";", with: ",") }.joined(separator: ";")
        default: return a.text
        }
    }
}

/// Shortest round-tripping decimal text of a double (`3.0`, `0.25`, `1e-07`).
enum NodeLinkWriterNumber {
    static func text(_ d: Double) -> String {
        if d == d.rounded() && abs(d) < 1e15 { return String(Int64(d)) + ".0" }
        return "\(d)"
    }
}
