import Foundation
import Testing

@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

@Suite("NodeLinkReaderTests")
struct NodeLinkReaderTests {
    func read(_ name: String) throws -> GraphReadResult {
        try NodeLinkReader.read(try GraphTestPaths.fixtureData("json/" + name), file: name, source: "test")
    }

    func read(text: String) throws -> GraphReadResult {
        try NodeLinkReader.read(Data(text.utf8), file: "inline.json", source: "test")
    }

    @Test func readsNodeLinkWithTypedAttributes() throws {
        let r = try read("team.node-link.json")
        let d = r.document
        #expect(d.directed)
        #expect(!d.multigraph)
        #expect(d.nodeIDs == ["ana", "ben", "chen", "1187654321098765432"])
        #expect(d.edgeCount == 4)
        #expect(d.graphAttributes["name"] == .string("Sales team"))
        #expect(d.graphAttributes["year"] == .int(2024))
        #expect(d.nodeAttribute("score")?.type == .double)
        #expect(d.nodeAttribute("score")?.value(1) == .int(1))
        #expect(d.nodeAttribute("tags")?.value(0) == .list([.string("lead"), .string("emea")]))
        #expect(d.nodeAttribute("active")?.type == .boolean)
        #expect(d.nodeAttribute("name")?.value(2) == nil)
        #expect(d.nodeAttribute("id") == nil)
        // weight, then value, becomes the edge weight; neither stays an attribute.
        #expect(d.edgeWeights?[0] == 0.8)
        #expect(d.edgeWeights?[1] == 3)
        #expect(d.edgeWeights?[2] == 2)
        #expect(d.edgeWeights?[3].isNaN == true)
        #expect(d.edgeAttribute("weight") == nil)
        #expect(d.edgeAttribute("value") == nil)
        #expect(d.edgeAttribute("since")?.value(1) == .int(2019))
        #expect(d.edgeTargets[2] == 3)
        #expect(r.issues.isEmpty)
    }

