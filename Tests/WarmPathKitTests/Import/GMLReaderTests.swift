import Foundation
import Testing

@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

@Suite("GMLReaderTests")
struct GMLReaderTests {
    func read(_ text: String) throws -> GraphReadResult {
        try GMLReader.read(Data(text.utf8), file: "t.gml", source: "test")
    }

    func malformedLine(_ text: String) -> Int? {
        do {
            _ = try read(text)
            return nil
        } catch ImportError.malformed(_, let line, _) {
            return line
        } catch {
            return nil
        }
    }

    @Test func readsTheSampleWithNestedListsEntitiesAndMultiLineStrings() throws {
        let r = try GMLReader.read(
            try GraphTestPaths.fixtureData("text/sample.gml"), file: "sample.gml", source: "test")
        let d = r.document
        #expect(d.directed)
        #expect(d.nodeIDs == ["1", "2", "3", "0", "-4"])
        #expect(d.edgeCount == 5)
        #expect(d.nodeAttribute("label")?.value(0) == .string("Ana & Co"))
        #expect(d.nodeAttribute("label")?.value(1) == .string("Ben\nOkafor"))
        #expect(d.nodeAttribute("label")?.value(2) == .string("Chen \u{4444} \"C\" &bogus; &#99999999;"))
        #expect(d.nodeAttribute("pos.x")?.value(0) == .int(0))
        #expect(d.nodeAttribute("pos.y")?.value(0) == .int(1))
        #expect(d.nodeAttribute("company")?.value(0) == .string("Acme"))
        #expect(d.edgeWeights?[0] == 2.5)
        #expect(d.edgeWeights?[1] == -1)
        #expect(d.edgeAttribute("color.line")?.value(0) == .string("blue"))
        #expect(d.edgeAttribute("label")?.value(0) == .string("Edge from node 1 to node 2"))
        #expect(d.edgeAttribute("value") == nil)
        #expect(d.graphAttributes["Creator"] == .string("warmpath fixtures"))
        #expect(d.graphAttributes["IsPlanar"] == .int(1))
        #expect(d.nodeLines[1] == 9)
        // The node without id is given one (igraph) with a warning; nothing else is wrong.
        #expect(r.issues.count == 1)
        #expect(r.issues.first?.message.contains("without id") == true)
    }

    @Test func skipsBadRecordsAndIgnoresTheSecondGraph() throws {
        let r = try GMLReader.read(
            try GraphTestPaths.fixtureData("text/errors.gml"), file: "errors.gml", source: "test")
        #expect(r.document.nodeIDs == ["1", "2"])
        #expect(r.document.edgeCount == 2)
        let messages = r.issues.map(\.message)
        #expect(messages.contains { $0.contains("duplicate node id 1") })
        #expect(messages.contains { $0.contains("undefined node 9") })
        #expect(messages.contains { $0.contains("edge without target") })
        #expect(messages.contains { $0.contains("second graph") })
        #expect(r.issues.contains { $0.severity == .info && $0.message.contains("1 parallel edge") })
        #expect(r.issues.first { $0.message.contains("undefined node 9") }?.line == 5)
    }

