import Foundation
import Testing
@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

/// Meetings as evidence: one-to-one and small meetings are intimacy, a large one is not.
@Suite struct MeetingEvidenceTests {
    /// Owner, a 1:1 partner, a small-meeting partner and an all-hands colleague, each met `times` times.
    func scenario(times: Int = 4) -> (Network, ScoreBook) {
        var s = Synth()
        let me = s.person("Owen Owner", owner: true)
        let one = s.person("Ada One")
        let small = s.person("Sam Small")
        let big = s.person("Bea Big")
        let others = (0..<37).map { s.person("Staff \($0) Member") }
        let helpers = [s.person("Kim Helper"), s.person("Lee Helper")]
        for k in 0..<times {
            let t = asOfT - Double(10 + 7 * k) * day
            s.event(.meeting, me, [one], at: t, file: "calendar.ics")
            s.event(.meeting, small, [me] + helpers, at: t + 3600, file: "calendar.ics")
            s.event(.meeting, big, [me] + others + helpers.prefix(1), at: t + 7200, file: "calendar.ics")
        }
        let n = s.network()
        return (n, Scorer.score(network: n, owner: n.idx("Owen Owner"), asOf: asOfT))
    }

    @Test func sizeDecidesIntimacy() {
        let (n, book) = scenario()
        let one = book.people[Int(n.idx("Ada One"))]
        let small = book.people[Int(n.idx("Sam Small"))]
        let big = book.people[Int(n.idx("Bea Big"))]
        #expect(one.intimacy > small.intimacy && small.intimacy > 0)
        #expect(big.scored && big.intimacy == 0)
        #expect(one.strength > small.strength && small.strength > big.strength)
        #expect(one.ledger.contains { $0.term == "meeting_1to1" && $0.score == .strength })
        #expect(small.ledger.contains { $0.term == "meeting_small" })
        #expect(big.ledger.contains { $0.term == "meeting_large" })
        #expect(!one.ledger.contains { $0.term == "never_communicated" })
        #expect(book.ledgerMismatches(tolerance: 1e-9).isEmpty)
    }

    @Test func allHandsAttendeesAreNotOneAnothersMutualContacts() {
        let (n, book) = scenario()
        // Two all-hands colleagues share no pair evidence: only pairs with the organizer or owner.
        let a = n.idx("Staff 1 Member")
        let b = n.idx("Staff 2 Member")
        #expect(!book.pairs.contains { ($0.a, $0.b) == (min(a, b), max(a, b)) })
        // Their one mutual contact with the owner is the organizer.
        let structural = book.people[Int(a)].ledger.first { $0.term == "structural" }
        #expect(structural?.note.hasPrefix("1 mutual contact,") == true)
    }

    @Test func explainShowsMeetingsWithFileAndLine() {
        let (n, book) = scenario()
        let text = ScoreReports.explain(book, network: n, person: n.idx("Ada One"))
        #expect(text.contains("meeting_1to1"))
        #expect(text.contains("4 one-to-one meetings"))
        #expect(text.contains("calendar.ics #"))
        #expect(text.contains("intimacy") && text.contains("meetings"))
    }

    @Test func peopleCSVCountsMeetingsWithTheOwner() {
        let (n, _) = scenario(times: 3)
        let stats = ContactStats.compute(n, owner: n.idx("Owen Owner"))
        #expect(stats[Int(n.idx("Ada One"))].meetings == 3)
        #expect(stats[Int(n.idx("Kim Helper"))].meetings == 6)  // small meetings and all-hands
        #expect(PeopleReport.csv(n, stats: stats).text.hasPrefix(PeopleReport.baseColumns.joined(separator: ",")))
        #expect(PeopleReport.baseColumns.last == "meetings")
    }

