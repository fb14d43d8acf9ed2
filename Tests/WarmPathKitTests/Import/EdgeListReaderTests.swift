import Foundation
import Testing

@testable import WarmPathKit

@Suite struct EdgeListReaderTests {
    func read(_ text: String, _ options: EdgeListOptions = .init()) throws -> GraphReadResult {
        try EdgeListReader.read(Data(text.utf8), file: "t.txt", source: "test", options: options)
    }

    func edges(_ r: GraphReadResult) -> [String] {
        let d = r.document
        return (0..<d.edgeCount).map { e in
            var s = d.nodeIDs[Int(d.edgeSources[e])] + ">" + d.nodeIDs[Int(d.edgeTargets[e])]
            if let w = d.edgeWeights?[e], !w.isNaN { s += ":\(w)" }
            return s
        }
    }

    func fixture(_ name: String) throws -> Data {
        let root = GraphTestData.repoRoot(#filePath)
        return try Data(contentsOf: root.appendingPathComponent("fixtures/graphs/edgelist/\(name)"))
    }

    @Test func plainCSVWithHeader() throws {
        let r = try read("source,target,weight\n0,4802,0.763\n4802,0,0.631\n")
        #expect(edges(r) == ["0>4802:0.763", "4802>0:0.631"])
        #expect(r.document.nodeIDs == ["0", "4802"])
        #expect(r.document.directed)
        #expect(r.issues.isEmpty)
        #expect(r.document.edgeLines == [2, 3])
    }

    @Test func noHeaderTabsAndComments() throws {
        let r = try read("# Directed graph\n# FromNodeId\tToNodeId\n30\t1412\n30\t3352\n\n3352\t30\n")
        #expect(edges(r) == ["30>1412", "30>3352", "3352>30"])
        #expect(r.document.edgeWeights == nil)
        #expect(r.document.edgeLines == [3, 4, 6])
    }

    @Test func idsStayStrings() throws {
        let r = try read("1 01\n1.0 1\n007 7\n")
        #expect(r.document.nodeIDs == ["1", "01", "1.0", "007", "7"])
        #expect(r.document.edgeWeights == nil)
    }

    @Test func commaSpaceDelimiterAndCRLF() throws {
        let r = try read("a, b, 2\r\nb , c\r\n")
        #expect(edges(r) == ["a>b:2.0", "b>c"])
    }

    @Test func fewerThanTwoFieldsIsReportedWithLine() throws {
        let r = try read("1 2\nlonely\n3 4\n")
        #expect(edges(r) == ["1>2", "3>4"])
        let w = r.issues.filter { $0.severity == .warning }
        #expect(w.count == 1)
        #expect(w.first?.line == 2)
        #expect(w.first?.message.contains("fewer than two fields") == true)
    }

    @Test func duplicatesKeepLastAndSelfLoopsReported() throws {
        let r = try read("1,2,0.1\n2,2,0.5\n1,2,0.9\n2,1,0.3\n")
        #expect(edges(r) == ["2>2:0.5", "1>2:0.9", "2>1:0.3"])
        let infos = r.issues.filter { $0.severity == .info }.map(\.message)
        #expect(infos.contains { $0.contains("1 duplicate ordered pairs") })
        #expect(infos.contains { $0.contains("1 self-loops kept") })
    }

    @Test func trailingCommentsAndHashInNames() throws {
        let r = try read("a#b c 1 # note\nc d\n")
        #expect(edges(r) == ["a#b>c:1.0", "c>d"])
    }

    @Test func badWeightKeepsEdgeWithWarning() throws {
        let r = try read("a b {'weight':3}\na c 2\n")
        #expect(edges(r) == ["a>b", "a>c:2.0"])
        #expect(r.issues.contains { $0.severity == .warning && $0.line == 1 })
    }

    @Test func emptyInputThrows() {
        #expect(throws: ImportError.self) { try read("# only a comment\n\n") }
        #expect(throws: ImportError.self) { try EdgeListReader.read(Data(), file: "e", source: "s") }
    }

    @Test func gephiEdgeTable() throws {
        let r = try EdgeListReader.read(try fixture("gephi-edges.csv"), file: "g", source: "s")
        #expect(edges(r) == ["alice>bob:2.5", "bob>carol:1.0", "carol>alice:0.5"])
        #expect(r.document.directed == false)
        #expect(r.document.edgeIDs == ["e0", "e1", "e2"])
        #expect(r.document.edgeAttribute("label")?.values == [.string("knows"), .string("works, with"), nil])
    }

    @Test func konectSymmetricAndAsymmetric() throws {
        let sym = try EdgeListReader.read(try fixture("out.konect-sym"), file: "s", source: "s")
        #expect(sym.document.directed == false)
        #expect(sym.document.edgeCount == 4)
        let asym = try EdgeListReader.read(try fixture("out.konect-asym"), file: "a", source: "s")
        #expect(asym.document.directed)
        #expect(edges(asym) == ["1>2:0.8", "2>3:1.0", "3>1:0.6"])
        let forced = try EdgeListReader.read(try fixture("out.konect-sym"), file: "s", source: "s", options: .init(directed: true))
        #expect(forced.document.directed)
    }

    @Test func konectUndirectedDuplicatesAreUnordered() throws {
        let r = try read("% sym\n1 2\n2 1\n")
        #expect(r.document.edgeCount == 1)
        #expect(edges(r) == ["2>1"])
    }

    @Test func advogatoHeaderAndLeadingDot() throws {
        let r = try EdgeListReader.read(try fixture("advogato-style.txt"), file: "a", source: "s")
        #expect(edges(r) == ["1>2:0.8", "2>3:0.6", "1>1:1.0"])
        #expect(r.issues.contains { $0.message.contains("self-loops") })
    }

    @Test func bitcoinSignedRatings() throws {
        let r = try EdgeListReader.read(try fixture("bitcoin-style.csv"), file: "b", source: "s")
        let d = r.document
        // 1,2 appears twice: the last rating (7) wins.
        #expect(edges(r) == ["2>1:-0.5", "1>3:0.3", "3>1:-1.0", "2>3:0.1", "1>2:0.7"])
        #expect(d.edgeAttribute("rating")?.values.map { $0?.doubleValue } == [-5, 3, -10, 1, 7])
        let times = d.edgeAttribute("time")?.values.map { $0?.doubleValue ?? .nan }
        #expect(times == [1289241942.18844, 1289243140.39421, 1289245000, 1289249999.5, 1289250000])
        #expect(r.issues.contains { $0.message.contains("signed ratings") })
        #expect(r.issues.contains { $0.message.contains("1 duplicate ordered pairs") })
        let off = try EdgeListReader.read(try fixture("bitcoin-style.csv"), file: "b", source: "s", options: .init(ratings: .off))
        #expect(off.document.edgeWeights?.first == -5)
    }

    @Test func ncolNamesOptionalWeightsSelfLoopIndent() throws {
        let r = try EdgeListReader.read(try fixture("names.ncol"), file: "n", source: "s")
        #expect(r.document.nodeIDs == ["alice", "bob", "carol", "dave"])
        #expect(edges(r) == ["alice>bob:2.0", "bob>carol", "carol>carol:0.5", "dave>alice"])
    }

    @Test func latin1Names() throws {
        let r = try EdgeListReader.read(try fixture("latin1.txt"), file: "l", source: "s")
        #expect(r.document.nodeIDs == ["José", "Müller", "Ana"])
        #expect(r.issues.contains { $0.message.contains("Latin-1") })
        #expect(r.document.nodeIndex["Müller"] == 1)
    }

    @Test func unicodeNames() throws {
        let r = try read("Zoë 北京 1\n北京 Zoë\n")
        #expect(r.document.nodeIDs == ["Zoë", "北京"])
        #expect(r.document.edgeCount == 2)
    }

    @Test func quotedFieldsWithDelimiters() throws {
        let r = try read("source,target\n\"Smith, Ann\",\"Bob \"\"B\"\"\"\nBob,\"Smith, Ann\"\n")
        #expect(r.document.nodeIDs == ["Smith, Ann", "Bob \"B\"", "Bob"])
        #expect(r.document.edgeCount == 2)
    }

    @Test func exponentAndSignedWeights() throws {
        let r = try read("a b 1e-3\nb c -2.5\nc d 0.12345678901234567\n", .init(ratings: .off))
        #expect(r.document.edgeWeights == [1e-3, -2.5, 0.12345678901234567])
    }

    @Test func readGraphGivesTheDocumentCSR() throws {
        for text in ["1,2,0.5\n2,3,1\n1,3,0.2\n3,1,0.1\n", "1 2\n2 1\n1 2\n", "% sym\n1 2\n2 1\n3 1\n"] {
            let (r, csr) = try EdgeListReader.readGraph(Data(text.utf8), file: "t", source: "s")
            let ref = CSRGraph(document: r.document)
            #expect(csr.offsets == ref.offsets)
            #expect(csr.targets == ref.targets)
            #expect(csr.edgeIndex == ref.edgeIndex)
        }
    }

    /// Parsing in two threads (files over 4 MB) gives exactly the one-thread result, line numbers included.
    @Test func twoThreadsEqualOneThread() throws {
        var rng = GraphRNG(seed: 99)
        var text = "source,target,weight\n"
        for i in 0..<260_000 {
            let a = rng.next() % 50_000
            let b = rng.next() % 50_000
            let name = i % 97 == 0 ? "n\(a)" : "\(a)"
            if i % 10_007 == 0 { text += "# comment\n" }
            if i % 50_021 == 0 { text += "broken\n" }
            text += "\(name),\(b),0.\(rng.next() % 1000)\n"
        }
        let data = Data(text.utf8)
        #expect(data.count > 4 << 20)
        let one = try EdgeListReader.read(data, file: "x", source: "s", options: .init(threads: 1))
        let two = try EdgeListReader.read(data, file: "x", source: "s", options: .init(threads: 2))
        #expect(one.document.nodeIDs == two.document.nodeIDs)
        #expect(one.document.edgeSources == two.document.edgeSources)
        #expect(one.document.edgeTargets == two.document.edgeTargets)
        #expect(one.document.edgeWeights == two.document.edgeWeights)
        #expect(one.document.edgeLines == two.document.edgeLines)
        #expect(one.issues == two.issues)
        #expect(one.issues.contains { $0.line > 0 && $0.message.contains("fewer than two fields") })
    }
}
