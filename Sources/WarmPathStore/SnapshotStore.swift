import Foundation
import GRDB
import WarmPathKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An exclusive `flock` on the folder that holds a store, held while a run opens the store for
/// writing (created, checked, migrated, switched to WAL). `flock` locks are separate from the
/// POSIX locks SQLite uses, and a folder lock leaves no extra file behind.
struct FolderTurn {
    private let fd: Int32

    /// Waits up to `timeout` seconds for the turn; ``StoreError/busy(path:seconds:)`` after that.
    /// A folder that cannot be opened (it does not exist, or cannot be read) takes no turn: the
    /// open that follows reports the real problem.
    init?(storePath: String, timeout: Double) throws {
        let folder = (storePath as NSString).deletingLastPathComponent
        let fd = open(folder.isEmpty ? "." : folder, O_RDONLY)
        guard fd >= 0 else { return nil }
        let deadline = Date().addingTimeInterval(timeout)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, Date() < deadline else {
                let busy = errno == EWOULDBLOCK
                close(fd)
                if busy { throw StoreError.busy(path: storePath, seconds: timeout) }
                return nil
            }
            usleep(5_000)
        }
        self.fd = fd
    }

    func release() {
        flock(fd, LOCK_UN)
        close(fd)
    }
}

/// Errors of the snapshot store. Each names the store file and says what to do.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be opened or created (missing folder, no permission).
    case cannotOpen(path: String, reason: String)
    /// Another run held the store for longer than the busy timeout.
    case busy(path: String, seconds: Double)
    /// The file is not a warmpath store (or is damaged).
    case notAStore(path: String, reason: String)
    /// The store was written by a newer warmpath with migrations this one does not know.
    case newerSchema(path: String, unknownMigrations: [String])
    /// The store was opened read-only (``SnapshotStore/Access/readOnly``) and cannot be written.
    case readOnly(path: String)
    /// A snapshot's as-of is not a `yyyy-MM-dd` day.
    case invalidDate(String)
    /// Reading or writing failed for another reason; nothing was changed by a failed write.
    case failed(path: String, operation: String, reason: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            "cannot open the snapshot store \(path): \(reason); check that the folder exists and is writable"
        case .busy(let path, let seconds):
            "the snapshot store \(path) is in use by another warmpath run (waited \(Format.fixed(seconds, 0)) s); nothing was written, run again when it has finished"
        case .notAStore(let path, let reason):
            "\(path) is not a warmpath snapshot store (\(reason)); give --store a new file name or the store you used before"
        case .newerSchema(let path, let unknown):
            "the snapshot store \(path) was written by a newer warmpath (schema \(unknown.joined(separator: ", "))); upgrade warmpath to read it"
        case .readOnly(let path):
            "the snapshot store \(path) is read-only; nothing was saved"
        case .invalidDate(let s):
            "'\(s)' is not a date; use YYYY-MM-DD, for example 2024-03-31"
        case .failed(let path, let operation, let reason):
            "\(operation) failed on the snapshot store \(path): \(reason); nothing was changed"
        }
    }
}

extension StoreError: UserFacingError {
    public var message: String { description }
    public var exitStatus: ExitStatus {
        switch self {
        case .invalidDate: .usage
        case .cannotOpen, .busy, .notAStore, .newerSchema, .readOnly, .failed: .nothingUsable
        }
    }
}

/// One line of `warmpath history`: a stored snapshot and its counts.
public struct SnapshotSummary: Sendable, Hashable, Codable {
    public var asOf: String
    public var people: Int
    public var connections: Int
    public var alerts: Int
    public var paths: Int

    public init(asOf: String, people: Int, connections: Int, alerts: Int, paths: Int) {
        self.asOf = asOf
        self.people = people
        self.connections = connections
        self.alerts = alerts
        self.paths = paths
    }
}

/// Where a ``SnapshotStore/save(_:)`` is; tests abort a save at a stage to prove atomicity.
enum SaveStage: Sendable {
    case snapshot, people, scores, identities, paths, alerts, imports
}

