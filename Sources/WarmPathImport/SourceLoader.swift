import Foundation
import WarmPathSupport
import WarmPathModel

/// The outcome of reading one path given on the command line.
public struct LoadedSource: Sendable {
    public var path: String
    public var detection: Detection?
    public var result: SourceImport?
    /// For a graph file loaded with `peopleFromGraphs: false`: its counts, without people and
    /// interactions (``result`` stays nil).
    public var graph: GraphSummary?
    /// Why the whole source was rejected (nil when it was read).
    public var error: String?
}

/// What `warmpath inspect` needs of a graph file: counts, direction and issues.
public struct GraphSummary: Sendable {
    public var kind: SourceKind
    public var nodes: Int
    public var edges: Int
    public var directed: Bool
    public var issues: [ImportIssue]
    public var file: FileSummary

    /// The summary of a read graph file (the issues include the warning of an empty graph, as
    /// ``GraphFileImporter/sourceImport(_:path:file:)`` adds it).
    public init(_ g: GraphFile, file entry: String) {
        kind = g.kind.sourceKind
        nodes = g.document.nodeCount
        edges = g.document.edgeCount
        directed = g.document.directed
        issues = g.issues
        if nodes == 0 && edges == 0 {
            issues.append(
                ImportIssue(
                    source: g.source, file: entry, line: 0, severity: .warning, message: "the graph has no nodes"))
        }
        file = FileSummary(file: entry, rows: nodes + edges, people: nodes, interactions: edges)
    }
}

/// Reads the sources given on the command line with the importer registry. A source that
/// cannot be read is reported (``LoadedSource/error``); the others go on.
public struct SourceLoader: Sendable {
    public var registry: ImporterRegistry
    public var options: ImportOptions

    public init(registry: ImporterRegistry = .standard, options: ImportOptions = ImportOptions()) {
        self.registry = registry
        self.options = options
    }

    /// What one source's import gives.
    enum Outcome: Sendable {
        case source(SourceImport)
        case graph(GraphSummary)
    }

    /// Reads `paths`.
    /// - Parameter peopleFromGraphs: false to read graph files only as far as ``GraphSummary``
    ///   (for `inspect`: a million-node graph is counted, not turned into a million people).
    public func load(_ paths: [String], peopleFromGraphs: Bool = true) -> [LoadedSource] {
        load(paths, peopleFromGraphs: peopleFromGraphs, beforeReading: { _ in })
    }

    /// Reads `paths`, calling `check` with the kinds detected before anything is read: what it
    /// throws stops the load (a run that cannot succeed says so before reading a large file).
    public func load(
        _ paths: [String], peopleFromGraphs: Bool = true, beforeReading check: ([SourceKind]) throws -> Void
    ) rethrows -> [LoadedSource] {
        // Detection in command-line order, then the imports on every core; results keep the
        // command-line order. Two sources of one kind are labelled `kind` and `kind#2` in the
        // order of their paths, not of the command line, so the report does not depend on the
        // order the sources were given in.
        var out: [LoadedSource] = []
        var found: [(index: Int, container: SourceContainer, importer: any SourceImporter)] = []
        for path in paths {
            var loaded = LoadedSource(path: path)
            do {
                let container = try SourceContainer(path: path, limits: options.limits)
                let (importer, detection) = try registry.detect(container)
                loaded.detection = detection
                found.append((out.count, container, importer))
            } catch {
                loaded.error = SourceLoader.describe(error, path: path)
            }
            out.append(loaded)
        }
        try check(found.map { out[$0.index].detection!.kind })
        var labels: [Int: String] = [:]
        let byKind = Dictionary(grouping: found.map(\.index)) { out[$0].detection!.kind }
        for (kind, indices) in byKind {
            let ordered = indices.sorted { (out[$0].path, $0) < (out[$1].path, $1) }
            for (n, i) in ordered.enumerated() { labels[i] = n == 0 ? kind.rawValue : "\(kind.rawValue)#\(n + 1)" }
        }
        var jobs: [(index: Int, run: @Sendable () -> Result<Outcome, any Error>)] = []
        var mailJobs: [(index: Int, run: @Sendable ([[String]]) -> Result<Outcome, any Error>)] = []
        for (index, container, importer) in found {
            var opts = options
            opts.label = labels[index]
            let fixed = opts
            if !peopleFromGraphs && importer is GraphFileImporter {
                jobs.append(
                    (
                        index,
                        {
                            Result {
                                let (g, entry) = try GraphFileImporter.readFile(container, options: fixed)
                                return .graph(GraphSummary(g, file: entry))
                            }
                        }
                    ))
            } else if out[index].detection?.kind == .mail {
                mailJobs.append(
                    (
                        index,
                        { owners in
                            var o = fixed
                            o.sourceOwnerEmails = owners
                            let withOwners = o
                            return Result { .source(try importer.importing(container, options: withOwners)) }
                        }
                    ))
            } else {
                jobs.append((index, { Result { .source(try importer.importing(container, options: fixed)) } }))
            }
        }
        func record(
            _ job: (index: Int, run: @Sendable () -> Result<Outcome, any Error>), _ result: Result<Outcome, any Error>
        ) {
            switch result {
            case .success(.source(let imported)): out[job.index].result = imported
            case .success(.graph(let summary)): out[job.index].graph = summary
            case .failure(let error): out[job.index].error = SourceLoader.describe(error, path: out[job.index].path)
            }
        }
        for (job, result) in zip(jobs, Parallel.map(jobs.map(\.run))) { record(job, result) }
        // Mail sources last: they learn the other sources' owner e-mails (LinkedIn
        // `Email Addresses.csv`, …) to tell whose mailbox it is.
        if !mailJobs.isEmpty {
            var owners: [[String]] = []
            for l in out {
                guard let r = l.result, r.kind != .mail, let o = r.owner else { continue }
                let emails = r.people[Int(o)].emails
                if !emails.isEmpty { owners.append(emails) }
            }
            let known = owners.sorted { $0.joined(separator: ",") < $1.joined(separator: ",") }
            let second = mailJobs.map { job in
                (index: job.index, run: { @Sendable () -> Result<Outcome, any Error> in job.run(known) })
            }
            for (job, result) in zip(second, Parallel.map(second.map(\.run))) { record(job, result) }
        }
        return out
    }

    static func describe(_ error: any Error, path: String) -> String {
        if let e = error as? any UserFacingError { return e.message }
        return ErrorText.message(error, path: path)
    }
}
