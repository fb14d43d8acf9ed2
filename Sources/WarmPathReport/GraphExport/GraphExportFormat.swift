import WarmPathModel
import WarmPathSupport

/// The graph file formats warmpath writes (`warmpath export --format`): the one registry the
/// CLI lists and dispatches through.
///
/// ```
/// let files = GraphExportFormat.graphml.render(doc)   // one file, written to --output FILE
/// GraphExportFormat.neo4j.writesFolder                // true: nodes.csv + relationships.csv
/// ```
public enum GraphExportFormat: String, Sendable, Hashable, CaseIterable {
    /// GraphML (Gephi, yEd, NetworkX `read_graphml`).
    case graphml
    /// GEXF 1.3 (Gephi).
    case gexf
    /// NetworkX node-link JSON (`edges` key).
    case json
    /// `nodes.csv` and `relationships.csv` for `neo4j-admin database import full`.
    case neo4j

    /// True when the format is a folder of files rather than one file.
    public var writesFolder: Bool { self == .neo4j }

    /// One line for `--help`.
    public var summary: String {
        switch self {
        case .graphml: "GraphML file"
        case .gexf: "GEXF file"
        case .json: "NetworkX node-link JSON file"
        case .neo4j: "folder with nodes.csv and relationships.csv for neo4j-admin"
        }
    }

    /// The files of `doc` in this format; for a single-file format one file named `name`.
    public func render(_ doc: GraphDocument, name: String = "graph") -> [ReportFile] {
        switch self {
        case .graphml: [ReportFile(name: name, text: GraphMLWriter.write(doc))]
        case .gexf: [ReportFile(name: name, text: GEXFWriter.write(doc))]
        case .json: [ReportFile(name: name, text: NodeLinkWriter.write(doc))]
        case .neo4j: Neo4jWriter.write(doc)
        }
    }
}
