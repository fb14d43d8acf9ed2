import Foundation
import Testing
@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathSupport

@Suite struct ZZMeasureTests {
    func sc(_ s: Synth, asOf: Double = asOfT) -> (ScoreBook, Network) {
        let n = s.network()
        return (Scorer.score(network: n, owner: n.sourceOwners.compactMap { $0 }.first!, asOf: asOf), n)
    }
    func st(_ s: Synth, _ who: String, asOf: Double = asOfT) -> Double {
        let (b, n) = sc(s, asOf: asOf); return b.people[Int(n.idx(who))].strength
    }
    func f(_ x: Double) -> String { String(format: "%.4f", x) }

    func friendship(last: Double, weeks: Int = 156) -> (Synth, Int32, Int32) {
        var s = Synth()
        let me = s.person("Owen Owner", owner: true)
        let ana = s.person("Ana Ruiz", company: "Acme")
        s.event(.connection, me, [ana], at: last - Double(weeks * 7 + 30) * day)
        let texts = ["How was the hiking trip with your family?", "Thanks for the coffee, loved hearing about the house",
                     "Are you free for lunch next week?", "Congrats on the launch, proud of you"]
        for k in 0..<weeks {
            let t = last - Double((weeks - 1 - k) * 7) * day
            s.message(ana, [me], at: t - 3600, thread: "ana-\(k / 10)", text: texts[k % 4] + " \(k)")
            s.message(me, [ana], at: t, thread: "ana-\(k / 10)", text: texts[(k + 1) % 4] + " \(k)")
        }
        return (s, me, ana)
    }

