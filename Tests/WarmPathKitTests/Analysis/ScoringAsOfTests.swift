import Foundation
import Testing
@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

/// The as-of date (issue 17): the default is the newest interaction, events after it are
/// dropped before scoring, and `--as-of` reproduces an earlier week's report.
@Suite struct ScoringAsOfTests {
    /// The default is the newest interaction between people, not a job start or an address-book
    /// entry dated later.
    @Test func defaultAsOfIsTheNewestInteraction() {
        var s = Synth()
        let me = s.person("Owen Owner", owner: true)
        let ana = s.person("Ana Ruiz")
        s.message(ana, [me], at: asOfT - 10 * day, thread: "a")
        s.event(.connection, me, [ana], at: asOfT - 400 * day)
        s.event(.affiliation, me, [], at: asOfT + 90 * day, detail: "Future Corp", file: "Positions.csv")
        s.event(.contact, me, [ana], at: asOfT + 30 * day, file: "contacts.vcf")
        s.message(me, [me], at: asOfT + 5 * day, thread: "note-to-self", text: "remember the milk")
        #expect(AsOf.defaultTime(s.network()) == asOfT - 10 * day)
        // Only a job start: it is all there is.
        var t = Synth()
        let o = t.person("Owen Owner", owner: true)
        t.event(.affiliation, o, [], at: asOfT, detail: "Acme", file: "Positions.csv")
        #expect(AsOf.defaultTime(t.network()) == asOfT)
    }

    /// Later events are dropped, and so are the people only they name; owners stay.
    @Test func eventsAfterAsOfAreDroppedWithThePeopleOnlyTheyName() {
        var s = Synth()
        let me = s.person("Owen Owner", owner: true)
        let ana = s.person("Ana Ruiz")
        let late = s.person("Lee Late")
        let lone = s.person("Lone Node")
        s.event(.connection, me, [ana], at: asOfT - 100 * day)
        s.message(ana, [me], at: asOfT + 3 * day, thread: "a", text: "After as-of")
        s.event(.connection, me, [late], at: asOfT + 2 * day)
        s.event(.graphEdge, ana, [late], at: nil)
        _ = lone
        let cut = AsOf.apply(s.network(), asOf: asOfT)
        let names = cut.network.people.map(\.name)
        #expect(names.contains("Ana Ruiz") && names.contains("Owen Owner") && names.contains("Lone Node"))
        // Lee is still named by an undated graph edge, so Lee stays; the dated events go.
        #expect(names.contains("Lee Late"))
        #expect(cut.droppedEvents == 2)
        #expect(cut.network.events.allSatisfy { ($0.time ?? 0) <= asOfT })
        var only = s
        only.interactions.removeAll { $0.kind == .graphEdge }
        let cut2 = AsOf.apply(only.network(), asOf: asOfT)
        #expect(!cut2.network.people.map(\.name).contains("Lee Late"))
        #expect(cut2.droppedPeople == 1)
        let owner = cut2.network.sourceOwners.compactMap { $0 }.first!
        #expect(cut2.network.people[Int(owner)].name == "Owen Owner")
        let book = Scorer.score(network: cut2.network, owner: owner, asOf: asOfT)
        #expect(book.ledgerMismatches().isEmpty)
    }

    /// Scoring last week's as-of on this week's data gives last week's scores exactly.
    @Test func asOfReproducesAnEarlierRun() {
        for seed in UInt64(1)...10 {
            let week = randomSynth(seed: seed)
            var later = week
            var g = SplitMix64(seed: seed)
            let me = later.owner!
            let newcomer = later.person("Nia Newcomer", company: "Acme")
            later.event(.connection, me, [newcomer], at: asOfT + 2 * day)
            later.message(newcomer, [me], at: asOfT + 3 * day, thread: "nia", text: "Great to connect!")
            for k in 0..<10 {
                let c = Int32.random(in: 1..<Int32(week.people.count), using: &g)
                let t = asOfT + Double.random(in: 0.01...7, using: &g) * day
                later.message(k % 2 == 0 ? me : c, [k % 2 == 0 ? c : me], at: t, thread: "t\(c)-0", text: "Later \(k)")
                if k % 3 == 0 { later.event(.endorsement, c, [me], at: t, detail: "Swift") }
            }
            let a = week.network()
            let cut = AsOf.apply(later.network(), asOf: asOfT).network
            #expect(cut.people.map(\.id) == a.people.map(\.id), "seed \(seed)")
            let owner = a.sourceOwners.compactMap { $0 }.first!
            let x = Scorer.score(network: a, owner: owner, asOf: asOfT)
            let y = Scorer.score(network: cut, owner: cut.sourceOwners.compactMap { $0 }.first!, asOf: asOfT)
            #expect(x.people == y.people, "seed \(seed)")
            #expect(x.pairs == y.pairs && x.endorsements == y.endorsements, "seed \(seed)")
            let ax = Alerts.compute(network: a, owner: owner, asOf: asOfT, scores: x)
            let ay = Alerts.compute(network: cut, owner: owner, asOf: asOfT, scores: y)
            #expect(ax == ay, "seed \(seed)")
        }
    }

    /// Through the pipeline: an earlier `--as-of` lists nobody connected later and no later date.
    @Test func pipelineAsOfDropsLaterRows() throws {
        let root = TestPaths.repoRoot()
        let sources = [root.appendingPathComponent("fixtures/linkedin").path]
        let full = try ReportPipeline.load(RunConfiguration(sources: sources))
        let day = try #require(ReportDate.parseDay("2023-12-01"))
        let cut = try ReportPipeline.load(RunConfiguration(sources: sources, asOf: day))
        #expect(cut.asOf == day)
        #expect(cut.network.events.allSatisfy { ($0.time ?? 0) <= day })
        #expect(cut.network.people.count < full.network.people.count)
        #expect(cut.notes.contains { $0.line.contains("dated later ignored") })
        let stats = ContactStats.compute(cut.network, owner: cut.owner)
        #expect(stats.allSatisfy { ($0.lastInteraction ?? 0) <= day && ($0.connectedOn ?? 0) <= day })
        // The default: the newest interaction (2024-03-19), not the draft saved on 2024-03-20.
        #expect(ReportDate.day(full.asOf) == "2024-03-19")
        #expect(cut.notes.contains { $0.line.contains("people known only from later events not listed") })
    }
}