    @Test func acceptsWhatPeersAccept() throws {
        // Edges before nodes, reverse pairs when directed, repeated edges in a multigraph, unquoted ids.
        let a = try read(
            "graph [ directed 1 edge [ source a target b ] node [ id a ] node [ id b ] edge [ source b target a ] ]")
        #expect(a.document.edgeCount == 2)
        #expect(a.issues.isEmpty)
        let m = try read(
            "graph [ multigraph 1 node [ id 1 ] node [ id 2 ] edge [ source 1 target 2 key 0 ] edge [ source 1 target 2 key 1 ] ]"
        )
        #expect(m.document.edgeCount == 2)
        #expect(m.document.edgeIDs == ["0", "1"])
        #expect(m.issues.isEmpty)
        let dupKey = try read(
            "graph [ multigraph 1 node [ id 1 ] node [ id 2 ] edge [ source 1 target 2 key 0 ] edge [ source 2 target 1 key 0 ] ]"
        )
        #expect(dupKey.issues.contains { $0.message.contains("duplicate edge key") })
        // Null graph, no final newline, Version 3, directed 2 (warning), numbers in igraph's spellings.
        #expect(try read("graph []").document.nodeCount == 0)
        let odd = try read("Version 3\ngraph [ directed 2 node [ id 1 x +2 y -Inf z NAN w +inF ] ]")
        #expect(odd.document.directed)
        #expect(odd.issues.contains { $0.message.contains("directed 2") })
        #expect(odd.document.nodeAttribute("x")?.value(0) == .int(2))
        #expect(odd.document.nodeAttribute("y")?.value(0) == .double(-.infinity))
        #expect(odd.document.nodeAttribute("z")?.value(0)?.doubleValue?.isNaN == true)
        // Duplicate keys: the last wins; `#` comments anywhere outside strings.
        let dup = try read("graph [ # c\n node [ id 1 label \"a\" label \"b\" ] # end\n]")
        #expect(dup.document.nodeAttribute("label")?.value(0) == .string("b"))
        // Node without id next to a node with id (igraph regression 2497).
        let mixed = try read("graph [ node [ label \"x\" ] node [ id 0 ] edge [ source 0 target 1 ] ]")
        #expect(mixed.document.nodeIDs == ["1", "0"])
        #expect(mixed.document.edgeCount == 1)
    }

    @Test func toleratesABOMWithAnInfoIssue() throws {
        var data = Data([0xEF, 0xBB, 0xBF])
        data.append(Data("graph [ node [ id 1 ] ]".utf8))
        let r = try GMLReader.read(data, file: "bom.gml", source: "test")
        #expect(r.document.nodeCount == 1)
        #expect(r.issues.count == 1)
        #expect(r.issues.first?.severity == .info)
    }

    @Test func rejectsBrokenStructure() {
        #expect(malformedLine("") != nil)  // empty
        #expect(malformedLine("Creator \"\"") != nil)  // no graph
        #expect(malformedLine("graph [ 1 2 ]") != nil)  // bare numbers / unnamed values
        #expect(malformedLine("graph ]") != nil)
        #expect(malformedLine("grap [ node [ id 1 ] ]") != nil)  // misspelled keyword: no graph
        #expect(malformedLine("graph [\n node [ id 1 ]\n node [ id 2") == 3)  // truncated: the open node
        #expect(malformedLine("graph [ node [ id 1 label \"open ] ]") != nil)
        #expect(malformedLine("graph [ node [ id 1 ] ] ]") != nil)
        #expect(malformedLine("graph [ node [ id 12ab ] ]") != nil)
    }

    @Test(.requiresSharedData("graphs"))
    func readsRealGMLFiles() throws {
        let shared = try #require(GraphTestPaths.sharedData)
        let cases: [(String, Int, Int, Bool)] = [
            ("graphs/karate/karate.gml", 34, 78, false),
            ("graphs/karate-multiformat/karate.networkx.gml", 34, 78, false),
            ("graphs/lesmis/lesmis.gml", 77, 254, false),
            ("graphs/gephi-samples/Power Grid.gml", 4941, 6594, false),
            ("graphs/celegans-neural/celegansneural.gml", 297, 2359, true),
        ]
        for (path, nodes, edges, directed) in cases {
            let url = shared.appendingPathComponent(path)
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            let r = try GMLReader.read(try Data(contentsOf: url), file: path, source: "test")
            #expect(r.document.nodeCount == nodes, "\(path)")
            #expect(r.document.edgeCount == edges, "\(path)")
            #expect(r.document.directed == directed, "\(path)")
            #expect(!r.issues.contains { $0.severity >= .warning }, "\(path): \(r.issues)")
        }
    }
}
