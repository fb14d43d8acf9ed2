import Foundation
import Testing
@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathSupport

/// The properties of issue 17 ("Scores that mean something") on seeded random histories
/// (`randomSynth`), each checked against a simple oracle: the score of the same history with
/// the change, or with the evidence the property says must not count removed.
@Suite struct ScoringModelPropertyTests {
    static let seeds = Array(UInt64(1700)..<UInt64(1730))

    /// Strength by person name (names are unique in `randomSynth`).
    static func strengths(_ s: Synth, asOf: Double = asOfT, config: ScoringConfig = .default) -> [String: Double] {
        let n = s.network()
        let book = Scorer.score(network: n, owner: n.sourceOwners.compactMap { $0 }.first!, asOf: asOf, config: config)
        var out: [String: Double] = [:]
        for (i, p) in book.people.enumerated() where p.scored { out[n.people[i].name] = p.strength }
        return out
    }

    static func name(_ s: Synth, _ i: Int32) -> String { s.people[Int(i)].displayName }

    /// Contacts of the random history (everyone but the owner).
    static func contacts(_ s: Synth) -> [Int32] { s.people.indices.map { Int32($0) }.filter { $0 != s.owner! } }

    // MARK: Time

    /// No new evidence, later as-of: every strength stays or falls (activity and the last
    /// exchange decay; duration is the span of the evidence, which time alone does not stretch).
    @Test func strengthNeverRisesAsTimePasses() {
        var checked = 0
        for seed in Self.seeds {
            let s = randomSynth(seed: seed)
            var g = SplitMix64(seed: seed)
            let now = Self.strengths(s)
            let later = Self.strengths(s, asOf: asOfT + Double.random(in: 1...900, using: &g) * day)
            for (who, v) in now {
                #expect(later[who]! <= v + 1e-12, "seed \(seed) \(who): \(v) → \(later[who]!)")
                checked += 1
            }
        }
        #expect(checked > 300)
    }

    // MARK: Reciprocity gates

