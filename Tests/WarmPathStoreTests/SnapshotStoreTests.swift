import Foundation
import GRDB
import Testing
import WarmPathKit
@testable import WarmPathStore

/// A fresh temporary folder per test, removed at the end.
final class TempDir {
    let url: URL
    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("warmpath-store-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    deinit { try? FileManager.default.removeItem(at: url) }
}

struct Abort: Error {}

/// Synthetic weekly snapshots built through `NetworkBuilder` and `SnapshotBuilder`.
enum StoreFixture {
    static func time(_ day: String) -> Double { ReportDate.parseDay(day)! - 43_200 }

    static func record(_ name: String, company: String, position: String = "Engineer", owner: Bool = false, line: Int)
        -> PersonRecord
    {
        PersonRecord(
            displayName: name, company: company, position: position,
            profileURLs: ["https://www.linkedin.com/in/" + name.lowercased().replacingOccurrences(of: " ", with: "-")],
            emails: owner ? [] : [name.lowercased().replacingOccurrences(of: " ", with: ".") + "@example.com"],
            isOwner: owner, provenance: Provenance(source: "linkedin", file: "Connections.csv", line: line))
    }

    /// The source behind ``week(_:)`` 2.
    static func week2Source() -> SourceImport { source(2) }

    /// Week 1 (2024-03-01): Ana at Acme and Bo connected; Tia is a target with no path.
    /// Week 2 (2024-03-08): Ana moved to Globex, Dee connected, Bo's strength rose, a path to Tia.
    static func week(_ n: Int) -> Snapshot {
        let source = source(n)
        return snapshot(n, source)
    }

    static func source(_ n: Int) -> SourceImport {
        var people = [
            record("Olivia Owner", company: "Self", owner: true, line: 1),
            record("Ana Ruiz", company: n == 1 ? "Acme" : "Globex", line: 2),
            record("Bo Chen", company: "Initech", position: "CTO", line: 3),
            record("Tia Target", company: "BigCo", position: "VP Sales", line: 4),
        ]
        var interactions = [
            Interaction(
                kind: .connection, time: time("2023-01-10"), actor: 0, recipients: [1],
                provenance: Provenance(source: "linkedin", file: "Connections.csv", line: 2)),
            Interaction(
                kind: .connection, time: time("2023-02-10"), actor: 0, recipients: [2],
                provenance: Provenance(source: "linkedin", file: "Connections.csv", line: 3)),
        ]
        if n == 2 {
            people.append(record("Dee Diaz", company: "Umbrella", line: 5))
            interactions.append(
                Interaction(
                    kind: .connection, time: time("2024-03-05"), actor: 0, recipients: [4],
                    provenance: Provenance(source: "linkedin", file: "Connections.csv", line: 5)))
        }
        return SourceImport(
            kind: .linkedin, path: "synthetic", label: "linkedin", people: people, interactions: interactions, owner: 0,
            files: [
                FileSummary(
                    file: "Connections.csv", rows: people.count - 1, people: people.count - 1,
                    skipped: ["blank rows": n])
            ],
            issues: [
                ImportIssue(
                    source: "linkedin", file: "Connections.csv", line: 9, severity: .warning, message: "blank row")
            ])
    }

    static func snapshot(_ n: Int, _ source: SourceImport) -> Snapshot {
        let net = NetworkBuilder().build([source])
        let owner = net.sourceOwners.compactMap { $0 }.first!
        func i(_ name: String) -> Int { net.people.firstIndex { $0.name == name }! }
        var scores = [PersonScore](repeating: PersonScore(), count: net.people.count)
        scores[i("Ana Ruiz")] = PersonScore(
            strength: 0.5, readiness: 0.4, credibility: 0.3, reliability: 0.6, intimacy: 0.2, selfOrientation: 0.1)
        scores[i("Bo Chen")] = PersonScore(strength: n == 1 ? 0.3 : 0.62, readiness: 0.2)
        let asOf = ReportDate.parseDay(n == 1 ? "2024-03-01" : "2024-03-08")!
        let book = ScoreBook(owner: owner, asOf: asOf, people: scores)
        var paths: [SnapshotPath] = []
        if n == 2 {
            paths.append(
                SnapshotPath(
                    targetID: net.people[i("Tia Target")].id, targetName: "Tia Target", rank: 1, probability: 0.31,
                    introducerID: net.people[i("Bo Chen")].id, pathText: "You → Bo Chen → Tia Target"))
        }
        let alerts = Alerts.compute(network: net, owner: owner, asOf: asOf, scores: book)
        return SnapshotBuilder.make(
            network: net, owner: owner, asOf: asOf, scores: book, groups: [Int32(i("Ana Ruiz")): .needNow],
            paths: paths,
            alerts: alerts)
    }

