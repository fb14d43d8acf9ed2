import Foundation
import Testing
@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathSupport

/// `warmpath calibrate`'s model: the strength read as a linear logit over its weights, the
/// L2-regularised logistic fit, cross-validation and its refusals (issue 20).
@Suite struct CalibrationTests {
    static let seeds = Array(UInt64(300)..<UInt64(330))

    /// The defaults without the structural term, whose feature (the mean strength of mutual
    /// contacts) itself depends on the other weights.
    static var base: ScoringConfig {
        var c = ScoringConfig.default
        c.wStructural = 0
        return c
    }

    @Test func termsMapToTheirWeights() {
        #expect(StrengthTerms.weightKey(forTerm: "prior") == "strength_intercept")
        #expect(StrengthTerms.weightKey(forTerm: "activity_messages_1to1") == "w_activity")
        #expect(StrengthTerms.weightKey(forTerm: "activity_address_book") == "w_activity")
        #expect(StrengthTerms.weightKey(forTerm: "silence") == "w_silence")
        #expect(StrengthTerms.weightKey(forTerm: "no_exchange") == "w_no_exchange")
        #expect(StrengthTerms.weightKey(forTerm: "never_communicated") == "w_never_communicated")
        #expect(StrengthTerms.weightKey(forTerm: "distrust") == "w_distrust")
        // Retired terms (issue 17: reciprocity gates activity instead) have no weight any more.
        #expect(StrengthTerms.weightKey(forTerm: "reciprocity") == nil)
        #expect(StrengthTerms.weightKey(forTerm: "responsiveness") == nil)
        #expect(StrengthTerms.weightKey(forTerm: "explicit_trust") == nil)
        #expect(StrengthTerms.weightKey(forTerm: "no_such_term") == nil)
    }

    @Test func pinnedStrengthHasNoFeaturesAndUnknownTermsAreOffsets() {
        func e(_ term: String, _ c: Double) -> LedgerEntry {
            LedgerEntry(score: .strength, term: term, contribution: c, note: "")
        }
        let keys = ["strength_intercept", "w_activity", "w_silence"]
        let free = PersonScore(
            ledger: [
                e("prior", -2.2), e("activity_connection", 0.4), e("activity_messages_1to1", 0.6),
                e("some_new_term", 0.3), LedgerEntry(score: .readiness, term: "reciprocity", contribution: 9, note: ""),
            ], logit: -0.9, scored: true)
        let m = StrengthTerms.model(of: free, weights: keys)
        #expect(m.x == [-2.2, 1.0, 0])
        #expect(abs(m.offset - 0.3) < 1e-12)
        #expect(StrengthTerms.fittableWeights([free], config: .default) == ["strength_intercept", "w_activity"])
        let pinned = PersonScore(
            ledger: [e("prior", -2.2), e("activity_graph_edge", 0.5), e("explicit_trust", 3.1)], logit: 1.4,
            scored: true)
        let p = StrengthTerms.model(of: pinned, weights: keys)
        #expect(p.x == [0, 0, 0] && p.offset == 1.4)
    }

    /// Property on seeded random histories: scaling the weights by any multipliers and scoring
    /// again gives exactly the strength the linear logit predicts, so the multipliers the fit
    /// finds mean the same thing in the scorer.
    @Test func ledgerLogitIsLinearInTheWeights() {
        var checked = 0
        for seed in Self.seeds {
            let n = randomSynth(seed: seed).network()
            let before = score(n, config: Self.base)
            let people = before.people.filter(\.scored)
            let keys = StrengthTerms.fittableWeights(people, config: Self.base)
            #expect(keys.contains("w_activity") && keys.contains("strength_intercept"))
            var g = SplitMix64(seed: seed)
            let m = keys.map { _ in Double.random(in: 0.2...2.5, using: &g) }
            var scaled = Self.base
            for (k, key) in keys.enumerated() { scaled.set(key: key, to: Self.base.value(ofKey: key)! * m[k]) }
            let after = score(n, config: scaled)
            for (i, p) in before.people.enumerated() where p.scored {
                let model = StrengthTerms.model(of: p, weights: keys)
                #expect(abs(model.logit(keys.map { _ in 1 }) - p.logit) < 1e-9)
                #expect(abs(model.logit(m) - after.people[i].logit) < 1e-9, "seed \(seed), person \(i)")
                checked += 1
            }
        }
        #expect(checked > 200)
    }

