import Foundation
import Testing

@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

@Suite("GraphExportJSONTests")
struct GraphExportJSONTests {
    /// A small network: a LinkedIn-like source with messages and a connection, plus a group message.
    func network() -> Network {
        let prov = Provenance(source: "t", file: "f", line: 1)
        let people = [
            PersonRecord(
                displayName: "Ana Ruiz", company: "Acme", position: "VP, Sales",
                profileURLs: ["https://www.linkedin.com/in/ana"], emails: ["ana@acme.example"], provenance: prov),
            PersonRecord(
                displayName: "Ben \"B\" Okafor", company: "=cmd", profileURLs: ["https://www.linkedin.com/in/ben"],
                provenance: prov),
            PersonRecord(displayName: "Chen Wei", emails: ["chen@x.example"], provenance: prov),
            PersonRecord(displayName: "Zoë", nodeIDs: ["z"], provenance: prov),
        ]
        let interactions = [
            Interaction(kind: .connection, time: 100, actor: 0, recipients: [1], provenance: prov),
            Interaction(kind: .message, time: 200, actor: 1, recipients: [0], provenance: prov),
            Interaction(kind: .message, time: 300, actor: 0, recipients: [1, 2], isGroup: true, provenance: prov),
            Interaction(kind: .graphEdge, time: nil, actor: 2, recipients: [2], provenance: prov),
        ]
        let imp = SourceImport(kind: .linkedin, path: "p", label: "t", people: people, interactions: interactions)
        return NetworkBuilder().build([imp])
    }

    func index(_ net: Network, _ name: String) -> Int32 { Int32(net.people.firstIndex { $0.name == name }!) }