    /// A snapshot of `count` people (for concurrency and size tests).
    static func large(_ asOf: String, count: Int) -> Snapshot {
        var people: [SnapshotPerson] = []
        var ids: [SnapshotIdentity] = []
        for k in 0..<count {
            let id = PersonID(rawValue: "p" + StableHash.hex("person \(k)"))
            people.append(
                SnapshotPerson(
                    id: id, name: "Person \(k)", company: "Company \(k % 500)", position: "Title \(k % 40)",
                    profileURL: "https://www.linkedin.com/in/person-\(k)", isConnection: k % 3 != 0,
                    connectedOn: "2023-0\(k % 9 + 1)-1\(k % 9)", strength: Double(k % 100) / 100, readiness: 0.25,
                    credibility: 0.1, reliability: 0.5, intimacy: 0.2, selfOrientation: 0))
            ids.append(SnapshotIdentity(personID: id, key: "url:https://www.linkedin.com/in/person-\(k)"))
        }
        return Snapshot(
            asOf: asOf, ownerID: PersonID(rawValue: "powner"), ownerName: "Owner", people: people, identities: ids)
    }
}

@Suite("SnapshotStoreTests")
struct SnapshotStoreTests {
    @Test func roundTripKeepsEverything() throws {
        let dir = TempDir()
        let store = try SnapshotStore(path: dir.path("s.sqlite"))
        let w2 = StoreFixture.week(2)
        #expect(!w2.alerts.isEmpty && !w2.paths.isEmpty && !w2.imports.isEmpty)
        try store.save(w2)
        let back = try #require(try store.load(asOf: "2024-03-08"))
        #expect(back == w2)
        #expect(try store.load(asOf: "2024-03-01") == nil)
        #expect(
            try store.list() == [
                SnapshotSummary(asOf: "2024-03-08", people: 4, connections: 3, alerts: w2.alerts.count, paths: 1)
            ])
        #expect(try store.schemaVersions() == ["v1", "v2"])
    }

