import Foundation
import Testing

@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

@Suite("WarmPathTests")
struct WarmPathTests {
    /// Ana (owner) and her teammate Ben; Lena is known only to Ben; Tom and Lena work at Northwind.
    static func teamImports(shuffleSeed: UInt64? = nil) -> [SourceImport] {
        var a = WPSource("linkedin")
        let ana = a.person("Ana Ruiz", url: "https://www.linkedin.com/in/ana-ruiz", owner: true)
        let ben = a.person("Ben Okafor", url: "https://www.linkedin.com/in/ben-okafor", company: "Brightline")
        a.person(
            "Marta Olsen, PMP", url: "https://www.linkedin.com/in/marta-olsen-3b1a2c", company: "Fjord Analytics, AS")
        a.person("Tom Berg", url: "https://www.linkedin.com/in/tom-berg-77", company: "Northwind Labs")
        a.person("Ravi Menon", url: "https://www.linkedin.com/in/ravimenon", company: "Kettle & Co")
        a.event(.message, ana, [ben], day: 19_880)
        var b = WPSource("linkedin#2")
        b.person("Ben Okafor", url: "https://www.linkedin.com/in/ben-okafor", company: "Brightline", owner: true)
        b.person("Ana Ruiz", url: "linkedin.com/in/ana-ruiz/")
        b.person("𝐌𝐚𝐫𝐭𝐚 Olsen", url: "www.linkedin.com/in/Marta-Olsen-3b1a2c/", company: "Fjord Analytics")
        b.person("Lena Park", url: "https://www.linkedin.com/in/lena-park-nw", company: "Northwind Labs")
        var imports = [a.sourceImport, b.sourceImport]
        if let seed = shuffleSeed {
            var rng = WPRandom(seed: seed)
            // Rows are shuffled inside each source; the source order is the user's (it picks
            // display names when two sources spell a person differently).
            imports = imports.map { imp in
                var s = imp
                let order = Array(s.people.indices).shuffled(using: &rng)
                var newIndex = [Int](repeating: 0, count: order.count)
                for (n, o) in order.enumerated() { newIndex[o] = n }
                s.people = order.map { imp.people[$0] }
                s.owner = imp.owner.map { LocalPersonRef(newIndex[Int($0)]) }
                s.interactions = imp.interactions.map {
                    var i = $0
                    i.actor = LocalPersonRef(newIndex[Int(i.actor)])
                    i.recipients = i.recipients.map { LocalPersonRef(newIndex[Int($0)]) }
                    return i
                }
                return s
            }
        }
        return imports
    }

    static func teamAnalysis(shuffleSeed: UInt64? = nil, specs: [TargetSpec]) -> (Network, PathAnalysis) {
        let n = IdentityResolver.resolve(imports: teamImports(shuffleSeed: shuffleSeed)).network
        let owner = n.wpIndex("Ana Ruiz")!
        let book = wpBook(
            n, owner: owner,
            readiness: ["Ben Okafor": 0.7, "Marta Olsen, PMP": 0.6, "Tom Berg": 0.4, "Ravi Menon": 0.8],
            pairs: [("Ben Okafor", "Lena Park", 0.6), ("Ben Okafor", "Marta Olsen, PMP", 0.5)])
        let targets = TargetList.match(specs, in: n)
        return (n, PathAnalysis.run(network: n, owner: owner, asOf: 0, scores: book, targets: targets))
    }

    static let teamSpecs = [
        TargetSpec(name: "Lena Park", line: 2), TargetSpec(company: "Northwind Labs", line: 3),
        TargetSpec(profileURL: "www.linkedin.com/in/Marta-Olsen-3b1a2c/", line: 4),
        TargetSpec(name: "Zoe Quinn", company: "Nowhere Industries", line: 5),
    ]

