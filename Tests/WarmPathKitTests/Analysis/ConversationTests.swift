import Testing
@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

@Suite struct ConversationTests {
    @Test func countsRepliesAndLatencies() {
        var s = Synth()
        let me = s.person("Owen Owner", owner: true)
        let ana = s.person("Ana Ruiz")
        s.message(me, [ana], at: asOfT - 30 * day, thread: "a")
        s.message(ana, [me], at: asOfT - 29 * day, thread: "a")
        s.message(me, [ana], at: asOfT - 27 * day, thread: "a")
        s.message(ana, [me], at: asOfT - 20 * day, thread: "a")
        let n = s.network()
        let conv = ConversationIndex.build(network: n, owner: n.idx("Owen Owner"), asOf: asOfT)
        let c = conv.contact(n.idx("Ana Ruiz"))
        #expect(c.messagesIn == 2)
        #expect(c.messagesOut == 2)
        #expect(c.repliesByContact == 2)
        #expect(c.repliesByOwner == 1)
        #expect(c.latenciesByContact == [1 * day, 7 * day])
        #expect(c.latenciesByOwner == [2 * day])
        #expect(c.lastInbound == asOfT - 20 * day)
        #expect(c.lastOutbound == asOfT - 27 * day)
        #expect(c.gaps == [1 * day, 2 * day, 7 * day])
        // Ana's last message has waited 20 days: one owed reply, since that message.
        #expect(c.owedReplies.count == 1)
        #expect(c.owedReplies.first?.since == asOfT - 20 * day)
        #expect(c.owedReplies.first?.provenance.line == 4)
        #expect(c.dueForOwner == 2 && c.repliedByOwner == 1)
        #expect(c.dueForContact == 2 && c.repliedByContact == 2)
        #expect(c.threadsStartedByOwner == 1)
    }

    @Test func owedReplyNeedsTheDelayOneToOneAndNoBroadcast() {
        var s = Synth()
        let me = s.person("Owen Owner", owner: true)
        let ana = s.person("Ana Ruiz")
        let bo = s.person("Bo Lind")
        let cy = s.person("Cy Park")
        let others = (0..<4).map { s.person("Other \($0) Person") }
        // Two days old: not owed yet at the default 3 days.
        s.message(ana, [me], at: asOfT - 2 * day, thread: "a")
        // Group message: never owed.
        s.message(bo, [me, cy], at: asOfT - 10 * day, thread: "g", group: true)
        // Cy sends the same long text (names aside) to four people: a template, not owed.
        for (k, o) in ([me] + others).enumerated() {
            s.message(
                cy, [o], at: asOfT - Double(40 + k) * day, thread: "c\(k)",
                text: "Hello friend, I would love to tell you about our new platform offer")
        }
        let n = s.network()
        let owner = n.idx("Owen Owner")
        let conv = ConversationIndex.build(network: n, owner: owner, asOf: asOfT)
        #expect(conv.contact(n.idx("Ana Ruiz")).owedReplies.isEmpty)
        #expect(conv.contact(n.idx("Bo Lind")).owedReplies.isEmpty)
        #expect(conv.contact(n.idx("Cy Park")).owedReplies.isEmpty)
        #expect(conv.contact(n.idx("Cy Park")).templateIn == 1)
        // With a 1-day delay Ana's message is owed.
        var cfg = ScoringConfig.default
        cfg.owedReplyDays = 1
        let conv1 = ConversationIndex.build(network: n, owner: owner, asOf: asOfT, config: cfg)
        #expect(conv1.contact(n.idx("Ana Ruiz")).owedReplies.count == 1)
        #expect(conv1.contact(n.idx("Bo Lind")).groupMessages == 1)
    }

    @Test func awaitingCountsFollowUps() {
        var s = Synth()
        let me = s.person("Owen Owner", owner: true)
        let ana = s.person("Ana Ruiz")
        s.message(me, [ana], at: asOfT - 40 * day, thread: "a")
        s.message(me, [ana], at: asOfT - 30 * day, thread: "a")
        s.message(me, [ana], at: asOfT - 20 * day, thread: "a")
        let n = s.network()
        let c = ConversationIndex.build(network: n, owner: n.idx("Owen Owner"), asOf: asOfT).contact(n.idx("Ana Ruiz"))
        #expect(c.awaiting.count == 1)
        #expect(c.awaiting.first?.followUps == 2)
        #expect(c.awaiting.first?.since == asOfT - 40 * day)
        #expect(c.maxOutboundRun == 3)
        #expect(c.dueForContact == 1 && c.repliedByContact == 0)
        #expect(c.owedReplies.isEmpty)
    }

    @Test func excludesSponsoredDraftSpamAndFutureMessages() {
        var s = Synth()
        let me = s.person("Owen Owner", owner: true)
        let ana = s.person("Ana Ruiz")
        s.message(ana, [me], at: asOfT - 10 * day, thread: "a", flags: .sponsored)
        s.message(ana, [me], at: asOfT - 9 * day, thread: "b", flags: .spam)
        s.message(me, [ana], at: asOfT - 8 * day, thread: "c", flags: .draft)
        s.message(ana, [me], at: asOfT + 8 * day, thread: "d")
        let n = s.network()
        let c = ConversationIndex.build(network: n, owner: n.idx("Owen Owner"), asOf: asOfT).contact(n.idx("Ana Ruiz"))
        #expect(!c.hasMessages)
        #expect(c.sponsoredIn == 1)
        let mi = MessageIndex.build(network: n, asOf: asOfT, config: .default)
        #expect(mi.sponsored.filter { $0 }.count == 1)
        #expect(mi.usable.filter { $0 }.isEmpty)
    }

    @Test func groupRepliesAndDuplicatesAcrossExports() {
        var a = Synth(label: "linkedin")
        let me = a.person("Owen Owner", owner: true)
        let ana = a.person("Ana Ruiz")
        let bo = a.person("Bo Lind")
        a.message(ana, [me, bo], at: asOfT - 10 * day, thread: "g", group: true)
        a.message(bo, [me, ana], at: asOfT - 9 * day, thread: "g", group: true)
        a.message(me, [ana, bo], at: asOfT - 8 * day, thread: "g", group: true)
        // Ana's export holds the same 1:1 message (her own archive): counted once.
        a.message(ana, [me], at: asOfT - 5 * day, thread: "x", text: "Lunch on Friday?")
        var b = Synth(label: "linkedin#2")
        let me2 = b.person("Owen Owner")
        let ana2 = b.person("Ana Ruiz", owner: true)
        b.message(ana2, [me2], at: asOfT - 5 * day, thread: "x", text: "Lunch on Friday?")
        let n = NetworkBuilder().build([a.build(), b.build()])
        let conv = ConversationIndex.build(network: n, owner: n.idx("Owen Owner"), asOf: asOfT)
        let c = conv.contact(n.idx("Ana Ruiz"))
        #expect(c.repliesByOwner == 1)
        #expect(c.latenciesByOwner == [2 * day])
        #expect(c.messagesIn == 2)
        #expect(c.groupMessages == 2 && c.oneToOneMessages == 1)
        #expect(conv.contact(n.idx("Bo Lind")).repliesByOwner == 1)
    }
}
