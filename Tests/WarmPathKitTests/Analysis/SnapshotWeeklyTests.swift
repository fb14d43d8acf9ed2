import Foundation
import Testing
@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

/// A read-only history over snapshots in memory.
struct MemoryHistory: SnapshotHistory {
    var snapshots: [Snapshot]

    func load(asOf: String) throws -> Snapshot? { snapshots.first { $0.asOf == asOf } }
    func previous(before asOf: String) throws -> Snapshot? {
        snapshots.filter { $0.asOf < asOf }.max { $0.asOf < $1.asOf }
    }
    func highestStrength(from: String, to: String) throws -> [PersonID: Double] {
        var out: [PersonID: Double] = [:]
        for s in snapshots where s.asOf >= from && s.asOf < to {
            for p in s.people { if let v = p.strength { out[p.id] = max(out[p.id] ?? v, v) } }
        }
        return out
    }
    func save(_ snapshot: Snapshot) throws {}
    func days() throws -> [String] { snapshots.map(\.asOf).sorted() }
}

@Suite("SnapshotWeeklyTests")
struct SnapshotWeeklyTests {
    static func week2Inputs() -> (Network, ScoreBook, [SnapshotPath], Double) {
        let (net, snap) = SnapshotDiffTests.week2()
        let asOf = SnapFixture.asOf("2024-03-08")
        let book = net.snapScores(
            asOf: asOf, strength: ["Ana Ruiz": 0.55, "Bo Chen": 0.62, "Cy Park": 0.1, "Dee Diaz": 0.2],
            readiness: ["Ana Ruiz": 0.45, "Bo Chen": 0.25])
        return (net, book, snap.paths, asOf)
    }

    @Test func withHistoryWritesAlertsAndChanges() throws {
        let (_, week1) = SnapshotDiffTests.week1()
        let (net, book, paths, asOf) = Self.week2Inputs()
        let r = try WeeklyReports.run(
            network: net, owner: net.snapOwner, asOf: asOf, scores: book, paths: paths,
            history: MemoryHistory(snapshots: [week1]))
        #expect(r.baseline == "2024-03-01")
        #expect(r.files.map(\.name) == ["alerts.csv", "changes.csv"])
        #expect(r.changes.map(\.kind) == [.newConnection, .jobChange, .strengthUp, .newPath])
        #expect(r.snapshot.alerts == r.alerts)
        #expect(r.snapshot.asOf == "2024-03-08")
        #expect(
            r.notes.last?.line
                == "changes since 2024-03-01: 4 (1 new_connection, 1 job_change, 1 strength_up, 1 new_path)")
    }

    @Test func withoutHistoryOnlyAlerts() throws {
        let (net, book, paths, asOf) = Self.week2Inputs()
        let r = try WeeklyReports.run(
            network: net, owner: net.snapOwner, asOf: asOf, scores: book, paths: paths, history: nil)
        #expect(r.files.map(\.name) == ["alerts.csv"])
        #expect(r.baseline == nil && r.changes.isEmpty)
    }

    @Test func firstRunHasAnEmptyChangesFile() throws {
        let (net, book, paths, asOf) = Self.week2Inputs()
        let r = try WeeklyReports.run(
            network: net, owner: net.snapOwner, asOf: asOf, scores: book, paths: paths,
            history: MemoryHistory(snapshots: []))
        #expect(r.files.last?.text == "kind,person_id,name,before,after,detail\r\n")
        #expect(r.notes.last == .noEarlierSnapshot(before: "2024-03-08"))
        #expect(r.notes.last?.line == "no earlier snapshot before 2024-03-08: changes.csv lists nothing this time")
    }

    @Test func compareToPicksTheDayOrSaysWhatExists() throws {
        let (_, week1) = SnapshotDiffTests.week1()
        var older = week1
        older.asOf = "2024-02-23"
        older.people = []
        let history = MemoryHistory(snapshots: [older, week1])
        let (net, book, paths, asOf) = Self.week2Inputs()
        let r = try WeeklyReports.run(
            network: net, owner: net.snapOwner, asOf: asOf, scores: book, paths: paths, history: history,
            compareTo: "2024-02-23")
        #expect(r.baseline == "2024-02-23")
        #expect(r.changes.filter { $0.kind == .newConnection }.count == 3)
        #expect(throws: WeeklyError.noSnapshot(day: "2024-02-24", available: ["2024-02-23", "2024-03-01"])) {
            _ = try WeeklyReports.run(
                network: net, owner: net.snapOwner, asOf: asOf, scores: book, history: history, compareTo: "2024-02-24")
        }
        #expect(throws: WeeklyError.compareNotBefore(day: "2024-03-08", asOf: "2024-03-08")) {
            _ = try WeeklyReports.run(
                network: net, owner: net.snapOwner, asOf: asOf, scores: book, history: history, compareTo: "2024-03-08")
        }
        #expect(
            WeeklyError.noSnapshot(day: "2024-02-24", available: ["2024-02-23"]).description
                == "--compare-to 2024-02-24: no snapshot of that day in the store; stored days are: 2024-02-23")
    }

    @Test func pastStrengthFromHistoryFeedsDormant() throws {
        // Ana: regular contact until Dec 2023, weak now, strong in a snapshot 10 weeks ago.
        var f = SnapFixture()
        f.add("Ana Ruiz")
        f.connect("Ana Ruiz", on: "2023-01-05")
        AlertTests.regular(&f, "Ana Ruiz", until: "2023-12-01")
        let net = f.network()
        let asOf = SnapFixture.asOf("2024-03-20")
        let book = net.snapScores(asOf: asOf, strength: ["Ana Ruiz": 0.3])
        let ana = net.people[Int(net.snapIdx("Ana Ruiz"))]
        let past = Snapshot(
            asOf: "2024-01-10", ownerID: nil, people: [SnapshotPerson(id: ana.id, name: ana.name, strength: 0.72)])
        let withHistory = try WeeklyReports.run(
            network: net, owner: net.snapOwner, asOf: asOf, scores: book, history: MemoryHistory(snapshots: [past]))
        #expect(withHistory.alerts.contains { $0.kind == .dormant && $0.personID == ana.id })
        let without = try WeeklyReports.run(network: net, owner: net.snapOwner, asOf: asOf, scores: book, history: nil)
        #expect(!without.alerts.contains { $0.kind == .dormant })
    }
}
