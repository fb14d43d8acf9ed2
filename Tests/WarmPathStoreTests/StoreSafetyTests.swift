import Foundation
import GRDB
import Testing
import WarmPathKit
@testable import WarmPathStore

/// Which files a store opens, how read-only stores are read, and concurrent creation.
@Suite("StoreSafetyTests")
struct StoreSafetyTests {
    func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }
    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    /// A SQLite file of another application (rollback journal, one table, optionally an id).
    func foreignDatabase(_ path: String, applicationID: Int32?) throws {
        let q = try DatabaseQueue(path: path)
        try q.write { db in
            if let applicationID { try db.execute(sql: "PRAGMA application_id = \(applicationID)") }
            try db.execute(sql: "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
            try db.execute(sql: "INSERT INTO notes (body) VALUES ('keep me')")
        }
        try q.close()
    }

    @Test(arguments: [nil, 0x1234_5678] as [Int32?])
    func aForeignSQLiteFileIsRefusedAndLeftUnchanged(applicationID: Int32?) throws {
        let dir = TempDir()
        let path = dir.path("other-app.db")
        try foreignDatabase(path, applicationID: applicationID)
        let before = try bytes(path)
        for access in [SnapshotStore.Access.readWrite, .readOnly] {
            do {
                _ = try SnapshotStore(path: path, access: access)
                Issue.record("opened another application's database as a store")
            } catch let e as StoreError {
                guard case .notAStore(let p, let reason) = e else {
                    Issue.record("unexpected error \(e)")
                    continue
                }
                #expect(p == path)
                #expect(reason.contains("another application"))
                #expect(e.description.hasPrefix("\(path) is not a warmpath snapshot store"))
            }
        }
        #expect(try bytes(path) == before)
        #expect(!exists(path + "-wal") && !exists(path + "-shm") && !exists(path + "-journal"))
    }

    @Test func aNewerSchemaIsRefusedBeforeAnyWrite() throws {
        let dir = TempDir()
        let path = dir.path("newer.sqlite")
        do {
            // A store from a newer warmpath, left in rollback-journal mode so a WAL switch would show.
            let q = try DatabaseQueue(path: path)
            try q.write { db in
                try db.execute(sql: "PRAGMA application_id = \(SnapshotStore.applicationID)")
                try SnapshotStore.runMigrations(db)
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9')")
            }
            try q.close()
        }
        let before = try bytes(path)
        for access in [SnapshotStore.Access.readWrite, .readOnly] {
            #expect(throws: StoreError.newerSchema(path: path, unknownMigrations: ["v9"])) {
                _ = try SnapshotStore(path: path, access: access)
            }
        }
        #expect(try bytes(path) == before)
        #expect(!exists(path + "-wal"))
    }

    @Test func aNewStoreCarriesTheApplicationIDAndAnEmptyFileIsANewStore() throws {
        let dir = TempDir()
        let path = dir.path("empty.sqlite")
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        let store = try SnapshotStore(path: path)
        let id = try store.queue.read { db in try Int32.fetchOne(db, sql: "PRAGMA application_id") }
        #expect(id == SnapshotStore.applicationID)
        #expect(try store.schemaVersions() == ["v1", "v2"])
        // 'WmPt' in the file header (offset 68, big-endian).
        #expect(Array(try bytes(path)[68..<72]) == Array("WmPt".utf8))
    }

    @Test func aStoreOfAnEarlierVersionWithoutTheIDOpensAndIsStamped() throws {
        let dir = TempDir()
        let path = dir.path("earlier.sqlite")
        do {
            // What warmpath wrote before the application id: GRDB's migrator, WAL, a snapshot.
            var config = Configuration()
            config.journalMode = .wal
            let q = try DatabaseQueue(path: path, configuration: config)
            try SnapshotStore.migrator.migrate(q)
            try q.close()
        }
        let reader = try SnapshotStore(path: path, access: .readOnly)
        #expect(reader.isReadOnly)
        #expect(try reader.list().isEmpty)
        #expect(try reader.queue.read { db in try Int32.fetchOne(db, sql: "PRAGMA application_id") } == 0)
        let writer = try SnapshotStore(path: path)
        #expect(!writer.isReadOnly)
        #expect(
            try writer.queue.read { db in try Int32.fetchOne(db, sql: "PRAGMA application_id") }
                == SnapshotStore.applicationID)
        try writer.save(StoreFixture.week(1))
        #expect(try SnapshotStore(path: path, access: .readOnly).list().map(\.asOf) == ["2024-03-01"])
    }

    @Test func aReadOnlyOpenReadsAndNeverWrites() throws {
        let dir = TempDir()
        let path = dir.path("s.sqlite")
        do {
            let store = try SnapshotStore(path: path)
            try store.save(StoreFixture.week(1))
            try store.save(StoreFixture.week(2))
        }
        let before = try bytes(path)
        let reader = try SnapshotStore(path: path, access: .readOnly)
        #expect(reader.isReadOnly)
        #expect(try reader.list().map(\.asOf) == ["2024-03-01", "2024-03-08"])
        #expect(try reader.previous(before: "2024-03-08") == StoreFixture.week(1))
        #expect(throws: StoreError.readOnly(path: path)) { try reader.save(StoreFixture.week(1)) }
        // The connection itself is read-only: SQLite refuses a write.
        #expect(throws: DatabaseError.self) {
            try reader.queue.writeWithoutTransaction { db in try db.execute(sql: "DELETE FROM snapshot") }
        }
        #expect(try bytes(path) == before)
    }

    @Test func sixteenRunsCreatingTheSameNewStoreAllSucceed() throws {
        let dir = TempDir()
        let path = dir.path("new.sqlite")
        let count = 16
        let results = ThreadResults(count)
        let start = DispatchSemaphore(value: 0)
        let group = DispatchGroup()
        for k in 0..<count {
            group.enter()
            let t = Thread {
                start.wait()
                do {
                    let store = try SnapshotStore(path: path)
                    var snap = StoreFixture.week(1)
                    snap.asOf = ReportDate.day(ReportDate.parseDay("2024-01-01")! + Double(k) * 86_400)
                    try store.save(snap)
                    results.set(k, nil)
                } catch {
                    results.set(k, "\(error)")
                }
                group.leave()
            }
            t.start()
        }
        for _ in 0..<count { start.signal() }
        group.wait()
        #expect(results.failures.isEmpty, "\(results.failures)")
        let store = try SnapshotStore(path: path, access: .readOnly)
        #expect(try store.list().count == count)
        #expect(try store.schemaVersions() == ["v1", "v2"])
        let tables = try store.queue.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        }
        #expect(
            tables == ["alert", "grdb_migrations", "identity", "import_file", "path", "person", "score", "snapshot"])
        #expect(try store.queue.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") } == "ok")
        #expect(try store.queue.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") } == "wal")
    }
}

/// Per-thread results of the concurrency test, behind a lock.
final class ThreadResults: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [String?]
    init(_ n: Int) { errors = Array(repeating: "not run", count: n) }
    func set(_ k: Int, _ error: String?) {
        lock.lock()
        errors[k] = error
        lock.unlock()
    }
    var failures: [String] {
        lock.lock()
        defer { lock.unlock() }
        return errors.compactMap { $0 }
    }
}
