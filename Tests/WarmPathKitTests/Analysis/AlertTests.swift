import Foundation
import Testing
@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

@Suite("AlertTests")
struct AlertTests {
    static let now = SnapFixture.asOf("2024-03-20")

    static func alerts(
        _ f: SnapFixture, strength: [String: Double] = [:], reliability: [String: Double] = [:],
        owed: [String: Int] = [:], recent: [String: Double] = [:], scored: Bool = true
    ) -> [Alert] {
        let net = f.network()
        let book = scored ? net.snapScores(asOf: now, strength: strength, reliability: reliability, owed: owed) : nil
        var recentByID: [PersonID: Double] = [:]
        for (n, s) in recent { recentByID[net.people[Int(net.snapIdx(n))].id] = s }
        return Alerts.compute(network: net, owner: net.snapOwner, asOf: now, scores: book, recentStrength: recentByID)
    }

    static func of(_ kind: AlertKind, _ alerts: [Alert]) -> [Alert] { alerts.filter { $0.kind == kind } }

    static func base(_ names: String...) -> SnapFixture {
        var f = SnapFixture()
        for n in names {
            f.add(n)
            f.connect(n, on: "2023-01-05")
        }
        return f
    }

    // MARK: owed_reply

    @Test func inboundUnansweredIsOwedWithItsReadinessCost() {
        var f = Self.base("Ana Ruiz")
        f.message(from: "Ana Ruiz", to: nil, on: "2024-03-02", text: "Could you look at my draft before Friday?")
        let a = Self.of(.owedReply, Self.alerts(f, reliability: ["Ana Ruiz": 0.5], owed: ["Ana Ruiz": 1]))
        #expect(a.count == 1)
        #expect(a.first?.since == "2024-03-02")
        #expect(a.first?.days == 18)
        // 18 days old of a 90-day horizon (owed from day 3): weight 1 − 15/87 = 0.828.
        // R = 0.5, unrotted 0.5 / 0.85^0.828 = 0.572; readiness cost (0.572 − 0.5) / 3 = 0.024.
        #expect(
            a.first?.detail
                == "Ana Ruiz wrote on 2024-03-02 (1:1, 18 days ago) and has had no reply; each owed reply multiplies reliability by 0.85: readiness −0.02; a reply in any conversation settles it, and it expires on 2024-05-31"
        )
    }

    @Test func aReplyResolvesOwedReply() {
        var f = Self.base("Ana Ruiz")
        f.message(from: "Ana Ruiz", to: nil, on: "2024-03-02", text: "Could you look at my draft before Friday?")
        f.message(from: nil, to: "Ana Ruiz", on: "2024-03-03", text: "Sure, sending notes tonight")
        #expect(Self.of(.owedReply, Self.alerts(f)).isEmpty)
    }

    @Test func aRecentMessageIsNotYetOwed() {
        var f = Self.base("Ana Ruiz")
        f.message(from: "Ana Ruiz", to: nil, on: "2024-03-18", text: "Could you look at my draft before Friday?")
        #expect(Self.of(.owedReply, Self.alerts(f)).isEmpty)
    }

    @Test func aTemplateInboundIsNotOwed() {
        var f = Self.base("Rex Recruiter", "X One", "X Two", "X Three")
        let pitch = "We have an exciting opportunity at a fast growing startup, are you open to a chat"
        for n in ["X One", "X Two", "X Three"] {
            f.message(
                from: "Rex Recruiter", to: n, on: "2024-03-01", text: "Hi \(n.split(separator: " ")[0]), \(pitch)")
        }
        f.message(from: "Rex Recruiter", to: nil, on: "2024-03-01", text: "Hi Olivia, \(pitch)")
        #expect(Self.of(.owedReply, Self.alerts(f)).isEmpty)
    }

    // MARK: awaiting_reply

    @Test func outboundUnansweredIsAwaited() {
        var f = Self.base("Bo Chen")
        f.message(from: nil, to: "Bo Chen", on: "2024-03-05", text: "Would you introduce me to your VP of sales?")
        let a = Self.of(.awaitingReply, Self.alerts(f))
        #expect(a.count == 1)
        #expect(a.first?.since == "2024-03-05" && a.first?.days == 15)
        #expect(
            a.first?.detail
                == "You wrote to Bo Chen on 2024-03-05 (1:1, 15 days ago) and have had no reply; a follow-up is due (2 more before this alert stops)"
        )
    }

    @Test func awaitingStopsAfterTwoFollowUps() {
        var one = Self.base("Bo Chen")
        one.message(from: nil, to: "Bo Chen", on: "2024-02-20", text: "Would you introduce me to your VP of sales?")
        one.message(from: nil, to: "Bo Chen", on: "2024-03-01", text: "Gentle nudge on the intro, no pressure")
        let a = Self.of(.awaitingReply, Self.alerts(one))
        #expect(a.count == 1)
        #expect(a.first?.detail.contains("no reply to it or to 1 follow-up; a follow-up is due (1 more") == true)
        var two = one
        two.message(from: nil, to: "Bo Chen", on: "2024-03-08", text: "Last try, happy to send a blurb")
        #expect(Self.of(.awaitingReply, Self.alerts(two)).isEmpty)
    }

    @Test func aReplyOrARecentMessageIsNotAwaited() {
        var f = Self.base("Bo Chen", "Cy Park")
        f.message(from: nil, to: "Bo Chen", on: "2024-03-01", text: "Would you introduce me to your VP of sales?")
        f.message(from: "Bo Chen", to: nil, on: "2024-03-02", text: "Yes, will do this week")
        f.message(from: nil, to: "Cy Park", on: "2024-03-16", text: "Coffee next week to catch up?")
        #expect(Self.of(.awaitingReply, Self.alerts(f)).isEmpty)
    }

    // MARK: dormant

    /// Messages every 10 days through 2023 (median gap 10, clamped to 14).
    static func regular(_ f: inout SnapFixture, _ name: String, until last: String) {
        var t = SnapFixture.time("2023-06-01")
        let end = SnapFixture.time(last)
        var k = 0
        while t <= end {
            let day = ReportDate.day(t)
            if k % 2 == 0 {
                f.message(from: name, to: nil, on: day, text: "How is the new launch going over there")
            } else {
                f.message(from: nil, to: name, on: day, text: "Going well, thanks for asking about it")
            }
            t += 10 * 86_400
            k += 1
        }
    }

    @Test func aStrongTieGoneQuietIsDormant() {
        var f = Self.base("Ana Ruiz")
        Self.regular(&f, "Ana Ruiz", until: "2023-12-01")
        let a = Self.of(.dormant, Self.alerts(f, strength: ["Ana Ruiz": 0.6]))
        #expect(a.count == 1)
        let d = a[0]
        #expect(d.since == "2023-11-28")
        #expect(d.days == 113)
        #expect(
            d.detail
                == "Last two-way 1:1 exchange with Ana Ruiz on 2023-11-28 (113 days ago), more than twice the usual gap of 14 days (median over the last 2 years, kept within 14–365); strength 0.60"
        )
    }

    @Test func anActiveCloseTieIsNotDormant() {
        var f = Self.base("Ana Ruiz")
        Self.regular(&f, "Ana Ruiz", until: "2024-03-15")
        #expect(Self.of(.dormant, Self.alerts(f, strength: ["Ana Ruiz": 0.9])).isEmpty)
    }

    @Test func aWeakTieIsNotDormantUnlessItWasStrongRecently() {
        var f = Self.base("Ana Ruiz")
        Self.regular(&f, "Ana Ruiz", until: "2023-12-01")
        #expect(Self.of(.dormant, Self.alerts(f, strength: ["Ana Ruiz": 0.3])).isEmpty)
        let a = Self.of(.dormant, Self.alerts(f, strength: ["Ana Ruiz": 0.3], recent: ["Ana Ruiz": 0.7]))
        #expect(a.count == 1)
        #expect(a.first?.detail.hasSuffix("strength was 0.70 in recent weeks, now 0.30") == true)
    }

    @Test func dunbarCadenceWhenHistoryIsShort() {
        // Connected long ago (outside the 2-year window), one message 40 days ago: no usual gap.
        var f = SnapFixture()
        f.add("Ana Ruiz")
        f.connect("Ana Ruiz", on: "2020-01-05")
        f.message(from: "Ana Ruiz", to: nil, on: "2024-02-09", text: "Great seeing you at the meetup last night")
        f.message(from: nil, to: "Ana Ruiz", on: "2024-02-09", text: "Likewise, let's grab lunch soon", hour: 2)
        let a = Self.of(.dormant, Self.alerts(f, strength: ["Ana Ruiz": 0.7]))
        #expect(a.count == 1)
        #expect(a.first?.detail.contains("the 14-day cadence of a top-5 contact (strength rank 1") == true)
        // Without scores the strength is unknown: no dormant alert.
        #expect(Self.of(.dormant, Self.alerts(f, scored: false)).isEmpty)
    }

    // MARK: broadcast_only

    @Test func templateBlastWithNoAnswerIsBroadcastOnly() {
        var f = Self.base("Ana Ruiz", "Bo Chen", "Cy Park", "Dee Diaz")
        let blast = "I am launching a new product for sales teams, would love your feedback on it"
        for n in ["Ana Ruiz", "Bo Chen", "Cy Park", "Dee Diaz"] {
            f.message(from: nil, to: n, on: "2024-03-01", text: "Hi \(n.split(separator: " ")[0]), \(blast)")
        }
        f.message(from: "Dee Diaz", to: nil, on: "2024-03-02", text: "Sounds interesting, send me a link")
        let all = Self.alerts(f)
        let b = Self.of(.broadcastOnly, all)
        #expect(
            b.map(\.name)
                == ["Ana Ruiz", "Bo Chen", "Cy Park"].sorted { a, c in
                    let net = f.network()
                    return net.people[Int(net.snapIdx(a))].id < net.people[Int(net.snapIdx(c))].id
                })
        #expect(
            b.first?.detail.hasSuffix(
                "was template text (the same words, names aside, sent to 3 or more people), and \(b.first!.name) never wrote back"
            ) == true)
        // A template is not a personal ask: no awaiting_reply for the blast.
        #expect(Self.of(.awaitingReply, all).isEmpty)
    }

    @Test func aPersonalMessageIsNotBroadcastOnly() {
        var f = Self.base("Ana Ruiz")
        f.message(
            from: nil, to: "Ana Ruiz", on: "2024-03-01", text: "Loved your talk on pricing, can I ask one question?")
        #expect(Self.of(.broadcastOnly, Self.alerts(f)).isEmpty)
    }

    // MARK: no_relationship

    @Test func aBareConnectionHasNoRelationship() {
        var f = SnapFixture()
        for n in ["Ana Ruiz", "Bo Chen", "Cy Park", "Dee Diaz", "Eve Ng"] { f.add(n) }
        f.connect("Ana Ruiz", on: "2023-05-01")
        f.connect("Bo Chen", on: "2023-05-01")
        f.message(from: "Bo Chen", to: nil, on: "2023-05-02", text: "Thanks for connecting!")
        f.connect("Cy Park", on: "2023-05-01")
        f.invitation(from: nil, to: "Cy Park", on: "2023-04-30", note: false)
        f.connect("Dee Diaz", on: "2023-05-01")
        f.invitation(from: "Dee Diaz", to: nil, on: "2023-04-30", note: true)
        f.connect("Eve Ng", on: nil)
        f.endorse(from: "Eve Ng", on: "2023-06-01")
        let net = f.network()
        let a = Self.of(.noRelationship, Self.alerts(f))
        #expect(Set(a.map(\.name)) == ["Ana Ruiz", "Cy Park"])
        let ana = a.first { $0.name == "Ana Ruiz" }!
        #expect(ana.personID == net.people[Int(net.snapIdx("Ana Ruiz"))].id)
        #expect(ana.since == "2023-05-01" && ana.days == 324)
        #expect(
            ana.detail
                == "Connected with Ana Ruiz on 2023-05-01 (324 days ago) but no message, invitation note, endorsement or recommendation either way: a connection alone is not a relationship"
        )
    }

    @Test func anUndatedBareConnection() {
        var f = SnapFixture()
        f.add("Ana Ruiz")
        f.connect("Ana Ruiz", on: nil)
        let a = Self.of(.noRelationship, Self.alerts(f))
        #expect(a.count == 1 && a[0].since == "" && a[0].days == nil)
        let csv = AlertsReport.csv(a).text
        #expect(csv.hasPrefix("kind,person_id,name,since,days,detail\r\nno_relationship,p"))
        #expect(csv.contains(",Ana Ruiz,,,\"Connected with Ana Ruiz (date unknown) but no message,"))
    }

    // MARK: general

    @Test func noOwnerNoAlertsAndFutureEventsIgnored() {
        var f = Self.base("Ana Ruiz")
        f.message(from: "Ana Ruiz", to: nil, on: "2024-03-02", text: "Could you look at my draft before Friday?")
        let net = f.network()
        #expect(Alerts.compute(network: net, owner: nil, asOf: Self.now).isEmpty)
        // As of a day before the message, there is nothing owed.
        let early = Alerts.compute(network: net, owner: net.snapOwner, asOf: SnapFixture.asOf("2024-03-01"))
        #expect(Self.of(.owedReply, early).isEmpty)
    }

    @Test func alertsAreSortedByKindThenPerson() {
        var f = Self.base("Ana Ruiz", "Bo Chen", "Cy Park")
        f.message(from: "Ana Ruiz", to: nil, on: "2024-03-02", text: "Could you look at my draft before Friday?")
        f.message(from: nil, to: "Bo Chen", on: "2024-03-05", text: "Would you introduce me to your VP of sales?")
        let a = Self.alerts(f)
        #expect(a == a.sorted())
        #expect(a.map(\.kind) == [.owedReply, .awaitingReply, .noRelationship])
        let file = AlertsReport.csv(a)
        #expect(file.name == "alerts.csv")
        #expect(file.text.split(separator: "\r\n").count == 4)
    }
}