    /// Unanswered messages either way, to or from a connection, change nobody's strength.
    @Test func oneWayTrafficEarnsNoStrength() {
        for seed in Self.seeds {
            var s = randomSynth(seed: seed)
            var g = SplitMix64(seed: seed ^ 0x1)
            let me = s.owner!
            let quiet = s.person("Quinn Quiet", company: "Nowhere")
            let pitch = s.person("Pat Pitch", company: "Elsewhere")
            s.event(.connection, me, [quiet], at: asOfT - Double.random(in: 30...2000, using: &g) * day)
            s.event(.connection, me, [pitch], at: asOfT - Double.random(in: 30...2000, using: &g) * day)
            let before = Self.strengths(s)
            for k in 0..<Int.random(in: 1...6, using: &g) {
                let t = asOfT - Double.random(in: 0...1500, using: &g) * day
                s.message(me, [quiet], at: t, thread: "q\(k % 2)", text: "Following up on my note \(seed) \(k)?")
                s.message(pitch, [me], at: t + 3600, thread: "p\(k % 2)", text: "Any thoughts on my proposal \(k)?")
            }
            let after = Self.strengths(s)
            #expect(after.keys.sorted() == before.keys.sorted())
            for (who, v) in before { #expect(abs(after[who]! - v) < 1e-12, "seed \(seed) \(who)") }
        }
    }

    /// The same words (names aside) sent to many people, either way, change nobody's strength,
    /// not even for contacts with a real exchange.
    @Test func templateTrafficEarnsNoStrength() {
        for seed in Self.seeds {
            var s = randomSynth(seed: seed)
            var g = SplitMix64(seed: seed ^ 0x2)
            let me = s.owner!
            let before = Self.strengths(s)
            let cs = Self.contacts(s).shuffled(using: &g)
            let blast = "Hello there, we are launching a new product this spring for busy teams \(seed)"
            let t = asOfT - Double.random(in: 0...900, using: &g) * day
            for (k, c) in cs.prefix(Int.random(in: 3...8, using: &g)).enumerated() {
                s.message(me, [c], at: t + Double(k) * 60, thread: "blast-\(k)", text: blast)
            }
            // A contact's own mail-merge, to the owner and three strangers.
            let sender = cs.last!
            let merge = "Dear friend, our agency offers the best rates for cloud consulting this quarter"
            for (k, r) in ([me] + (0..<3).map { s.person("Stranger \($0) \(seed)") }).enumerated() {
                s.message(sender, [r], at: t + Double(k) * 60, thread: "merge-\(k)", text: merge)
            }
            let after = Self.strengths(s)
            for (who, v) in before { #expect(abs(after[who]! - v) < 1e-12, "seed \(seed) \(who)") }
        }
    }

    // MARK: Monotone

    /// A reply from the contact, or the owner's answer, never lowers the contact's strength.
    @Test func repliesNeverLowerStrength() {
        var checked = 0
        for seed in Self.seeds {
            var s = randomSynth(seed: seed)
            var g = SplitMix64(seed: seed ^ 0x3)
            let me = s.owner!
            var last: [String: Interaction] = [:]
            for i in s.interactions where i.kind == .message && !i.isGroup {
                if let l = last[i.thread!], l.time! >= i.time! { continue }
                last[i.thread!] = i
            }
            for (thread, tail) in last.sorted(by: { $0.key < $1.key }).shuffled(using: &g).prefix(3) {
                let contact = tail.actor == me ? tail.recipients[0] : tail.actor
                let who = Self.name(s, contact)
                let before = Self.strengths(s)[who]!
                let t = tail.time! + Double.random(in: 0.01...1, using: &g) * (asOfT - tail.time!)
                if tail.actor == me {
                    s.message(contact, [me], at: t, thread: thread, text: "Sounds good, thanks \(seed)")
                } else {
                    s.message(me, [contact], at: t, thread: thread, text: "Great to hear from you \(seed)")
                }
                let after = Self.strengths(s)[who]!
                #expect(after >= before - 1e-12, "seed \(seed) \(who): \(before) → \(after)")
                checked += 1
            }
        }
        #expect(checked >= 60)
    }

    /// Reaching out, however old the tie and whatever the text (personal, a follow-up, a
    /// template), never lowers that person's strength. A new message is newer than the thread it
    /// joins (or opens a thread at any date).
    @Test func outreachNeverLowersStrength() {
        let texts = [
            "Hi, how are you doing these days", "Long time no see, coffee next week?",
            "We are hiring senior engineers, check out our new open roles today", "ok",
        ]
        var checked = 0
        for seed in Self.seeds {
            var s = randomSynth(seed: seed)
            var g = SplitMix64(seed: seed ^ 0x4)
            let me = s.owner!
            for c in Self.contacts(s).shuffled(using: &g).prefix(4) {
                let who = Self.name(s, c)
                guard let before = Self.strengths(s)[who] else { continue }
                let thread = Bool.random(using: &g) ? "t\(c)-\(Int.random(in: 0..<3, using: &g))" : "new-\(c)"
                let latest = s.interactions.filter { $0.thread == thread }.compactMap(\.time).max()
                let from = latest ?? asOfT - 1600 * day
                let t = from + Double.random(in: 0.01...1, using: &g) * (asOfT - from)
                s.message(me, [c], at: t, thread: thread, text: texts.randomElement(using: &g))
                let after = Self.strengths(s)[who]!
                #expect(after >= before - 1e-12, "seed \(seed) \(who): \(before) → \(after)")
                checked += 1
            }
        }
        #expect(checked >= 60)
    }

    // MARK: No circularity

    /// The tie that weights an endorsement or a recommendation is the pair's strength computed
    /// without any endorsement or recommendation between them. Oracle: score the history with
    /// those events removed.
    @Test func anEndorsementNeverWeightsItself() {
        var checked = 0
        for seed in Self.seeds {
            let s = randomSynth(seed: seed)
            let n = s.network()
            let me = n.sourceOwners.compactMap { $0 }.first!
            let book = score(n)
            var stripped = s
            stripped.interactions.removeAll { $0.kind == .endorsement || $0.kind == .recommendation }
            let sn = stripped.network()
            let sbook = score(sn)
            for e in book.endorsements where e.endorsee == me {
                let who = n.people[Int(e.endorser)].name
                let j = Int(sn.idx(who))
                var expected = ScoringConfig.default.tieFloor
                if sbook.people[j].scored {
                    let z = sbook.people[j].entries(.strength).filter { $0.term != "structural" }
                        .reduce(0) { $0 + $1.contribution }
                    expected = max(expected, 1 / (1 + exp(-z)))
                }
                #expect(abs(e.tie - expected) < 1e-12, "seed \(seed) \(who): tie \(e.tie) vs \(expected)")
                checked += 1
            }
        }
        #expect(checked >= 30)
    }

    /// A stranger's burst of one-click endorsements (many skills, one day) is one signal: it adds
    /// what one endorsement adds, to the skills and to the strength.
    @Test func aBurstOfEndorsementsIsOneSignal() {
        func book(_ skills: [String]) -> (ScoreBook, Network) {
            var s = Synth()
            let me = s.person("Owen Owner", owner: true)
            let x = s.person("Xavi Stranger", position: "Sales")
            for k in skills { s.event(.endorsement, x, [me], at: asOfT - 20 * day, detail: k) }
            let n = s.network()
            return (score(n), n)
        }
        let (one, n1) = book(["Swift"])
        let (burst, n5) = book(["Swift", "Go", "Rust", "Kotlin", "Scala"])
        let total1 = one.endorsements.reduce(0) { $0 + $1.strength }
        let total5 = burst.endorsements.reduce(0) { $0 + $1.strength }
        #expect(burst.endorsements.count == 5)
        #expect(abs(total5 - total1) < 1e-12)
        #expect(burst.endorsements.allSatisfy { $0.penaltyReasons.contains(.burst) })
        let s1 = one.people[Int(n1.idx("Xavi Stranger"))].strength
        let s5 = burst.people[Int(n5.idx("Xavi Stranger"))].strength
        #expect(abs(s1 - s5) < 1e-12)
    }
}
