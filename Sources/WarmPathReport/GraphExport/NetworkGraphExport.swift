import Foundation
import WarmPathSupport
import WarmPathModel
import WarmPathImport
import WarmPathAnalysis

/// Turns the merged ``Network`` into a ``GraphDocument`` for the graph writers (node-link JSON,
/// Neo4j CSV, GraphML, GEXF).
public enum NetworkGraphExport {
    /// People as nodes (id = ``PersonID``) with `name`, `company`, `position`, `profile_url`,
    /// `email` and the given per-person columns (`nodeAttributes[column][personIndex]`, empty =
    /// missing; a column whose values are all numbers is typed `double`), and one undirected edge
    /// per pair of people who share events, with `weight` = the number of events and `kinds` =
    /// the sorted event kinds. Edges are sorted by their endpoints' person order, so the output
    /// is deterministic.
    public static func document(from network: Network, nodeAttributes: [String: [String]] = [:]) -> GraphDocument {
        var doc = GraphDocument(directed: false, multigraph: false)
        let n = network.people.count
        doc.nodeIDs.reserveCapacity(n)
        for p in network.people { doc.node(p.id.rawValue) }

        func column(_ name: String, _ value: (Person) -> String?) -> AttributeColumn {
            AttributeColumn(
                name: name, type: .string,
                values: network.people.map { p in value(p).flatMap { $0.isEmpty ? nil : AttributeValue.string($0) } })
        }
        var cols = [
            column("name") { $0.name },
            column("company") { $0.company },
            column("position") { $0.position },
            column("profile_url") { $0.profileURL },
            column("email") { $0.email },
        ]
        let reserved = Set(cols.map(\.name))
        for name in nodeAttributes.keys.sorted() where !reserved.contains(name) {
            let raw = nodeAttributes[name] ?? []
            let numeric = raw.allSatisfy { $0.isEmpty || Double($0) != nil } && raw.contains { !$0.isEmpty }
            var values: [AttributeValue?] = []
            values.reserveCapacity(n)
            for i in 0..<n {
                let t = i < raw.count ? raw[i] : ""
                if t.isEmpty {
                    values.append(nil)
                } else if numeric, let d = Double(t) {
                    values.append(.double(d))
                } else {
                    values.append(.string(t))
                }
            }
            cols.append(AttributeColumn(name: name, type: numeric ? .double : .string, values: values))
        }
        doc.nodeAttributes = cols

        // Pairs of people sharing events: count and kinds (bit set over InteractionKind.allCases).
        let kinds = InteractionKind.allCases
        var kindBit: [InteractionKind: UInt32] = [:]
        for (i, k) in kinds.enumerated() { kindBit[k] = 1 << UInt32(i) }
        var pairs: [UInt64: (count: Int, kinds: UInt32)] = [:]
        for e in network.events {
            var seen = Set<Int32>()
            for r in e.recipients where r != e.actor && seen.insert(r).inserted {
                let (a, b) = e.actor < r ? (e.actor, r) : (r, e.actor)
                let key = UInt64(UInt32(bitPattern: a)) << 32 | UInt64(UInt32(bitPattern: b))
                var v = pairs[key] ?? (0, 0)
                v.count += 1
                v.kinds |= kindBit[e.kind] ?? 0
                pairs[key] = v
            }
        }
        var kindValues: [AttributeValue?] = []
        for key in pairs.keys.sorted() {
            let v = pairs[key]!
            doc.addEdge(
                Int32(truncatingIfNeeded: key >> 32), Int32(truncatingIfNeeded: key & 0xFFFF_FFFF),
                weight: Double(v.count))
            var names: [AttributeValue] = []
            for (i, k) in kinds.enumerated() where v.kinds & (1 << UInt32(i)) != 0 { names.append(.string(k.rawValue)) }
            kindValues.append(.list(names.sorted { $0.text < $1.text }))
        }
        doc.edgeAttributes = [AttributeColumn(name: "kinds", type: .list, values: kindValues)]
        return doc
    }
}
