import Foundation
import Testing

@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

/// The Targets section, the team layer and the network picture of the HTML report: path drawings
/// for every hop kind, target cards, teammates, legends.
@Suite struct HTMLTargetsTests {
    typealias M = HTMLReportModel

    static let me = M.PathNode(id: "o", name: "Me", isOwner: true)
    static func node(_ id: String, teammate: Bool = false) -> M.PathNode {
        M.PathNode(id: id, name: id.uppercased() + " Person", isTeammate: teammate)
    }

    /// One path of every hop kind: direct; known, known; known then inferred into the target;
    /// inferred first; four hops mixing both, through a teammate.
    static let everyKind: [M.WarmPath] = [
        M.WarmPath(nodes: [me, node("t")], edges: [M.PathEdge(probability: 0.4)], probability: 0.4, weakestLink: 0),
        M.WarmPath(
            nodes: [me, node("a"), node("t")], edges: [M.PathEdge(probability: 0.7), M.PathEdge(probability: 0.94)],
            probability: 0.53, weakestLink: 0),
        M.WarmPath(
            nodes: [me, node("a"), node("t")],
            edges: [
                M.PathEdge(probability: 0.11), M.PathEdge(probability: 0.3, inferred: true, via: "Greyhaven Health"),
            ],
            probability: 0.03, weakestLink: 0),
        M.WarmPath(
            nodes: [me, node("b"), node("t")],
            edges: [
                M.PathEdge(probability: 0.2, inferred: true, via: "Oslo University"), M.PathEdge(probability: 0.8),
            ],
            probability: 0.13, weakestLink: 0),
        M.WarmPath(
            nodes: [me, node("c"), node("d", teammate: true), node("e"), node("t")],
            edges: [
                M.PathEdge(probability: 0.6), M.PathEdge(probability: 0.25, inferred: true, via: "Acme"),
                M.PathEdge(probability: 0.9), M.PathEdge(probability: 0.5),
            ], probability: 0.035, weakestLink: 1),
    ]

    /// `<li class="ws…">` segments and `<li class="wn…">` people of a drawing.
    static func counts(_ markup: String) -> (segments: Int, people: Int) {
        (
            markup.components(separatedBy: "<li class=\"ws").count - 1,
            markup.components(separatedBy: "<li class=\"wn").count - 1
        )
    }

    @Test func everyHopKindIsDrawnWithOneSegmentPerHop() {
        for p in Self.everyKind {
            var h = HTML()
            HTMLTargets.drawing(&h, p)
            let c = Self.counts(h.markup)
            #expect(c.segments == p.edges.count, "\(p.nodes.map(\.name))")
            #expect(c.people == p.nodes.count)
            #expect(h.markup.contains("data-hops=\"\(p.edges.count)\""))
            // The last segment sits right before the target, in the columns between the last two dots.
            let n = p.nodes.count
            #expect(h.markup.contains("style=\"grid-column:\(3 * (n - 1))/\(3 * (n - 1) + 2)\""))
            #expect(h.markup.contains("<li class=\"wn target\" style=\"grid-column:\(3 * (n - 1) + 1)/\(3 * n + 1)\""))
            #expect(h.markup.hasSuffix("</li></ol>"))
        }
        // The segment into the target carries its own label (the inferred hop's employer).
        var h = HTML()
        HTMLTargets.drawing(&h, Self.everyKind[2])
        let lastSegment = h.markup.components(separatedBy: "<li class=\"ws").last ?? ""
        #expect(lastSegment.hasPrefix(" inferred\""))
        #expect(lastSegment.contains("<b>30%</b><span class=\"via\">via Greyhaven Health</span>"))
        #expect(!lastSegment.contains("weakest"))
        let first = h.markup.components(separatedBy: "<li class=\"ws")[1]
        #expect(first.hasPrefix(" weak\""))
        #expect(first.contains("<b>11%</b> <span class=\"wk\">weakest</span>"))
        // A teammate is marked; one hop has no "weakest".
        var t = HTML()
        HTMLTargets.drawing(&t, Self.everyKind[4])
        #expect(t.markup.contains("<li class=\"wn mate\""))
        #expect(t.markup.contains("<li class=\"ws inferred weak\""))
        var d = HTML()
        HTMLTargets.drawing(&d, Self.everyKind[0])
        #expect(!d.markup.contains("weak"))
        #expect(d.markup.contains(">You</span>"))
    }

