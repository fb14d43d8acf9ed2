import Foundation
import Testing

@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

@Suite("IdentityResolutionTests")
struct IdentityResolutionTests {
    /// Two teammates' archives with URL and name variants of the same people.
    static func team() -> [SourceImport] {
        var a = WPSource("linkedin")
        let ana = a.person("Ana Ruiz", url: "https://www.linkedin.com/in/ana-ruiz", owner: true)
        let marta = a.person(
            "Marta Olsen, PMP", url: "https://www.linkedin.com/in/marta-olsen-3b1a2c", company: "Fjord Analytics, AS")
        let ravi = a.person("Ravi Menon", url: "https://www.linkedin.com/in/ravimenon", company: "Brightline")
        a.event(.message, ana, [marta], day: 19_800)
        a.event(.message, marta, [ana], day: 19_801)
        a.event(.connection, ana, [ravi], day: 19_000)
        var b = WPSource("linkedin#2")
        let ben = b.person("Ben Okafor", url: "https://www.linkedin.com/in/ben-okafor", owner: true)
        let marta2 = b.person("𝐌𝐚𝐫𝐭𝐚 Olsen", url: "www.linkedin.com/in/Marta-Olsen-3b1a2c/", company: "Fjord Analytics")
        let ravi2 = b.person("Ravi Menon 👋", url: "https://www.linkedin.com/in/RaviMenon/", company: "Brightline")
        // Same person under an e-mail only (no URL): must merge probabilistically.
        let priya = b.person("Priya Shah", email: "priya@fjord.example", company: "Fjord Analytics AS")
        b.event(.message, ben, [marta2], day: 19_700)
        b.event(.message, ravi2, [ben], day: 19_710)
        b.event(.message, priya, [ben], day: 19_720)
        a.person("Priya Shah, CFO", url: "https://www.linkedin.com/in/priya-shah", company: "Fjord Analytics, AS")
        return [a.sourceImport, b.sourceImport]
    }

    @Test func jaroWinklerKnownValues() {
        #expect(abs(NameMatching.jaroWinkler("martha", "marhta") - 0.9611) < 0.001)
        #expect(abs(NameMatching.jaroWinkler("dwayne", "duane") - 0.84) < 0.001)
        #expect(abs(NameMatching.jaroWinkler("dixon", "dicksonx") - 0.8133) < 0.001)
        #expect(NameMatching.jaroWinkler("olsen", "olsen") == 1)
        #expect(NameMatching.jaroWinkler("abc", "xyz") == 0)
        #expect(NameMatching.company("Fjord Analytics, AS") == "fjord analytics")
    }

    @Test func urlAndNameVariantsMergeToOnePersonEach() {
        let r = IdentityResolver.resolve(imports: Self.team())
        let n = r.network
        let martas = n.people.filter { IdentityNormalizer.matchName($0.name).hasSuffix("olsen") }
        #expect(martas.count == 1)
        #expect(martas.first?.sources == ["linkedin", "linkedin#2"])
        #expect(martas.first?.records.count == 2)
        #expect(n.people.filter { IdentityNormalizer.matchName($0.name).hasPrefix("ravi menon") }.count == 1)
        // Priya: URL in one source, e-mail in the other → Fellegi–Sunter auto-merge.
        let priyas = n.people.filter { IdentityNormalizer.matchName($0.name).hasPrefix("priya shah") }
        #expect(priyas.count == 1)
        let fs = n.merges.filter { $0.rule == "fs_auto" }
        #expect(fs.count == 1)
        #expect(fs.first.map { $0.score >= IdentityConfig.default.autoMergeThreshold } == true)
        #expect(fs.first?.evidence.contains("company fjord analytics") == true)
        // Every source's evidence is kept: all 6 interactions are events.
        #expect(n.events.count == 6)
        let p = n.index(of: priyas[0].id)!
        #expect(n.events.contains { $0.actor == p })
    }

    @Test func differentProfileURLsNeverMerge() {
        var a = WPSource("linkedin")
        a.person("Ana Ruiz", url: "https://www.linkedin.com/in/ana-ruiz", owner: true)
        a.person("John Smith", url: "https://www.linkedin.com/in/john-smith-1", company: "Acme")
        var b = WPSource("linkedin#2")
        b.person("John Smith", url: "https://www.linkedin.com/in/john-smith-2", company: "Acme")
        let r = IdentityResolver.resolve(imports: [a.sourceImport, b.sourceImport])
        #expect(r.network.people.filter { $0.name == "John Smith" }.count == 2)
        #expect(r.network.merges.isEmpty)
        #expect(r.suggestions.isEmpty)
    }