    /// Ratings made from known weights (the strength under a hidden configuration, as a 0–4
    /// rating) on random histories: the fit from the defaults finds the hidden weights.
    @Test func fitRecoversKnownWeightsFromRatings() throws {
        let truth: [String: Double] = [
            "strength_intercept": -1.2, "w_activity": 1.5, "w_silence": 2.0, "w_duration": 0.2,
            "w_privacy": 0.8,
        ]
        var hidden = Self.base
        for (k, v) in truth { hidden.set(key: k, to: v) }
        var people: [RatedPerson] = []
        var books: [(ScoreBook, ScoreBook)] = []
        for seed in Self.seeds {
            let n = randomSynth(seed: seed, contacts: 20).network()
            books.append((score(n, config: Self.base), score(n, config: hidden)))
        }
        let keys = StrengthTerms.fittableWeights(books.flatMap(\.0.people).filter(\.scored), config: Self.base)
        for (k, (b, h)) in books.enumerated() {
            for (i, p) in b.people.enumerated() where p.scored {
                people.append(
                    RatedPerson(
                        id: "\(k)-\(i)", model: StrengthTerms.model(of: p, weights: keys),
                        yourStrength: 4 * h.people[i].strength, wouldIntroduce: nil))
            }
        }
        #expect(people.count > 300)
        // A light penalty: silence and privacy share the exchange gate, so on these histories their
        // features are nearly collinear and a heavier pull towards the defaults shows as bias.
        let r = try Calibration.run(people, weights: keys, base: Self.base, lambda: 0.0001)
        for w in r.weights {
            let expected = truth[w.key] ?? w.before
            #expect(abs(w.after - expected) < 0.02 * max(1, abs(expected)), "\(w.key): \(w.after) vs \(expected)")
        }
        #expect(r.after.mae < 0.01)
        #expect(r.before.mae > 0.2)
    }

    /// Noisy yes/no answers drawn from known multipliers on synthetic features: the fit lands
    /// near them, and the cross-validated AUC of the fit beats the starting weights.
    @Test func logisticFitRecoversMultipliersFromNoisyAnswers() throws {
        let truth = [0.5, 2.0, 1.5, 0.8]
        var g = SplitMix64(seed: 2016)
        var people: [RatedPerson] = []
        for i in 0..<4000 {
            let x = [
                -2.0, Double.random(in: 0...2.4, using: &g), Double.random(in: 0...0.8, using: &g),
                Double.random(in: -0.6...0.6, using: &g),
            ]
            let model = LinearLogit(x: x, offset: 0)
            let yes = Double.random(in: 0..<1, using: &g) < model.probability(truth)
            people.append(RatedPerson(id: "p\(i)", model: model, yourStrength: nil, wouldIntroduce: yes))
        }
        let keys = ["strength_intercept", "w_activity", "w_silence", "w_privacy"]
        let r = try Calibration.run(people, weights: keys, base: .default)
        let d = ScoringConfig.default
        for (k, w) in r.weights.enumerated() {
            #expect(abs(w.after / d.value(ofKey: keys[k])! - truth[k]) < 0.2, "\(w.key)")
        }
        #expect(r.after.mae < r.before.mae)
        #expect(try #require(r.after.auc) > #require(r.before.auc))
    }