    @Test func alternativesStateTheirOrderAndWeakestLink() {
        let m = M()
        let best = Self.everyKind[1]
        #expect(
            HTMLTargets.reason(best, rank: 0, best: best, m)
                == "Through A Person · 2 hops · weakest link You → A Person 70%")
        #expect(
            HTMLTargets.reason(Self.everyKind[2], rank: 1, best: best, m)
                == "Through A Person · 2 hops · weakest link You → A Person 11% · less likely than #1: a weaker link")
        #expect(
            HTMLTargets.reason(Self.everyKind[4], rank: 2, best: best, m)
                == "Through C Person · 4 hops · weakest link C Person → D Person 25% (inferred: both at Acme) · "
                + "less likely than #1: 2 more hops and a weaker link")
        #expect(HTMLTargets.reason(Self.everyKind[0], rank: 0, best: Self.everyKind[0], m) == "Direct · 1 hop")
    }

    @Test func cardsSayWhatToDo() {
        var m = M()
        let t = M.PersonRef(id: "t", name: "T Person")
        m.targets = [
            M.TargetPaths(
                target: t, reach: 0.55, paths: [Self.everyKind[1], Self.everyKind[3]], typed: "Pat Singh (Globex)",
                rule: "name 14.2 bits", position: "VP Sales", company: "Globex"),
            M.TargetPaths(
                target: M.PersonRef(id: "s", name: "Sam Ortiz"), reach: 0.3, paths: [Self.everyKind[0]],
                typed: "Globex",
                rule: "company", position: "CFO", company: "Globex", directStrength: 0.72),
            M.TargetPaths(target: t, reach: 0.55, paths: [Self.everyKind[1]], typed: "Globex", rule: "company"),
        ]
        m.unmatchedTargets = [
            M.UnmatchedTarget(typed: "Zoe Quinn (Nowhere Industries)", reason: "no person matches", line: 6)
        ]
        m.mergeSuggestions = [
            M.MergeSuggestionRow(
                a: t, b: M.PersonRef(id: "t2", name: "T. Person"), score: 12.6, evidence: "last person +8.0")
        ]
        let html = HTMLReport.render(m).text
        #expect(html.contains("<h3>Pat Singh (Globex)</h3>"))
        #expect(html.contains("<span class=\"sub\">VP Sales at Globex</span>"))
        #expect(
            html.contains(
                "<b>Next step:</b> Ask A Person to introduce you: You → A Person → T Person (53%).</p>"))
        #expect(
            html.contains("<b>Next step:</b> Contact Sam Ortiz directly: you know them (strength 0.72, strong).</p>"))
        #expect(html.contains("You know 1 person at Globex directly: Sam Ortiz."))
        // T Person's paths are drawn once; the company card points to the earlier card.
        #expect(html.contains("(reach 55%, <a href=\"#target-1\">above</a>)"))
        #expect(html.contains("In order of their chance, most likely first"))
        #expect(html.contains("less likely than #1"))
        #expect(html.contains("id=\"targets-unmatched\""))
        #expect(
            html.contains("<td>Zoe Quinn (Nowhere Industries)</td><td class=\"n\">6</td><td>no person matches</td>"))
        #expect(html.contains("id=\"merge-suggestions\""))
        #expect(html.contains("Possibly the same person as <button"))
        #expect(html.contains("<code>merge,t,t2</code>"))
        // Known directly, but an introduction is likelier: the introduction, and the direct tie named.
        let both = M.TargetPaths(
            target: t, reach: 0.6, paths: [Self.everyKind[1], Self.everyKind[0]], directStrength: 0.1)
        #expect(
            HTMLTargets.stepText(both, m)
                == "Ask A Person to introduce you: You → A Person → T Person (53%). "
                + "You also know T Person directly (strength 0.10, weak), a less likely route.")
        // The legend names the bands.
        #expect(html.contains("likely ≥ 50%, possible 20%–50%, long shot &lt; 20%"))
        #expect(html.contains("strong ≥ 0.60, medium 0.30–0.60, weak &lt; 0.30"))
    }

    /// The team of `WarmPathTests`: Ana (owner) and teammate Ben; Lena is known only to Ben; Tom
    /// and Lena work at Northwind Labs.
    static func teamModel(scoring: ScoringConfig = .default, specs: [TargetSpec] = WarmPathTests.teamSpecs) -> (
        Network, M
    ) {
        let (n, a) = WarmPathTests.teamAnalysis(specs: specs)
        var book = wpBook(
            n, owner: a.owner,
            readiness: ["Ben Okafor": 0.7, "Marta Olsen, PMP": 0.6, "Tom Berg": 0.4, "Ravi Menon": 0.8],
            pairs: [("Ben Okafor", "Lena Park", 0.6), ("Ben Okafor", "Marta Olsen, PMP", 0.5)])
        for name in ["Ben Okafor", "Marta Olsen, PMP", "Tom Berg", "Ravi Menon"] {
            book.people[Int(n.wpIndex(name)!)].scored = true
            book.people[Int(n.wpIndex(name)!)].strength = 0.5
        }
        let input = HTMLReportInput(
            network: n, owner: a.owner, asOf: 0, stats: ContactStats.compute(n, owner: a.owner), scores: book, paths: a,
            scoring: scoring,
            suggestions: [
                MergeSuggestion(a: n.people[0].id, b: n.people[0].id, score: 20, rule: "fs_suggest", evidence: "self"),
                MergeSuggestion(a: n.people[1].id, b: n.people[2].id, score: 9, rule: "fs_suggest", evidence: "x"),
                MergeSuggestion(a: n.people[2].id, b: n.people[1].id, score: 8, rule: "fs_suggest", evidence: "y"),
            ])
        return (n, HTMLReportModel.build(input))
    }

    @Test func pathsFromTheAnalysisKeepPeopleOnly() throws {
        let (_, m) = Self.teamModel()
        #expect(!m.targets.isEmpty)
        var inferred = 0
        for t in m.targets {
            for p in t.paths {
                #expect(p.edges.count == p.nodes.count - 1)
                #expect(!p.nodes.contains { $0.id.hasPrefix("org") || $0.name.hasPrefix("(") })
                #expect(p.nodes.first?.isOwner == true)
                #expect(p.nodes.last?.id == t.target.id)
                for e in p.edges where e.inferred {
                    inferred += 1
                    #expect(e.via == "Northwind Labs" || e.via == "Brightline" || e.via.hasPrefix("Fjord"))
                }
                var h = HTML()
                HTMLTargets.drawing(&h, p)
                #expect(Self.counts(h.markup).segments == p.edges.count)
            }
        }
        #expect(inferred > 0)
        let lena = try #require(m.targets.first { $0.typed == "Lena Park" })
        let viaTom = try #require(lena.paths.first { $0.nodes.count == 3 && $0.nodes[1].name == "Tom Berg" })
        #expect(viaTom.edges[1] == M.PathEdge(probability: 0.3, inferred: true, via: "Northwind Labs"))
        #expect(lena.paths[0].nodes[1].isTeammate)  // Ben
        #expect(
            HTMLTargets.stepText(lena, m).hasPrefix(
                "Ask Ben Okafor (your teammate) to introduce you: You → Ben Okafor → Lena Park"))
    }

    @Test func aKnownTieIsDrawnWithItsStrengthNotAsInferred() throws {
        // Tom and Lena both work at Northwind Labs and also have a known tie of 0.94.
        let n = IdentityResolver.resolve(imports: WarmPathTests.teamImports()).network
        let owner = n.wpIndex("Ana Ruiz")!
        let book = wpBook(
            n, owner: owner, readiness: ["Tom Berg": 0.4, "Ben Okafor": 0.05],
            pairs: [("Tom Berg", "Lena Park", 0.94), ("Ben Okafor", "Lena Park", 0.1)])
        let a = PathAnalysis.run(
            network: n, owner: owner, asOf: 0, scores: book,
            targets: TargetList.match([TargetSpec(name: "Lena Park")], in: n))
        let r = try #require(a.result(for: n.wpIndex("Lena Park")!))
        let tom = n.wpIndex("Tom Berg")!
        let throughTom = r.candidates.filter { $0.introducer == tom }
        #expect(throughTom.count == 1, "the shared-employer detour is the same path as the known tie")
        let p = try #require(throughTom.first)
        #expect(p.nodes == [owner, tom, n.wpIndex("Lena Park")!])
        #expect(p.links[1].probability == 0.94 && !p.links[1].inferred && p.links[1].via == nil)
        #expect(abs(p.probability - 0.4 * 0.94 * 0.8) < 1e-12)
        #expect(PathReports.pathText(p, a.graph, n) == "Ana Ruiz > Tom Berg > Lena Park")
    }

    @Test func teammatesAreVisible() throws {
        let (n, m) = Self.teamModel()
        // Sources are named by their owner.
        #expect(m.sources.contains("your LinkedIn (linkedin)"))
        #expect(m.sources.contains("Ben Okafor's LinkedIn (linkedin#2)"))
        let lena = try #require(m.people.first { $0.name == "Lena Park" })
        #expect(lena.sources == ["Ben Okafor's LinkedIn"])
        #expect(lena.knownBy == ["Ben Okafor"])
        #expect(!lena.scored)
        #expect(lena.teamEvidence.map(\.teammate) == ["Ben Okafor"])
        #expect(lena.teamEvidence.first?.strength == 0.6)
        let marta = try #require(m.people.first { $0.name == "Marta Olsen, PMP" })
        #expect(marta.knownBy == ["you", "Ben Okafor"])
        // The target card shows the teammate's evidence.
        let card = try #require(m.targets.first { $0.target.name == "Lena Park" })
        #expect(card.knownBy.map(\.teammate) == ["Ben Okafor"])
        let html = HTMLReport.render(m).text
        #expect(html.contains("<li><b>Ben Okafor</b> (your teammate, tie strength 0.60 strong)"))
        #expect(html.contains("Known by Ben Okafor"))
        // Unscored people carry null scores (shown as "—"), never 0.
        let block = try #require(HTMLReportTests.dataBlock(html))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(block.utf8)) as? [String: Any])
        let rows = try #require(json["p"] as? [[Any]])
        let strings = try #require(json["s"] as? [String])
        let row = try #require(rows.first { $0[0] as? String == lena.id })
        #expect(row[6] is NSNull && row[7] is NSNull && row[11] is NSNull)
        #expect(strings[row[19] as! Int] == "Ben Okafor")
        let team = try #require(row[20] as? [[Any]])
        #expect(strings[team[0][0] as! Int] == "Ben Okafor" && team[0][1] as? Int == 600)
        // Suggested merges: no self-pair, each pair once.
        #expect(m.mergeSuggestions.count == 1)
        #expect(m.mergeSuggestions.first?.score == 9)
        #expect(
            m.unmatchedTargets == [
                M.UnmatchedTarget(typed: "Zoe Quinn (Nowhere Industries)", reason: "no person matches", line: 5)
            ])
        _ = n
    }

    @Test func legendBandsComeFromTheConfig() throws {
        var c = ScoringConfig.default
        c.bandStrengthStrong = 0.75
        c.bandReachPossible = 0.1
        let (_, m) = Self.teamModel(scoring: c)
        #expect(m.legend.strength.high == 0.75)
        #expect(m.legend.reach.medium == 0.1)
        #expect(m.legend.targetPeople == 3)
        let html = HTMLReport.render(m).text
        #expect(html.contains("strong ≥ 0.75, medium 0.30–0.75"))
        #expect(html.contains("possible 10%–50%, long shot &lt; 10%"))
        #expect(html.contains("so it runs from 0 to 3 (not capped at 1)"))
        #expect(html.contains("data-bands=\"0.750 0.300 0.600 0.300 0.500 0.100 \""))
        #expect(
            html.contains("<dt>Cred.</dt>") && html.contains("<dt>Self-or.</dt>") && html.contains("<dt>Prox.</dt>"))
        let yaml = try ScoringConfig.parse(yaml: "band_strength_strong: 0.8\n")
        #expect(yaml.bandStrengthStrong == 0.8)
    }

    @Test func networkPictureIsYouIntroducersTargets() {
        var m = M()
        // 30 targets, each reached through one of 20 introducers or directly.
        for i in 0..<30 {
            let t = M.PathNode(id: "t\(i)", name: "Target \(i)")
            let intro = M.PathNode(id: "i\(i % 20)", name: "Intro \(i % 20)", isTeammate: i % 20 == 3)
            let via = M.WarmPath(
                nodes: [Self.me, intro, t], edges: [M.PathEdge(probability: 0.6), M.PathEdge(probability: 0.5)],
                probability: 0.24 + Double(i) / 1000)
            let direct = M.WarmPath(nodes: [Self.me, t], edges: [M.PathEdge(probability: 0.2)], probability: 0.2)
            m.targets.append(
                M.TargetPaths(
                    target: M.PersonRef(id: t.id, name: t.name), reach: 0.3 + Double(i) / 100,
                    paths: i % 5 == 0 ? [via, direct] : [via], typed: t.name))
        }
        let pic = HTMLNetwork.picture(m)
        #expect(pic.targets.count == HTMLNetwork.maxTargets)
        #expect(pic.targets.first?.name == "Target 29")
        #expect(pic.introducers.count <= HTMLNetwork.maxIntroducers)
        #expect(pic.targetsLeftOut == 12)
        #expect(pic.links.contains { $0.introducer == nil })
        let html = HTMLReport.render(m).text
        #expect(html.contains("<svg class=\"reachmap wide\""))
        #expect(html.contains("<svg class=\"reachmap narrow\""))
        #expect(html.contains(">Target 29 <tspan class=\"pc\">59%</tspan></text>"))
        #expect(html.contains("and 12 more targets with a path"))
    }
}
