import Foundation
import WarmPathSupport

/// A person after identity resolution: one or more records from one or more sources.
public struct Person: Sendable, Hashable, Codable {
    public var id: PersonID
    public var name: String
    public var company: String
    public var position: String
    /// The best (first, sorted) canonical profile URL, if any.
    public var profileURL: String?
    public var email: String?
    /// Every identity key of every merged record, sorted best first.
    public var identities: [IdentityKey]
    /// Labels of the sources that mention this person, sorted.
    public var sources: [String]
    /// Owner of at least one source (the user or a teammate).
    public var isOwner: Bool
    /// Only a display name is known (weak identity).
    public var nameOnly: Bool
    public var attributes: [String: String]
    /// Provenance of every merged record (evidence is never lost by merging).
    public var records: [Provenance]

    public init(
        id: PersonID, name: String, company: String = "", position: String = "", profileURL: String? = nil,
        email: String? = nil, identities: [IdentityKey] = [], sources: [String] = [], isOwner: Bool = false,
        nameOnly: Bool = false, attributes: [String: String] = [:], records: [Provenance] = []
    ) {
        self.id = id
        self.name = name
        self.company = company
        self.position = position
        self.profileURL = profileURL
        self.email = email
        self.identities = identities
        self.sources = sources
        self.isOwner = isOwner
        self.nameOnly = nameOnly
        self.attributes = attributes
        self.records = records
    }
}

/// An interaction with its people resolved to indices into ``Network/people``.
public struct Event: Sendable, Hashable, Codable {
    public var kind: InteractionKind
    public var time: Double?
    public var actor: Int32
    public var recipients: [Int32]
    public var thread: String?
    public var isGroup: Bool
    public var text: String?
    public var detail: String?
    public var weight: Double?
    public var flags: InteractionFlags
    public var endTime: Double?
    public var provenance: Provenance

    public init(_ i: Interaction, actor: Int32, recipients: [Int32]) {
        kind = i.kind
        time = i.time
        self.actor = actor
        self.recipients = recipients
        thread = i.thread
        isGroup = i.isGroup
        text = i.text
        detail = i.detail
        weight = i.weight
        flags = i.flags
        endTime = i.endTime
        provenance = i.provenance
    }
}

/// A record of two records merged into one person, for `merges.csv`.
public struct MergeRecord: Sendable, Hashable, Codable {
    public var keptID: PersonID
    public var mergedID: PersonID
    public var rule: String
    public var score: Double
    public var evidence: String

    public init(keptID: PersonID, mergedID: PersonID, rule: String, score: Double, evidence: String) {
        self.keptID = keptID
        self.mergedID = mergedID
        self.rule = rule
        self.score = score
        self.evidence = evidence
    }
}

/// All sources merged into one graph of people and their interactions.
///
/// People are addressed by `Int32` index (sorted by ``PersonID`` so output is deterministic);
/// events are sorted by time, then provenance.
public struct Network: Sendable {
    public var people: [Person]
    public var events: [Event]
    /// Index of each source's owner in `people` (nil when a source has no owner), in source order.
    public var sourceOwners: [Int32?]
    public var sources: [SourceSummary]
    public var issues: [ImportIssue]
    public var merges: [MergeRecord]
    /// Skills the owners list, by owner index.
    public var ownerSkills: [Int32: [String]]
    /// Interactions that a source repeated from another one (the same archive given twice, a zip
    /// and its unpacked folder, overlapping exports), counted once: one entry per pair of sources.
    /// Filled by ``NetworkBuilder``; empty when nothing overlapped.
    public var overlaps: [SourceOverlap] = []
    private(set) public var indexByID: [PersonID: Int32]

    public init(
        people: [Person], events: [Event], sourceOwners: [Int32?], sources: [SourceSummary], issues: [ImportIssue],
        merges: [MergeRecord] = [], ownerSkills: [Int32: [String]] = [:]
    ) {
        self.people = people
        self.events = events
        self.sourceOwners = sourceOwners
        self.sources = sources
        self.issues = issues
        self.merges = merges
        self.ownerSkills = ownerSkills
        var idx: [PersonID: Int32] = [:]
        idx.reserveCapacity(people.count)
        for (i, p) in people.enumerated() { idx[p.id] = Int32(i) }
        self.indexByID = idx
    }

    public func index(of id: PersonID) -> Int32? { indexByID[id] }

    /// The newest dated event, used as the default as-of date.
    public var newestTime: Double? { events.lazy.compactMap(\.time).max() }

    /// People's undirected contact graph: an edge for every pair that shares an event.
    /// Built once; analysis layers build their own weighted graphs on top.
    public func contactGraph() -> CSRGraph {
        var src: [Int32] = []
        var dst: [Int32] = []
        for e in events {
            for r in e.recipients where r != e.actor {
                src.append(e.actor)
                dst.append(r)
                src.append(r)
                dst.append(e.actor)
            }
        }
        return CSRGraph(nodeCount: people.count, sources: src, targets: dst, weights: nil, deduplicate: true)
    }
}

/// Interactions of one source that repeat those of another (same people, time, kind, text and
/// detail), dropped by ``NetworkBuilder`` so that nothing counts twice.
///
/// ```
/// network.overlaps.first?.line  // "linkedin#2 repeats 79 interactions of linkedin (24 message, 30 connection, …)"
/// ```
public struct SourceOverlap: Sendable, Hashable, Codable {
    /// Label of the source whose copies were dropped.
    public var source: String
    /// Label of the source whose copies were kept.
    public var keptFrom: String
    /// Dropped interactions by kind, in kind order; every count positive.
    public var counts: [KindTotal]

    public init(source: String, keptFrom: String, counts: [KindTotal]) {
        self.source = source
        self.keptFrom = keptFrom
        self.counts = counts
    }

    /// How many interactions of one kind.
    public struct KindTotal: Sendable, Hashable, Codable {
        public var kind: InteractionKind
        public var count: Int

        public init(kind: InteractionKind, count: Int) {
            self.kind = kind
            self.count = count
        }
    }

    /// Every dropped interaction.
    public var total: Int { counts.reduce(0) { $0 + $1.count } }
}

/// What one source contributed, kept for `inspect`, summaries and snapshots.
public struct SourceSummary: Sendable, Hashable, Codable {
    public var kind: SourceKind
    public var path: String
    public var label: String
    public var files: [FileSummary]
    public var people: Int
    public var interactions: Int
    public var ownerName: String?
    public var directed: Bool?
    public var counters: [String: Int]

    public init(_ s: SourceImport) {
        kind = s.kind
        path = s.path
        label = s.label
        files = s.files
        people = s.people.count
        interactions = s.interactions.count
        ownerName = s.owner.map { s.people[Int($0)].displayName }
        directed = s.directed
        counters = s.counters
    }
}
