import Foundation
import Testing

@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

@Suite("GraphFileImporterTests")
struct GraphFileImporterTests {
    func detect(_ text: String, _ name: String = "f") -> GraphFileKind? {
        GraphDetection.detect(head: Data(text.utf8), fileName: name)?.kind
    }

    func importFixture(_ relative: String, label: String = "g") throws -> SourceImport {
        let container = try SourceContainer(path: GraphTestPaths.fixture(relative).path)
        return try GraphFileImporter().importSource(container, options: ImportOptions(label: label))
    }

    @Test func detectsEveryKindByContent() {
        #expect(
            detect(#"<?xml version="1.0"?><!-- c --><graphml xmlns="http://graphml.graphdrawing.org/xmlns">"#)
                == .graphml)
        #expect(detect(#"<ns3:graphml xmlns:ns3="http://graphml.graphdrawing.org/xmlns">"#) == .graphml)
        #expect(detect(#"<?xml version="1.0"?><gexf xmlns="http://gexf.net/1.3" version="1.3">"#) == .gexf)
        #expect(
            detect(#"{"directed": false, "multigraph": false, "graph": {}, "nodes": [{"id": 0}], "edges": []}"#)
                == .nodeLink)
        #expect(detect(#"{"nodes": [{"name": "a"}], "links": [{"source": 0, "target": 0}]}"#) == .nodeLink)
        #expect(detect(#"{"data": [], "elements": {"nodes": [], "edges": []}}"#) == .cytoscape)
        #expect(detect(#"[{"group": "nodes", "data": {"id": "a"}}]"#) == .cytoscape)
        #expect(detect(#"{"attributes": {}, "nodes": [{"key": "a", "attributes": {}}], "edges": []}"#) == .graphology)
        #expect(detect("// note\n{\"options\": {\"type\": \"mixed\"}, \"nodes\": []}") == .graphology)
        #expect(detect("Creator \"x\"\ngraph\n[\n  node [ id 1 ]\n]") == .gml)
        #expect(detect("# comment\ngraph [\n]") == .gml)
        #expect(detect("% c\n*Vertices 3\n1 \"a\"") == .pajek)
        #expect(detect("*Network x\n*vertices 2") == .pajek)
        #expect(detect("source,target,weight\na,b,1\nb,c,2\n", "e.csv") == .edgelist)
        #expect(detect("# SNAP\n0\t1\n1\t2\n", "g.txt") == .edgelist)
        // Not graphs: other JSON exports, X archive files, jCard, binary, plain prose.
        #expect(detect(#"{"participants": [{"name": "A"}], "messages": []}"#) == nil)
        #expect(detect(#"window.YTD.following.part0 = [ { "following": {} } ]"#, "following.js") == nil)
        #expect(detect(#"["vcard", [["version", {}, "text", "4.0"]]]"#) == nil)
        #expect(detect("PK\u{03}\u{04}rest") == nil)
        #expect(detect("<html><body>hi</body></html>") == nil)
        #expect(detect("hello", "notes.md") == nil)
    }

    @Test func turnsNodesIntoPeopleAndEdgesIntoInteractions() throws {
        let s = try importFixture("json/team.node-link.json", label: "node-link")
        #expect(s.kind == .nodeLink)
        #expect(s.label == "node-link")
        #expect(s.directed == true)
        #expect(s.people.count == 4)
        let ana = s.people[0]
        #expect(ana.displayName == "Ana Ruiz")
        #expect(ana.company == "Acme")
        #expect(ana.position == "VP Sales")
        #expect(ana.profileURLs == ["https://www.linkedin.com/in/ana-ruiz"])
        #expect(ana.emails == ["ana@acme.example"])
        #expect(ana.nodeIDs == ["ana"])
        #expect(ana.attributes["score"] == "0.9")
        #expect(ana.attributes["tags"] == "lead|emea")
        #expect(ana.attributes["active"] == "true")
        #expect(ana.attributes["name"] == nil)
        #expect(s.people[2].displayName == "Chen Wei")
        #expect(s.people[2].profileURLs == ["https://www.linkedin.com/in/chenwei"])
        #expect(s.people[3].nodeIDs == ["1187654321098765432"])
        #expect(s.interactions.count == 4)
        let e0 = s.interactions[0]
        #expect(e0.kind == .graphEdge)
        #expect(e0.actor == 0)
        #expect(e0.recipients == [1])
        #expect(e0.weight == 0.8)
        #expect(e0.time == 1_709_632_800)  // 2024-03-05T10:00:00Z
        #expect(e0.flags.isEmpty)
        #expect(s.interactions[2].time == 1_709_632_800)  // unix seconds in `timestamp`
        #expect(s.interactions[3].weight == nil)
        #expect(s.files == [FileSummary(file: "team.node-link.json", rows: 8, people: 4, interactions: 4)])
        #expect(s.issues.isEmpty)
    }

