import WarmPathSupport
import WarmPathModel

/// What a graph-file reader (GraphML, GEXF, node-link JSON, edge lists, GML, Pajek) returns:
/// the graph in memory plus every recoverable problem met while reading it.
///
/// Readers throw only when the file as a whole cannot be read; anything skipped or repaired
/// inside a readable file is an ``ImportIssue`` here.
public struct GraphReadResult: Sendable {
    /// The graph as read: interned node ids, edges, weights and attribute columns.
    public var document: GraphDocument
    /// Recoverable problems, in file order.
    public var issues: [ImportIssue]

    /// Creates a result from a document and its issues.
    public init(document: GraphDocument, issues: [ImportIssue] = []) {
        self.document = document
        self.issues = issues
    }
}
