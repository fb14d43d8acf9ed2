import Foundation
import Testing
@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

func score(_ n: Network, config: ScoringConfig = .default) -> ScoreBook {
    Scorer.score(network: n, owner: n.sourceOwners.compactMap { $0 }.first!, asOf: asOfT, config: config)
}

@Suite struct ScoringScenarioTests {
    /// Ana: long, reciprocal, recent, personal. Bo: receives the owner's broadcast, never answers.
    /// Cy: a connection with no messages.
    static func threeContacts() -> Network {
        var s = Synth()
        let me = s.person("Owen Owner", owner: true)
        let ana = s.person("Ana Ruiz", company: "Acme")
        let bo = s.person("Bo Lind", company: "Globex")
        let cy = s.person("Cy Park", company: "Initech")
        let others = (0..<5).map { s.person("Prospect \($0) Target", company: "Umbrella") }
        for p in [ana, bo, cy] + others { s.event(.connection, me, [p], at: asOfT - 1500 * day) }
        let texts = [
            "How was the hiking trip with your family?", "Thanks for the coffee, loved hearing about the new house",
            "Are you free for lunch next week?", "Congrats on the launch, proud of you",
        ]
        for k in 0..<40 {
            let t = asOfT - Double(1400 - k * 35) * day
            s.message(
                k % 2 == 0 ? me : ana, [k % 2 == 0 ? ana : me], at: t, thread: "ana-\(k / 8)",
                text: texts[k % texts.count] + " \(k)")
        }
        for (k, p) in ([bo] + others).enumerated() {
            s.message(
                me, [p], at: asOfT - Double(20 + k) * day, thread: "pitch-\(k)",
                text: "Hi there, I wanted to introduce our new platform that helps teams ship faster")
        }
        return s.network()
    }

    @Test func reciprocalPersonalRanksAboveBroadcastTargetAndSilentConnection() {
        let n = Self.threeContacts()
        let book = score(n)
        let ana = book.people[Int(n.idx("Ana Ruiz"))]
        let bo = book.people[Int(n.idx("Bo Lind"))]
        let cy = book.people[Int(n.idx("Cy Park"))]
        #expect(ana.strength > bo.strength)
        #expect(ana.strength > cy.strength)
        #expect(ana.readiness > bo.readiness)
        #expect(ana.readiness > cy.readiness)
        #expect(cy.ledger.contains { $0.term == "never_communicated" && $0.contribution < 0 })
        // Bo only received a template: no specificity, no message activity, and the missing
        // exchange is spelled out.
        #expect(!bo.ledger.contains { $0.term == "specificity" })
        #expect(!bo.ledger.contains { $0.term.hasPrefix("activity_messages") })
        #expect(bo.ledger.contains { $0.term == "no_exchange" && $0.contribution < 0 })
        #expect(book.ledgerMismatches().isEmpty)
    }

    @Test func owedReplyLowersReadiness() {
        var s = Synth()
        let me = s.person("Owen Owner", owner: true)
        let ana = s.person("Ana Ruiz")
        for k in 0..<7 {
            s.message(
                k % 2 == 0 ? me : ana, [k % 2 == 0 ? ana : me], at: asOfT - Double(100 - k * 10) * day, thread: "a")
        }
        s.message(ana, [me], at: asOfT - 12 * day, thread: "b", text: "Could you introduce me to your manager?")
        let owed = score(s.network())
        var cfg = ScoringConfig.default
        cfg.owedReplyDays = 30
        let notYet = score(s.network(), config: cfg)
        s.message(me, [ana], at: asOfT - 11 * day, thread: "b", text: "Sure, happy to")
        let answered = score(s.network())
        let i = Int(s.network().idx("Ana Ruiz"))
        #expect(owed.people[i].owedReplies == 1)
        #expect(notYet.people[i].owedReplies == 0)
        #expect(owed.people[i].readiness < notYet.people[i].readiness)
        #expect(owed.people[i].readiness < answered.people[i].readiness)
        let rot = owed.people[i].ledger.first { $0.term == "owed_replies" }
        #expect(rot != nil && rot!.contribution < 0)
        #expect(rot?.evidence.first?.line == 8)
    }