    @Test func measure() {
        var out = ""
        // 1. saturation
        var p = Synth(); let me = p.person("Owen Owner", owner: true); let bo = p.person("Bo Lind")
        p.event(.connection, me, [bo], at: asOfT - 700 * day)
        p.message(bo, [me], at: asOfT - 20 * day, thread: "b", text: "Nice to meet you at the conference")
        p.message(me, [bo], at: asOfT - 10 * day, thread: "b", text: "Likewise, thanks for the chat")
        p.message(bo, [me], at: asOfT - 3 * day, thread: "b", text: "Thanks!")
        let (c120, _, _) = friendship(last: asOfT, weeks: 60)
        out += "1 saturation: 3 polite \(f(st(p, "Bo Lind"))) vs 120 personal \(f(st(c120, "Ana Ruiz")))\n"
        // 2. recency
        let (fr, _, _) = friendship(last: asOfT)
        out += "2 recency: active \(f(st(fr, "Ana Ruiz"))), silent 400d \(f(st(fr, "Ana Ruiz", asOf: asOfT + 400 * day))), +4y more \(f(st(fr, "Ana Ruiz", asOf: asOfT + (400 + 1461) * day)))\n"
        // 3. template on bare connection
        var t = Synth(); let o = t.person("Owen Owner", owner: true); let x = t.person("Xia Bare")
        let others = (0..<6).map { t.person("Other \($0) Person") }
        for q in [x] + others { t.event(.connection, o, [q], at: asOfT - 400 * day) }
        let bare = st(t, "Xia Bare")
        let tmpl = "Hi there, I wanted to introduce our new platform that helps teams ship faster"
        var t1 = t
        for (k, q) in ([x] + others).enumerated() { t1.message(o, [q], at: asOfT - 30 * day, thread: "p\(k)", text: tmpl) }
        var t4 = t1
        for r in 1...3 { for (k, q) in ([x] + others).enumerated() { t4.message(o, [q], at: asOfT - Double(30 - 5 * r) * day, thread: "p\(k)", text: tmpl + " \(r) follow up") } }
        out += "3 bare connection \(f(bare)), +1 unanswered template \(f(st(t1, "Xia Bare"))), +4 \(f(st(t4, "Xia Bare")))\n"
        // 4. recruiter two words
        var r = Synth(); let ro = r.person("Owen Owner", owner: true); let rec = r.person("Rex Recruiter")
        r.event(.connection, ro, [rec], at: asOfT - 100 * day)
        r.message(rec, [ro], at: asOfT - 5 * day, thread: "r", text: "Quick chat?")
        let (rb, rn) = sc(r)
        out += "4 recruiter two-word unsolicited: intimacy \(f(rb.people[Int(rn.idx("Rex Recruiter"))].intimacy)) strength \(f(rb.people[Int(rn.idx("Rex Recruiter"))].strength))\n"
        // 5. unanswered follow-ups raise strength
        var raised = 0, total = 0
        for seed in UInt64(100)..<UInt64(180) {
            var s = randomSynth(seed: seed)
            let me = s.owner!
            var last: [String: Interaction] = [:]
            for i in s.interactions where i.kind == .message && !i.isGroup {
                if let l = last[i.thread!], l.time! >= i.time! { continue }
                last[i.thread!] = i
            }
            guard let (thread, tail) = last.sorted(by: { $0.key < $1.key }).first(where: { $0.value.actor == me }) else { continue }
            let c = tail.recipients[0]
            let who = s.people[Int(c)].displayName
            let before = st(s, who)
            s.message(me, [c], at: tail.time! + (asOfT - tail.time!) / 2, thread: thread, text: "Just following up on this \(seed)")
            total += 1
            if st(s, who) > before + 1e-12 { raised += 1 }
        }
        out += "5 unanswered follow-ups raise strength in \(raised) of \(total)\n"
        // 6. endorsement burst and recommendation
        var e = Synth(); let eo = e.person("Owen Owner", owner: true); let str = e.person("Sam Stranger"); let bc = e.person("Bea Bare")
        e.event(.connection, eo, [bc], at: asOfT - 400 * day)
        let (e0, en0) = sc(e)
        var e5 = e
        for k in ["Swift", "Go", "Rust", "Kotlin", "Scala"] { e5.event(.endorsement, str, [eo], at: asOfT - 20 * day, detail: k) }
        let (b5, n5) = sc(e5)
        let prior = ScoringConfig.default.strengthIntercept
        var er = e
        er.event(.recommendation, bc, [eo], at: asOfT - 20 * day, text: "I worked with Owen on the billing project; he led the launch.")
        let (br, nr) = sc(er)
        let rtie = br.endorsements.first!.tie
        out += "6 stranger 5-click burst adds \(f(b5.people[Int(n5.idx("Sam Stranger"))].logit - prior)) to the logit (vs prior); bare \(f(e0.people[Int(en0.idx("Bea Bare"))].strength)) -> with one recommendation \(f(br.people[Int(nr.idx("Bea Bare"))].strength)); tie used \(f(rtie)); sum E burst \(f(b5.endorsements.reduce(0) { $0 + $1.strength }))\n"
        // 7. alerts
        var a = Synth(); let ao = a.person("Owen Owner", owner: true)
        var owedN = 0
        for k in 0..<10 {
            let c = a.person("Asker \(k) Person")
            a.event(.connection, ao, [c], at: asOfT - 800 * day)
            a.message(c, [ao], at: asOfT - Double(300 + k * 10) * day, thread: "ask\(k)", text: "Could you help me with an intro \(k)?")
        }
        let na = a.network()
        let later = asOfT + 4 * 365 * day
        owedN = Alerts.compute(network: na, owner: na.sourceOwners.compactMap { $0 }.first!, asOf: later, scores: Scorer.score(network: na, owner: 0, asOf: later)).filter { $0.kind == .owedReply }.count
        out += "7a owed replies (300–390 days old) still flagged four years later: \(owedN) of 10\n"
        let (fb, fme, fana) = friendship(last: asOfT - 200 * day, weeks: 20)
        var s7 = fb
        s7.message(fana, [fme], at: asOfT - 20 * day, thread: "ask", text: "Could you introduce me to Kim?")
        s7.message(fme, [fana], at: asOfT - 10 * day, thread: "new-thread", text: "Sure, writing to Kim now")
        let n7 = s7.network()
        let a7 = Alerts.compute(network: n7, owner: n7.sourceOwners.compactMap { $0 }.first!, asOf: asOfT, scores: Scorer.score(network: n7, owner: n7.sourceOwners.compactMap { $0 }.first!, asOf: asOfT))
        out += "7b reply in a new conversation settles owed reply: \(a7.filter { $0.kind == .owedReply && $0.name == "Ana Ruiz" && $0.since == ReportDate.day(asOfT - 20 * day) }.isEmpty)\n"
        let (db, dme, dana) = friendship(last: asOfT - 400 * day)
        var d = db
        let cy = d.person("Cy Park")
        d.message(cy, [dme, dana], at: asOfT - 5 * day, thread: "party", text: "Party at mine on Saturday!", group: true)
        let nd = d.network()
        var recent: [PersonID: Double] = [:]
        for pp in nd.people { recent[pp.id] = 0.9 }
        let dorm = Alerts.compute(network: nd, owner: nd.sourceOwners.compactMap { $0 }.first!, asOf: asOfT, scores: Scorer.score(network: nd, owner: nd.sourceOwners.compactMap { $0 }.first!, asOf: asOfT), recentStrength: recent).filter { $0.kind == .dormant }
        out += "7c strong tie silent 400d 1:1, third-party group note 5d ago: dormant flagged = \(!dorm.isEmpty)\n"
        let nb = t1.network()
        var rb2: [PersonID: Double] = [:]
        for pp in nb.people { rb2[pp.id] = 0.9 }
        let al = Alerts.compute(network: nb, owner: nb.sourceOwners.compactMap { $0 }.first!, asOf: asOfT + 400 * day, scores: Scorer.score(network: nb, owner: nb.sourceOwners.compactMap { $0 }.first!, asOf: asOfT + 400 * day), recentStrength: rb2)
        let bset = Set(al.filter { $0.kind == .broadcastOnly }.map(\.name)); let dset = Set(al.filter { $0.kind == .dormant }.map(\.name))
        out += "7d broadcast-only also flagged dormant: \(bset.intersection(dset).count) of \(bset.count)\n"
        // 8. outreach to dormant strong tie
        let (ob, ome, oana) = friendship(last: asOfT - 400 * day)
        var o2 = ob
        let before8 = st(ob, "Ana Ruiz")
        o2.message(ome, [oana], at: asOfT - 1 * day, thread: "ana-new", text: "It has been too long, how are you?")
        out += "8 my message to a dormant strong tie: \(f(before8)) -> \(f(st(o2, "Ana Ruiz")))\n"
        print("MEASURE\n" + out)
    }
}
