import Foundation
import Testing

@testable import WarmPathAnalysis
@testable import WarmPathImport
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathSupport

/// Edge weights are never silently wrong: NaN written in a file is never read as the missing
/// weight (1.0, the strongest edge under neglog), and every unusual weight (NaN, infinite, zero,
/// negative, not a number) is counted in one issue per graph file (issue 19 item 7, issue 15).
@Suite struct EdgeWeightTests {
    @Test func theThreeNaNsAreTold() {
        #expect(EdgeWeight.kind(EdgeWeight.none) == .none)
        #expect(EdgeWeight.kind(EdgeWeight.read(Double("nan")!)) == .notANumber)
        #expect(EdgeWeight.kind(EdgeWeight.read(-Double.nan)) == .notANumber)
        #expect(EdgeWeight.kind(EdgeWeight.unreadable) == .unreadable)
        #expect(EdgeWeight.read(EdgeWeight.unreadable).bitPattern == EdgeWeight.unreadable.bitPattern)
        #expect(EdgeWeight.isMissing(EdgeWeight.none) && EdgeWeight.isMissing(EdgeWeight.unreadable))
        #expect(!EdgeWeight.isMissing(EdgeWeight.notANumber))
        #expect(EdgeWeight.kind(.infinity) == .infinite && EdgeWeight.kind(-.infinity) == .infinite)
        #expect(EdgeWeight.kind(0) == .zero && EdgeWeight.kind(-0.0) == .zero)
        #expect(EdgeWeight.kind(-1) == .negative && EdgeWeight.kind(0.5) == .positive)
        // The payload survives the arrays the readers build.
        let stored = [EdgeWeight.notANumber, 1, EdgeWeight.unreadable].map { $0 }
        #expect(stored.map(EdgeWeight.kind) == [.notANumber, .positive, .unreadable])
        var doc = GraphDocument(directed: true)
        let a = doc.node("a")
        let b = doc.node("b")
        doc.addEdge(a, b, weight: .nan)
        doc.addEdge(a, b)
        #expect(doc.edgeWeights.map { $0.map(EdgeWeight.kind) } == [.notANumber, .none])
    }

    /// One graph of every format, with the edge `b -> c` weighted NaN.
    static let nanGraphs: [(name: String, text: String)] = [
        ("w.csv", "source,target,weight\na,b,0.5\nb,c,nan\n"),
        (
            "w.graphml",
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
              <key id="w" for="edge" attr.name="weight" attr.type="double"/>
              <graph edgedefault="directed"><node id="a"/><node id="b"/><node id="c"/>
                <edge source="a" target="b"><data key="w">0.5</data></edge>
                <edge source="b" target="c"><data key="w">NaN</data></edge>
              </graph>
            </graphml>
            """
        ),
        (
            "w.gexf",
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <gexf xmlns="http://gexf.net/1.3" version="1.3"><graph defaultedgetype="directed">
            <nodes><node id="a"/><node id="b"/><node id="c"/></nodes>
            <edges><edge source="a" target="b" weight="0.5"/><edge source="b" target="c" weight="nan"/></edges>
            </graph></gexf>
            """
        ),
        (
            "w.gml",
            """
            graph [ directed 1
              node [ id 1 label "a" ] node [ id 2 label "b" ] node [ id 3 label "c" ]
              edge [ source 1 target 2 weight 0.5 ] edge [ source 2 target 3 weight NaN ] ]
            """
        ),
        ("w.net", "*Vertices 3\n1 \"a\"\n2 \"b\"\n3 \"c\"\n*Arcs\n1 2 0.5\n2 3 nan\n"),
        (
            "w.json",
            #"{"directed": true, "nodes": [{"id": "a"}, {"id": "b"}, {"id": "c"}], "links": [{"source": "a", "target": "b", "weight": 0.5}, {"source": "b", "target": "c", "weight": NaN}]}"#
        ),
        (
            "s.json",
            #"{"directed": true, "nodes": [{"id": "a"}, {"id": "b"}, {"id": "c"}], "links": [{"source": "a", "target": "b", "weight": 0.5}, {"source": "b", "target": "c", "weight": "NaN"}]}"#
        ),
        (
            "c.json",
            #"{"elements": {"nodes": [{"data": {"id": "a"}}, {"data": {"id": "b"}}, {"data": {"id": "c"}}], "edges": [{"data": {"source": "a", "target": "b", "weight": 0.5}}, {"data": {"source": "b", "target": "c", "weight": NaN}}]}}"#
        ),
        (
            "g.json",
            #"{"options": {"type": "directed"}, "nodes": [{"key": "a"}, {"key": "b"}, {"key": "c"}], "edges": [{"source": "a", "target": "b", "attributes": {"weight": 0.5}}, {"source": "b", "target": "c", "attributes": {"weight": NaN}}]}"#
        ),
    ]

