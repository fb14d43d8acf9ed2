import Foundation
@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

/// Seconds per day.
let day = 86_400.0
/// As-of used by the synthetic scenarios: 2024-06-30.
let asOfT = Double(ReportDate.days(year: 2024, month: 6, day: 30)) * 86_400

/// Builds synthetic ``SourceImport``s for scoring tests (never the LinkedIn importer).
struct Synth {
    var label = "linkedin"
    var people: [PersonRecord] = []
    var interactions: [Interaction] = []
    var owner: LocalPersonRef?
    var ownerSkills: [String] = []
    var line = 1

    init(label: String = "linkedin") { self.label = label }

    static func url(_ name: String) -> String {
        "https://www.linkedin.com/in/" + name.lowercased().replacingOccurrences(of: " ", with: "-")
    }

    /// Adds a person keyed by a profile URL derived from the name (or `key`).
    @discardableResult
    mutating func person(
        _ name: String, company: String = "", position: String = "", owner isOwner: Bool = false, key: String? = nil,
        email: String? = nil
    ) -> Int32 {
        let parts = name.split(separator: " ").map(String.init)
        let i = Int32(people.count)
        people.append(
            PersonRecord(
                displayName: name, firstName: parts.first ?? "", lastName: parts.dropFirst().joined(separator: " "),
                company: company, position: position, profileURLs: key == "" ? [] : [Synth.url(key ?? name)],
                emails: email.map { [$0] } ?? [], isOwner: isOwner,
                provenance: Provenance(source: label, file: "Connections.csv", line: Int(i) + 2)))
        if isOwner { owner = i }
        return i
    }

    mutating func prov(_ file: String) -> Provenance {
        defer { line += 1 }
        return Provenance(source: label, file: file, line: line)
    }

    mutating func message(
        _ from: Int32, _ to: [Int32], at t: Double, thread: String, text: String? = "Hi, how are you doing these days",
        group: Bool = false, flags: InteractionFlags = []
    ) {
        interactions.append(
            Interaction(
                kind: .message, time: t, actor: from, recipients: to, thread: thread, isGroup: group, text: text,
                flags: flags, provenance: prov("messages.csv")))
    }

    mutating func event(
        _ kind: InteractionKind, _ from: Int32, _ to: [Int32], at t: Double?, text: String? = nil,
        detail: String? = nil,
        weight: Double? = nil, flags: InteractionFlags = [], end: Double? = nil, file: String? = nil
    ) {
        interactions.append(
            Interaction(
                kind: kind, time: t, actor: from, recipients: to, text: text, detail: detail, weight: weight,
                flags: flags,
                endTime: end, provenance: prov(file ?? "\(kind.rawValue).csv")))
    }

    func build() -> SourceImport {
        SourceImport(
            kind: .linkedin, path: "/synthetic/\(label)", label: label, people: people, interactions: interactions,
            owner: owner, ownerSkills: ownerSkills)
    }

    func network() -> Network { NetworkBuilder().build([build()]) }
}

extension Network {
    func idx(_ name: String) -> Int32 {
        Int32(people.firstIndex { $0.name == name }!)
    }
}

/// swift-algorithms' SplitMix64, for seeded property tests.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A random owner-centred network: `n` contacts, messages in 1:1 and group threads, invitations,
/// connections, endorsements, recommendations, affiliations. Deterministic for a seed.
func randomSynth(seed: UInt64, contacts n: Int = 12, messages: Int = 80) -> Synth {
    var g = SplitMix64(seed: seed)
    var s = Synth()
    let companies = ["Acme", "Globex", "Initech", "Umbrella"]
    let me = s.person("Owen Owner", company: "Acme", owner: true)
    var cs: [Int32] = []
    for k in 0..<n {
        cs.append(
            s.person(
                "Contact \(k) Person\(k)", company: companies[Int.random(in: 0..<4, using: &g)], position: "Engineer"))
    }
    s.event(.affiliation, me, [], at: asOfT - 2000 * day, detail: "Acme", end: nil, file: "Positions.csv")
    s.event(
        .affiliation, me, [], at: asOfT - 4000 * day, detail: "Globex", end: asOfT - 2100 * day, file: "Positions.csv")
    let texts = [
        "Hi, how are you doing these days", "Thanks for the coffee last week!", "Are you free for lunch on Friday?",
        "We are hiring senior engineers, check out our new open roles today", "ok", nil,
    ]
    for c in cs {
        if Bool.random(using: &g) {
            s.event(.connection, me, [c], at: asOfT - Double.random(in: 10...3000, using: &g) * day)
        }
    }
    for m in 0..<messages {
        let c = cs[Int.random(in: 0..<n, using: &g)]
        let t = asOfT - Double.random(in: 0...1500, using: &g) * day
        let thread = "t\(c)-\(Int.random(in: 0..<3, using: &g))"
        let out = Bool.random(using: &g)
        let text = texts[Int.random(in: 0..<texts.count, using: &g)]
        if m % 11 == 0 {
            let d = cs[Int.random(in: 0..<n, using: &g)]
            if d != c {
                s.message(out ? me : c, out ? [c, d] : [me, d], at: t, thread: "g\(m % 3)", text: text, group: true)
            }
        } else {
            s.message(out ? me : c, out ? [c] : [me], at: t, thread: thread, text: text)
        }
    }
    for _ in 0..<(n / 2) {
        let c = cs[Int.random(in: 0..<n, using: &g)]
        let t = asOfT - Double.random(in: 0...1500, using: &g) * day
        switch Int.random(in: 0..<4, using: &g) {
        case 0: s.event(.endorsement, c, [me], at: t, detail: ["Swift", "Go", "Leadership"].randomElement(using: &g))
        case 1:
            s.event(
                .recommendation, c, [me], at: t, text: "I worked with Owen on the billing project; he led the launch.")
        case 2: s.event(.invitation, c, [me], at: t, text: "Great to meet you", flags: .withNote)
        default: s.event(.endorsement, me, [c], at: t, detail: "Swift")
        }
    }
    return s
}