    @Test func marksUndirectedEdgesAndReadsTextFormats() throws {
        let g = try importFixture("json/graphology-mixed.json")
        #expect(g.kind == .graphology)
        #expect(g.interactions.map { $0.flags.contains(.undirected) } == [false, true, false])
        #expect(g.people.map(\.displayName) == ["Xavier", "Yara", "z"])
        let gml = try importFixture("text/sample.gml")
        #expect(gml.kind == .gml)
        #expect(gml.people.count == 5)
        #expect(gml.people[0].displayName == "Ana & Co")
        #expect(gml.people[1].displayName == "Ben Okafor")  // line break collapsed for display
        #expect(gml.people[0].provenance.line == 8)
        #expect(gml.interactions[1].weight == -1)
        let net = try importFixture("text/team.net")
        #expect(net.kind == .pajek)
        #expect(net.interactions.count == 6)
        #expect(net.interactions[2].flags.contains(.undirected))
    }

    @Test func inspectReportsTheDetectedKindAndCounts() {
        let loader = SourceLoader(registry: ImporterRegistry(importers: [GraphFileImporter()]))
        let paths = ["json/cytoscape.json", "json/graphology-mixed.json", "text/team.net", "json/broken.json"].map {
            GraphTestPaths.fixture($0).path
        }
        let report = InspectReport(loader.load(paths))
        #expect(report.sources.map(\.kind) == ["cytoscape", "graphology", "pajek", "node-link"])
        #expect(report.sources[0].nodes == 3)
        #expect(report.sources[0].edges == 2)
        #expect(report.sources[1].directed == true)
        #expect(report.sources[2].edges == 6)
        #expect(report.sources[3].error?.contains("broken.json:2") == true)
    }

    @Test func parsesTimes() {
        #expect(GraphFileImporter.parseTime(.string("2024-03-05")) == 1_709_596_800)
        #expect(GraphFileImporter.parseTime(.string("2024-03-05 10:00:00")) == 1_709_632_800)
        #expect(GraphFileImporter.parseTime(.string("2024-03-05T12:00:00.5+02:00")) == 1_709_632_800.5)
        #expect(GraphFileImporter.parseTime(.int(1_709_632_800_000)) == 1_709_632_800)
        #expect(GraphFileImporter.parseTime(.double(1_289_241_911.72836)) == 1_289_241_911.72836)
        #expect(GraphFileImporter.parseTime(.string("yesterday")) == nil)
    }

    @Test(.requiresSharedData("graphs"))
    func importsEveryRealJSONGMLAndPajekFile() throws {
        let shared = try #require(GraphTestPaths.sharedData)
        let expected: [String: (Int, Int)] = [
            "karate.gml": (34, 78), "karate.networkx.gml": (34, 78), "karate.net": (34, 78),
            "karate.node-link.json": (34, 78), "karate.node-link-links.json": (34, 78),
            "karate.cytoscape.json": (34, 78),
            "lesmis.gml": (77, 254), "les-miserables.json": (77, 254), "clique3.json": (12, 21),
            "Power Grid.gml": (4941, 6594), "celegansneural.gml": (297, 2359),
        ]
        var seen = 0
        for folder in ["graphs", "exports/graph"] {
            let root = shared.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else {
                continue
            }
            for case let url as URL in walker where ["json", "gml", "net"].contains(url.pathExtension.lowercased()) {
                let container = try SourceContainer(path: url.path)
                let importer = GraphFileImporter()
                let detection = importer.detect(container)
                #expect(detection != nil, "\(url.lastPathComponent)")
                let s = try importer.importSource(container, options: ImportOptions(label: "g"))
                #expect(s.people.count > 0, "\(url.lastPathComponent)")
                if let (n, e) = expected[url.lastPathComponent] {
                    #expect(s.people.count == n, "\(url.lastPathComponent)")
                    #expect(s.interactions.count == e, "\(url.lastPathComponent)")
                    seen += 1
                }
            }
        }
        #expect(seen == expected.count)
    }
}