/// Weekly snapshots in an embedded SQLite file (GRDB), one per as-of day.
///
/// ```
/// let store = try SnapshotStore(path: "warmpath.sqlite")
/// try store.save(snapshot)                          // replaces a snapshot of the same day
/// let last = try store.previous(before: "2024-03-31")
/// ```
///
/// - Ownership: a store carries warmpath's SQLite application id (``applicationID``, 'WmPt').
///   A file is opened as a store only if it carries that id, is empty, or is a store of an older
///   warmpath (our `grdb_migrations` and `snapshot` tables, no id yet: the id is stamped when it is
///   first opened for writing). Anything else is refused with ``StoreError/notAStore(path:reason:)``
///   after a read-only look, before anything is written (the journal-mode change included).
/// - Schema: versioned migrations (`v1` tables, `v2` count columns and a person index), recorded
///   in `grdb_migrations`. A store from an older warmpath is migrated when opened for writing; a
///   store from a newer one is refused with ``StoreError/newerSchema(path:unknownMigrations:)``.
/// - Read-only: ``Access/readOnly`` (for `history`, or a store the user cannot write) opens the
///   file read-only: no journal-mode change, no migration unless one is needed.
/// - Atomicity: creating or migrating a store, and each save, is one `IMMEDIATE` transaction; a
///   failure half-way leaves the store as it was.
/// - Concurrency: WAL journal and a busy timeout (default 10 s): a second run waits for the
///   first, or fails with ``StoreError/busy(path:seconds:)``; it never corrupts the file. Runs
///   creating the same new store at once wait for each other in that `IMMEDIATE` transaction.
public struct SnapshotStore: Sendable {
    /// warmpath's SQLite `PRAGMA application_id`: ASCII 'WmPt'.
    public static let applicationID: Int32 = 0x576D_5074

    /// How a store is opened.
    public enum Access: Sendable {
        /// Created when missing, migrated, switched to WAL, written.
        case readWrite
        /// Only read: opened read-only when it is a current store, so a read-only file or folder
        /// serves reads. An empty or older store that needs migrating is opened for writing.
        case readOnly
    }

    /// The store file.
    public let path: String
    public let busyTimeout: Double
    /// True when the file was opened read-only: ``save(_:)`` then throws ``StoreError/readOnly(path:)``.
    public let isReadOnly: Bool
    let queue: DatabaseQueue

    /// Opens (creating if needed) and migrates the store at `path`.
    /// - Parameters:
    ///   - busyTimeout: seconds to wait for another run that holds the store.
    ///   - access: ``Access/readOnly`` when the caller only reads.
    /// - Throws: ``StoreError``; a refused file is left unchanged byte for byte.
    public init(path: String, busyTimeout: Double = 10, access: Access = .readWrite) throws {
        self.path = path
        self.busyTimeout = busyTimeout
        // Runs opening a store for writing take turns (a lock on the store's folder), so that one
        // creating or migrating it never meets another's half-done look or journal-mode change.
        let turn = access == .readWrite ? try FolderTurn(storePath: path, timeout: busyTimeout) : nil
        defer { turn?.release() }
        // A look with a read-only connection first: a foreign or newer file is refused before
        // any write.
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > 0 {
            let (probe, state) = try SnapshotStore.probe(path: path, busyTimeout: busyTimeout)
            if access == .readOnly && (state == .complete || state == .unstamped) {
                queue = probe
                isReadOnly = true
                return
            }
        }
        queue = try SnapshotStore.open(path: path, busyTimeout: busyTimeout, readOnly: false)
        isReadOnly = false
        try prepare()
    }

    /// True when a run may write the store at `path`: the file (when it exists) and its folder are
    /// writable. Callers that only need to read a store that is not open ``Access/readOnly``.
    public static func isWritable(path: String) -> Bool {
        let fm = FileManager.default
        let folder = (path as NSString).deletingLastPathComponent
        let folderWritable = fm.isWritableFile(atPath: folder.isEmpty ? "." : folder)
        return folderWritable && (!fm.fileExists(atPath: path) || fm.isWritableFile(atPath: path))
    }

