import WarmPathSupport
import WarmPathModel
import WarmPathImport

/// One person as recorded in a weekly ``Snapshot``: identity, job, connection and scores.
///
/// Scores are nil when the run had no ``ScoreBook`` (for example no owner could be chosen).
public struct SnapshotPerson: Sendable, Hashable, Codable {
    public var id: PersonID
    public var name: String
    public var company: String
    public var position: String
    public var profileURL: String?
    /// Connected to (or friends with) the snapshot's owner.
    public var isConnection: Bool
    /// Day of the earliest connection with the owner (`yyyy-MM-dd`), nil when undated or unknown.
    public var connectedOn: String?
    public var strength: Double?
    public var readiness: Double?
    public var credibility: Double?
    public var reliability: Double?
    public var intimacy: Double?
    public var selfOrientation: Double?
    /// The report group (MODEL.md §5.7) the person is in, for example `need_now`, or nil.
    public var group: String?

    public init(
        id: PersonID, name: String, company: String = "", position: String = "", profileURL: String? = nil,
        isConnection: Bool = false, connectedOn: String? = nil, strength: Double? = nil, readiness: Double? = nil,
        credibility: Double? = nil, reliability: Double? = nil, intimacy: Double? = nil,
        selfOrientation: Double? = nil, group: String? = nil
    ) {
        self.id = id
        self.name = name
        self.company = company
        self.position = position
        self.profileURL = profileURL
        self.isConnection = isConnection
        self.connectedOn = connectedOn
        self.strength = strength
        self.readiness = readiness
        self.credibility = credibility
        self.reliability = reliability
        self.intimacy = intimacy
        self.selfOrientation = selfOrientation
        self.group = group
    }
}

/// An identity key of a person (`url:…`, `email:…`, see ``IdentityKey/description``).
public struct SnapshotIdentity: Sendable, Hashable, Codable, Comparable {
    public var personID: PersonID
    public var key: String

    public init(personID: PersonID, key: String) {
        self.personID = personID
        self.key = key
    }

    public static func < (a: SnapshotIdentity, b: SnapshotIdentity) -> Bool {
        (a.personID, a.key) < (b.personID, b.key)
    }
}

/// One ranked warm path to a target, as recorded in a snapshot.
public struct SnapshotPath: Sendable, Hashable, Codable, Comparable {
    public var targetID: PersonID
    public var targetName: String
    /// 1 = best path to this target.
    public var rank: Int
    public var probability: Double
    /// The first hop (the person the owner asks), nil for a direct path.
    public var introducerID: PersonID?
    /// Human path text, for example `You → Ana Ruiz → Bo Chen`.
    public var pathText: String

    public init(
        targetID: PersonID, targetName: String, rank: Int, probability: Double, introducerID: PersonID?,
        pathText: String
    ) {
        self.targetID = targetID
        self.targetName = targetName
        self.rank = rank
        self.probability = probability
        self.introducerID = introducerID
        self.pathText = pathText
    }

    public static func < (a: SnapshotPath, b: SnapshotPath) -> Bool {
        (a.targetID, a.rank, a.introducerID?.rawValue ?? "", a.pathText)
            < (b.targetID, b.rank, b.introducerID?.rawValue ?? "", b.pathText)
    }
}

/// Per-file import counts recorded with a snapshot (what the run read).
public struct SnapshotImportRow: Sendable, Hashable, Codable, Comparable {
    /// Source label, for example `linkedin`.
    public var source: String
    public var file: String
    public var rows: Int
    public var skipped: Int
    /// Import issues reported for this file.
    public var issues: Int

    public init(source: String, file: String, rows: Int, skipped: Int, issues: Int) {
        self.source = source
        self.file = file
        self.rows = rows
        self.skipped = skipped
        self.issues = issues
    }

    public static func < (a: SnapshotImportRow, b: SnapshotImportRow) -> Bool {
        (a.source, a.file) < (b.source, b.file)
    }
}

/// What a weekly run knew, as plain values: the people with their jobs and scores, their
/// identities, the warm paths to targets, the alerts raised and what was imported.
///
/// Built by ``SnapshotBuilder``; stored by `WarmPathStore.SnapshotStore`; two snapshots are
/// compared by ``SnapshotDiff``. Every array is kept sorted (people and identities by person id,
/// paths by target then rank, alerts in ``Alert`` order) so equal inputs give equal snapshots.
public struct Snapshot: Sendable, Hashable, Codable {
    /// The run's as-of day, `yyyy-MM-dd` (UTC). One snapshot per day in a store.
    public var asOf: String
    public var ownerID: PersonID?
    public var ownerName: String
    /// Everyone in the network except the owner, sorted by id.
    public var people: [SnapshotPerson]
    public var identities: [SnapshotIdentity]
    public var paths: [SnapshotPath]
    public var alerts: [Alert]
    public var imports: [SnapshotImportRow]

    public init(
        asOf: String, ownerID: PersonID?, ownerName: String = "", people: [SnapshotPerson] = [],
        identities: [SnapshotIdentity] = [], paths: [SnapshotPath] = [], alerts: [Alert] = [],
        imports: [SnapshotImportRow] = []
    ) {
        self.asOf = asOf
        self.ownerID = ownerID
        self.ownerName = ownerName
        self.people = people.sorted { $0.id < $1.id }
        self.identities = identities.sorted()
        self.paths = paths.sorted()
        self.alerts = alerts.sortedByIndex()
        self.imports = imports.sorted()
    }

