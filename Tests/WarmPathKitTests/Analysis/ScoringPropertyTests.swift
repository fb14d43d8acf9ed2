import Foundation
import Testing
@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

/// Metamorphic properties of MODEL.md §5.9 items 5 and 6 on seeded synthetic exports.
@Suite struct ScoringPropertyTests {
    static let seeds = Array(UInt64(100)..<UInt64(130))

    func activity(_ p: PersonScore) -> Double {
        p.ledger.filter { $0.term.hasPrefix("activity_") }.reduce(0) { $0 + $1.contribution }
    }

    @Test func addingAReplyNeverLowersReliability() {
        var checked = 0
        for seed in Self.seeds {
            var s = randomSynth(seed: seed)
            var g = SplitMix64(seed: seed ^ 0xABCD)
            let me = s.owner!
            // The 1:1 threads and their last message.
            var last: [String: Interaction] = [:]
            for i in s.interactions where i.kind == .message && !i.isGroup {
                if let l = last[i.thread!], l.time! >= i.time! { continue }
                last[i.thread!] = i
            }
            guard let (thread, tail) = last.sorted(by: { $0.key < $1.key }).randomElement(using: &g) else { continue }
            let contact = tail.actor == me ? tail.recipients[0] : tail.actor
            let before = score(s.network())
            let ci = Int(s.network().idx(s.people[Int(contact)].displayName))
            if tail.actor == me {
                // The contact answers (recently: an answer the owner does not owe anything for yet).
                let t =
                    max(tail.time!, asOfT - 2 * day) + Double.random(in: 0.01...0.99, using: &g)
                    * min(2 * day, asOfT - max(tail.time!, asOfT - 2 * day))
                s.message(contact, [me], at: t, thread: thread, text: "Sounds great, talk soon \(seed)")
            } else {
                let t = tail.time! + Double.random(in: 0.01...1, using: &g) * (asOfT - tail.time!)
                s.message(me, [contact], at: t, thread: thread, text: "Thanks for writing, see you soon \(seed)")
            }
            let after = score(s.network())
            #expect(after.people[ci].reliability >= before.people[ci].reliability - 1e-12, "seed \(seed)")
            checked += 1
        }
        #expect(checked >= 20)
    }

    @Test func shiftingEventsOlderNeverRaisesActivity() {
        for seed in Self.seeds {
            let s = randomSynth(seed: seed)
            var g = SplitMix64(seed: seed)
            let shift = Double.random(in: 1...400, using: &g) * day
            var older = s
            for k in older.interactions.indices {
                older.interactions[k].time = older.interactions[k].time.map { $0 - shift }
                older.interactions[k].endTime = older.interactions[k].endTime.map { $0 - shift }
            }
            let a = score(s.network())
            let b = score(older.network())
            for i in a.people.indices where a.people[i].scored {
                #expect(activity(b.people[i]) <= activity(a.people[i]) + 1e-12, "seed \(seed) person \(i)")
            }
        }
    }

    @Test func anExtraRecommendationNeverLowersCredibility() {
        for seed in Self.seeds {
            var s = randomSynth(seed: seed)
            var g = SplitMix64(seed: seed ^ 0x5EED)
            let me = s.owner!
            let contact = Int32.random(in: 1..<Int32(s.people.count), using: &g)
            let before = score(s.network())
            let t = asOfT - Double.random(in: 0...2000, using: &g) * day
            s.event(
                .recommendation, contact, [me], at: t,
                text: ["Great to work with.", "Owen led our 2021 migration project; I reported to him directly."]
                    .randomElement(using: &g))
            let after = score(s.network())
            let ci = Int(s.network().idx(s.people[Int(contact)].displayName))
            #expect(after.people[ci].credibility >= before.people[ci].credibility - 1e-12, "seed \(seed)")
            #expect(after.people[ci].credibility > 0)
        }
    }

    func sameScores(_ a: ScoreBook, _ b: ScoreBook) -> Bool {
        a.people == b.people && a.pairs == b.pairs && a.endorsements == b.endorsements && a.skills == b.skills
    }

    @Test func rowOrderAndSourceSplittingNeverChangeAnyScore() {
        for seed in Self.seeds.prefix(12) {
            let s = randomSynth(seed: seed, contacts: 10, messages: 60)
            let base = score(s.network())
            var g = SplitMix64(seed: seed)
            // Shuffle people records (remapping the events) and interaction rows.
            let perm = Array(s.people.indices).shuffled(using: &g)
            var inverse = [Int32](repeating: 0, count: perm.count)
            for (new, old) in perm.enumerated() { inverse[old] = Int32(new) }
            var shuffled = s
            shuffled.people = perm.map { s.people[$0] }
            shuffled.owner = s.owner.map { inverse[Int($0)] }
            shuffled.interactions = s.interactions.map { i in
                var j = i
                j.actor = inverse[Int(i.actor)]
                j.recipients = i.recipients.map { inverse[Int($0)] }
                return j
            }.shuffled(using: &g)
            #expect(sameScores(base, score(shuffled.network())), "shuffle seed \(seed)")
            // Split the rows over three SourceImports of the same export.
            var parts: [SourceImport] = []
            for k in 0..<3 {
                var p = s.build()
                p.label = k == 0 ? "linkedin" : "linkedin#\(k + 1)"
                p.interactions = s.interactions.enumerated().filter { $0.offset % 3 == k }.map(\.element)
                parts.append(p)
            }
            #expect(sameScores(base, score(NetworkBuilder().build(parts))), "split seed \(seed)")
        }
    }

    @Test func mergingDuplicatesNeverLosesEvidence() {
        for seed in Self.seeds.prefix(10) {
            var a = randomSynth(seed: seed, contacts: 8, messages: 50)
            var g = SplitMix64(seed: seed)
            // The same person, known by e-mail in an address-book-like second source.
            var b = Synth(label: "contacts")
            let me2 = b.person("Owen Owner", key: "Owen Owner")
            let dupName = a.people[3].displayName
            let dup = b.person(dupName, key: "", email: "dup\(seed)@example.com")
            for k in 0..<Int.random(in: 1...4, using: &g) {
                b.message(dup, [me2], at: asOfT - Double(10 + k) * day, thread: "d\(k)", text: "Personal note \(k)")
            }
            b.event(.endorsement, dup, [me2], at: asOfT - 40 * day, detail: "Swift")
            let separate = score(NetworkBuilder().build([a.build(), b.build()]))
            let sepN = NetworkBuilder().build([a.build(), b.build()])
            let ids = sepN.people.indices.filter { sepN.people[$0].name == dupName }
            #expect(ids.count == 2)
            let parts = ids.map { separate.people[$0].evidenceCount }
            // Merge: the first source learns the e-mail too.
            a.people[3].emails = ["dup\(seed)@example.com"]
            let mergedN = NetworkBuilder().build([a.build(), b.build()])
            let merged = score(mergedN)
            let m = mergedN.people.indices.filter { mergedN.people[$0].name == dupName }
            #expect(m.count == 1)
            let count = merged.people[m[0]].evidenceCount
            #expect(count >= parts.max()!, "seed \(seed)")
            #expect(count == parts.reduce(0, +), "seed \(seed)")
        }
    }
}
