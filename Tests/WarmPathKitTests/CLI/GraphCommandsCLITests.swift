import Foundation
import Testing

/// `warmpath distances` and `inspect` as a user runs them, on the shared karate files.
@Suite(
    .enabled(
        if: TestPaths.shared("graphs/karate-multiformat") != nil, "../shared/data/graphs/karate-multiformat is absent"),
    .enabled(if: CLIBinary.url != nil, "needs the warmpath binary: run `swift build` first"))
struct GraphCommandsCLITests {
    let cli = CLIEndToEndTests()
    let dir = TestPaths.shared("graphs/karate-multiformat")?.path ?? ""

    @Test func distancesReadsEveryFormat() throws {
        for file in ["karate.graphml", "karate.gexf", "karate.node-link.json", "karate.networkx.gml", "karate.net"] {
            let r = try cli.run(["distances", "\(dir)/\(file)", "--from", "0"])
            #expect(r.status == 0, "\(file): \(r.stderr)")
            #expect(r.stderr == "\(file): 34 nodes reached from 0\n")
            #expect(r.stdout.hasPrefix("node,hops,cost\r\n0,0,0.0\r\n1,1,1.0\r\n"))
            #expect(r.stdout.split(separator: "\r\n").count == 35)
        }
    }

    @Test func neglogOnWeightsAboveOneIsAUsageError() throws {
        let r = try cli.run(["distances", "\(dir)/karate.weighted.csv", "--from", "0", "--weight", "weight"])
        #expect(r.status == 64)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.hasPrefix("warmpath: --transform neglog needs weights in (0, 1], but 72 of 78 edges"))
        #expect(r.stderr.contains("--transform inverse"))
        let inv = try cli.run([
            "distances", "\(dir)/karate.weighted.csv", "--from", "0", "--weight", "weight", "--transform", "inverse",
            "--undirected",
        ])
        #expect(inv.status == 0)
        #expect(inv.stderr == "karate.weighted.csv: 34 nodes reached from 0\n")
    }

    @Test func inspectCountsAGraphFile() throws {
        let r = try cli.run(["inspect", "\(dir)/karate.gexf", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("\"nodes\" : 34"))
        #expect(r.stdout.contains("\"edges\" : 78"))
        #expect(r.stdout.contains("\"directed\" : false"))
    }
}
