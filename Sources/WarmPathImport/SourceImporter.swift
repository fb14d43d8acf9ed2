import Foundation
import WarmPathSupport
import WarmPathModel

/// Options every importer receives.
public struct ImportOptions: Sendable, Hashable {
    public var limits: ImportLimits
    /// Label used in provenance and issues (`linkedin`, `linkedin#2` when two LinkedIn archives are merged).
    public var label: String?
    /// `--as-of` (end of that day UTC): calendar recurrences are expanded up to it. nil: each
    /// calendar file is expanded up to its own newest timestamp.
    public var asOf: Double?
    /// The mail owner's addresses (`--owner-email`), lower-cased: mail sources take them as the
    /// owner's instead of guessing.
    public var ownerEmails: [String]
    /// The e-mails of the owners of the other sources read in the same run (LinkedIn
    /// `Email Addresses.csv`, …), one list per owner; ``SourceLoader`` fills it for mail sources.
    package var sourceOwnerEmails: [[String]] = []

    public init(
        limits: ImportLimits = .default, label: String? = nil, asOf: Double? = nil, ownerEmails: [String] = []
    ) {
        self.limits = limits
        self.label = label
        self.asOf = asOf
        self.ownerEmails = ownerEmails
    }
}

/// How sure an importer is that it can read a container, from its content.
public struct Detection: Sendable, Hashable, Comparable {
    public var kind: SourceKind
    /// 0 (no) ... 100 (certain). Ties are broken by ``SourceKind`` order.
    public var confidence: Int
    /// What was recognised, for `warmpath inspect` (`Connections.csv with LinkedIn header`).
    public var reason: String

    public init(kind: SourceKind, confidence: Int, reason: String) {
        self.kind = kind
        self.confidence = confidence
        self.reason = reason
    }

    public static func < (a: Detection, b: Detection) -> Bool {
        if a.confidence != b.confidence { return a.confidence < b.confidence }
        let order = SourceKind.allCases
        return (order.firstIndex(of: a.kind) ?? 0) > (order.firstIndex(of: b.kind) ?? 0)
    }
}

/// One importer per source kind, all behind this protocol.
///
/// `detect` looks at content (file names and the first bytes), never at the whole file.
/// `importSource` parses to records (``SourceImport``) and throws only when nothing of the
/// source can be read; every skipped row is an ``ImportIssue`` in the result.
public protocol SourceImporter: Sendable {
    /// The kinds this importer can produce (a graph importer may handle several).
    var kinds: [SourceKind] { get }
    /// A short name for error messages listing what was tried.
    var name: String { get }
    func detect(_ container: SourceContainer) -> Detection?
    func importSource(_ container: SourceContainer, options: ImportOptions) throws -> SourceImport
}

extension SourceImporter {
    /// ``importSource(_:options:)`` plus the container's own issues (duplicate zip entries),
    /// attributed to the source's label. Callers that read sources use this one.
    public func importing(_ container: SourceContainer, options: ImportOptions) throws -> SourceImport {
        var result = try importSource(container, options: options)
        result.issues = container.issues(source: result.label) + result.issues
        return result
    }
}

/// The registry of importers: picks the best by content.
public struct ImporterRegistry: Sendable {
    public var importers: [any SourceImporter]

    public init(importers: [any SourceImporter]) {
        self.importers = importers
    }

    /// Every importer warmpath has.
    public static var standard: ImporterRegistry {
        ImporterRegistry(importers: StandardImporters.all)
    }

    /// The best importer for a container, or an error naming everything that was tried.
    public func detect(_ container: SourceContainer) throws -> (importer: any SourceImporter, detection: Detection) {
        var best: (any SourceImporter, Detection)?
        for imp in importers {
            guard let d = imp.detect(container), d.confidence > 0 else { continue }
            if best == nil || best!.1 < d { best = (imp, d) }
        }
        guard let best else {
            // An archive whose members could not be looked at says why (encrypted entry,
            // member too large), not only that nothing matched.
            if let refusal = container.firstRefusal { throw refusal }
            throw ImportError.unrecognised(path: container.path, tried: importers.map(\.name))
        }
        return best
    }
}
