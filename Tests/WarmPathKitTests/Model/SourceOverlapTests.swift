import Foundation
import Testing
@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

/// The same archive given twice (a zip and its unpacked folder, two downloads of one account,
/// overlapping exports) counts every interaction once.
@Suite struct SourceOverlapTests {
    /// One LinkedIn export: Ana's messages, a connection, an endorsement and an affiliation.
    static func export(_ label: String) -> WPSource {
        var s = WPSource(label)
        let me = s.person("Olivia Owner", url: "https://www.linkedin.com/in/olivia", owner: true)
        let ana = s.person("Ana Ruiz", url: "https://www.linkedin.com/in/ana-ruiz", company: "Acme")
        let bo = s.person("Bo Chen", url: "https://www.linkedin.com/in/bo-chen")
        s.event(.connection, me, [ana], day: 19_000)
        s.event(.connection, me, [bo], day: 19_010)
        s.event(.message, ana, [me], day: 19_700, thread: "t1")
        s.event(.message, me, [ana], day: 19_701, thread: "t1")
        s.event(.endorsement, ana, [me], day: 19_500, detail: "Swift")
        s.event(.endorsement, ana, [me], day: 19_500, detail: "Go")  // same time, another skill: kept
        s.event(.affiliation, ana, [], detail: "Acme")
        return s
    }

    static func build(_ sources: [WPSource]) -> Network {
        IdentityResolver.resolve(imports: sources.map(\.sourceImport)).network
    }