    @Test func buildsOneEdgePerPairWithCountsAndKinds() {
        let net = network()
        let scores = net.people.map { $0.name == "Ana Ruiz" ? "0.75" : ($0.name == "Zoë" ? "" : "2") }
        let doc = NetworkGraphExport.document(from: net, nodeAttributes: ["score": scores, "name": ["ignored"]])
        #expect(doc.nodeIDs == net.people.map(\.id.rawValue))
        #expect(!doc.directed)
        #expect(doc.edgeCount == 2)  // ana–ben (3 events), ana–chen (1); the self-loop is not a pair
        let ana = index(net, "Ana Ruiz")
        let ben = index(net, "Ben \"B\" Okafor")
        let e = (0..<doc.edgeCount).first { Set([doc.edgeSources[$0], doc.edgeTargets[$0]]) == Set([ana, ben]) }!
        #expect(doc.edgeWeights?[e] == 3)
        #expect(doc.edgeAttribute("kinds")?.value(e) == .list([.string("connection"), .string("message")]))
        #expect(doc.nodeAttribute("score")?.type == .double)
        #expect(doc.nodeAttribute("score")?.value(Int(ana)) == .double(0.75))
        #expect(doc.nodeAttribute("score")?.value(Int(index(net, "Zoë"))) == nil)
        #expect(doc.nodeAttribute("name")?.value(Int(ana)) == .string("Ana Ruiz"))
        #expect(doc.nodeAttribute("profile_url")?.value(Int(ana)) == .string("https://www.linkedin.com/in/ana"))
        #expect(doc.nodeAttribute("email")?.value(Int(index(net, "Chen Wei"))) == .string("chen@x.example"))
        // Sorted edges: the same network gives the same document.
        let again = NetworkGraphExport.document(from: net, nodeAttributes: ["score": scores])
        #expect(
            NodeLinkWriter.write(again)
                == NodeLinkWriter.write(NetworkGraphExport.document(from: net, nodeAttributes: ["score": scores])))
    }

    @Test func nodeLinkRoundTripsThroughTheReader() throws {
        let net = network()
        let scores = net.people.map { $0.name == "Ana Ruiz" ? "0.75" : "2" }
        var doc = NetworkGraphExport.document(from: net, nodeAttributes: ["score": scores])
        doc.graphAttributes["title"] = .string("export")
        let text = NodeLinkWriter.write(doc)
        #expect(text.contains("\"edges\": ["))
        #expect(text.hasPrefix("{\n \"directed\": false,\n \"multigraph\": false,"))
        let back = try NodeLinkReader.read(Data(text.utf8), file: "x.json", source: "t")
        #expect(back.issues.isEmpty)
        let d = back.document
        #expect(d.nodeIDs == doc.nodeIDs)
        #expect(d.directed == doc.directed)
        #expect(d.multigraph == doc.multigraph)
        #expect(d.edgeSources == doc.edgeSources)
        #expect(d.edgeTargets == doc.edgeTargets)
        #expect(d.edgeWeights == doc.edgeWeights)
        #expect(d.graphAttributes == doc.graphAttributes)
        for col in doc.nodeAttributes {
            for v in 0..<doc.nodeCount {
                #expect(d.nodeAttribute(col.name)?.value(v) == col.value(v), "\(col.name)[\(v)]")
            }
        }
        #expect(d.edgeAttribute("kinds")?.values == doc.edgeAttribute("kinds")?.values)
        // Imported again, the people keep their names, companies and identities.
        let imp = GraphFileImporter.sourceImport(back, kind: .nodeLink, path: "x.json", label: "x", file: "x.json")
        let ana = Int(index(net, "Ana Ruiz"))
        #expect(imp.people[ana].displayName == "Ana Ruiz")
        #expect(imp.people[ana].position == "VP, Sales")
        #expect(imp.people[ana].profileURLs == ["https://www.linkedin.com/in/ana"])
        #expect(imp.people[ana].attributes["score"] == "0.75")
        #expect(imp.interactions.allSatisfy { $0.flags.contains(.undirected) })
    }

    @Test func writerHandlesMultigraphsMixedDirectionAndOddValues() throws {
        var doc = GraphDocument(directed: true, multigraph: true)
        let a = doc.node("a\"1")
        let b = doc.node("b")
        doc.addEdge(a, b, weight: 2, id: "k1")
        doc.addEdge(a, b, id: "k2", directed: false)
        doc.nodeAttributes = [
            AttributeColumn(name: "x", type: .double, values: [.double(.nan), .double(1e-7)]),
            AttributeColumn(name: "ok", type: .boolean, values: [.bool(true), nil]),
        ]
        let back = try NodeLinkReader.read(Data(NodeLinkWriter.write(doc).utf8), file: "m.json", source: "t").document
        #expect(back.nodeIDs == ["a\"1", "b"])
        #expect(back.edgeIDs ?? [] == ["k1", "k2"])
        #expect(back.edgeWeights?[0] == 2)
        #expect(back.nodeAttribute("x")?.value(0) == nil)  // NaN written as null
        #expect(back.nodeAttribute("x")?.value(1) == .double(1e-7))
        #expect(back.nodeAttribute("ok")?.value(0) == .bool(true))
        #expect(back.edgeAttribute("directed")?.value(1) == .bool(false))
        let empty = NodeLinkWriter.write(GraphDocument(directed: false))
        #expect(try NodeLinkReader.read(Data(empty.utf8), file: "e.json", source: "t").document.nodeCount == 0)
    }

    /// A minimal RFC 4180 reader for checking our own CSV (rows end in CRLF: one Character).
    func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var cell = ""
        var quoted = false
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" {
                        cell.append("\"")
                        chars.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    cell.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                row.append(cell)
                cell = ""
            } else if c == "\r\n" || c == "\n" {
                row.append(cell)
                rows.append(row)
                row = []
                cell = ""
            } else {
                cell.append(c)
            }
        }
        return rows
    }

    @Test func neo4jCSVPairRoundTrips() {
        let net = network()
        let scores = net.people.map { $0.name == "Ana Ruiz" ? "0.75" : "2" }
        let doc = NetworkGraphExport.document(from: net, nodeAttributes: ["score": scores])
        let files = Neo4jWriter.write(doc)
        #expect(files.map(\.name) == ["nodes.csv", "relationships.csv"])
        let nodes = parseCSV(files[0].text)
        #expect(
            nodes[0] == [
                "personId:ID", "name", "company", "position", "profile_url", "email", "score:double", ":LABEL",
            ])
        #expect(nodes.count == doc.nodeCount + 1)
        for v in 0..<doc.nodeCount {
            let row = nodes[v + 1]
            #expect(row[0] == doc.nodeIDs[v])
            #expect(row[1] == doc.nodeAttribute("name")?.value(v)?.text)
            #expect(Double(row[6]) == doc.nodeAttribute("score")?.value(v)?.doubleValue)
            #expect(row[7] == "Person")
        }
        let ben = Int(index(net, "Ben \"B\" Okafor"))
        #expect(nodes[ben + 1][2] == "'=cmd")  // formula neutralised
        let rels = parseCSV(files[1].text)
        #expect(rels[0] == [":START_ID", ":END_ID", ":TYPE", "weight:double", "kinds:string[]"])
        #expect(rels.count == doc.edgeCount + 1)
        for e in 0..<doc.edgeCount {
            let row = rels[e + 1]
            #expect(row[0] == doc.nodeIDs[Int(doc.edgeSources[e])])
            #expect(row[1] == doc.nodeIDs[Int(doc.edgeTargets[e])])
            #expect(row[2] == "KNOWS")
            #expect(Double(row[3]) == doc.edgeWeights?[e])
            let kinds = doc.edgeAttribute("kinds")?.value(e)
            #expect(
                row[4]
                    == (kinds.map { if case .list(let l) = $0 { l.map(\.text).joined(separator: ";") } else { "" } }
                        ?? ""))
        }
    }
}