    @Test func twoWeeksStoredGiveTheExpectedChanges() throws {
        let dir = TempDir()
        let store = try SnapshotStore(path: dir.path("s.sqlite"))
        try store.save(StoreFixture.week(1))
        try store.save(StoreFixture.week(2))
        let after = try #require(try store.load(asOf: "2024-03-08"))
        let before = try #require(try store.previous(before: after.asOf))
        #expect(before.asOf == "2024-03-01")
        let kinds = SnapshotDiff.compare(before: before, after: after).map { "\($0.kind.rawValue) \($0.name)" }
        #expect(
            kinds == ["new_connection Dee Diaz", "job_change Ana Ruiz", "strength_up Bo Chen", "new_path Tia Target"])
        #expect(try store.previous(before: "2024-03-01") == nil)
        #expect(try store.previous(before: "2025-01-01")?.asOf == "2024-03-08")
    }

    @Test func outOfOrderReplayGivesTheSameSnapshots() throws {
        let dir = TempDir()
        let inOrder = try SnapshotStore(path: dir.path("a.sqlite"))
        let reversed = try SnapshotStore(path: dir.path("b.sqlite"))
        try inOrder.save(StoreFixture.week(1))
        try inOrder.save(StoreFixture.week(2))
        try reversed.save(StoreFixture.week(2))
        try reversed.save(StoreFixture.week(1))
        #expect(try inOrder.list() == reversed.list())
        for day in ["2024-03-01", "2024-03-08"] {
            let a = try #require(try inOrder.load(asOf: day))
            #expect(try reversed.load(asOf: day) == a)
        }
        #expect(try reversed.previous(before: "2024-03-08")?.asOf == "2024-03-01")
    }

    @Test func sameAsOfTwiceKeepsOneSnapshot() throws {
        let dir = TempDir()
        let store = try SnapshotStore(path: dir.path("s.sqlite"))
        var w1 = StoreFixture.week(1)
        try store.save(w1)
        try store.save(w1)
        #expect(try store.list().count == 1)
        #expect(try store.load(asOf: w1.asOf) == w1)
        // A re-run of the same day replaces it.
        w1.people[0].company = "Changed Co"
        try store.save(w1)
        #expect(try store.list().count == 1)
        #expect(try store.load(asOf: w1.asOf)?.people[0].company == "Changed Co")
        let rows = try store.queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM person")! }
        #expect(rows == w1.people.count)
    }

    @Test(arguments: [SaveStage.snapshot, .people, .scores, .alerts, .imports])
    func aFailedSaveLeavesTheStoreAsItWas(stage: SaveStage) throws {
        let dir = TempDir()
        let path = dir.path("s.sqlite")
        let store = try SnapshotStore(path: path)
        let w1 = StoreFixture.week(1)
        try store.save(w1)
        let listBefore = try store.list()
        // Replace week 1 with different data, aborting half-way.
        var changed = w1
        changed.people[0].company = "Half Written"
        changed.people.append(SnapshotPerson(id: PersonID(rawValue: "pzzz"), name: "New Person", isConnection: true))
        #expect(throws: StoreError.self) {
            try store.save(changed, hook: { if $0 == stage { throw Abort() } })
        }
        // And a new day, aborted the same way.
        var w3 = w1
        w3.asOf = "2024-03-15"
        #expect(throws: StoreError.self) {
            try store.save(w3, hook: { if $0 == stage { throw Abort() } })
        }
        #expect(try store.list() == listBefore)
        #expect(try store.load(asOf: w1.asOf) == w1)
        #expect(try store.load(asOf: "2024-03-15") == nil)
        // A fresh connection sees the same.
        #expect(try SnapshotStore(path: path).load(asOf: w1.asOf) == w1)
    }

    @Test func aStoreFromTheV1SchemaMigrates() throws {
        let dir = TempDir()
        let path = dir.path("old.sqlite")
        do {
            let old = try DatabaseQueue(path: path)
            try SnapshotStore.migrator.migrate(old, upTo: "v1")
            try old.write { db in
                try db.execute(
                    sql:
                        "INSERT INTO snapshot (id, as_of, owner_id, owner_name) VALUES (7, '2024-02-23', 'powner', 'Olivia')"
                )
                for (k, connected) in [(1, 1), (2, 1), (3, 0)] {
                    try db.execute(
                        sql: """
                            INSERT INTO person (snapshot_id, person_id, name, company, position, profile_url, is_connection,
                                connected_on, report_group) VALUES (7, ?, ?, 'Acme', 'Engineer', NULL, ?, NULL, NULL)
                            """, arguments: ["p\(k)", "Person \(k)", connected])
                }
                try db.execute(
                    sql: "INSERT INTO score (snapshot_id, person_id, strength, readiness) VALUES (7, 'p1', 0.7, 0.5)")
                try db.execute(
                    sql:
                        "INSERT INTO alert (snapshot_id, kind, person_id, name, since, days, detail) VALUES (7, 'dormant', 'p1', 'Person 1', '2023-12-01', 84, 'quiet')"
                )
                try db.execute(
                    sql:
                        "INSERT INTO path (snapshot_id, target_id, target_name, rank, probability, introducer_id, path_text) VALUES (7, 'p3', 'Person 3', 1, 0.2, 'p1', 'You → Person 1 → Person 3')"
                )
            }
            #expect(try old.read { db in try SnapshotStore.migrator.appliedMigrations(db) } == ["v1"])
            #expect(try old.read { db in try db.columns(in: "snapshot").map(\.name) }.contains("people_count") == false)
        }
        let store = try SnapshotStore(path: path)
        #expect(try store.schemaVersions() == ["v1", "v2"])
        #expect(
            try store.list() == [SnapshotSummary(asOf: "2024-02-23", people: 3, connections: 2, alerts: 1, paths: 1)])
        let snap = try #require(try store.load(asOf: "2024-02-23"))
        #expect(snap.people.map(\.id.rawValue) == ["p1", "p2", "p3"])
        #expect(snap.people[0].strength == 0.7 && snap.people[1].strength == nil)
        #expect(snap.alerts.first?.kind == .dormant)
        let indexed = try store.queue.read { db in try db.indexes(on: "person").map(\.name) }
        #expect(indexed.contains("person_by_person_id"))
        // The migrated store takes new snapshots.
        try store.save(StoreFixture.week(1))
        #expect(try store.list().map(\.asOf) == ["2024-02-23", "2024-03-01"])
    }

    @Test func aStoreFromANewerWarmpathIsRefused() throws {
        let dir = TempDir()
        let path = dir.path("new.sqlite")
        _ = try SnapshotStore(path: path)
        let q = try DatabaseQueue(path: path)
        try q.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9')") }
        #expect(throws: StoreError.newerSchema(path: path, unknownMigrations: ["v9"])) {
            _ = try SnapshotStore(path: path)
        }
    }

    @Test func aFileThatIsNotAStoreIsRefusedClearly() throws {
        let dir = TempDir()
        let path = dir.path("notes.txt")
        try Data(String(repeating: "this is not a database\n", count: 200).utf8).write(to: URL(fileURLWithPath: path))
        do {
            _ = try SnapshotStore(path: path)
            Issue.record("opened a text file as a store")
        } catch let e as StoreError {
            guard case .notAStore(let p, _) = e else {
                Issue.record("unexpected error \(e)")
                return
            }
            #expect(p == path)
            #expect(e.description.hasPrefix("\(path) is not a warmpath snapshot store"))
        }
        let missing = dir.path("no/such/folder/s.sqlite")
        #expect(throws: StoreError.self) { _ = try SnapshotStore(path: missing) }
        #expect(throws: StoreError.invalidDate("2024-3-1")) {
            let s = try SnapshotStore(path: dir.path("ok.sqlite"))
            try s.save(Snapshot(asOf: "2024-3-1", ownerID: nil))
        }
    }

    @Test func twoRunsAtOnceBothLandWithoutCorruption() async throws {
        let dir = TempDir()
        let path = dir.path("shared.sqlite")
        let a = try SnapshotStore(path: path)
        let b = try SnapshotStore(path: path)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (k, store) in [a, b].enumerated() {
                group.addTask {
                    for week in 0..<6 {
                        let day = ReportDate.day(
                            ReportDate.parseDay("2024-01-01")! + Double(week * 14 + k * 7) * 86_400)
                        try store.save(StoreFixture.large(day, count: 2_000))
                    }
                }
            }
            try await group.waitForAll()
        }
        let list = try SnapshotStore(path: path).list()
        #expect(list.count == 12)
        #expect(list.allSatisfy { $0.people == 2_000 })
        let check = try await a.queue.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") }
        #expect(check == "ok")
        let mode = try await a.queue.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
    }

    @Test func aBusyStoreFailsWithAClearMessageAndWritesNothing() throws {
        let dir = TempDir()
        let path = dir.path("busy.sqlite")
        let first = try SnapshotStore(path: path)
        let impatient = try SnapshotStore(path: path, busyTimeout: 0.2)
        let w1 = StoreFixture.week(1)
        // `first` holds the write lock (an open IMMEDIATE transaction) while `impatient` saves.
        try first.queue.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                try db.execute(sql: "UPDATE snapshot SET owner_name = 'x' WHERE 0")
                do {
                    try impatient.save(w1)
                    Issue.record("saved while another run held the store")
                } catch let e as StoreError {
                    #expect(e == .busy(path: path, seconds: 0.2))
                    #expect(e.description.contains(path))
                    #expect(e.description.contains("in use by another warmpath run"))
                } catch {
                    Issue.record("unexpected error \(error)")
                }
                return .rollback
            }
        }
        #expect(try impatient.list().isEmpty)
        // Once the lock is released the same save succeeds.
        try impatient.save(w1)
        #expect(try first.load(asOf: w1.asOf) == w1)
    }

    @Test func highestStrengthReadsRecentHistory() throws {
        let dir = TempDir()
        let store = try SnapshotStore(path: dir.path("s.sqlite"))
        try store.save(StoreFixture.week(1))
        try store.save(StoreFixture.week(2))
        let w2 = StoreFixture.week(2)
        let bo = w2.people.first { $0.name == "Bo Chen" }!.id
        #expect(try store.highestStrength(from: "2024-01-01", to: "2024-03-08")[bo] == 0.3)
        #expect(try store.highestStrength(from: "2024-01-01", to: "2024-03-09")[bo] == 0.62)
        #expect(try store.highestStrength(from: "2024-03-02", to: "2024-03-08").isEmpty)
    }

    @Test func weeklyStepUsesTheStoreAsHistory() throws {
        let dir = TempDir()
        let store = try SnapshotStore(path: dir.path("s.sqlite"))
        try store.save(StoreFixture.week(1))
        let w2 = StoreFixture.week(2)
        // Rebuild week 2's network and rerun the weekly step against the store.
        let net = NetworkBuilder().build([StoreFixture.week2Source()])
        let owner = net.sourceOwners.compactMap { $0 }.first!
        let weekly = try WeeklyReports.run(
            network: net, owner: owner, asOf: ReportDate.parseDay("2024-03-08")!, scores: nil, paths: w2.paths,
            history: store)
        #expect(weekly.baseline == "2024-03-01")
        #expect(weekly.files.map(\.name) == ["alerts.csv", "changes.csv"])
        // No scores and no groups this time: no strength change, Ana left need_now.
        #expect(weekly.changes.map(\.kind) == [.newConnection, .jobChange, .newPath, .leftGroup])
        try store.save(weekly.snapshot)
        #expect(try store.list().map(\.asOf) == ["2024-03-01", "2024-03-08"])
        #expect(try store.load(asOf: "2024-03-08") == weekly.snapshot)
    }
}