    @Test func followsNetworkXDefaults() throws {
        let r = try read(text: #"{"nodes": [{"id": 5}, {"x": 1}], "links": [{"source": 5, "target": 1}]}"#)
        #expect(!r.document.directed)
        #expect(r.document.multigraph)
        // A node without id gets its position (NetworkX's counter).
        #expect(r.document.nodeIDs == ["5", "1"])
        #expect(r.document.edgeCount == 1)
        let empty = try read(text: #"{"directed": true, "multigraph": false, "graph": {}, "nodes": [], "edges": []}"#)
        #expect(empty.document.directed)
        #expect(empty.document.nodeCount == 0)
    }

    @Test func readsIndexEndpointsOfOldLayouts() throws {
        let d3 = try read("d3-indices.json")
        #expect(d3.document.nodeIDs == ["0", "1", "2"])
        #expect(d3.document.edgeSources == [1, 2])
        #expect(d3.document.edgeWeights == [1, 8])
        let nx1 = try read("networkx1-indices.json")
        #expect(nx1.document.nodeIDs == ["a", "b", "c"])
        #expect(nx1.document.edgeSources == [0, 1])
        #expect(nx1.document.edgeTargets == [1, 2])
        #expect(nx1.document.graphAttributes["name"] == .string("old"))
        #expect(nx1.issues.contains { $0.severity == .info && $0.message.contains("positions") })
        #expect(!nx1.issues.contains { $0.message.contains("undeclared") })
    }

    @Test func prefersEdgesOverLinksWithAWarning() throws {
        let r = try read("both-keys.json")
        #expect(r.document.edgeCount == 2)
        #expect(r.document.edgeTargets == [2, 2])
        #expect(r.issues.contains { $0.severity == .warning && $0.location == "$.links" })
    }

    @Test func keepsMultigraphKeysTupleIdsAndReportsBadEdges() throws {
        let r = try read("multigraph-keys.json")
        let d = r.document
        #expect(d.multigraph)
        #expect(d.nodeIDs.prefix(3) == ["[0,1]", "[1,2]", "Zoë"])
        #expect(d.nodeIDs.contains("Yann"))
        #expect(d.edgeIDs?[0] == "first")
        #expect(d.edgeIDs?[1] == "second")
        #expect(d.edgeCount == 3)
        #expect(d.edgeAttribute("weight")?.value(1) == .string("heavy"))
        #expect(d.nodeAttribute("Ünïcode")?.value(0) == .string("✓"))
        #expect(d.graphAttributes["1"] == .string("int key"))
        let locations = Set(r.issues.compactMap(\.location))
        #expect(locations.contains("$.edges[2].target"))  // undeclared node Yann, added
        #expect(locations.contains("$.edges[3]"))  // no target
        #expect(locations.contains("$.edges[4]"))  // not an object
        #expect(locations.contains("$.edges[1].weight"))  // weight not a number
    }

    @Test func readsCytoscapeObjectAndArrayForms() throws {
        let r = try read("cytoscape.json")
        let d = r.document
        #expect(
            NodeLinkReader.shape(of: try JSONReader.parse(try GraphTestPaths.fixtureData("json/cytoscape.json")))
                == .cytoscape)
        // NetworkX `value` is the node key; a differing Cytoscape id stays an attribute.
        #expect(d.nodeIDs == ["1", "2", "n3"])
        #expect(d.nodeAttribute("id")?.value(0) == .string("123"))
        #expect(d.nodeAttribute("name")?.value(2) == .string("Three"))
        #expect(d.edgeSources == [0, 1])
        #expect(d.edgeTargets == [1, 2])
        #expect(d.edgeWeights?[0] == 4)
        #expect(d.edgeIDs?[1] == "e2")
        #expect(d.edgeAttribute("interaction")?.value(1) == .string("pp"))
        #expect(d.graphAttributes["name"] == .string("cy"))

        let a = try read("cytoscape-array.json")
        #expect(a.document.nodeIDs == ["a", "b", "c"])
        #expect(a.document.edgeCount == 2)
        #expect(a.document.edgeIDs ?? [] == ["ab", "bc"])
        #expect(a.document.nodeAttribute("label")?.value(0) == .string("Alpha"))
    }

    @Test func readsGraphologyMixedGraphs() throws {
        let r = try read("graphology-mixed.json")
        let d = r.document
        #expect(d.directed)
        #expect(d.multigraph)
        #expect(d.nodeIDs == ["x", "y", "z"])
        #expect(d.edgeCount == 3)
        #expect(d.isDirected(edge: 0))
        #expect(!d.isDirected(edge: 1))
        #expect(d.edgeIDs?[0] == "e1")
        #expect(d.edgeWeights?[0] == 2)
        #expect(d.edgeAttribute("type")?.value(2) == .string("arrow"))
        #expect(d.nodeAttribute("label")?.value(1) == .string("Yara"))
        #expect(d.graphAttributes["title"] == .string("mixed"))
    }

    @Test func streamedReaderHandlesAnyMemberOrder() throws {
        // Edges before nodes, links before edges, an escaped key, `value` weights, `id`s.
        let r = try read(
            text: #"""
                {"links": [{"source": 9, "target": 9}],
                 "edges": [{"target": 2, "sour\u0063e": 1, "value": 4, "id": "e1", "key": "k"},
                           {"source": "1", "target": 1, "value": "strong"}],
                 "multigraph": false,
                 "nodes": [{"name": "one", "id": 1}, {"id": 2}]}
                """#)
        let d = r.document
        #expect(!d.multigraph)
        #expect(d.nodeIDs == ["1", "2"])
        #expect(d.edgeSources == [0, 0])
        #expect(d.edgeTargets == [1, 0])
        #expect(d.edgeWeights?[0] == 4)
        #expect(d.edgeWeights?[1].isNaN == true)
        #expect(d.edgeIDs?[0] == "e1")
        #expect(d.edgeAttribute("key")?.value(0) == .string("k"))
        #expect(d.edgeAttribute("value")?.value(1) == .string("strong"))
        #expect(d.nodeAttribute("name")?.value(0) == .string("one"))
        #expect(r.issues.count == 1)  // edges and links both present; nothing from links
        #expect(r.issues.first?.location == "$.links")
    }

    @Test func streamedErrorsCarryTheJSONPath() {
        do {
            _ = try read(
                text:
                    "{\"nodes\": [{\"id\": 1}],\n \"edges\": [{\"source\": 1, \"target\": 1},\n {\"source\": 1, \"target\": }]}"
            )
            Issue.record("expected an error")
        } catch ImportError.malformed(_, let line, let reason) {
            #expect(line == 3)
            #expect(reason.contains("$.edges[1].target"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func invalidJSONThrowsWithTheLine() {
        do {
            _ = try read("broken.json")
            Issue.record("expected an error")
        } catch let e as ImportError {
            guard case .malformed(_, let line, let reason) = e else {
                Issue.record("unexpected \(e)")
                return
            }
            #expect(line == 2)
            #expect(reason.contains("$.nodes[1].id"))
        } catch {
            Issue.record("unexpected \(error)")
        }
        #expect(throws: ImportError.self) { try read(text: #"{"people": []}"#) }
    }

    @Test(.requiresSharedData("graphs"))
    func readsRealJSONGraphs() throws {
        let shared = try #require(GraphTestPaths.sharedData)
        let cases: [(String, Int, Int, NodeLinkReader.Shape)] = [
            ("graphs/karate-multiformat/karate.node-link.json", 34, 78, .nodeLink),
            ("graphs/karate-multiformat/karate.node-link-links.json", 34, 78, .nodeLink),
            ("graphs/karate-multiformat/karate.cytoscape.json", 34, 78, .cytoscape),
            ("graphs/lesmis/les-miserables.json", 77, 254, .graphology),
            ("exports/graph/graphology/json/clique3.json", 12, 21, .graphology),
        ]
        for (path, nodes, edges, shape) in cases {
            let url = shared.appendingPathComponent(path)
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            let data = try Data(contentsOf: url)
            #expect(NodeLinkReader.shape(of: try JSONReader.parse(data)) == shape, "\(path)")
            let r = try NodeLinkReader.read(data, file: path, source: "test")
            #expect(r.document.nodeCount == nodes, "\(path)")
            #expect(r.document.edgeCount == edges, "\(path)")
            #expect(!r.issues.contains { $0.severity >= .warning }, "\(path): \(r.issues)")
            if path.contains("karate") {
                let total = (r.document.edgeWeights ?? []).reduce(0, +)
                #expect(total == 231, "\(path)")
                #expect(r.document.nodeAttribute("club")?.value(9) == .string("Officer"))
            }
        }
    }
}