    @Test func ledgerSumsExactlyForEveryone() {
        for seed in UInt64(1)...8 {
            var a = randomSynth(seed: seed, contacts: 15, messages: 120)
            // A teammate's export and a graph file make pairs and structure.
            var b = Synth(label: "linkedin#2")
            let mate = b.person("Contact 0 Person0", owner: true)
            let x = b.person("Contact 1 Person1")
            let y = b.person("Zed Stranger")
            b.message(mate, [x], at: asOfT - 10 * day, thread: "m1")
            b.message(x, [mate], at: asOfT - 9 * day, thread: "m1")
            b.event(.graphEdge, x, [y], at: nil, weight: 0.8)
            a.event(.graphEdge, a.people.indices.last.map { Int32($0) }!, [1], at: nil, weight: 0.3)
            let n = NetworkBuilder().build([a.build(), b.build()])
            let book = score(n)
            #expect(book.ledgerMismatches().isEmpty, "seed \(seed)")
            for (i, p) in book.people.enumerated() where p.scored {
                #expect(!p.ledger.isEmpty)
                #expect(abs(p.strength - 1 / (1 + exp(-p.logit))) < 1e-12, "person \(i)")
                for v in [p.readiness, p.credibility, p.reliability, p.intimacy, p.selfOrientation] {
                    #expect(v >= 0 && v <= 1)
                }
            }
            #expect(!book.pairs.isEmpty)
            // Explicit trust from the graph file is used as the pair strength.
            #expect(abs((book.pairStrength(n.idx("Contact 1 Person1"), n.idx("Zed Stranger")) ?? 0) - 0.8) < 1e-9)
            // A tampered ledger is caught.
            var bad = book
            if let i = bad.people.firstIndex(where: \.scored) {
                bad.people[i].ledger[0].contribution += 1e-6
                #expect(!bad.ledgerMismatches().isEmpty)
            }
        }
    }

    @Test func reportsCarryTheLedger() {
        let n = Self.threeContacts()
        let book = score(n)
        let ev = ScoreReports.evidenceCSV(book, network: n).text
        let lines = ev.csvRows
        #expect(lines.first == "person_id,name,score,term,contribution,evidence")
        #expect(lines.count - 1 == book.people.reduce(0) { $0 + $1.ledger.count })
        #expect(ev.contains("Ana Ruiz,strength,activity_messages_1to1,"))
        let cols = ScoreReports.peopleColumns(book)
        #expect(
            cols.map(\.name) == [
                "strength", "readiness", "credibility", "reliability", "intimacy", "self_orientation", "evidence",
                "distrust",
            ])
        let ana = Int(n.idx("Ana Ruiz"))
        #expect(cols[0].value(ana) == Format.fixed(book.people[ana].strength, 4))
        #expect(cols[0].value(Int(book.owner)) == "")
        let people = PeopleReport.csv(n, stats: ContactStats.compute(n, owner: book.owner), extra: cols).text
        #expect(
            people.csvRows.first!.hasSuffix(
                "strength,readiness,credibility,reliability,intimacy,self_orientation,evidence,distrust"))
        #expect(cols[6].value(ana) == String(book.people[ana].evidenceCount))
        #expect(cols[7].value(ana) == "no")
        let text = ScoreReports.explain(book, network: n, person: n.idx("Ana Ruiz"))
        #expect(text.contains("activity_messages_1to1"))
        #expect(text.contains("messages.csv #"))
    }

    @Test func linkedInFixtureLedgersAddUp() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("fixtures/linkedin")
        let loaded = try ReportPipeline.load(RunConfiguration(sources: [root.path]))
        let me = try #require(loaded.owner)
        let book = Scorer.score(network: loaded.network, owner: me, asOf: loaded.asOf)
        #expect(book.ledgerMismatches().isEmpty)
        #expect(book.people.contains { $0.scored })
    }
}
