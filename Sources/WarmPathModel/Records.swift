import Foundation
import WarmPathSupport

/// Where a piece of evidence came from: the source, the file inside it and the physical line
/// (or a JSON/XML path in `location` when lines do not apply).
public struct Provenance: Sendable, Hashable, Codable, Comparable {
    /// The source label (for example `linkedin`, `facebook`, `graphml`), see ``SourceKind``.
    public var source: String
    public var file: String
    public var line: Int
    public var location: String?

    public init(source: String, file: String, line: Int, location: String? = nil) {
        self.source = source
        self.file = file
        self.line = line
        self.location = location
    }

    public static func < (a: Provenance, b: Provenance) -> Bool {
        (a.source, a.file, a.line, a.location ?? "") < (b.source, b.file, b.line, b.location ?? "")
    }

    /// `messages.csv #12` as shown in ledgers.
    public var short: String {
        if line > 0 { return "\(file) #\(line)" }
        if let location { return "\(file) \(location)" }
        return file
    }
}

/// Index of a ``PersonRecord`` inside one ``SourceImport``.
public typealias LocalPersonRef = Int32

/// A person as one source describes them. Several records (in one source or across sources)
/// may describe the same person; identity resolution merges them into a ``Person``.
public struct PersonRecord: Sendable, Hashable, Codable {
    public var displayName: String
    public var firstName: String
    public var lastName: String
    public var company: String
    public var position: String
    /// Canonical profile URLs (see ``IdentityNormalizer/canonicalProfileURL(_:)``).
    public var profileURLs: [String]
    /// Lower-cased e-mails.
    public var emails: [String]
    public var phones: [String]
    /// X / Twitter account ids, kept as decimal strings (never floating point).
    public var xAccounts: [String]
    /// Node ids in graph files (scoped to the source).
    public var nodeIDs: [String]
    /// Weak identity: only the display name is known (Facebook, 2018 LinkedIn messages).
    public var nameOnly: Bool
    /// The archive owner (the user or a teammate).
    public var isOwner: Bool
    /// Free attributes from graph files and contact cards (`attr.name` → value).
    public var attributes: [String: String]
    /// Where this record was first seen.
    public var provenance: Provenance

    public init(
        displayName: String, firstName: String = "", lastName: String = "", company: String = "",
        position: String = "", profileURLs: [String] = [], emails: [String] = [], phones: [String] = [],
        xAccounts: [String] = [], nodeIDs: [String] = [], nameOnly: Bool = false, isOwner: Bool = false,
        attributes: [String: String] = [:], provenance: Provenance
    ) {
        self.displayName = displayName
        self.firstName = firstName
        self.lastName = lastName
        self.company = company
        self.position = position
        self.profileURLs = profileURLs
        self.emails = emails
        self.phones = phones
        self.xAccounts = xAccounts
        self.nodeIDs = nodeIDs
        self.nameOnly = nameOnly
        self.isOwner = isOwner
        self.attributes = attributes
        self.provenance = provenance
    }

    /// Identity keys of this record, best first. `source` scopes weak keys.
    public func identityKeys(source: String) -> [IdentityKey] {
        var keys: [IdentityKey] = []
        keys += profileURLs.map(IdentityKey.profileURL)
        keys += emails.map(IdentityKey.email)
        keys += xAccounts.map(IdentityKey.xAccount)
        keys += phones.map(IdentityKey.phone)
        keys += nodeIDs.map { IdentityKey.node(source: source, id: $0) }
        if keys.isEmpty {
            let n = IdentityNormalizer.matchName(displayName)
            if !n.isEmpty { keys.append(.name(source: source, name: n)) }
        }
        return keys
    }
}

/// What kind of event an interaction is (MODEL.md §5.2).
public enum InteractionKind: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case connection
    case message
    case invitation
    case endorsement
    case recommendation
    /// The person was (or is) at an employer or school; `detail` names it.
    case affiliation
    /// Facebook friendship.
    case friendship
    /// X follow (actor follows recipient).
    case follow
    /// An address-book entry (weak evidence).
    case contact
    /// An edge of a generic graph file; `weight` holds its explicit trust when given.
    case graphEdge = "graph_edge"
    case reaction
    /// A calendar meeting: the organizer (`actor`) and the attendees who did not decline
    /// (`recipients`), one interaction per occurrence; `thread` holds the event's UID.
    case meeting

    public static func < (a: InteractionKind, b: InteractionKind) -> Bool { a.rawValue < b.rawValue }
}

/// A dated (or undated) piece of relationship evidence between people of one source.
public struct Interaction: Sendable, Hashable, Codable {
    public var kind: InteractionKind
    /// Seconds since 1970 UTC, or nil when the source gives no date.
    public var time: Double?
    /// Who acted (sender, inviter, endorser, recommender, edge source).
    public var actor: LocalPersonRef
    /// Who received (recipients, invitee, endorsee, edge target).
    public var recipients: [LocalPersonRef]
    /// Conversation id for messages, so replies and 1:1 versus group can be computed.
    public var thread: String?
    /// More than two people in the thread or conversation.
    public var isGroup: Bool
    /// Plain text (HTML stripped, entities decoded) for analysis; never written to reports by default.
    public var text: String?
    /// Skill for endorsements, organisation for affiliations, subject/title otherwise.
    public var detail: String?
    /// Explicit weight or rating from graph files (raw value, see ``weightKind``).
    public var weight: Double?
    /// Flags: sponsored / InMail thread, invitation with a note, endorsement not accepted, …
    public var flags: InteractionFlags
    /// End of the interval for affiliations (nil = current).
    public var endTime: Double?
    public var provenance: Provenance