    @Test func initialsMergeWithCompanyAndOnlySuggestWithout() {
        var a = WPSource("linkedin")
        a.person("Ana Ruiz", url: "https://www.linkedin.com/in/ana-ruiz", owner: true)
        a.person("John Smithers", url: "https://www.linkedin.com/in/jsmithers", company: "Acme Corp")
        a.person("Karl Oberg", url: "https://www.linkedin.com/in/koberg")
        var b = WPSource("vcard", kind: .vcard)
        b.person("J. Smithers", email: "js@acme.example", company: "Acme")
        b.person("Karl Oberg", email: "karl@mail.example")
        let r = IdentityResolver.resolve(imports: [a.sourceImport, b.sourceImport])
        #expect(r.network.people.filter { $0.name.hasSuffix("Smithers") }.count == 1)
        // Karl: a rare full name agreeing across sources is enough on its own (≈ 14 bits).
        #expect(r.network.people.filter { $0.name == "Karl Oberg" }.count == 1)
        #expect(r.network.merges.contains { $0.rule == "fs_auto" && $0.evidence.contains("last oberg") })
        var c = IdentityConfig.default
        c.autoMergeThreshold = 100
        let strict = IdentityResolver.resolve(imports: [a.sourceImport, b.sourceImport], config: c)
        #expect(strict.network.people.filter { $0.name.hasSuffix("Smithers") }.count == 2)
        #expect(
            strict.suggestions.contains {
                $0.evidence.contains("initial j") && $0.evidence.contains("below auto-merge")
            })
    }

    @Test func nameOnlyRecordsAreWeakAndOnlySuggested() {
        var a = WPSource("linkedin")
        a.person("Ana Ruiz", url: "https://www.linkedin.com/in/ana-ruiz", owner: true)
        a.person("Marta Olsen", url: "https://www.linkedin.com/in/marta-olsen")
        var f = WPSource("facebook", kind: .facebook)
        f.person("Ana Ruiz", nameOnly: true, owner: true)
        f.person("Marta Olsen", nameOnly: true)
        // Same owner in both exports: the owners merge by name, and a name-only friend named
        // exactly like a connection of the same owner merges too (same-owner rule).
        let r = IdentityResolver.resolve(imports: [a.sourceImport, f.sourceImport])
        #expect(r.network.people.filter { $0.name == "Marta Olsen" }.count == 1)
        #expect(r.network.merges.contains { $0.rule == "same_owner_name" })
        #expect(
            r.network.merges.contains {
                $0.rule == "fs_auto_same_owner_network" && $0.evidence.contains("name-only record (weak)")
            })
        // Another user's export: the bare name is weak and only suggested.
        var g = WPSource("facebook", kind: .facebook)
        g.person("Bo Lind", nameOnly: true, owner: true)
        g.person("Marta Olsen", nameOnly: true)
        let r2 = IdentityResolver.resolve(imports: [a.sourceImport, g.sourceImport])
        #expect(r2.network.people.filter { $0.name == "Marta Olsen" }.count == 2)
        let s = r2.suggestions.first { $0.evidence.contains("last olsen") }
        #expect(s?.rule == "fs_suggest_name_only_weak")
        #expect(s?.evidence.contains("name-only record (weak)") == true)
    }

    @Test func ambiguousCandidatesAreNotAutoMerged() {
        var a = WPSource("linkedin")
        a.person("Ana Ruiz", url: "https://www.linkedin.com/in/ana-ruiz", owner: true)
        a.person("Vera Quist", url: "https://www.linkedin.com/in/vera-quist-1", company: "Acme")
        var b = WPSource("linkedin#2")
        b.person("Vera Quist", url: "https://www.linkedin.com/in/vera-quist-2", company: "Acme")
        var c = WPSource("vcard", kind: .vcard)
        c.person("Vera Quist", email: "vera@acme.example", company: "Acme")
        let r = IdentityResolver.resolve(imports: [a.sourceImport, b.sourceImport, c.sourceImport])
        #expect(r.network.people.filter { $0.name == "Vera Quist" }.count == 3)
        #expect(r.suggestions.filter { $0.evidence.contains("ambiguous") }.count == 2)
    }

    @Test func mergeRulesMergeAndSplit() throws {
        let csv = """
            action,a,b
            merge,https://www.linkedin.com/in/john-smith-1,https://www.linkedin.com/in/john-smith-2
            split,https://www.linkedin.com/in/priya-shah,priya@fjord.example
            frobnicate,a@b.example,c@d.example
            merge,not a reference,c@d.example
            """
        let rules = try MergeRules.parse(Data(csv.utf8))
        #expect(rules.rules.count == 2)
        #expect(rules.issues.map(\.line) == [4, 5])
        var a = WPSource("linkedin")
        a.person("Ana Ruiz", url: "https://www.linkedin.com/in/ana-ruiz", owner: true)
        a.person("John Smith", url: "https://www.linkedin.com/in/john-smith-1")
        var b = WPSource("linkedin#2")
        b.person("John Smith", url: "https://www.linkedin.com/in/john-smith-2")
        var imports = [a.sourceImport, b.sourceImport]
        imports += Self.team().map {
            var s = $0
            s.label += "-t"
            return s
        }
        let r = IdentityResolver.resolve(imports: imports, rules: rules)
        #expect(r.network.people.filter { $0.name == "John Smith" }.count == 1)
        #expect(r.network.merges.contains { $0.rule == "manual_merge" && $0.evidence == "merge-rules.csv line 2" })
        #expect(r.network.people.filter { IdentityNormalizer.matchName($0.name).hasPrefix("priya shah") }.count == 2)
        #expect(r.suggestions.contains { $0.evidence.contains("split by merge rules") })
        #expect(r.issues.count == 2)
    }

    @Test func splitCutsASharedEmail() {
        var a = WPSource("linkedin")
        a.person("Ana Ruiz", url: "https://www.linkedin.com/in/ana-ruiz", owner: true)
        a.person("Team Inbox User", url: "https://www.linkedin.com/in/user-one", email: "team@shared.example")
        var b = WPSource("linkedin#2")
        b.person("Other User", url: "https://www.linkedin.com/in/user-two", email: "team@shared.example")
        let plain = IdentityResolver.resolve(imports: [a.sourceImport, b.sourceImport])
        #expect(plain.network.people.count == 2)
        let rules = MergeRules(rules: [
            MergeRule(
                action: .split, a: PersonRef("https://www.linkedin.com/in/user-one")!,
                b: PersonRef("https://www.linkedin.com/in/user-two")!, line: 2)
        ])
        let r = IdentityResolver.resolve(imports: [a.sourceImport, b.sourceImport], rules: rules)
        #expect(r.network.people.count == 3)
    }

    @Test func mergesCSVListsMergesAndSuggestions() {
        var c = IdentityConfig.default
        c.autoMergeThreshold = 100
        let r = IdentityResolver.resolve(imports: Self.team(), config: c)
        let text = PathReports.mergesCSV(r.network, suggestions: r.suggestions).text
        let lines = text.split(separator: "\r\n")
        #expect(lines.first == "kept_id,merged_id,rule,score,evidence")
        // Marta and Ravi share their profile URL across the two exports: one id, no merge to list.
        #expect(!text.contains(",same_profile_url,"))
        #expect(text.contains(",fs_suggest,"))
        Self.expectNoSelfMergesOrRepeatedPairs(text)
    }

    /// `merges.csv` never pairs a person with itself and lists each pair of people once.
    static func expectNoSelfMergesOrRepeatedPairs(
        _ text: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        var pairs = Set<[String]>()
        for line in text.split(separator: "\r\n").dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            #expect(cells[0] != cells[1], "self-merge: \(line)", sourceLocation: sourceLocation)
            #expect(
                pairs.insert([cells[0], cells[1]].sorted()).inserted, "repeated pair: \(line)",
                sourceLocation: sourceLocation)
        }
    }

    /// The owner of three exports (a record each) and a person listed under a second key in one
    /// of them: every record merges, and `merges.csv` has one row per pair of ids.
    @Test func mergesCSVHasNoSelfMergesAndNoRepeatedPairs() {
        var a = WPSource("linkedin")
        a.person("Ana Ruiz", url: "https://www.linkedin.com/in/ana-ruiz", owner: true)
        a.person("Marta Olsen", url: "https://www.linkedin.com/in/marta-olsen", company: "Fjord")
        var b = WPSource("linkedin#2")
        b.person("Ana Ruiz", url: "https://www.linkedin.com/in/ana-ruiz", owner: true)
        b.person("Marta Olsen", url: "https://www.linkedin.com/in/marta-olsen", company: "Fjord")
        var f = WPSource("facebook", kind: .facebook)
        f.person("Ana Ruiz", nameOnly: true, owner: true)
        f.person("Marta Olsen", nameOnly: true)
        var x = WPSource("twitter", kind: .twitter)
        x.person("Ana Ruiz", nameOnly: true, owner: true)
        let r = IdentityResolver.resolve(imports: [a.sourceImport, b.sourceImport, f.sourceImport, x.sourceImport])
        #expect(r.network.people.filter { $0.name == "Ana Ruiz" }.count == 1)
        #expect(r.network.people.filter { $0.name == "Marta Olsen" }.count == 1)
        #expect(r.network.merges.allSatisfy { $0.keptID != $0.mergedID })
        let text = PathReports.mergesCSV(r.network, suggestions: r.suggestions).text
        Self.expectNoSelfMergesOrRepeatedPairs(text)
        #expect(text.contains(",same_owner_name,"))
        // The rows that would repeat a pair: one stays, the highest score.
        let m = MergeRecord(
            keptID: PersonID(rawValue: "p1"), mergedID: PersonID(rawValue: "p2"), rule: "r", score: 1, evidence: "")
        var lower = m
        lower.score = 0.5
        var same = m
        same.mergedID = m.keptID
        #expect(NetworkBuilder.oneMergePerPair([lower, same, m]) == [m])
    }

    @Test func blockingStaysSubQuadratic() {
        var a = WPSource("linkedin")
        a.person("Ana Ruiz", url: "https://www.linkedin.com/in/ana-ruiz", owner: true)
        var b = WPSource("linkedin#2")
        var rng = WPRandom(seed: 7)
        for i in 0..<2000 {
            let last = "L" + String(rng.next() % 100_000, radix: 26)
            a.person("F\(i % 50) \(last)", url: "https://www.linkedin.com/in/a\(i)")
            b.person("G\(i % 40) \(last)x", email: "b\(i)@x.example")
        }
        let r = IdentityResolver.resolve(imports: [a.sourceImport, b.sourceImport])
        #expect(r.comparedPairs < 200_000)  // 4,000² / 2 = 8,000,000 without blocking
        #expect(r.network.people.count > 3_900)
    }

    @Test func shuffledInputGivesTheSameResolution() {
        let base = IdentityResolver.resolve(imports: Self.team())
        var rng = WPRandom(seed: 3)
        let imports = Self.team().reversed().map { imp -> SourceImport in
            var s = imp
            // Keep owners and interactions consistent: permute people and remap references.
            let order = Array(s.people.indices).shuffled(using: &rng)
            var newIndex = [Int](repeating: 0, count: order.count)
            for (n, o) in order.enumerated() { newIndex[o] = n }
            s.people = order.map { imp.people[$0] }
            s.owner = imp.owner.map { LocalPersonRef(newIndex[Int($0)]) }
            s.interactions = imp.interactions.map {
                var i = $0
                i.actor = LocalPersonRef(newIndex[Int(i.actor)])
                i.recipients = i.recipients.map { LocalPersonRef(newIndex[Int($0)]) }
                return i
            }
            return s
        }
        let shuffled = IdentityResolver.resolve(imports: Array(imports))
        #expect(base.network.people.map(\.id) == shuffled.network.people.map(\.id))
        #expect(base.network.merges.map(\.rule).sorted() == shuffled.network.merges.map(\.rule).sorted())
        #expect(base.suggestions == shuffled.suggestions)
    }
}

@Suite struct IdentityFormatTests {
    /// Bits in evidence text: one decimal as printf prints the value rounded to one decimal,
    /// `-0.0` as `0.0`.
    @Test func bitsMatchPrintf() {
        var rng = SplitMix64(seed: 17)
        var values: [Double] = [0, -0.0, 0.05, -0.05, 0.25, -0.25, 12.35, -12.35, 1e-9, -1e-9, 99.95]
        for _ in 0..<5_000 { values.append((Double(rng.next() % 4_000_001) / 100_000) - 20) }
        for v in values {
            let r = (v * 10).rounded() / 10
            #expect(Format2.bits(v) == String(format: "%.1f", r == 0 ? 0 : r), "\(v)")
        }
    }
}
