import Foundation
import Testing

@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

/// Real edge lists from `../shared/data/graphs` (shown as skipped when absent); expected counts
/// are the verified figures of `shared/data/graphs/SOURCES.md`.
@Suite struct GraphRealDataTests {
    func load(_ relative: String, _ options: EdgeListOptions = .init()) throws -> GraphReadResult {
        let url = try #require(GraphTestData.graphFile(relative))
        let data = try #require(GraphTestData.bytes(url), "\(relative) cannot be read (gzip missing?)")
        return try EdgeListReader.read(data, file: url.lastPathComponent, source: "test", options: options)
    }

    func selfLoops(_ d: GraphDocument) -> Int {
        zip(d.edgeSources, d.edgeTargets).filter { $0 == $1 }.count
    }

    @Test(.requiresSharedData("graphs/bitcoin-otc/soc-sign-bitcoinotc.csv.gz"))
    func bitcoinOTC() throws {
        let r = try load("bitcoin-otc/soc-sign-bitcoinotc.csv.gz")
        let d = r.document
        #expect(d.nodeCount == 5881)
        #expect(d.edgeCount == 35592)
        #expect(selfLoops(d) == 0)
        let w = d.edgeWeights!
        #expect(w.filter { $0 <= 0 }.count == 3563)
        #expect(w.allSatisfy { $0 >= -1 && $0 <= 1 && $0 != 0 })
        #expect(d.edgeAttribute("rating")?.values.compactMap { $0?.doubleValue }.filter { $0 < 0 }.count == 3563)
        let times = d.edgeAttribute("time")!.values.compactMap { $0?.doubleValue }
        #expect(times.count == 35592)
        #expect(times.min() == 1289241911.72836)
        #expect(times.max() == 1453684323.75728)
        #expect(!r.issues.contains { $0.severity == .warning })
    }

    @Test(.requiresSharedData("graphs/bitcoin-alpha/soc-sign-bitcoinalpha.csv"))
    func bitcoinAlpha() throws {
        let r = try load("bitcoin-alpha/soc-sign-bitcoinalpha.csv")
        #expect(r.document.nodeCount == 3783)
        #expect(r.document.edgeCount == 24186)
        #expect(r.document.edgeWeights!.filter { $0 < 0 }.count == 1536)
        #expect(
            r.document.edgeAttribute("time")!.values.allSatisfy { $0?.doubleValue.map { $0 == $0.rounded() } == true })
    }

    @Test(.requiresSharedData("graphs/wiki-vote/Wiki-Vote.txt"))
    func wikiVote() throws {
        let r = try load("wiki-vote/Wiki-Vote.txt")
        #expect(r.document.nodeCount == 7115)
        #expect(r.document.edgeCount == 103_689)
        #expect(r.document.directed)
        #expect(r.document.edgeWeights == nil)
        #expect(r.issues.isEmpty)
        // BFS over the undirected view reaches the same set as a CSR built with both directions.
        let g = CSRGraph(document: r.document)
        var bfs = BreadthFirst.undirected(g)
        let zero = r.document.nodeIndex["30"]!
        bfs.run(from: zero)
        var both = BreadthFirst(forward: CSRGraph(document: r.document, undirected: true))
        both.run(from: zero)
        #expect(bfs.hops == both.hops)
    }

    @Test(.requiresSharedData("graphs/slashdot0902/soc-Slashdot0902.txt.gz"))
    func slashdotLarge() throws {
        let r = try load("slashdot0902/soc-Slashdot0902.txt.gz")
        let d = r.document
        #expect(d.nodeCount == 82168)
        #expect(d.edgeCount == 948_464)
        #expect(selfLoops(d) == 78303)
        #expect(r.issues.contains { $0.message.hasPrefix("78303 self-loops") })
        #expect(!r.issues.contains { $0.message.contains("duplicate") })
        let g = CSRGraph(document: d)
        var bfs = BreadthFirst.undirected(g)
        bfs.run(from: d.nodeIndex["0"]!)
        #expect(bfs.order.count == 82168)
    }

    @Test(.requiresSharedData("graphs/ca-grqc/CA-GrQc.txt"))
    func caGrQcBothDirections() throws {
        let r = try load("ca-grqc/CA-GrQc.txt")
        #expect(r.document.nodeCount == 5242)
        #expect(r.document.edgeCount == 28980)
        #expect(selfLoops(r.document) == 12)
        let u = try load("ca-grqc/CA-GrQc.txt", .init(directed: false))
        #expect(u.document.edgeCount == 14496)
        #expect(!u.document.directed)
        #expect(u.issues.contains { $0.message.contains("14484 duplicate unordered pairs") })
    }

    @Test(.requiresSharedData("graphs/email-eu-core/email-Eu-core.txt.gz"))
    func emailEuCore() throws {
        let r = try load("email-eu-core/email-Eu-core.txt.gz")
        #expect(r.document.nodeCount == 1005)
        #expect(r.document.edgeCount == 25571)
        #expect(selfLoops(r.document) == 642)
    }

    @Test(.requiresSharedData("graphs/ego-facebook/facebook_combined.txt.gz"))
    func egoFacebook() throws {
        let r = try load("ego-facebook/facebook_combined.txt.gz", .init(directed: false))
        #expect(r.document.nodeCount == 4039)
        #expect(r.document.edgeCount == 88234)
    }

    @Test(.requiresSharedData("graphs/advogato/out.advogato.gz"))
    func advogatoKonect() throws {
        let r = try load("advogato/out.advogato.gz")
        let d = r.document
        #expect(d.nodeCount == 6539)
        #expect(selfLoops(d) + (r.issues.first { $0.message.contains("duplicate") } == nil ? 0 : 0) == 3992)
        let w = d.edgeWeights!
        let dropped = 51127 - d.edgeCount
        #expect(w.filter { $0 == 0.6 }.count + w.filter { $0 == 0.8 }.count + w.filter { $0 == 1 }.count == d.edgeCount)
        if dropped == 0 {
            #expect(w.filter { $0 == 0.6 }.count == 10554)
            #expect(w.filter { $0 == 0.8 }.count == 22570)
            #expect(w.filter { $0 == 1 }.count == 18003)
        } else {
            #expect(r.issues.contains { $0.message.hasPrefix("\(dropped) duplicate ordered pairs") })
        }
        #expect(d.nodeIDs.first == "1")
    }
}
