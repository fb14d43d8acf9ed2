import Foundation
import Testing

@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

@Suite("PajekReaderTests")
struct PajekReaderTests {
    func read(_ text: String) throws -> GraphReadResult {
        try PajekReader.read(Data(text.utf8), file: "t.net", source: "test")
    }

    func rejected(_ text: String) -> Bool {
        do {
            _ = try read(text)
            return false
        } catch is ImportError {
            return true
        } catch {
            return false
        }
    }

    @Test func readsBOMCRLFSectionsAndWeights() throws {
        let r = try PajekReader.read(try GraphTestPaths.fixtureData("text/team.net"), file: "team.net", source: "test")
        let d = r.document
        #expect(d.nodeIDs == ["Ana Ruiz", "Ben Okafor", "Chen 黄", "D"])
        #expect(d.directed)
        #expect(d.graphAttributes["name"] == .string("team"))
        #expect(d.edgeCount == 6)
        #expect(Array(d.edgeSources) == [0, 1, 2, 3, 0, 0])
        #expect(Array(d.edgeTargets) == [1, 2, 3, 3, 2, 3])
        #expect(d.edgeWeights?[0] == 3)  // drawing parameters after the weight ignored
        #expect(d.edgeWeights?[1] == -1.5)
        #expect(d.edgeWeights?[2].isNaN == true)
        #expect(d.isDirected(edge: 0))
        #expect(!d.isDirected(edge: 2))  // *Edges in a file with arcs
        #expect(d.isDirected(edge: 4))
        #expect(d.nodeAttribute("x")?.value(0) == .double(0.1))
        #expect(d.nodeAttribute("shape")?.value(0) == .string("ellipse"))
        #expect(d.nodeAttribute("ic")?.value(0) == .string("Red"))
        #expect(r.issues.isEmpty)
    }

    @Test func readsListsMatricesAndLowerCaseHeaders() throws {
        let m = try read("*network\n*vertices 3\n1 a\n2 b\n3 c\n*matrix\n0 1 -1\n0 0 0\n1 0 0\n")
        #expect(m.document.directed)
        #expect(m.document.edgeCount == 3)
        #expect(m.document.edgeWeights == [1, -1, 1])
        let l = try read("free text before the network\n*Vertices 4\n*Edgeslist\n1 2 3\n4 1\n")
        #expect(!l.document.directed)
        #expect(l.document.nodeIDs == ["1", "2", "3", "4"])
        #expect(l.document.edgeCount == 3)
        let loops = try read("*Vertices 2\n1 \"x\"\n2 \"x\"\n*Arcs\n1 1 -2 c Red\n2 1 0.5 w 3 l \"note\"\n")
        #expect(loops.document.nodeIDs == ["1", "2"])  // repeated labels: numbers identify vertices
        #expect(loops.document.nodeAttribute("label")?.value(1) == .string("x"))
        #expect(loops.document.edgeWeights == [-2, 0.5])
        #expect(loops.issues.contains { $0.severity == .info })
        let counted = try read("*Vertices 3\n*Edges 2\n1 2\n2 3\n% comment\n")
        #expect(counted.document.edgeCount == 2)
    }

    @Test func skipsBadLinesWithWarnings() throws {
        let r = try read(
            "*Vertices 2\r\n0 \"zero\"\r\n1 \"a\"\r\n*Arcs\r\n1 5\r\n1\r\n1 2 heavy\r\n*Partition p\r\n1\r\n")
        #expect(r.document.nodeCount == 2)
        #expect(r.document.edgeCount == 1)
        #expect(r.issues.filter { $0.severity == .warning }.count == 4)
        #expect(r.issues.contains { $0.line == 2 })
        #expect(r.issues.contains { $0.severity == .info && $0.message.contains("*Partition") })
    }

    @Test func rejectsInvalidHeaders() {
        #expect(rejected("*Vertices\n1 a\n"))
        #expect(rejected("*Vertices 3 5\n"))  // two-mode count above the total
        #expect(rejected("*Vertices 3 2 1\n"))  // too many numbers
        #expect(rejected("*Vertices x\n"))
        #expect(rejected("*Arcs\n1 2\n"))  // arcs before vertices
        #expect(rejected("no pajek here\n"))
        #expect(!rejected("*Vertices 3 2\n*Edges\n1 3\n"))
    }

    @Test(.requiresSharedData("graphs/karate-multiformat/karate.net"))
    func readsTheRealKarateFile() throws {
        let url = try #require(TestPaths.shared("graphs/karate-multiformat/karate.net"))
        let r = try PajekReader.read(try Data(contentsOf: url), file: "karate.net", source: "test")
        #expect(r.document.nodeCount == 34)
        #expect(r.document.edgeCount == 78)
        #expect(!r.document.directed)
        #expect((r.document.edgeWeights ?? []).reduce(0, +) == 231)
        #expect(r.document.nodeAttribute("club")?.value(9) == .string("Officer"))
        #expect(r.issues.isEmpty)
    }
}
