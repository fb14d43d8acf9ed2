import Foundation
import Testing
@testable import WarmPathModel
@testable import WarmPathSupport

/// `NetworkBuilder` merges records by their keys whatever order the sources come in: seeded random
/// sources whose records share e-mails and profile URLs, built in every order, give the same
/// people and the same merge log (the oracle: the first order's result).
@Suite struct NetworkBuilderOrderTests {
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func sources(seed: UInt64) -> [SourceImport] {
        var rng = Seeded(state: seed)
        let kinds: [SourceKind] = [.linkedin, .mail, .vcard, .facebook]
        return kinds.map { kind in
            var s = SourceImport(kind: kind, path: kind.rawValue, label: kind.rawValue)
            for l in 0..<Int.random(in: 3...12, using: &rng) {
                let person = Int.random(in: 0..<15, using: &rng)
                var r = PersonRecord(
                    displayName: "Person \(person)",
                    provenance: Provenance(source: kind.rawValue, file: "f", line: l + 1))
                // E-mails are shared by all kinds; profile URLs only by some records.
                if Bool.random(using: &rng) || kind == .mail { r.emails = ["p\(person)@x.org"] }
                if kind != .mail, Bool.random(using: &rng) {
                    r.profileURLs = ["https://www.linkedin.com/in/p\(person)"]
                }
                if r.emails.isEmpty && r.profileURLs.isEmpty { r.emails = ["p\(person)@y.org"] }
                s.people.append(r)
            }
            return s
        }
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func mergesDoNotDependOnSourceOrder(seed: UInt64) {
        let sources = Self.sources(seed: seed)
        let reference = NetworkBuilder().build(sources)
        #expect(reference.merges.contains { $0.rule == "same_email" })
        var rng = Seeded(state: seed &* 31)
        for _ in 0..<6 {
            let shuffled = sources.shuffled(using: &rng)
            let n = NetworkBuilder().build(shuffled)
            #expect(n.people.map(\.id) == reference.people.map(\.id))
            #expect(n.merges == reference.merges)
        }
    }
}