    @Test(arguments: nanGraphs.map(\.name))
    func distancesRefusesANaNWeightInEveryFormat(_ name: String) throws {
        let text = try #require(Self.nanGraphs.first { $0.name == name }?.text)
        let dir = try TestPaths.tempFolder([name: Data(text.utf8)])
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = try GraphFile.read(path: dir.appendingPathComponent(name).path, source: "t")
        let g = file.document
        let a = try #require(g.nodeIDs.firstIndex(of: g.nodeIDs.first { $0 == "a" || $0 == "1" } ?? ""))
        #expect(file.weights.count(.notANumber) == 1, "\(name)")
        #expect(file.issues.filter { $0.message.hasPrefix("edge weights: 1 NaN") }.count == 1, "\(file.issues)")
        for transform in CostTransform.allCases {
            #expect(throws: Distances.Failure.self, "\(name) \(transform)") {
                try Distances.compute(
                    g, from: g.nodeIDs[a], options: .init(weightAttribute: "weight", transform: transform),
                    csr: file.csr)
            }
            do {
                _ = try Distances.compute(
                    g, from: g.nodeIDs[a], options: .init(weightAttribute: "weight", transform: transform),
                    csr: file.csr)
            } catch let e as Distances.Failure {
                guard case .notANumberWeights(1, 2, let example) = e else {
                    Issue.record("\(name): \(e)")
                    continue
                }
                #expect(example.contains("-> ") && example.hasSuffix("has weight NaN"), "\(example)")
                #expect(e.description.contains("no transform gives NaN a cost"))
            }
        }
        // Without --weight the hops are counted and the NaN is not an error.
        #expect(try Distances.compute(g, from: g.nodeIDs[a], csr: file.csr).count == 3)
    }

    @Test func everyUnusualWeightIsCountedInOneIssue() throws {
        let url = TestPaths.fixture("hostile/weights.csv")
        let file = try GraphFile.read(path: url.path, source: "t")
        let c = file.weights
        #expect(c.edges == 8)
        #expect(c.count(.notANumber) == 2)  // nan, NaN
        #expect(c.count(.infinite) == 2)  // inf, 1e309
        #expect(c.count(.zero) == 1)
        #expect(c.count(.negative) == 1)
        #expect(c.count(.unreadable) == 1)  // abc
        let census = file.issues.filter { $0.message.hasPrefix("edge weights:") }
        #expect(census.count == 1)
        #expect(census.first?.severity == .warning)
        #expect(
            census.first?.message
                == "edge weights: 2 NaN (first on line 3), 2 infinite (first on line 4), 1 not a number (first on line 8), "
                + "1 zero (first on line 5), 1 negative (first on line 6) of 8 edges; "
                + "NaN and infinite weights have no cost: distances refuses them; "
                + "a weight that is not a number counts as no weight; "
                + "zero and negative weights fit only some transforms (see distances --help)")
        // The report's importer puts the same census on the file's stderr line.
        let imp = GraphFileImporter.sourceImport(file, path: url.path, file: "weights.csv")
        #expect(imp.files.first?.summaryLine.contains("; edge weights: 2 NaN") == true)
    }

    @Test func aWeightThatIsNotANumberCountsAsNoWeight() throws {
        let dir = try TestPaths.tempFolder(["w.csv": Data("source,target,weight\na,b,0.5\nb,c,abc\n".utf8)])
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = try GraphFile.read(path: dir.appendingPathComponent("w.csv").path, source: "t")
        #expect(file.weights.count(.unreadable) == 1)
        #expect(file.weights.severity == .warning)
        let rows = try Distances.compute(
            file.document, from: "a", options: .init(weightAttribute: "weight", transform: .none), csr: file.csr)
        #expect(rows.map(\.cost) == [0, 0.5, 1.5])
    }

    @Test func zeroAndNegativeWeightsAreInformationAndTheTransformDecides() throws {
        let dir = try TestPaths.tempFolder(["w.csv": Data("source,target,weight\na,b,0.5\nb,c,0\n".utf8)])
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = try GraphFile.read(path: dir.appendingPathComponent("w.csv").path, source: "t")
        #expect(file.weights.severity == .info)
        #expect(throws: Distances.Failure.self) {
            try Distances.compute(file.document, from: "a", options: .init(weightAttribute: "weight"), csr: file.csr)
        }
        let rows = try Distances.compute(
            file.document, from: "a", options: .init(weightAttribute: "weight", transform: .none), csr: file.csr)
        #expect(rows.map(\.cost) == [0, 0.5, 0.5])
    }

    @Test func aGraphWithUsualWeightsHasNoCensusIssue() throws {
        let file = try GraphFile.read(path: TestPaths.fixture("graphs/text/team.net").path, source: "t")
        #expect(file.weights.summary == nil || file.weights.count(.notANumber) == 0)
        let dir = try TestPaths.tempFolder(["w.csv": Data("source,target,weight\na,b,0.5\nb,c,1\n".utf8)])
        defer { try? FileManager.default.removeItem(at: dir) }
        let plain = try GraphFile.read(path: dir.appendingPathComponent("w.csv").path, source: "t")
        #expect(plain.weights.isEmpty && plain.weights.summary == nil)
        #expect(!plain.issues.contains { $0.message.hasPrefix("edge weights:") })
    }

    /// A JSON file whose edges mix a numeric weight and a weight that is not a number: the
    /// numeric ones keep their value (they used to read as 1 once the text made a column).
    @Test func mixedNumericAndTextWeightsInJSON() throws {
        let text =
            #"{"directed": true, "nodes": [{"id": "a"}, {"id": "b"}, {"id": "c"}], "links": [{"source": "a", "target": "b", "weight": 0.5}, {"source": "b", "target": "c", "weight": "heavy"}]}"#
        let r = try NodeLinkReader.read(Data(text.utf8), file: "m.json", source: "t")
        let w = try #require(r.document.storedWeights())
        #expect(w[0] == 0.5)
        #expect(EdgeWeight.kind(w[1]) == .unreadable)
        #expect(EdgeWeightCensus(r.document).count(.unreadable) == 1)
    }
}