    public init(
        kind: InteractionKind, time: Double?, actor: LocalPersonRef, recipients: [LocalPersonRef],
        thread: String? = nil, isGroup: Bool = false, text: String? = nil, detail: String? = nil,
        weight: Double? = nil, flags: InteractionFlags = [], endTime: Double? = nil, provenance: Provenance
    ) {
        self.kind = kind
        self.time = time
        self.actor = actor
        self.recipients = recipients
        self.thread = thread
        self.isGroup = isGroup
        self.text = text
        self.detail = detail
        self.weight = weight
        self.flags = flags
        self.endTime = endTime
        self.provenance = provenance
    }
}

public struct InteractionFlags: OptionSet, Sendable, Hashable, Codable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    /// Sponsored conversation / InMail marketing: not a relationship signal.
    public static let sponsored = InteractionFlags(rawValue: 1 << 0)
    /// Invitation carrying a personal note.
    public static let withNote = InteractionFlags(rawValue: 1 << 1)
    /// Endorsement or recommendation not accepted / hidden / pending.
    public static let notAccepted = InteractionFlags(rawValue: 1 << 2)
    /// Draft message (never sent).
    public static let draft = InteractionFlags(rawValue: 1 << 3)
    /// Message without text (attachment, shell).
    public static let empty = InteractionFlags(rawValue: 1 << 4)
    /// Graph edge that is undirected (holds both ways).
    public static let undirected = InteractionFlags(rawValue: 1 << 5)
    /// Affiliation is a school (else an employer).
    public static let school = InteractionFlags(rawValue: 1 << 6)
    /// Message in a spam folder.
    public static let spam = InteractionFlags(rawValue: 1 << 7)
    /// An e-mail (mbox, .eml, Google Takeout Mail): counted in `emails_in` / `emails_out`.
    public static let mail = InteractionFlags(rawValue: 1 << 8)
}

/// The kind of source a ``SourceImport`` came from.
public enum SourceKind: String, Sendable, Hashable, Codable, CaseIterable {
    case linkedin
    case facebook
    case twitter
    case vcard
    case xcard
    case jcard
    case googleContacts = "google-contacts"
    case outlookContacts = "outlook-contacts"
    case graphml
    case gexf
    case nodeLink = "node-link"
    case cytoscape
    case graphology
    case edgelist
    case gml
    case pajek
    /// iCalendar files (`.ics`: Google, Outlook, Apple; Google Takeout's `Takeout/Calendar`).
    case calendar
    /// E-mail: an mbox (mboxo / mboxrd), a folder of `.eml` files, or a Google Takeout's `Takeout/Mail/*.mbox`.
    case mail

    /// Whether a source of this kind can say whose export it is (``SourceImport/owner``): the
    /// archives, mail and calendars can; graph files and address books never do.
    public var canNameOwner: Bool {
        switch self {
        case .linkedin, .facebook, .twitter, .calendar, .mail: true
        case .vcard, .xcard, .jcard, .googleContacts, .outlookContacts: false
        case .graphml, .gexf, .nodeLink, .cytoscape, .graphology, .edgelist, .gml, .pajek: false
        }
    }
}

/// Everything one importer read from one source: people as the source describes them, the
/// events between them, the owner, per-file counts and the issues met.
public struct SourceImport: Sendable, Codable {
    public var kind: SourceKind
    /// The path the user gave.
    public var path: String
    /// A short label for this source in provenance and reports (`linkedin`, `linkedin#2`, …).
    public var label: String
    public var people: [PersonRecord]
    public var interactions: [Interaction]
    /// Index into `people` of the export's owner, if the source has one.
    public var owner: LocalPersonRef?
    /// Skills the owner lists (LinkedIn `Skills.csv`).
    public var ownerSkills: [String]
    public var files: [FileSummary]
    public var issues: [ImportIssue]
    /// Graph files: whether the graph is directed.
    public var directed: Bool?
    /// Counts that do not become people, for example `blank connection rows`.
    public var counters: [String: Int]

    public init(
        kind: SourceKind, path: String, label: String, people: [PersonRecord] = [],
        interactions: [Interaction] = [], owner: LocalPersonRef? = nil, ownerSkills: [String] = [],
        files: [FileSummary] = [], issues: [ImportIssue] = [], directed: Bool? = nil, counters: [String: Int] = [:]
    ) {
        self.kind = kind
        self.path = path
        self.label = label
        self.people = people
        self.interactions = interactions
        self.owner = owner
        self.ownerSkills = ownerSkills
        self.files = files
        self.issues = issues
        self.directed = directed
        self.counters = counters
    }

    /// The newest event time in this source (used as the default `--as-of`).
    public var newestTime: Double? {
        interactions.lazy.compactMap(\.time).max()
    }
}
