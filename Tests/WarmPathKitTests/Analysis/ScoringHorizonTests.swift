import Foundation
import Testing
@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathSupport

/// Time horizons (issue 17): silence lowers strength, owed replies fade and expire and are
/// settled by any later message, dormancy runs on two-way 1:1 contact only.
@Suite struct ScoringHorizonTests {
    /// Ana and Owen exchange personal 1:1 messages every week for three years (Owen answers
    /// last), the last on `last`.
    static func friendship(last: Double, weeks: Int = 156) -> (Synth, Int32, Int32) {
        var s = Synth()
        let me = s.person("Owen Owner", owner: true)
        let ana = s.person("Ana Ruiz", company: "Acme")
        s.event(.connection, me, [ana], at: last - Double(weeks * 7 + 30) * day)
        let texts = [
            "How was the hiking trip with your family?", "Thanks for the coffee, loved hearing about the house",
            "Are you free for lunch next week?", "Congrats on the launch, proud of you",
        ]
        for k in 0..<weeks {
            let t = last - Double((weeks - 1 - k) * 7) * day
            s.message(ana, [me], at: t - 3600, thread: "ana-\(k / 10)", text: texts[k % 4] + " \(k)")
            s.message(me, [ana], at: t, thread: "ana-\(k / 10)", text: texts[(k + 1) % 4] + " \(k)")
        }
        return (s, me, ana)
    }

    static func strength(_ s: Synth, _ who: String, asOf: Double) -> Double {
        let n = s.network()
        let book = Scorer.score(network: n, owner: n.sourceOwners.compactMap { $0 }.first!, asOf: asOf)
        return book.people[Int(n.idx(who))].strength
    }

    // MARK: Silence