    /// Number of people who are connections of the owner.
    public var connectionCount: Int { people.reduce(0) { $0 + ($1.isConnection ? 1 : 0) } }
}

/// Builds a ``Snapshot`` from a run's network and analysis results.
public enum SnapshotBuilder {
    /// Fills a snapshot from the network as seen by `owner` on `asOf`.
    ///
    /// ```
    /// let snap = SnapshotBuilder.make(network: net, owner: me, asOf: t, scores: book)
    /// snap.asOf == "2024-03-31"
    /// ```
    /// - Parameters:
    ///   - owner: index of the owner in `network.people` (nil: no connections, no scores).
    ///   - asOf: seconds since 1970 UTC; only its day is kept.
    ///   - scores: the run's scores (nil: all score fields nil).
    ///   - groups: report group per person index (MODEL.md §5.7).
    ///   - paths: warm paths to targets, any order.
    ///   - alerts: the run's alerts, any order.
    /// - Complexity: O(P·k + E·r) for P people with k identity keys and E events with r recipients.
    public static func make(
        network: Network, owner: Int32?, asOf: Double, scores: ScoreBook? = nil, groups: [Int32: PersonGroup] = [:],
        paths: [SnapshotPath] = [], alerts: [Alert] = []
    ) -> Snapshot {
        let n = network.people.count
        var connected = [Bool](repeating: false, count: n)
        var connectedOn = [Double?](repeating: nil, count: n)
        if let owner {
            let events = network.events
            for i in events.indices where events[i].kind == .connection || events[i].kind == .friendship {
                let e = events[i]
                guard !e.flags.contains(.draft) else { continue }
                let members = [e.actor] + e.recipients
                guard members.contains(owner) else { continue }
                if let t = e.time, t > asOf { continue }
                for p in members where p != owner {
                    connected[Int(p)] = true
                    if let t = e.time, connectedOn[Int(p)].map({ t < $0 }) ?? true { connectedOn[Int(p)] = t }
                }
            }
        }
        var people: [SnapshotPerson] = []
        people.reserveCapacity(n)
        var identities: [SnapshotIdentity] = []
        for (i, p) in network.people.enumerated() where Int32(i) != owner {
            var sp = SnapshotPerson(
                id: p.id, name: p.name, company: p.company, position: p.position, profileURL: p.profileURL,
                isConnection: connected[i], connectedOn: connectedOn[i].map { ReportDate.day($0) },
                group: groups[Int32(i)]?.rawValue)
            if let scores, i < scores.people.count {
                let s = scores.people[i]
                sp.strength = s.strength
                sp.readiness = s.readiness
                sp.credibility = s.credibility
                sp.reliability = s.reliability
                sp.intimacy = s.intimacy
                sp.selfOrientation = s.selfOrientation
            }
            people.append(sp)
            for k in Set(p.identities.map(\.description)) {
                identities.append(SnapshotIdentity(personID: p.id, key: k))
            }
        }
        var issuesByFile: [String: Int] = [:]
        for issue in network.issues { issuesByFile[issue.source + "\u{0}" + issue.file, default: 0] += 1 }
        var imports: [SnapshotImportRow] = []
        var seenFiles = Set<String>()
        for s in network.sources {
            for f in s.files {
                let key = s.label + "\u{0}" + f.file
                seenFiles.insert(key)
                imports.append(
                    SnapshotImportRow(
                        source: s.label, file: f.file, rows: f.rows, skipped: f.skippedTotal,
                        issues: issuesByFile[key] ?? 0))
            }
        }
        // Issues for files that have no summary row (a file that could not be read at all).
        for (key, count) in issuesByFile where !seenFiles.contains(key) {
            let parts = key.split(separator: "\u{0}", maxSplits: 1, omittingEmptySubsequences: false)
            imports.append(
                SnapshotImportRow(
                    source: String(parts[0]), file: parts.count > 1 ? String(parts[1]) : "", rows: 0, skipped: 0,
                    issues: count))
        }
        let ownerPerson = owner.map { network.people[Int($0)] }
        return Snapshot(
            asOf: ReportDate.day(asOf), ownerID: ownerPerson?.id, ownerName: ownerPerson?.name ?? "", people: people,
            identities: identities, paths: paths, alerts: alerts, imports: imports)
    }
}

/// Where past snapshots live, seen from the analysis layer. `WarmPathStore.SnapshotStore`
/// conforms; Kit never imports the store (tests can use an in-memory history).
public protocol SnapshotHistory: Sendable {
    /// The snapshot stored for `asOf` (`yyyy-MM-dd`), or nil.
    func load(asOf: String) throws -> Snapshot?
    /// The newest snapshot strictly before `asOf`, or nil.
    func previous(before asOf: String) throws -> Snapshot?
    /// Highest strength per person over snapshots with `from ≤ as-of < to`.
    func highestStrength(from: String, to: String) throws -> [PersonID: Double]
    /// Stores `snapshot`, replacing one with the same as-of day, atomically.
    func save(_ snapshot: Snapshot) throws
    /// As-of days of every stored snapshot, oldest first (for error messages).
    func days() throws -> [String]
}
