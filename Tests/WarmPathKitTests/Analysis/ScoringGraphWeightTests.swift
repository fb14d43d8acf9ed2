import Foundation
import Testing
@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathReport
@testable import WarmPathSupport

/// Graph-file weights (issue 17): counts above 1 are evidence on a log scale, weights in (0, 1]
/// from a file that never goes above 1 are explicit trust, weights ≤ 0 are distrust.
@Suite struct ScoringGraphWeightTests {
    /// A graph file (no messages can be seen in it) with the given weighted edges, by name.
    static func graph(_ edges: [(String, String, Double?)], owner: String = "Val Jean", directed: Bool = false)
        -> Network
    {
        var s = Synth(label: "graph")
        var ids: [String: Int32] = [:]
        func node(_ n: String) -> Int32 {
            if let i = ids[n] { return i }
            let i = s.person(n, owner: n == owner)
            ids[n] = i
            return i
        }
        for (a, b, w) in edges {
            s.event(.graphEdge, node(a), [node(b)], at: nil, weight: w, flags: directed ? [] : .undirected)
        }
        var imp = s.build()
        imp.kind = .graphml
        return NetworkBuilder().build([imp])
    }

    /// Co-appearance counts order the strengths; a count of 1 in a count file is not "trust 1".
    @Test func countWeightsMatter() {
        let n = Self.graph([
            ("Val Jean", "Cosette", 31), ("Val Jean", "Javert", 17), ("Val Jean", "Myriel", 5),
            ("Val Jean", "Gervais", 1), ("Val Jean", "Isabeau", nil),
        ])
        let book = score(n)
        let s = ["Cosette", "Javert", "Myriel", "Gervais"].map { book.people[Int(n.idx($0))].strength }
        for k in 1..<s.count { #expect(s[k] < s[k - 1], "\(s)") }
        #expect(s[0] > 1.5 * s[3], "\(s)")
        let gervais = book.people[Int(n.idx("Gervais"))]
        #expect(!gervais.ledger.contains { $0.term == "explicit_trust" })
        #expect(abs(gervais.strength - book.people[Int(n.idx("Isabeau"))].strength) < 1e-12)
        // A graph file cannot show messages: no never_communicated penalty there.
        #expect(!book.people.contains { $0.ledger.contains { $0.term == "never_communicated" } })
        // graph_weight_log 0 ignores the counts.
        var flat = ScoringConfig.default
        flat.graphWeightLog = 0
        let f = score(n, config: flat)
        #expect(abs(f.people[Int(n.idx("Cosette"))].strength - f.people[Int(n.idx("Gervais"))].strength) < 1e-12)
    }

    /// Weights in (0, 1] from a file that never goes above 1 pin the strength (explicit trust).
    @Test func trustWeightsStillPin() {
        let n = Self.graph([("Val Jean", "Ana", 0.8), ("Ana", "Bo", 0.3)])
        let book = score(n)
        #expect(abs(book.people[Int(n.idx("Ana"))].strength - 0.8) < 1e-9)
        #expect(abs((book.pairStrength(n.idx("Ana"), n.idx("Bo")) ?? 0) - 0.3) < 1e-9)
    }

    /// A weight ≤ 0 is distrust: a red flag, readiness 0, lower strength than the weakest trust,
    /// and never an introduction hop.
    @Test func negativeWeightsAreDistrust() throws {
        let n = Self.graph(
            [
                ("Val Jean", "Mal", -1.0), ("Val Jean", "Ana", 0.1), ("Ana", "Bo", 0.9), ("Ana", "Mal", 0.9),
                ("Bo", "Cy", -0.5), ("Mal", "Cy", 0.9), ("Val Jean", "Bo", 0.5),
            ], directed: true)
        let book = score(n)
        let mal = book.people[Int(n.idx("Mal"))]
        let ana = book.people[Int(n.idx("Ana"))]
        #expect(mal.distrust && !ana.distrust)
        #expect(mal.readiness == 0 && ana.readiness > 0)
        #expect(mal.strength < ana.strength)
        #expect(mal.ledger.contains { $0.term == "distrust" && $0.score == .strength && $0.contribution < 0 })
        #expect(book.ledgerMismatches().isEmpty)
        #expect(book.pairStrength(n.idx("Bo"), n.idx("Cy")) == nil)
        #expect(book.distrustPairs.contains { Set([$0.a, $0.b]) == Set([n.idx("Bo"), n.idx("Cy")]) })
        let g = PathGraph.build(network: n, scores: book, owner: n.snapOwner)
        #expect(g.probability(from: n.snapOwner, to: n.idx("Mal")) == nil)
        #expect(g.probability(from: n.idx("Bo"), to: n.idx("Cy")) == nil)
        #expect(g.probability(from: n.snapOwner, to: n.idx("Ana")) != nil)
        let cols = ScoreReports.peopleColumns(book)
        let distrust = try #require(cols.first { $0.name == "distrust" })
        #expect(distrust.value(Int(n.idx("Mal"))) == "yes")
        #expect(distrust.value(Int(n.idx("Ana"))) == "no")
        #expect(ScoreReports.explain(book, network: n, person: n.idx("Mal")).contains("red flag"))
    }
}