    @Test func theSameExportTwiceCountsOnce() throws {
        let once = Self.build([Self.export("linkedin")])
        let twice = Self.build([Self.export("linkedin"), Self.export("linkedin#2")])
        #expect(twice.events.count == once.events.count)
        #expect(twice.people.count == once.people.count)
        let o = try #require(twice.overlaps.first)
        #expect(twice.overlaps.count == 1)
        #expect(o.source == "linkedin#2" && o.keptFrom == "linkedin")
        #expect(o.total == 7)
        #expect(
            o.counts.map { "\($0.kind.rawValue) \($0.count)" } == [
                "connection 2", "message 2", "endorsement 2", "affiliation 1",
            ])
        // The kept copies are the first source's, whatever the order the sources came in.
        let reversed = Self.build([Self.export("linkedin#2"), Self.export("linkedin")])
        #expect(reversed.events.map(\.provenance) == twice.events.map(\.provenance))
        #expect(twice.events.allSatisfy { $0.provenance.source == "linkedin" })
        // Scores see each message once.
        let owner = try #require(once.sourceOwners.first ?? nil)
        let asOf = 19_800.0 * 86_400
        let a = Scorer.score(network: once, owner: owner, asOf: asOf)
        let b = Scorer.score(network: twice, owner: try #require(twice.sourceOwners.first ?? nil), asOf: asOf)
        #expect(a.people.map(\.strength) == b.people.map(\.strength))
        // One line on stderr.
        #expect(
            RunNote.overlaps(twice.overlaps).line
                == "overlapping sources, counted once: linkedin#2 repeats 7 interactions of linkedin "
                + "(2 connection, 2 message, 2 endorsement, 1 affiliation)")
        #expect(once.overlaps.isEmpty)
    }

    /// Property: a random history split over two sources with a random overlap (each event in
    /// the first, the second, or both) builds the same events as the history in one source,
    /// whatever the source order; the dropped copies are exactly the shared ones.
    @Test(arguments: UInt64(1)...12)
    func aRandomOverlapCountsEveryInteractionOnce(seed: UInt64) {
        var rng = WPRandom(seed: seed)
        let names = (0..<8).map { "Person \($0)" }
        var whole = WPSource("linkedin")
        var a = WPSource("linkedin")
        var b = WPSource("linkedin#2")
        for (k, n) in (["Olivia Owner"] + names).enumerated() {
            let url = "https://www.linkedin.com/in/p\(k)"
            whole.person(n, url: url, owner: k == 0)
            a.person(n, url: url, owner: k == 0)
            b.person(n, url: url, owner: k == 0)
        }
        let kinds: [InteractionKind] = [.message, .connection, .endorsement, .invitation]
        var shared = 0
        var drawn = Set<String>()
        for _ in 0..<Int(rng.next() % 60 + 10) {
            let from = LocalPersonRef(rng.next() % 9)
            var to = LocalPersonRef(rng.next() % 9)
            if to == from { to = (to + 1) % 9 }
            let kind = kinds[Int(rng.next() % UInt64(kinds.count))]
            let day = Double(19_000 + rng.next() % 400)
            let detail = kind == .endorsement ? ["Swift", "Go", "SQL"][Int(rng.next() % 3)] : nil
            // Each interaction of the history happens once (a repeat would be one interaction).
            guard drawn.insert("\(kind)|\(from)|\(to)|\(day)|\(detail ?? "")").inserted else { continue }
            whole.event(kind, from, [to], day: day, detail: detail)
            switch rng.next() % 3 {
            case 0: a.event(kind, from, [to], day: day, detail: detail)
            case 1: b.event(kind, from, [to], day: day, detail: detail)
            default:
                a.event(kind, from, [to], day: day, detail: detail)
                b.event(kind, from, [to], day: day, detail: detail)
                shared += 1
            }
        }
        // Oracle: the distinct events of the history (a source never repeats itself here).
        func key(_ e: Event) -> String {
            "\(e.kind.rawValue)|\(e.time ?? -1)|\(e.actor)|\(e.recipients.sorted())|\(e.text ?? "")|\(e.detail ?? "")"
        }
        let one = Self.build([whole])
        let distinct = Set(one.events.map(key))
        #expect(distinct.count == one.events.count)
        for order in [[a, b], [b, a]] {
            let net = Self.build(order)
            #expect(Set(net.events.map(key)) == distinct)
            // Every event of the history once, the shared copies dropped and counted.
            #expect(net.events.count == a.interactions.count + b.interactions.count - shared)
            #expect(net.overlaps.reduce(0) { $0 + $1.total } == shared)
        }
    }

    @Test func differentInteractionsAndRepeatsWithinOneSourceStay() {
        var a = Self.export("linkedin")
        var b = Self.export("linkedin#2")
        // Another text at the same time, and another recipient: not the same message.
        a.event(.message, 1, [0], day: 19_750, thread: "t1")
        b.interactions.append(
            Interaction(
                kind: .message, time: 19_750 * 86_400, actor: 1, recipients: [0], thread: "t1",
                text: "something else entirely",
                provenance: Provenance(source: "linkedin#2", file: "messages.csv", line: 99)))
        b.event(.message, 1, [2], day: 19_750, thread: "t2")
        // One source listing the same message twice keeps both.
        a.event(.message, 0, [2], day: 19_760, thread: "t3")
        a.event(.message, 0, [2], day: 19_760, thread: "t3")
        let net = Self.build([a, b])
        #expect(net.events.filter { $0.time == 19_750 * 86_400 }.count == 3)
        #expect(net.events.filter { $0.time == 19_760 * 86_400 }.count == 2)
        #expect(net.overlaps.map(\.total) == [7])
    }

    /// A zip and its unpacked folder given together: the report equals the folder's alone, and
    /// stderr says what overlapped in one line. (Person ids and the sources column aside: a
    /// name-only record of each copy merges into one person whose id comes from either copy.)
    @Test func aZipAndItsFolderGiveTheFoldersReport() throws {
        let folder = TestPaths.fixture("linkedin")
        let zip = try ZipHelper.zip(folder: folder, name: "linkedin")
        defer { ZipHelper.removeQuietly(zip) }
        let one = try ReportPipeline.run(RunConfiguration(sources: [folder.path]))
        let both = try ReportPipeline.run(RunConfiguration(sources: [folder.path, zip.path]))
        let notes = both.loaded.notes.filter { if case .overlaps = $0 { true } else { false } }
        #expect(notes.count == 1)
        #expect(notes.first?.line.hasPrefix("overlapping sources, counted once: linkedin#2 repeats ") == true)
        #expect(both.loaded.network.events.count == one.loaded.network.events.count)
        func rows(_ output: ReportOutput, _ name: String) throws -> [String] {
            let text = try #require(output.files.first { $0.name == name }).text
            return text.replacing(/p[0-9a-f]{16}/, with: "p").replacingOccurrences(
                of: ",linkedin;linkedin#2,", with: ",linkedin,"
            ).csvRows.sorted()
        }
        for name in ["people.csv", "evidence.csv", "alerts.csv", "actions.csv", "paths.csv", "skills.csv"] {
            #expect(try rows(one, name) == rows(both, name), "\(name) differs")
        }
        // No merge is listed for records that only met themselves again.
        let merges = try #require(both.files.first { $0.name == "merges.csv" }).text
        IdentityResolutionTests.expectNoSelfMergesOrRepeatedPairs(merges)
    }
}
