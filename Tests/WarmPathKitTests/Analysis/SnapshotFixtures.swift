import Foundation
@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

/// A small synthetic export built in code: people by name, events by helper, one source.
/// Used by `SnapshotDiffTests` and `AlertTests` (never depends on a real importer).
struct SnapFixture {
    var people: [PersonRecord] = []
    var interactions: [Interaction] = []
    private var line = 1

    init(owner: String = "Olivia Owner") {
        add(owner, isOwner: true)
    }

    /// Noon UTC of a `yyyy-MM-dd` day.
    static func time(_ day: String) -> Double {
        ReportDate.parseDay(day)! - 86_399 + 43_200
    }

    /// End of a `yyyy-MM-dd` day (what `--as-of` means).
    static func asOf(_ day: String) -> Double { ReportDate.parseDay(day)! }

    static func slug(_ name: String) -> String { name.lowercased().replacingOccurrences(of: " ", with: "-") }

    @discardableResult
    mutating func add(_ name: String, company: String = "", position: String = "", isOwner: Bool = false) -> Int32 {
        let url = "https://www.linkedin.com/in/" + SnapFixture.slug(name)
        people.append(
            PersonRecord(
                displayName: name, company: company, position: position, profileURLs: [url], isOwner: isOwner,
                provenance: Provenance(source: "linkedin", file: "Connections.csv", line: people.count + 1)))
        return Int32(people.count - 1)
    }

    func ref(_ name: String) -> Int32 {
        Int32(people.firstIndex { $0.displayName == name }!)
    }

    private mutating func next(_ file: String) -> Provenance {
        line += 1
        return Provenance(source: "linkedin", file: file, line: line)
    }

    mutating func connect(_ name: String, on day: String?) {
        let p = next("Connections.csv")
        interactions.append(
            Interaction(
                kind: .connection, time: day.map(SnapFixture.time), actor: 0, recipients: [ref(name)], provenance: p))
    }

    /// A 1:1 message; `from` nil = the owner.
    mutating func message(
        from: String?, to: String?, on day: String, text: String = "Quick question about the project", hour: Double = 0
    ) {
        let a = from.map(ref) ?? 0
        let r = to.map(ref) ?? 0
        let thread = "t-" + [a, r].sorted().map(String.init).joined(separator: "-")
        let p = next("messages.csv")
        interactions.append(
            Interaction(
                kind: .message, time: SnapFixture.time(day) + hour * 3600, actor: a, recipients: [r], thread: thread,
                text: text, provenance: p))
    }

    mutating func invitation(from: String?, to: String?, on day: String, note: Bool) {
        let p = next("Invitations.csv")
        interactions.append(
            Interaction(
                kind: .invitation, time: SnapFixture.time(day), actor: from.map(ref) ?? 0,
                recipients: [to.map(ref) ?? 0],
                flags: note ? [.withNote] : [], provenance: p))
    }

    mutating func endorse(from: String, on day: String) {
        let p = next("Endorsement_Received_Info.csv")
        interactions.append(
            Interaction(
                kind: .endorsement, time: SnapFixture.time(day), actor: ref(from), recipients: [0], detail: "Swift",
                provenance: p))
    }

    var source: SourceImport {
        SourceImport(
            kind: .linkedin, path: "synthetic", label: "linkedin", people: people, interactions: interactions, owner: 0)
    }

    func network() -> Network { NetworkBuilder().build([source]) }
}

extension Network {
    func snapIdx(_ name: String) -> Int32 { Int32(people.firstIndex { $0.name == name }!) }
    var snapOwner: Int32 { sourceOwners.compactMap { $0 }.first! }

    /// A score book with the given strengths / readiness parts by name (others zero).
    func snapScores(
        asOf: Double, strength: [String: Double] = [:], readiness: [String: Double] = [:],
        reliability: [String: Double] = [:], owed: [String: Int] = [:]
    ) -> ScoreBook {
        var people = [PersonScore](repeating: PersonScore(), count: self.people.count)
        for (n, s) in strength { people[Int(snapIdx(n))].strength = s }
        for (n, r) in readiness { people[Int(snapIdx(n))].readiness = r }
        for (n, r) in reliability { people[Int(snapIdx(n))].reliability = r }
        for (n, o) in owed { people[Int(snapIdx(n))].owedReplies = o }
        return ScoreBook(owner: snapOwner, asOf: asOf, people: people)
    }
}
