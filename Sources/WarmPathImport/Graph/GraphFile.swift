import Foundation
import WarmPathSupport
import WarmPathModel

/// One graph file read: the one importer behind every command that takes graph files
/// (`distances`, `inspect`, `export`, `report` through ``GraphFileImporter``).
///
/// Format detection (``GraphDetection``, by content), the size limit (``ImportLimits/maxFileBytes``)
/// and issue reporting (``GraphReadResult/issues``) are done here, once. Edge lists on disk are
/// streamed in 1 MB blocks on two threads (``EdgeListReader``), never held whole in memory, and
/// come with the directed CSR the reader built on the way; the other formats are read from the
/// file mapped in memory. Directedness comes from the file (GraphML `edgedefault`, GEXF
/// `defaultedgetype`, GML `directed`, Pajek `*Arcs` / `*Edges`, the JSON `directed` key);
/// edge lists are directed unless a KONECT `% sym` line says otherwise.
public struct GraphFile: Sendable {
    /// The format read (JSON files are re-classified from the parsed value).
    public var kind: GraphFileKind
    /// What detection saw, for `warmpath inspect`.
    public var detection: GraphDetectionResult
    /// The graph and every recoverable problem met while reading it.
    public var result: GraphReadResult
    /// The directed CSR of ``document`` (with ``CSRGraph/edgeIndex``) when the reader built it
    /// on the way (edge lists); nil otherwise.
    public var csr: CSRGraph?
    /// The source label used in issues (given, or the kind's name).
    public var source: String
    /// How many edges have a NaN, infinite, zero, negative or non-numeric weight; its
    /// ``EdgeWeightCensus/issue(source:file:)`` is among ``issues`` (one per file).
    public var weights: EdgeWeightCensus

    public var document: GraphDocument { result.document }
    public var issues: [ImportIssue] { result.issues }

    public init(
        kind: GraphFileKind, detection: GraphDetectionResult, result: GraphReadResult, csr: CSRGraph? = nil,
        source: String
    ) {
        self.source = source
        self.kind = kind
        self.detection = detection
        self.result = result
        self.csr = csr
        self.weights = EdgeWeightCensus(result.document)
    }

    /// The file as read, with the one weight-census issue appended to its issues.
    static func censused(
        kind: GraphFileKind, detection: GraphDetectionResult, result: GraphReadResult, csr: CSRGraph? = nil,
        source: String, file: String
    ) -> GraphFile {
        var g = GraphFile(kind: kind, detection: detection, result: result, csr: csr, source: source)
        if let issue = g.weights.issue(source: source, file: file) { g.result.issues.append(issue) }
        return g
    }

    /// Reads the graph file at `path`.
    /// - Throws: ``ImportError`` naming the path: not found, over the size limit, not a graph
    ///   file, or nothing usable in it.
    public static func read(path: String, source: String? = nil, limits: ImportLimits = .default) throws -> GraphFile {
        // The container checks that the path exists and is a regular file or folder.
        let container = try SourceContainer(path: path, limits: limits)
        guard let entry = singleEntry(container) else {
            throw ImportError.nothingUsable(path: path, reason: "a graph source must be a single file")
        }
        return try read(container, entry: entry, source: source)
    }

    /// Reads entry `entry` of `container` (a loose file, or the one file of a folder or zip).
    /// - Parameter source: the label used in issues (default: the detected kind's name).
    public static func read(_ container: SourceContainer, entry: String, source: String? = nil) throws -> GraphFile {
        let display = container.display(entry)
        let size = container.size(of: entry)
        if size > container.limits.maxFileBytes {
            throw ImportError.tooLarge(path: display, bytes: size, limit: container.limits.maxFileBytes)
        }
        guard let head = head(container, entry) else {
            throw ImportError.unreadable(path: display, reason: "the file cannot be opened")
        }
        guard let detected = GraphDetection.detect(head: head, fileName: entry) else {
            if UTF16Sniff.byteOrder(head) != nil {
                throw ImportError.unreadable(path: display, reason: UTF16Sniff.refusal)
            }
            throw ImportError.unrecognised(path: display, tried: [GraphFileImporter().name])
        }
        let source = source ?? detected.kind.sourceKind.rawValue
        if detected.kind == .edgelist, let url = diskURL(container, entry) {
            do {
                let (result, csr) = try EdgeListReader.readGraph(contentsOf: url, file: entry, source: source)
                return censused(
                    kind: .edgelist, detection: detected, result: result, csr: csr, source: source, file: entry)
            } catch let e as ImportError {
                throw shown(e, file: entry, display: display)
            }
        }
        let data = try container.read(entry)
        let (result, kind) = try read(data, kind: detected.kind, file: entry, display: display, source: source)
        return censused(kind: kind, detection: detected, result: result, source: source, file: entry)
    }

    /// Reads graph bytes of a detected kind. JSON files are re-classified from the parsed value,
    /// so the returned kind may differ from `kind` (for example node-link versus graphology).
    public static func read(_ data: Data, kind: GraphFileKind, file: String, display: String? = nil, source: String)
        throws
        -> (GraphReadResult, GraphFileKind)
    {
        do {
            switch kind {
            case .nodeLink, .cytoscape, .graphology:
                let (result, shape) = try NodeLinkReader.readDetectingShape(data, file: file, source: source)
                let actual: GraphFileKind =
                    switch shape {
                    case .cytoscape: .cytoscape
                    case .graphology: .graphology
                    case .nodeLink: .nodeLink
                    }
                return (result, actual)
            case .gml:
                return (try GMLReader.read(data, file: file, source: source), kind)
            case .pajek:
                return (try PajekReader.read(data, file: file, source: source), kind)
            case .graphml:
                return (try GraphMLReader.read(data, file: file, source: source), kind)
            case .gexf:
                return (try GEXFReader.read(data, file: file, source: source), kind)
            case .edgelist:
                return (try EdgeListReader.read(data, file: file, source: source), kind)
            }
        } catch let e as ImportError {
            throw shown(e, file: file, display: display ?? file)
        }
    }

    /// Readers name the bare file; errors show the path the user gave.
    static func shown(_ e: ImportError, file: String, display: String) -> ImportError {
        switch e {
        case .malformed(let p, let line, let reason) where p == file:
            .malformed(path: display, line: line, reason: reason)
        case .nothingUsable(let p, let reason) where p == file: .nothingUsable(path: display, reason: reason)
        default: e
        }
    }

    /// The one file of a container that holds a single file (directly, or alone in a folder or zip).
    static func singleEntry(_ container: SourceContainer) -> String? {
        let entries = container.entries.filter { !SourceContainer.isJunk($0) }
        return entries.count == 1 ? entries[0] : nil
    }

    /// The file on disk behind an entry (nil inside a zip).
    static func diskURL(_ container: SourceContainer, _ entry: String) -> URL? {
        switch container.backing {
        case .folder(let u): u.appendingPathComponent(entry)
        case .files(let urls): urls.first { $0.lastPathComponent == entry }
        case .zip: nil
        }
    }

    /// The first bytes of an entry, never the whole file (a zip member is inflated only that far).
    static func head(_ container: SourceContainer, _ entry: String) -> Data? {
        (try? container.head(entry, bytes: GraphDetection.headSize)).map { Data($0) }
    }
}