    /// Strong while active, below the strong band (0.7) after about a year of silence, and still
    /// falling years later.
    @Test func silenceTakesAStrongTieOutOfTheStrongBand() {
        let (s, _, _) = Self.friendship(last: asOfT)
        let curve = [0.0, 90, 180, 365, 730, 1460].map { Self.strength(s, "Ana Ruiz", asOf: asOfT + $0 * day) }
        #expect(curve[0] > 0.9, "\(curve)")
        #expect(curve[3] < 0.7, "\(curve)")
        for k in 1..<curve.count { #expect(curve[k] < curve[k - 1], "\(curve)") }
        #expect(curve[5] < 0.4, "\(curve)")
    }

    /// Three polite messages are not a close tie; 120 personal ones are (no saturation).
    @Test func activityKeepsGrowingWithTheExchange() {
        var s = Synth()
        let me = s.person("Owen Owner", owner: true)
        let bo = s.person("Bo Lind")
        s.event(.connection, me, [bo], at: asOfT - 700 * day)
        s.message(bo, [me], at: asOfT - 20 * day, thread: "b", text: "Nice to meet you at the conference")
        s.message(me, [bo], at: asOfT - 10 * day, thread: "b", text: "Likewise, thanks for the chat")
        s.message(bo, [me], at: asOfT - 3 * day, thread: "b", text: "Thanks!")
        let polite = Self.strength(s, "Bo Lind", asOf: asOfT)
        let (f, _, _) = Self.friendship(last: asOfT, weeks: 60)
        let close = Self.strength(f, "Ana Ruiz", asOf: asOfT)
        #expect(polite < 0.5, "\(polite)")
        #expect(close > 0.9, "\(close)")
    }

    /// My own message to a tie silent for 400 days does not lower its strength.
    @Test func reachingOutToADormantTieNeverLowersStrength() {
        let (base, me, ana) = Self.friendship(last: asOfT - 400 * day)
        var s = base
        let before = Self.strength(s, "Ana Ruiz", asOf: asOfT)
        s.message(me, [ana], at: asOfT - 1 * day, thread: "ana-new", text: "It has been too long, how are you?")
        let after = Self.strength(s, "Ana Ruiz", asOf: asOfT)
        #expect(after >= before)
        s.message(ana, [me], at: asOfT - 0.5 * day, thread: "ana-new", text: "So good to hear from you!")
        #expect(Self.strength(s, "Ana Ruiz", asOf: asOfT) > after + 0.1)
    }

    // MARK: Owed replies

    static func owed(_ s: Synth, asOf: Double = asOfT, config: ScoringConfig = .default) -> (
        ContactConversation, [Alert]
    ) {
        let n = s.network()
        let me = n.sourceOwners.compactMap { $0 }.first!
        let conv = ConversationIndex.build(network: n, owner: me, asOf: asOf, config: config)
        let book = Scorer.score(network: n, owner: me, asOf: asOf, config: config)
        let alerts = Alerts.compute(
            network: n, owner: me, asOf: asOf, scores: book, config: AlertConfig(scoring: config), conversations: conv)
        return (conv.contact(n.idx("Ana Ruiz")), alerts.filter { $0.kind == .owedReply })
    }

    /// An owed reply weighs less as it ages and is gone after `owed_reply_horizon_days` (90).
    @Test func owedRepliesFadeAndExpire() {
        var weights: [Double] = []
        for age in [10.0, 45, 89, 91, 400] {
            let (base, me, ana) = Self.friendship(last: asOfT - 500 * day, weeks: 20)
            var s = base
            s.message(ana, [me], at: asOfT - age * day, thread: "ask", text: "Could you introduce me to Kim?")
            let (cc, alerts) = Self.owed(s)
            if age < 90 {
                #expect(cc.owedReplies.count == 1 && alerts.count == 1, "age \(age)")
                weights.append(cc.owedWeight)
                #expect(alerts.first?.detail.contains("expires on") == true)
            } else {
                #expect(cc.owedReplies.isEmpty && alerts.isEmpty, "age \(age)")
                #expect(cc.expiredOwedReplies == 1)
            }
        }
        #expect(weights.count == 3 && weights[0] > weights[1] && weights[1] > weights[2] && weights[2] > 0)
        // A longer horizon keeps it.
        let (base, me, ana) = Self.friendship(last: asOfT - 500 * day, weeks: 20)
        var s = base
        s.message(ana, [me], at: asOfT - 400 * day, thread: "ask", text: "Could you introduce me to Kim?")
        var c = ScoringConfig.default
        c.owedReplyHorizonDays = 500
        #expect(Self.owed(s, config: c).1.count == 1)
    }

    /// Any later personal message from me to that person settles an owed reply, in another
    /// thread or another source; an earlier one or a template does not.
    @Test func anyLaterMessageSettlesAnOwedReply() {
        let (base, me, ana) = Self.friendship(last: asOfT - 200 * day, weeks: 20)
        var s = base
        s.message(ana, [me], at: asOfT - 20 * day, thread: "ask", text: "Could you introduce me to Kim?")
        #expect(Self.owed(s).1.count == 1)
        var earlier = s
        earlier.message(me, [ana], at: asOfT - 25 * day, thread: "other", text: "Did you see the news?")
        #expect(Self.owed(earlier).1.count == 1)
        var template = s
        let blast = "Hello all, our quarterly newsletter is out with lots of updates inside"
        for (k, r) in [ana, template.person("T One"), template.person("T Two"), template.person("T Three")]
            .enumerated()
        {
            template.message(me, [r], at: asOfT - 10 * day, thread: "news-\(k)", text: blast)
        }
        #expect(Self.owed(template).1.count == 1)
        var settled = s
        settled.message(me, [ana], at: asOfT - 10 * day, thread: "new-thread", text: "Sure, writing to Kim now")
        let (cc, alerts) = Self.owed(settled)
        #expect(alerts.isEmpty && cc.owedReplies.isEmpty && cc.settledOwedReplies == 1)
        // The same from another export (Facebook), the person merged by e-mail.
        var a = s
        a.people[Int(ana)].emails = ["ana@example.com"]
        var b = Synth(label: "facebook")
        let me2 = b.person("Owen Owner", owner: true)
        let ana2 = b.person("Ana Ruiz", key: "", email: "ana@example.com")
        b.message(me2, [ana2], at: asOfT - 5 * day, thread: "fb-1", text: "Replying here: yes, happy to")
        var fb = b.build()
        fb.kind = .facebook
        let n = NetworkBuilder().build([a.build(), fb])
        let owner = n.sourceOwners.compactMap { $0 }.first!
        let alerts2 = Alerts.compute(network: n, owner: owner, asOf: asOfT, scores: score(n))
        #expect(n.people.filter { $0.name == "Ana Ruiz" }.count == 1)
        #expect(alerts2.filter { $0.kind == .owedReply }.isEmpty)
    }

    // MARK: Dormancy

    static func dormant(_ s: Synth, recent: Double = 0.9) -> [Alert] {
        let n = s.network()
        let me = n.sourceOwners.compactMap { $0 }.first!
        let book = Scorer.score(network: n, owner: me, asOf: asOfT)
        var recentByID: [PersonID: Double] = [:]
        for p in n.people where p.name != "Owen Owner" { recentByID[p.id] = recent }
        return Alerts.compute(network: n, owner: me, asOf: asOfT, scores: book, recentStrength: recentByID)
            .filter { $0.kind == .dormant }
    }

    /// The dormancy clock runs on two-way 1:1 exchange: a third person's group note naming both,
    /// or the owner's unanswered message, does not reset it.
    @Test func dormancyRunsOnTwoWayOneToOneContactOnly() {
        let (base, me, ana) = Self.friendship(last: asOfT - 400 * day)
        var s = base
        #expect(Self.dormant(s).map(\.name) == ["Ana Ruiz"])
        let cy = s.person("Cy Park")
        s.message(cy, [me, ana], at: asOfT - 5 * day, thread: "party", text: "Party at mine on Saturday!", group: true)
        s.message(me, [ana], at: asOfT - 2 * day, thread: "ping", text: "Thinking of you, how are things?")
        let alerts = Self.dormant(s)
        #expect(alerts.map(\.name) == ["Ana Ruiz"])
        #expect(alerts.first?.days == 400)
        #expect(alerts.first?.detail.hasPrefix("Last two-way 1:1 exchange with Ana Ruiz") == true)
        // Her answer restarts the clock.
        s.message(ana, [me], at: asOfT - 1 * day, thread: "ping", text: "All good, let's catch up soon")
        #expect(Self.dormant(s).isEmpty)
    }

    /// Someone who only ever received broadcasts is flagged broadcast-only, never dormant.
    @Test func broadcastOnlyIsNeverDormant() {
        var s = Synth()
        let me = s.person("Owen Owner", owner: true)
        let bo = s.person("Bo Lind")
        let others = (0..<4).map { s.person("Other \($0) Person") }
        for p in [bo] + others {
            s.event(.connection, me, [p], at: asOfT - 900 * day)
            s.message(
                me, [p], at: asOfT - 800 * day, thread: "b-\(p)",
                text: "Hi there, I wanted to introduce our new platform that helps teams ship faster")
        }
        let n = s.network()
        let book = score(n)
        var recent: [PersonID: Double] = [:]
        for p in n.people { recent[p.id] = 0.95 }
        let alerts = Alerts.compute(network: n, owner: n.snapOwner, asOf: asOfT, scores: book, recentStrength: recent)
        #expect(alerts.filter { $0.kind == .dormant }.isEmpty)
        #expect(alerts.filter { $0.kind == .broadcastOnly }.map(\.name).contains("Bo Lind"))
    }
}