    /// Property: for random meeting histories, every ledger adds up, intimacy stays in [0, 1], and
    /// one more one-to-one meeting with a contact never lowers their strength or intimacy.
    @Test(arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func moreOneToOnesNeverHurt(seed: UInt64) {
        var g = SplitMix64(seed: seed)
        var s = Synth()
        let me = s.person("Owen Owner", owner: true)
        let people = (0..<10).map { s.person("P\($0) Person") }
        for _ in 0..<60 {
            let size = Int.random(in: 1...12, using: &g)
            let group = Array(people.shuffled(using: &g).prefix(size))
            let t = asOfT - Double(Int.random(in: 0...700, using: &g)) * day
            if Bool.random(using: &g) {
                s.event(.meeting, me, group, at: t, file: "c.ics")
            } else {
                s.event(.meeting, group[0], [me] + group.dropFirst(), at: t, file: "c.ics")
            }
        }
        let target = people[Int.random(in: 0..<10, using: &g)]
        let before = s.network()
        let b0 = Scorer.score(network: before, owner: 0, asOf: asOfT)
        #expect(b0.ledgerMismatches(tolerance: 1e-9).isEmpty)
        #expect(b0.people.allSatisfy { $0.intimacy >= 0 && $0.intimacy <= 1 })
        s.event(.meeting, me, [target], at: asOfT - day, file: "c.ics")
        let after = s.network()
        let b1 = Scorer.score(network: after, owner: 0, asOf: asOfT)
        let i = Int(after.index(of: before.people[Int(target)].id)!)
        let j = Int(before.index(of: before.people[Int(target)].id)!)
        #expect(b1.people[i].strength >= b0.people[j].strength - 1e-12)
        #expect(b1.people[i].intimacy >= b0.people[j].intimacy - 1e-12)
    }

    @Test func meetingTermsAreCalibratedByWMeetings() {
        #expect(StrengthTerms.weightKey(forTerm: "meeting_1to1") == "w_meetings")
        #expect(StrengthTerms.weightKey(forTerm: "meeting_large") == "w_meetings")
        #expect(ScoringConfig.keyNames.contains("int_meetings"))
    }
}

/// The merged ids and the merge log do not depend on the order the sources are given in.
@Suite struct MergeOrderTests {
    func source(_ label: String, _ records: [PersonRecord]) -> SourceImport {
        SourceImport(kind: .linkedin, path: label, label: label, people: records)
    }

    func rec(_ name: String, urls: [String] = [], emails: [String] = [], file: String) -> PersonRecord {
        PersonRecord(
            displayName: name, profileURLs: urls, emails: emails,
            provenance: Provenance(source: "", file: file, line: 2))
    }

    @Test func mergeLogIsTheSameInEveryOrder() {
        let a = source(
            "linkedin",
            [rec("Ana Ruiz", urls: ["https://www.linkedin.com/in/ana"], emails: ["ana@example.com"], file: "C.csv")])
        let b = source("calendar", [rec("Ana R", emails: ["ana@example.com", "ana@work.example"], file: "x.ics")])
        let c = source("vcard", [rec("Ana", emails: ["ana@work.example"], file: "y.vcf")])
        let orders = [[a, b, c], [c, b, a], [b, a, c], [b, c, a], [a, c, b], [c, a, b]]
        let built = orders.map { NetworkBuilder().build($0) }
        for n in built {
            #expect(n.people.count == 1)
            #expect(n.people.map(\.id) == built[0].people.map(\.id))
            #expect(n.merges == built[0].merges)
        }
        #expect(built[0].merges.count == 2)
        #expect(Set(built[0].merges.map(\.rule)) == ["same_email"])
    }

    @Test func reportWithCalendarsIsByteIdenticalInAnyOrder() throws {
        let root = TestPaths.repoRoot()
        let sources = [
            "fixtures/linkedin", "fixtures/contacts", "fixtures/takeout", "fixtures/calendar/google.ics",
            "fixtures/calendar/outlook.ics",
        ].map { root.appendingPathComponent($0).path }
        let owner = "https://www.linkedin.com/in/noor-haddad-7f3e21"
        func run(_ s: [String]) throws -> ReportOutput {
            try ReportPipeline.run(RunConfiguration(sources: s, owner: owner))
        }
        let a = try run(sources)
        for perm in [Array(sources.reversed()), [2, 0, 4, 1, 3].map { sources[$0] }] {
            let b = try run(perm)
            #expect(a.files.map(\.name) == b.files.map(\.name))
            for (x, y) in zip(a.files, b.files) {
                #expect(x.contents == y.contents, "\(x.name) depends on source order")
            }
        }
    }
}
