import Foundation
import WarmPathKit

/// W2 (GraphML) and W3 (node-link JSON) go through the colleagues' readers.
enum OtherReaders {
    enum Missing: Error { case reader(String) }

    static func read(_ workload: String, _ data: Data, file: String) throws -> GraphDocument {
        switch workload {
        case "W2": return try GraphMLReader.read(data, file: file, source: "bench").document
        case "W3": return try NodeLinkReader.read(data, file: file, source: "bench").document
        default: throw Missing.reader(workload)
        }
    }

    static func method(_ workload: String) -> String {
        workload == "W2" ? "GraphMLReader.read (libxml2; node data kept)" : "NodeLinkReader.read (node data kept)"
    }
}
