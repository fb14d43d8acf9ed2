import Foundation

@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

/// Builds synthetic `SourceImport`s for the identity, path and group suites.
struct WPSource {
    var label: String
    var kind: SourceKind = .linkedin
    var people: [PersonRecord] = []
    var interactions: [Interaction] = []
    var owner: LocalPersonRef?
    private var line = 1

    init(_ label: String, kind: SourceKind = .linkedin) {
        self.label = label
        self.kind = kind
    }

    /// Adds a person; `url` is canonicalised like an importer does.
    @discardableResult
    mutating func person(
        _ name: String, url: String? = nil, email: String? = nil, company: String = "", position: String = "",
        nameOnly: Bool = false, owner isOwner: Bool = false
    ) -> LocalPersonRef {
        line += 1
        let parts = name.split(separator: " ", maxSplits: 1).map(String.init)
        var r = PersonRecord(
            displayName: name, firstName: nameOnly ? "" : (parts.first ?? ""),
            lastName: nameOnly ? "" : (parts.count > 1 ? parts[1] : ""), company: company, position: position,
            provenance: Provenance(source: label, file: "Connections.csv", line: line))
        if let url, let u = IdentityNormalizer.canonicalProfileURL(url) { r.profileURLs = [u] }
        if let email, let e = IdentityNormalizer.email(email) { r.emails = [e] }
        r.nameOnly = nameOnly
        r.isOwner = isOwner
        people.append(r)
        let ref = LocalPersonRef(people.count - 1)
        if isOwner { owner = ref }
        return ref
    }

    mutating func event(
        _ kind: InteractionKind, _ from: LocalPersonRef, _ to: [LocalPersonRef], day: Double? = nil,
        thread: String? = nil,
        detail: String? = nil, endDay: Double? = nil
    ) {
        line += 1
        interactions.append(
            Interaction(
                kind: kind, time: day.map { $0 * 86_400 }, actor: from, recipients: to, thread: thread,
                isGroup: to.count > 1, text: kind == .message ? "hello there, about the pilot" : nil, detail: detail,
                endTime: endDay.map { $0 * 86_400 },
                provenance: Provenance(source: label, file: "messages.csv", line: line)))
    }

    var sourceImport: SourceImport {
        SourceImport(
            kind: kind, path: "/synthetic/\(label)", label: label, people: people, interactions: interactions,
            owner: owner)
    }
}

/// A seeded generator (SplitMix64) for property tests.
struct WPRandom: RandomNumberGenerator {
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

extension Network {
    /// The index of the person whose display name is `name` (test helper).
    func wpIndex(_ name: String) -> Int32? {
        people.firstIndex { $0.name == name }.map { Int32($0) }
    }
}

/// A score book with explicit readiness and pair strengths, addressed by display name.
func wpBook(
    _ network: Network, owner: Int32, readiness: [String: Double], pairs: [(String, String, Double)]
) -> ScoreBook {
    var people = [PersonScore](repeating: PersonScore(), count: network.people.count)
    for (name, r) in readiness { people[Int(network.wpIndex(name)!)].readiness = r }
    let ps = pairs.map { PairStrength(a: network.wpIndex($0.0)!, b: network.wpIndex($0.1)!, strength: $0.2) }
    return ScoreBook(owner: owner, asOf: 0, people: people, pairs: ps)
}