    @Test func refusesTooFewRatingsAndNoVariance() {
        let model = LinearLogit(x: [1], offset: 0)
        let few = (0..<19).map {
            RatedPerson(id: "p\($0)", model: model, yourStrength: Double($0 % 5), wouldIntroduce: nil)
        }
        #expect(throws: RatingsError.tooFew(file: "r.csv", usable: 19, needed: 20)) {
            try Calibration.run(few, weights: ["w_activity"], base: .default, file: "r.csv")
        }
        let flat = (0..<30).map { RatedPerson(id: "p\($0)", model: model, yourStrength: 3, wouldIntroduce: true) }
        #expect(throws: RatingsError.noVariance(file: "r.csv", value: "your_strength 3 and would_introduce yes")) {
            try Calibration.run(flat, weights: ["w_activity"], base: .default, file: "r.csv")
        }
        #expect(RatingsError.tooFew(file: "r.csv", usable: 3, needed: 20).message.contains("at least 20"))
    }

    @Test func aucCountsTiesAsHalf() {
        #expect(Calibration.auc([(0.1, false), (0.9, true)]) == 1)
        #expect(Calibration.auc([(0.9, false), (0.1, true)]) == 0)
        #expect(Calibration.auc([(0.5, false), (0.5, true)]) == 0.5)
        #expect(Calibration.auc([(0.5, true)]) == nil)
    }

    @Test func resultDoesNotDependOnRatingOrder() throws {
        var g = SplitMix64(seed: 7)
        let people = (0..<60).map { i -> RatedPerson in
            let x = [-2.0, Double.random(in: 0...2, using: &g)]
            return RatedPerson(
                id: "p\(i)", model: LinearLogit(x: x, offset: 0), yourStrength: Double(i % 5),
                wouldIntroduce: i % 3 == 0)
        }
        let a = try Calibration.run(people, weights: ["strength_intercept", "w_activity"], base: .default)
        let b = try Calibration.run(people.reversed(), weights: ["strength_intercept", "w_activity"], base: .default)
        #expect(a == b)
    }

    @Test func writtenConfigIsReadByConfig() throws {
        let r = CalibrationResult(
            weights: [
                FittedWeight(key: "w_activity", before: 2.4, after: 1.75),
                FittedWeight(key: "strength_intercept", before: -2.2, after: -1.5),
            ],
            before: CalibrationMetrics(mae: 1, auc: 0.6), after: CalibrationMetrics(mae: 0.5, auc: 0.8), people: 30,
            strengthRatings: 30, introduceRatings: 0, folds: 5, lambda: 1, maeScale: Calibration.strengthScale,
            aucTarget: "your_strength ≥ 2")
        var base = ScoringConfig.default
        base.owedReplyDays = 5
        let yaml = Calibration.configYAML(r, base: base)
        let read = try ScoringConfig.parse(yaml: yaml)
        #expect(read.wActivity == 1.75)
        #expect(read.strengthIntercept == -1.5)
        #expect(read.owedReplyDays == 5)
        #expect(read.wSilence == ScoringConfig.default.wSilence)
        let csv = Calibration.csv(r).text
        #expect(csv == "metric,defaults,fitted\r\nmae,1.0000,0.5000\r\nauc,0.6000,0.8000\r\n")
    }

    @Test func ratingsFileValuesAreCheckedNotDropped() throws {
        let text = """
            person_id,name,company,strength,your_strength,would_introduce
            p1,Ana Ruiz,Acme,0.5,3,yes
            p2,Bo Li,Acme,0.4,,
            p3,Cy Ng,Acme,0.2,7,no
            p4,Di Fo,Acme,0.2,2,maybe
            ,,Acme,0.2,2,no

            """
        let f = try RatingsList.parse(Data(text.utf8), file: "rated.csv")
        #expect(f.ratings.map(\.personID) == ["p1", "p3", "p4"])
        #expect(f.ratings[1].yourStrength == nil && f.ratings[1].wouldIntroduce == false)
        #expect(f.ratings[2].yourStrength == 2 && f.ratings[2].wouldIntroduce == nil)
        #expect(f.unrated == 1)
        #expect(f.issues.map(\.line) == [4, 5, 6])
        #expect(f.issues.allSatisfy { $0.file == "rated.csv" && $0.source == "ratings" })
        #expect(throws: RatingsError.self) { try RatingsList.parse(Data("person_id,name\np1,A\n".utf8)) }
    }
}