    @Test func prospectKnownOnlyToTeammateIsReachedThroughTeammate() throws {
        let (n, a) = Self.teamAnalysis(specs: [TargetSpec(name: "Lena Park")])
        let lena = try #require(n.wpIndex("Lena Park"))
        let r = try #require(a.result(for: lena))
        let best = try #require(r.paths.first)
        #expect(best.nodes == [a.owner, n.wpIndex("Ben Okafor")!, lena])
        #expect(best.introducer == n.wpIndex("Ben Okafor"))
        #expect(abs(best.probability - 0.7 * 0.6 * 0.8) < 1e-9)
        #expect(best.hops == 2)
        // Second path: through Tom and the shared employer, labelled inferred.
        let inferred = try #require(r.paths.first { $0.links.contains(where: \.inferred) })
        #expect(inferred.introducer == n.wpIndex("Tom Berg"))
        #expect(inferred.weakest.inferred)
        #expect(abs(inferred.weakest.probability - 0.3) < 1e-9)  // 0.5 / ln(2 + e) = 0.32, capped at 0.3
        #expect(abs(inferred.probability - 0.4 * 0.3 * 0.8) < 1e-9)
    }

    @Test func companyTargetIsReachedThroughEveryKnownEmployee() throws {
        let (n, a) = Self.teamAnalysis(specs: [TargetSpec(company: "Northwind Labs, Inc.")])
        let m = try #require(a.targets.matches.first)
        #expect(m.rule == "company")
        #expect(Set(m.people) == Set([n.wpIndex("Tom Berg")!, n.wpIndex("Lena Park")!]))
        for t in m.people { #expect(a.result(for: t)?.paths.isEmpty == false) }
        let csv = PathReports.pathsCSV(a, network: n).text
        #expect(
            csv.contains(
                "\"Northwind Labs, Inc.\",Tom Berg,1,0.4000,1,Ana Ruiz > Tom Berg,,Ana Ruiz > Tom Berg (p=0.4000),no\r\n"
            )
        )
        #expect(
            csv.contains("\"Northwind Labs, Inc.\",Lena Park,1,0.3360,2,Ana Ruiz > Ben Okafor > Lena Park,Ben Okafor,"))
        #expect(
            csv.contains(
                "Ana Ruiz > Tom Berg > (Northwind Labs) > Lena Park,Tom Berg,Tom Berg > Lena Park via (Northwind Labs) (p=0.3000),yes\r\n"
            ))
    }

    @Test func unmatchedTargetIsReportedNotDropped() {
        let (n, a) = Self.teamAnalysis(specs: Self.teamSpecs)
        #expect(a.targets.unmatched.map(\.name) == ["Zoe Quinn"])
        #expect(a.targets.matches.count == 3)
        let csv = PathReports.pathsCSV(a, network: n).text
        #expect(csv.contains("Zoe Quinn (Nowhere Industries),,,,,unmatched: no person matches this target"))
        let un = PathReports.unmatchedCSV(a.targets).text
        #expect(
            un == "line,name,company,profile_url,email,reason\r\n5,Zoe Quinn,Nowhere Industries,,,no person matches\r\n"
        )
        #expect(
            a.targets.unmatched.map { RunNote.targetUnmatched($0).line } == [
                "target line 5 'Zoe Quinn (Nowhere Industries)' matches nobody in the sources"
            ])
    }

    @Test func targetsFileParses() throws {
        let csv = "Name,Company,Profile URL,Email\nLena Park,,,\n,Northwind Labs,,\n,,,\n,,,x@y.example\n"
        let parsed = try TargetList.parse(Data(csv.utf8))
        let (specs, issues) = (parsed.specs, parsed.issues)
        #expect(specs.map(\.line) == [2, 3, 5])
        #expect(specs[1].isCompanyOnly)
        #expect(issues.isEmpty)
        #expect(throws: TargetListError.self) { try TargetList.parse(Data("foo,bar\n1,2\n".utf8)) }
        let fixture = try TargetList.parse(Data(contentsOf: TestPaths.fixture("targets.csv")))
        #expect(fixture.specs.count == 4)
    }

    /// O → a → t is best; a has two more detours; b and c are weaker introducers.
    static func fan() -> (Network, ScoreBook, Int32) {
        var s = WPSource("linkedin")
        s.person("O", url: "https://www.linkedin.com/in/o", owner: true)
        for name in ["a", "b", "c", "x", "y", "t"] {
            s.person(name.uppercased() + " Person", url: "https://www.linkedin.com/in/\(name)")
        }
        let n = NetworkBuilder().build([s.sourceImport])
        let o = n.wpIndex("O")!
        let book = wpBook(
            n, owner: o, readiness: ["A Person": 0.9, "B Person": 0.5, "C Person": 0.4],
            pairs: [
                ("A Person", "T Person", 0.9), ("A Person", "X Person", 0.9), ("X Person", "T Person", 0.9),
                ("A Person", "Y Person", 0.9), ("Y Person", "T Person", 0.9), ("B Person", "T Person", 0.5),
                ("C Person", "T Person", 0.5),
            ])
        return (n, book, o)
    }

    @Test func kPathsUseDistinctFirstHopIntroducers() throws {
        let (n, book, o) = Self.fan()
        let pg = PathGraph.build(network: n, scores: book, owner: o)
        var finder = WarmPathFinder(graph: pg)
        let r = finder.paths(to: n.wpIndex("T Person")!, k: 3)
        // Without the re-rank the three most probable paths all start with A.
        #expect(r.candidates.prefix(3).allSatisfy { $0.introducer == n.wpIndex("A Person") })
        #expect(r.paths.map(\.introducer) == ["A Person", "B Person", "C Person"].map { n.wpIndex($0) })
        // With k = 5 the remaining slots fall back to the most probable remaining paths.
        let r5 = finder.paths(to: n.wpIndex("T Person")!, k: 5)
        #expect(r5.paths.count == 5)
        #expect(r5.paths[3].introducer == n.wpIndex("A Person"))
        #expect(r5.paths[3].probability >= r5.paths[4].probability)
    }

    @Test func reachUsesNodeDisjointPathsOnly() throws {
        let (n, book, o) = Self.fan()
        var finder = WarmPathFinder(graph: PathGraph.build(network: n, scores: book, owner: o))
        let r = finder.paths(to: n.wpIndex("T Person")!)
        #expect(r.disjoint.count == 3)
        let expected = 1 - (1 - 0.9 * 0.9 * 0.8) * (1 - 0.5 * 0.5 * 0.8) * (1 - 0.4 * 0.5 * 0.8)
        #expect(abs(r.reach - expected) < 1e-9)
        // A noisy-OR over all (overlapping) candidates would be larger.
        let noisyOr = 1 - r.candidates.reduce(1.0) { $0 * (1 - $1.probability) }
        #expect(noisyOr > r.reach + 0.01)
    }

    @Test func addingANodeDisjointPathNeverLowersReach() {
        for seed in UInt64(1)...25 {
            var rng = WPRandom(seed: seed)
            var s = WPSource("linkedin")
            s.person("Owner", url: "https://www.linkedin.com/in/owner", owner: true)
            let count = 12
            for i in 0..<count { s.person("P\(i) X", url: "https://www.linkedin.com/in/p\(i)") }
            var readiness: [String: Double] = [:]
            var pairs: [(String, String, Double)] = []
            for i in 0..<count where rng.next() % 2 == 0 { readiness["P\(i) X"] = Double(rng.next() % 90 + 5) / 100 }
            for i in 0..<count {
                for j in (i + 1)..<count where rng.next() % 4 == 0 {
                    pairs.append(("P\(i) X", "P\(j) X", Double(rng.next() % 90 + 5) / 100))
                }
            }
            let target = "P\(count - 1) X"
            func reach(extra: Double?) -> Double {
                var src = s
                var r = readiness
                var p = pairs
                if let extra {
                    src.person("Z New", url: "https://www.linkedin.com/in/z-new")
                    r["Z New"] = extra
                    p.append(("Z New", target, extra))
                }
                let n = NetworkBuilder().build([src.sourceImport])
                let o = n.wpIndex("Owner")!
                var f = WarmPathFinder(
                    graph: PathGraph.build(network: n, scores: wpBook(n, owner: o, readiness: r, pairs: p), owner: o))
                return f.paths(to: n.wpIndex(target)!).reach
            }
            let before = reach(extra: nil)
            let after = reach(extra: Double(rng.next() % 90 + 5) / 100)
            #expect(after >= before - 1e-12, "seed \(seed): \(before) → \(after)")
        }
    }

    @Test func probabilityHopAttritionAndMaxHops() throws {
        var s = WPSource("linkedin")
        s.person("O", url: "https://www.linkedin.com/in/o", owner: true)
        for name in ["a", "b", "c", "d", "t"] {
            s.person(name.uppercased() + " Chain", url: "https://www.linkedin.com/in/\(name)")
        }
        let n = NetworkBuilder().build([s.sourceImport])
        let o = n.wpIndex("O")!
        let book = wpBook(
            n, owner: o, readiness: ["A Chain": 1.0],
            pairs: [
                ("A Chain", "B Chain", 1), ("B Chain", "C Chain", 0.5), ("C Chain", "D Chain", 1),
                ("D Chain", "T Chain", 1),
            ])
        let pg = PathGraph.build(network: n, scores: book, owner: o)
        #expect(pg.costs.allSatisfy { $0 >= 0 && $0.sign == .plus })  // never -0.0
        var f = WarmPathFinder(graph: pg)
        #expect(f.paths(to: n.wpIndex("T Chain")!, maxHops: 4).paths.isEmpty)
        let p = try #require(f.paths(to: n.wpIndex("T Chain")!, maxHops: 5).paths.first)
        #expect(p.hops == 5)
        #expect(abs(p.probability - 0.5 * pow(0.8, 4)) < 1e-12)
        #expect(p.weakest.from == n.wpIndex("B Chain") && p.weakest.to == n.wpIndex("C Chain"))
        #expect(abs(pg.probability(of: p.nodes) - p.probability) < 1e-12)
        let stats = ProximityCalculator.compute(graph: pg, readiness: book.people.map(\.readiness), targets: [])
        #expect(
            stats.map(\.degree)
                == n.people.indices.map { i in
                    ["O": 0, "A Chain": 1, "B Chain": 2, "C Chain": 3, "D Chain": 4, "T Chain": 5][n.people[i].name]
                })
    }

    @Test func moreProbableButTooLongPathsAreDropped() throws {
        var s = WPSource("linkedin")
        s.person("O", url: "https://www.linkedin.com/in/o", owner: true)
        for name in ["a", "b", "c", "d", "e", "t"] {
            s.person(name.uppercased() + " Long", url: "https://www.linkedin.com/in/\(name)")
        }
        let n = NetworkBuilder().build([s.sourceImport])
        let o = n.wpIndex("O")!
        let book = wpBook(
            n, owner: o, readiness: ["A Long": 1, "E Long": 0.3],
            pairs: [
                ("A Long", "B Long", 1), ("B Long", "C Long", 1), ("C Long", "D Long", 1), ("D Long", "T Long", 1),
                ("E Long", "T Long", 0.3),
            ])
        var f = WarmPathFinder(graph: PathGraph.build(network: n, scores: book, owner: o))
        let t = n.wpIndex("T Long")!
        #expect(f.paths(to: t, maxHops: 5).paths.first?.hops == 5)
        let short = f.paths(to: t, maxHops: 2).paths
        #expect(short.map(\.hops) == [2])
        #expect(abs(try #require(short.first).probability - 0.3 * 0.3 * 0.8) < 1e-12)
        #expect(f.hopsFromOwner[Int(t)] == 2)
    }

    @Test func affiliationsAreNotExpandedIntoCliques() {
        var s = WPSource("linkedin")
        s.person("O", url: "https://www.linkedin.com/in/o", owner: true)
        for i in 0..<50 { s.person("E\(i) Emp", url: "https://www.linkedin.com/in/e\(i)", company: "Megacorp Inc") }
        let n = NetworkBuilder().build([s.sourceImport])
        let o = n.wpIndex("O")!
        let pg = PathGraph.build(
            network: n, scores: wpBook(n, owner: o, readiness: ["E0 Emp": 0.5], pairs: []), owner: o)
        #expect(pg.affiliationNames == ["Megacorp Inc"])
        #expect(pg.graph.edgeCount == 1 + 2 * 50)
        let org = Int32(pg.personCount)
        let p = pg.probability(from: org, to: n.wpIndex("E3 Emp")!)!
        #expect(abs(p - 0.5 / log(50 + M_E)) < 1e-12)
        #expect(p <= 0.3)
    }

    @Test func proximityMatchesBruteForce() throws {
        let (n, book, o) = Self.fan()
        let pg = PathGraph.build(network: n, scores: book, owner: o)
        let t = n.wpIndex("T Person")!
        let rr = book.people.map(\.readiness)
        let stats = ProximityCalculator.compute(graph: pg, readiness: rr, targets: [t])
        var dj = Dijkstra(graph: pg.graph, costs: pg.costs)
        for c in 0..<n.people.count where Int32(c) != t && Int32(c) != o {
            dj.run(from: Int32(c))
            let p = dj.distance[Int(t)].isFinite ? exp(-dj.distance[Int(t)]) / 0.8 : 0
            #expect(abs(stats[c].proximity - rr[c] * p) < 1e-9, "\(n.people[c].name)")
        }
        let a = Int(n.wpIndex("A Person")!)
        #expect(abs(stats[a].proximity - 0.9 * 0.9) < 1e-9)
        #expect(stats[a].bestTarget == t)
        let cols = PathReports.peopleColumns(
            PathAnalysis.run(
                network: n, owner: o, asOf: 0, scores: book,
                targets: TargetList.match([TargetSpec(name: "T Person")], in: n)))
        #expect(cols.map(\.name) == ["degree", "proximity", "group"])
        #expect(cols[1].value(a) == "0.8100")
        #expect(cols[0].value(a) == "1")
        #expect(cols[2].value(Int(t)) == "need_later")
    }

    @Test func askBudgetGivesEachIntroducerOneAsk() throws {
        var s = WPSource("linkedin")
        s.person("O", url: "https://www.linkedin.com/in/o", owner: true)
        for name in ["a", "b", "t1", "t2"] {
            s.person(name.uppercased() + " Ask", url: "https://www.linkedin.com/in/\(name)")
        }
        let n = NetworkBuilder().build([s.sourceImport])
        let o = n.wpIndex("O")!
        let book = wpBook(
            n, owner: o, readiness: ["A Ask": 0.9, "B Ask": 0.5],
            pairs: [("A Ask", "T1 Ask", 0.9), ("A Ask", "T2 Ask", 0.8), ("B Ask", "T2 Ask", 0.6)])
        let a = PathAnalysis.run(
            network: n, owner: o, asOf: 0, scores: book,
            targets: TargetList.match([TargetSpec(name: "T1 Ask"), TargetSpec(name: "T2 Ask")], in: n))
        #expect(a.asks.map { n.people[Int($0.introducer)].name } == ["A Ask", "B Ask"])
        #expect(a.asks.map { n.people[Int($0.target)].name } == ["T1 Ask", "T2 Ask"])
        #expect(a.waiting.isEmpty)
        #expect(PathReports.asksCSV(a, network: n).text.contains("B Ask,"))
    }

    @Test func shuffledInputsGiveIdenticalPaths() {
        let (n1, a1) = Self.teamAnalysis(specs: Self.teamSpecs)
        let base = PathReports.pathsCSV(a1, network: n1).text
        #expect(base.split(separator: "\r\n").count > 5)
        for seed in UInt64(1)...5 {
            let (n2, a2) = Self.teamAnalysis(shuffleSeed: seed, specs: Self.teamSpecs)
            #expect(PathReports.pathsCSV(a2, network: n2).text == base)
            #expect(PathReports.terminal(a2, network: n2) == PathReports.terminal(a1, network: n1))
        }
    }
}
