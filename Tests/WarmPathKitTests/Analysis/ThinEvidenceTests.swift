import Foundation
import Testing
@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

/// Honest when evidence is thin (issue 17): a strength that rests only on the connection is a
/// prior, and the report says "no interaction evidence" instead of a precise-looking number.
@Suite struct ThinEvidenceTests {
    /// The owner; Cole, only connected; Mia, met twice one-to-one; Tess, who exchanged messages;
    /// Una, who wrote once and had no answer.
    func scenario() -> (Network, ScoreBook) {
        var s = Synth()
        let me = s.person("Owen Owner", company: "Acme", owner: true)
        let cole = s.person("Cole Connected", company: "Acme")
        let mia = s.person("Mia Met")
        let tess = s.person("Tess Talked")
        let una = s.person("Una Unanswered")
        for p in [cole, mia, tess, una] { s.event(.connection, me, [p], at: asOfT - 400 * day) }
        s.event(.meeting, me, [mia], at: asOfT - 20 * day, file: "calendar.ics")
        s.event(.meeting, mia, [me], at: asOfT - 10 * day, file: "calendar.ics")
        s.message(tess, [me], at: asOfT - 9 * day, thread: "t", text: "Could we talk about the pilot next week?")
        s.message(me, [tess], at: asOfT - 8 * day, thread: "t", text: "Yes, Tuesday works for me, see you then")
        s.message(una, [me], at: asOfT - 5 * day, thread: "u", text: "Hello, are you the right person for logistics?")
        let n = s.network()
        return (n, Scorer.score(network: n, owner: n.idx("Owen Owner"), asOf: asOfT))
    }

    @Test func onlyTheConnectionIsAPriorNotAMeasurement() {
        let (n, book) = scenario()
        func score(_ name: String) -> PersonScore { book.people[Int(n.idx(name))] }
        #expect(score("Cole Connected").scored)
        #expect(!score("Cole Connected").hasInteractionEvidence)
        // Meetings are interaction evidence (explain said "no interaction evidence" for them).
        #expect(score("Mia Met").hasInteractionEvidence)
        #expect(score("Tess Talked").hasInteractionEvidence)
        // One-way traffic is evidence too: of no exchange, which the number then reflects.
        #expect(score("Una Unanswered").hasInteractionEvidence)
        // Unscored people show "—", not a prior.
        #expect(PersonScore().hasInteractionEvidence)
    }

    @Test func explainSaysSoOnlyForThePrior() {
        let (n, book) = scenario()
        let cole = ScoreReports.explain(book, network: n, person: n.idx("Cole Connected"))
        #expect(cole.contains("no interaction evidence: the strength below is a prior"))
        for name in ["Mia Met", "Tess Talked", "Una Unanswered"] {
            #expect(!ScoreReports.explain(book, network: n, person: n.idx(name)).contains("no interaction evidence"))
        }
    }

    @Test func thePageShowsNoNumberForAPrior() throws {
        let (n, book) = scenario()
        let rows = n.people.indices.map { i in
            HTMLReportModel.PersonRow(n.people[i], stats: ContactStats(), score: book.people[i])
        }
        let byName = Dictionary(uniqueKeysWithValues: rows.map { ($0.name, $0) })
        #expect(byName["Cole Connected"]?.interactionEvidence == false)
        #expect(byName["Mia Met"]?.interactionEvidence == true)
        // The data block's last field tells the page (0 = a prior).
        let json = String(decoding: HTMLDataBlock.json(rows), as: UTF8.self)
        let value = try #require(try? JSONReader.parse(Data(json.utf8)))
        let table = try #require(value["p"]?.arrayValue)
        let last = table.compactMap { $0.arrayValue?.last?.doubleValue }
        #expect(last.count == rows.count)
        for (row, flag) in zip(rows, last) {
            #expect(flag == (row.scored && !row.interactionEvidence ? 0 : 1), "\(row.name)")
        }
    }
}