    /// A read-only connection and what the file holds. A WAL store in a folder the user cannot
    /// write (no `-shm` file, none can be created) cannot be opened read-only the usual way
    /// (SQLite: "attempt to write a readonly database"); when it has no `-wal` file either, it was
    /// closed cleanly and is read as an immutable file instead (a URI file name, which SQLite
    /// builds with URI support accept).
    private static func probe(path: String, busyTimeout: Double) throws -> (DatabaseQueue, State) {
        func look(_ name: String) throws -> (DatabaseQueue, State) {
            let q = try open(path: name, busyTimeout: busyTimeout, readOnly: true, shownAs: path)
            return (q, try read(q, path: path, busyTimeout: busyTimeout) { db in try inspect(db, path: path) })
        }
        do {
            return try look(path)
        } catch StoreError.cannotOpen(let p, let reason) {
            let wal = (try? FileManager.default.attributesOfItem(atPath: path + "-wal"))?[.size] as? Int ?? 0
            let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
            guard wal == 0, let encoded = absolute.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed),
                let (q, state) = try? look("file:" + encoded + "?immutable=1")
            else { throw StoreError.cannotOpen(path: p, reason: reason) }
            return (q, state)
        }
    }

    private static func open(path: String, busyTimeout: Double, readOnly: Bool, shownAs: String? = nil) throws
        -> DatabaseQueue
    {
        var config = Configuration()
        config.busyMode = .timeout(busyTimeout)
        config.readonly = readOnly
        config.label = "warmpath.store"
        do {
            return try DatabaseQueue(path: path, configuration: config)
        } catch {
            throw SnapshotStore.map(error, path: shownAs ?? path, operation: "opening", timeout: busyTimeout)
        }
    }

    /// What an opened file holds.
    enum State: Equatable {
        /// No tables: a new store.
        case empty
        /// Ours, with migrations to run.
        case needsUpgrade
        /// Ours with every migration, but without the application id (an older warmpath).
        case unstamped
        /// Ours, with the id and every migration.
        case complete
    }

    /// Classifies the database; throws for a file that is not ours or is newer than this warmpath.
    static func inspect(_ db: Database, path: String) throws -> State {
        let id = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        if id != 0 && id != applicationID {
            throw StoreError.notAStore(
                path: path, reason: "it is the SQLite database of another application (application id \(id))")
        }
        let tables = try String.fetchAll(
            db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        if tables.isEmpty { return id == applicationID ? .needsUpgrade : .empty }
        let applied =
            tables.contains("grdb_migrations")
            ? Set(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")) : []
        if id == 0 && !(applied.contains("v1") && tables.contains("snapshot")) {
            let shown = tables.prefix(5).joined(separator: ", ") + (tables.count > 5 ? ", …" : "")
            throw StoreError.notAStore(
                path: path, reason: "it is a SQLite database of another application, with tables \(shown)")
        }
        let known = Set(migrations.map(\.id))
        let unknown = applied.subtracting(known)
        if !unknown.isEmpty { throw StoreError.newerSchema(path: path, unknownMigrations: unknown.sorted()) }
        if applied != known { return .needsUpgrade }
        return id == applicationID ? .complete : .unstamped
    }

    /// Creates, stamps and migrates the store in one `IMMEDIATE` transaction (runs creating the
    /// same store at once wait for each other here, and the later ones find the work done), then
    /// switches it to WAL.
    private func prepare() throws {
        do {
            try queue.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    let state = try SnapshotStore.inspect(db, path: path)
                    if state != .complete {
                        try db.execute(sql: "PRAGMA application_id = \(SnapshotStore.applicationID)")
                        try SnapshotStore.runMigrations(db)
                    }
                    return .commit
                }
                if try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" {
                    _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                }
            }
        } catch {
            throw SnapshotStore.map(error, path: path, operation: "opening", timeout: busyTimeout)
        }
    }

    /// Schema migrations, oldest first, as (identifier, SQL). Never edit a migration: add a new one.
    static let migrations: [(id: String, sql: String)] = [
        (
            "v1",
            """
            CREATE TABLE snapshot (
                id INTEGER PRIMARY KEY,
                as_of TEXT NOT NULL UNIQUE,
                owner_id TEXT,
                owner_name TEXT NOT NULL DEFAULT ''
            );
            CREATE TABLE person (
                snapshot_id INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
                person_id TEXT NOT NULL,
                name TEXT NOT NULL,
                company TEXT NOT NULL,
                position TEXT NOT NULL,
                profile_url TEXT,
                is_connection INTEGER NOT NULL,
                connected_on TEXT,
                report_group TEXT,
                PRIMARY KEY (snapshot_id, person_id)
            ) WITHOUT ROWID;
            CREATE TABLE score (
                snapshot_id INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
                person_id TEXT NOT NULL,
                strength REAL,
                readiness REAL,
                credibility REAL,
                reliability REAL,
                intimacy REAL,
                self_orientation REAL,
                PRIMARY KEY (snapshot_id, person_id)
            ) WITHOUT ROWID;
            CREATE TABLE identity (
                snapshot_id INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
                person_id TEXT NOT NULL,
                key TEXT NOT NULL,
                PRIMARY KEY (snapshot_id, person_id, key)
            ) WITHOUT ROWID;
            CREATE TABLE path (
                snapshot_id INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
                target_id TEXT NOT NULL,
                target_name TEXT NOT NULL,
                rank INTEGER NOT NULL,
                probability REAL NOT NULL,
                introducer_id TEXT,
                path_text TEXT NOT NULL
            );
            CREATE INDEX path_by_snapshot ON path(snapshot_id);
            CREATE TABLE alert (
                snapshot_id INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
                kind TEXT NOT NULL,
                person_id TEXT NOT NULL,
                name TEXT NOT NULL,
                since TEXT NOT NULL,
                days INTEGER,
                detail TEXT NOT NULL
            );
            CREATE INDEX alert_by_snapshot ON alert(snapshot_id);
            CREATE TABLE import_file (
                snapshot_id INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
                source TEXT NOT NULL,
                file TEXT NOT NULL,
                rows INTEGER NOT NULL,
                skipped INTEGER NOT NULL,
                issues INTEGER NOT NULL
            );
            CREATE INDEX import_file_by_snapshot ON import_file(snapshot_id);
            """
        ),
        // v2: counts kept on the snapshot row so `history` does not scan every person, and an
        // index to follow one person across snapshots. Existing snapshots are backfilled.
        (
            "v2",
            """
            ALTER TABLE snapshot ADD COLUMN people_count INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE snapshot ADD COLUMN connection_count INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE snapshot ADD COLUMN alert_count INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE snapshot ADD COLUMN path_count INTEGER NOT NULL DEFAULT 0;
            UPDATE snapshot SET
                people_count = (SELECT COUNT(*) FROM person WHERE person.snapshot_id = snapshot.id),
                connection_count = (SELECT COUNT(*) FROM person
                    WHERE person.snapshot_id = snapshot.id AND person.is_connection = 1),
                alert_count = (SELECT COUNT(*) FROM alert WHERE alert.snapshot_id = snapshot.id),
                path_count = (SELECT COUNT(*) FROM path WHERE path.snapshot_id = snapshot.id);
            CREATE INDEX person_by_person_id ON person(person_id);
            """
        ),
    ]

    /// Applies the migrations not yet recorded in `grdb_migrations` (GRDB's table, so stores
    /// migrated by GRDB's `DatabaseMigrator` by earlier versions read the same), inside the
    /// caller's transaction.
    static func runMigrations(_ db: Database) throws {
        try db.execute(sql: "CREATE TABLE IF NOT EXISTS grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
        let applied = Set(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
        for m in migrations where !applied.contains(m.id) {
            try db.execute(sql: m.sql)
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: [m.id])
        }
    }

    /// The same migrations as a GRDB `DatabaseMigrator` (tests build older stores with it).
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        for migration in migrations {
            let sql = migration.sql
            m.registerMigration(migration.id) { db in try db.execute(sql: sql) }
        }
        return m
    }

    /// Migration identifiers applied to this store, oldest first.
    public func schemaVersions() throws -> [String] {
        try read("reading the schema") { db in try SnapshotStore.migrator.appliedMigrations(db) }
    }

    // MARK: - Writing

    /// Stores `snapshot`, replacing any snapshot with the same as-of day, in one transaction.
    ///
    /// Saving the same snapshot twice leaves one copy; saving weeks out of order gives the same
    /// stored snapshots.
    /// - Throws: ``StoreError``; the store is unchanged when it throws.
    /// - Complexity: O(P + I + T + A) rows inserted with prepared statements.
    public func save(_ snapshot: Snapshot) throws {
        try save(snapshot, hook: nil)
    }

    /// `save` with a hook called after each stage (tests throw from it to abort half-way).
    func save(_ snapshot: Snapshot, hook: (@Sendable (SaveStage) throws -> Void)?) throws {
        guard ReportDate.parseDay(snapshot.asOf) != nil, snapshot.asOf.count == 10 else {
            throw StoreError.invalidDate(snapshot.asOf)
        }
        if isReadOnly { throw StoreError.readOnly(path: path) }
        do {
            try queue.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    try SnapshotStore.insert(snapshot, db: db, hook: hook)
                    return .commit
                }
            }
        } catch {
            throw SnapshotStore.map(
                error, path: path, operation: "saving the \(snapshot.asOf) snapshot", timeout: busyTimeout)
        }
    }

    private static func insert(
        _ s: Snapshot, db: Database, hook: (@Sendable (SaveStage) throws -> Void)?
    ) throws {
        try db.execute(sql: "DELETE FROM snapshot WHERE as_of = ?", arguments: [s.asOf])
        try db.execute(
            sql: """
                INSERT INTO snapshot (as_of, owner_id, owner_name, people_count, connection_count, alert_count, path_count)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                s.asOf, s.ownerID?.rawValue, s.ownerName, s.people.count, s.connectionCount, s.alerts.count,
                s.paths.count,
            ])
        let id = db.lastInsertedRowID
        try hook?(.snapshot)

        let person = try db.makeStatement(
            sql: """
                INSERT INTO person (snapshot_id, person_id, name, company, position, profile_url, is_connection,
                    connected_on, report_group) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        for p in s.people {
            try person.execute(arguments: [
                id, p.id.rawValue, p.name, p.company, p.position, p.profileURL, p.isConnection, p.connectedOn, p.group,
            ])
        }
        try hook?(.people)

        let score = try db.makeStatement(
            sql: """
                INSERT INTO score (snapshot_id, person_id, strength, readiness, credibility, reliability, intimacy,
                    self_orientation) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
        for p in s.people
        where p.strength != nil || p.readiness != nil || p.credibility != nil || p.reliability != nil
            || p.intimacy != nil || p.selfOrientation != nil
        {
            try score.execute(arguments: [
                id, p.id.rawValue, p.strength, p.readiness, p.credibility, p.reliability, p.intimacy, p.selfOrientation,
            ])
        }
        try hook?(.scores)

        let identity = try db.makeStatement(
            sql: "INSERT OR IGNORE INTO identity (snapshot_id, person_id, key) VALUES (?, ?, ?)")
        for i in s.identities { try identity.execute(arguments: [id, i.personID.rawValue, i.key]) }
        try hook?(.identities)

        let path = try db.makeStatement(
            sql: """
                INSERT INTO path (snapshot_id, target_id, target_name, rank, probability, introducer_id, path_text)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
        for p in s.paths {
            try path.execute(arguments: [
                id, p.targetID.rawValue, p.targetName, p.rank, p.probability, p.introducerID?.rawValue, p.pathText,
            ])
        }
        try hook?(.paths)

        let alert = try db.makeStatement(
            sql:
                "INSERT INTO alert (snapshot_id, kind, person_id, name, since, days, detail) VALUES (?, ?, ?, ?, ?, ?, ?)"
        )
        for a in s.alerts {
            try alert.execute(arguments: [id, a.kind.rawValue, a.personID.rawValue, a.name, a.since, a.days, a.detail])
        }
        try hook?(.alerts)

        let file = try db.makeStatement(
            sql: "INSERT INTO import_file (snapshot_id, source, file, rows, skipped, issues) VALUES (?, ?, ?, ?, ?, ?)")
        for f in s.imports { try file.execute(arguments: [id, f.source, f.file, f.rows, f.skipped, f.issues]) }
        try hook?(.imports)
    }

    // MARK: - Reading

    /// The snapshot stored for `asOf` (`yyyy-MM-dd`), or nil.
    /// - Throws: ``StoreError``.
    public func load(asOf: String) throws -> Snapshot? {
        try read("reading the \(asOf) snapshot") { db in
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM snapshot WHERE as_of = ?", arguments: [asOf])
            else { return nil }
            return try SnapshotStore.fetch(id: id, db: db)
        }
    }

    /// The newest snapshot strictly before `asOf` (`yyyy-MM-dd`), or nil.
    /// - Throws: ``StoreError``.
    public func previous(before asOf: String) throws -> Snapshot? {
        try read("reading the snapshot before \(asOf)") { db in
            guard
                let id = try Int64.fetchOne(
                    db, sql: "SELECT id FROM snapshot WHERE as_of < ? ORDER BY as_of DESC LIMIT 1", arguments: [asOf])
            else { return nil }
            return try SnapshotStore.fetch(id: id, db: db)
        }
    }

    /// Every stored snapshot with its counts, oldest first.
    /// - Throws: ``StoreError``.
    public func list() throws -> [SnapshotSummary] {
        try read("listing snapshots") { db in
            try Row.fetchAll(
                db,
                sql:
                    "SELECT as_of, people_count, connection_count, alert_count, path_count FROM snapshot ORDER BY as_of"
            ).map { r in
                SnapshotSummary(asOf: r[0], people: r[1], connections: r[2], alerts: r[3], paths: r[4])
            }
        }
    }

    /// The highest strength each person had in snapshots with `from ≤ as-of < to` (days as
    /// `yyyy-MM-dd`), for the `dormant` alert's "strength was ≥ 0.5 within the past 180 days".
    /// - Throws: ``StoreError``.
    public func highestStrength(from: String, to: String) throws -> [PersonID: Double] {
        try read("reading past strengths") { db in
            var out: [PersonID: Double] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT score.person_id, MAX(score.strength) FROM score
                    JOIN snapshot ON snapshot.id = score.snapshot_id
                    WHERE snapshot.as_of >= ? AND snapshot.as_of < ? AND score.strength IS NOT NULL
                    GROUP BY score.person_id
                    """, arguments: [from, to])
            while let r = try rows.next() { out[PersonID(rawValue: r[0])] = r[1] }
            return out
        }
    }

    private static func fetch(id: Int64, db: Database) throws -> Snapshot? {
        guard
            let head = try Row.fetchOne(
                db, sql: "SELECT as_of, owner_id, owner_name FROM snapshot WHERE id = ?", arguments: [id])
        else { return nil }
        var people: [SnapshotPerson] = []
        let pc = try Row.fetchCursor(
            db,
            sql: """
                SELECT p.person_id, p.name, p.company, p.position, p.profile_url, p.is_connection, p.connected_on,
                    p.report_group, s.strength, s.readiness, s.credibility, s.reliability, s.intimacy, s.self_orientation
                FROM person p LEFT JOIN score s ON s.snapshot_id = p.snapshot_id AND s.person_id = p.person_id
                WHERE p.snapshot_id = ? ORDER BY p.person_id
                """, arguments: [id])
        while let r = try pc.next() {
            people.append(
                SnapshotPerson(
                    id: PersonID(rawValue: r[0]), name: r[1], company: r[2], position: r[3], profileURL: r[4],
                    isConnection: r[5], connectedOn: r[6], strength: r[8], readiness: r[9], credibility: r[10],
                    reliability: r[11], intimacy: r[12], selfOrientation: r[13], group: r[7]))
        }
        var identities: [SnapshotIdentity] = []
        let ic = try Row.fetchCursor(
            db, sql: "SELECT person_id, key FROM identity WHERE snapshot_id = ? ORDER BY person_id, key",
            arguments: [id])
        while let r = try ic.next() {
            identities.append(SnapshotIdentity(personID: PersonID(rawValue: r[0]), key: r[1]))
        }
        let paths = try Row.fetchAll(
            db,
            sql: """
                SELECT target_id, target_name, rank, probability, introducer_id, path_text FROM path
                WHERE snapshot_id = ?
                """, arguments: [id]
        ).map { r in
            SnapshotPath(
                targetID: PersonID(rawValue: r[0]), targetName: r[1], rank: r[2], probability: r[3],
                introducerID: (r[4] as String?).map(PersonID.init(rawValue:)), pathText: r[5])
        }
        var alerts: [Alert] = []
        for r in try Row.fetchAll(
            db, sql: "SELECT kind, person_id, name, since, days, detail FROM alert WHERE snapshot_id = ?",
            arguments: [id])
        {
            let kindText: String = r[0]
            guard let kind = AlertKind(rawValue: kindText) else { continue }  // a kind from a newer warmpath
            alerts.append(
                Alert(kind: kind, personID: PersonID(rawValue: r[1]), name: r[2], since: r[3], days: r[4], detail: r[5])
            )
        }
        let imports = try Row.fetchAll(
            db, sql: "SELECT source, file, rows, skipped, issues FROM import_file WHERE snapshot_id = ?",
            arguments: [id]
        ).map { r in SnapshotImportRow(source: r[0], file: r[1], rows: r[2], skipped: r[3], issues: r[4]) }
        return Snapshot(
            asOf: head[0], ownerID: (head[1] as String?).map(PersonID.init(rawValue:)), ownerName: head[2],
            people: people, identities: identities, paths: paths, alerts: alerts, imports: imports)
    }

    private func read<T>(_ operation: String, _ body: (Database) throws -> T) throws -> T {
        try SnapshotStore.read(queue, path: path, busyTimeout: busyTimeout, operation: operation, body)
    }

    private static func read<T>(
        _ queue: DatabaseQueue, path: String, busyTimeout: Double, operation: String = "opening",
        _ body: (Database) throws -> T
    ) throws -> T {
        do {
            return try queue.read(body)
        } catch {
            throw SnapshotStore.map(error, path: path, operation: operation, timeout: busyTimeout)
        }
    }

    /// Maps GRDB / SQLite errors to ``StoreError``.
    static func map(_ error: Error, path: String, operation: String, timeout: Double) -> StoreError {
        if let e = error as? StoreError { return e }
        guard let e = error as? DatabaseError else {
            return .failed(path: path, operation: operation, reason: "\(error)")
        }
        switch e.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return .busy(path: path, seconds: timeout)
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            return .notAStore(path: path, reason: e.message ?? "not a database")
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_READONLY:
            return .cannotOpen(path: path, reason: e.message ?? "cannot open")
        default:
            return .failed(path: path, operation: operation, reason: e.message ?? "\(e)")
        }
    }
}

extension SnapshotStore: SnapshotHistory {
    /// As-of days of every stored snapshot, oldest first.
    public func days() throws -> [String] { try list().map(\.asOf) }
}
