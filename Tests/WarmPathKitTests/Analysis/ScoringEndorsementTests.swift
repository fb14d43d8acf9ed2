import Foundation
import Testing
@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

@Suite struct EndorsementScoringTests {
    @Test func strangerBurstIsWorthLessThanOneEndorsementFromACloseColleague() {
        var s = Synth()
        let me = s.person("Owen Owner", owner: true)
        let colleague = s.person("Cora Close", company: "Acme", position: "Swift Engineer")
        let stranger = s.person("Sid Stranger", company: "Elsewhere")
        s.event(.affiliation, me, [], at: asOfT - 1500 * day, detail: "Acme", file: "Positions.csv")
        s.event(.connection, me, [colleague], at: asOfT - 1400 * day)
        for k in 0..<30 {
            s.message(
                k % 2 == 0 ? me : colleague, [k % 2 == 0 ? colleague : me], at: asOfT - Double(1000 - k * 30) * day,
                thread: "c\(k / 6)", text: "Thanks for the review of the billing code \(k)?")
        }
        s.event(.endorsement, colleague, [me], at: asOfT - 100 * day, detail: "Swift")
        for skill in ["Swift", "Go", "Rust", "Kotlin", "Java"] {
            s.event(.endorsement, stranger, [me], at: asOfT - 50 * day + 10, detail: skill)
        }
        let n = s.network()
        let book = score(n)
        let fromColleague = book.endorsements.filter { $0.endorser == n.idx("Cora Close") }
        let fromStranger = book.endorsements.filter { $0.endorser == n.idx("Sid Stranger") }
        #expect(fromColleague.count == 1 && fromStranger.count == 5)
        let burstTotal = fromStranger.reduce(0) { $0 + $1.strength }
        #expect(burstTotal < fromColleague[0].strength)
        #expect(
            fromStranger.allSatisfy { $0.penaltyReasons.contains(.burst) && $0.tie == ScoringConfig.default.tieFloor })
        #expect(fromColleague[0].credibility == 1.0)  // worked together and the title names the skill
        // Per skill: the colleague is the top endorser of Swift.
        let swift = book.skills.first { $0.endorsee == n.idx("Owen Owner") && $0.skill == "Swift" }!
        #expect(swift.topEndorsers.first == n.idx("Cora Close"))
        #expect(swift.endorsers == 2)
        let expected = 1 - (1 - fromColleague[0].strength) * (1 - fromStranger.first { $0.skill == "Swift" }!.strength)
        #expect(abs(swift.strength - expected) < 1e-12)
        let csv = ScoreReports.skillsCSV(book, network: n).text
        #expect(csv.hasPrefix("skill,strength,endorsers,top_endorser\r\nSwift,"))
        #expect(csv.contains(",2,Cora Close\r\n"))
        let ecsv = ScoreReports.endorsementsCSV(book, network: n).text
        #expect(
            ecsv.hasPrefix(
                "endorser_id,endorser_name,endorsee_id,endorsee_name,skill,kind,date,strength,tie,penalty\r\n")
        )
        #expect(ecsv.csvRows.count == 7)
    }

    @Test func swapNotAcceptedAndDecay() {
        var s = Synth()
        let me = s.person("Owen Owner", owner: true)
        let a = s.person("Ana Ruiz")
        let b = s.person("Bo Lind")
        s.event(.endorsement, me, [a], at: asOfT - 200 * day, detail: "Sales")
        s.event(.endorsement, a, [me], at: asOfT - 195 * day, detail: "Swift")  // returned in 5 days: swap
        s.event(.endorsement, me, [b], at: asOfT - 200 * day, detail: "Sales")
        s.event(.endorsement, b, [me], at: asOfT - 160 * day, detail: "Swift")  // 40 days later: no swap
        s.event(.endorsement, b, [me], at: asOfT - 160 * day, detail: "Go", flags: .notAccepted)
        s.event(.endorsement, b, [me], at: asOfT - 1260 * day, detail: "Rust")
        let n = s.network()
        let book = score(n)
        func e(_ who: String, _ skill: String) -> EndorsementScore {
            book.endorsements.first { $0.endorser == n.idx(who) && $0.skill == skill }!
        }
        #expect(e("Ana Ruiz", "Swift").penaltyReasons == .swap)
        #expect(e("Bo Lind", "Swift").penaltyReasons.isEmpty)
        #expect(e("Bo Lind", "Go").penaltyReasons == .notAccepted)
        #expect(abs(e("Bo Lind", "Go").penalty - 0.75) < 1e-12)
        // Three years older: half the weight (same tie, same credibility).
        #expect(abs(e("Bo Lind", "Rust").decay / e("Bo Lind", "Swift").decay - 0.5) < 0.01)
        // The owner initiated the swap with Ana: it shows in the owner's self-orientation toward her.
        let ana = book.people[Int(n.idx("Ana Ruiz"))]
        #expect(ana.ledger.contains { $0.score == .selfOrientation && $0.term == "endorsement_swap" })
        #expect(!book.people[Int(n.idx("Bo Lind"))].ledger.contains { $0.term == "endorsement_swap" })
    }

    @Test func recommendationSpecificityAndCredibility() {
        let vague = EndorsementScorer.recommendationSpecificity("Great guy.")
        let specific = EndorsementScorer.recommendationSpecificity(
            "I worked with Owen for three years on our team; he led the 2021 billing migration project and cut costs.")
        #expect(vague < specific)
        #expect(EndorsementScorer.recommendationSpecificity(nil) == 0.4)
        var s = Synth()
        let me = s.person("Owen Owner", owner: true)
        let a = s.person("Ana Ruiz")
        s.event(.connection, me, [a], at: asOfT - 300 * day)
        let before = score(s.network()).people[Int(s.network().idx("Ana Ruiz"))]
        s.event(.recommendation, a, [me], at: asOfT - 30 * day, text: "I worked with Owen; he led our billing project.")
        let after = score(s.network()).people[Int(s.network().idx("Ana Ruiz"))]
        #expect(before.credibility == 0)
        #expect(after.credibility > 0)
        #expect(after.ledger.contains { $0.score == .credibility && $0.term == "recommendations" })
    }
}
