import Foundation

/// What `warmpath report` was asked to do. Built by the CLI, run by ``ReportPipeline``.
public struct RunConfiguration: Sendable {
    public var sources: [String]
    /// Name, profile URL or e-mail of the person whose point of view the report takes.
    public var owner: String?
    /// "Now" for every decay and alert: end of this day UTC. Default: the newest event.
    public var asOf: Double?
    public var options: ImportOptions

    public init(sources: [String], owner: String? = nil, asOf: Double? = nil, options: ImportOptions = ImportOptions()) {
        self.sources = sources
        self.owner = owner
        self.asOf = asOf
        self.options = options
    }
}

/// Exit statuses, documented in the README.
public enum ExitStatus: Int32, Sendable {
    /// The report was written (skipped rows included).
    case ok = 0
    /// Nothing usable in the input.
    case nothingUsable = 1
    /// Bad usage (unknown option, bad date, unknown owner).
    case usage = 64
}

/// Errors that stop a whole run.
public enum PipelineError: Error, Sendable, Equatable, CustomStringConvertible {
    case noUsableSource([String])
    case ownerNotFound(String, candidates: [String])

    public var description: String {
        switch self {
        case .noUsableSource(let errors):
            "nothing usable in the input:\n" + errors.map { "  " + $0 }.joined(separator: "\n")
        case .ownerNotFound(let owner, let candidates):
            "--owner '\(owner)' matches nobody in the sources"
                + (candidates.isEmpty ? "" : "; source owners are: " + candidates.joined(separator: ", "))
        }
    }

    public var exitStatus: ExitStatus {
        switch self {
        case .noUsableSource: .nothingUsable
        case .ownerNotFound: .usage
        }
    }
}

/// The network read from the sources, with the owner and as-of date chosen.
public struct LoadedNetwork: Sendable {
    public var network: Network
    public var loaded: [LoadedSource]
    public var owner: Int32?
    public var asOf: Double
    /// One line per file and per rejected source, for stderr.
    public var summaryLines: [String]
}

/// Orchestration of a report run, testable without the binary: read sources, merge, analyse,
/// and return report files (the caller writes them).
public enum ReportPipeline {
    /// Reads and merges the sources, picks the owner and the as-of date.
    public static func load(_ config: RunConfiguration, progress: Progress = .silent) throws -> LoadedNetwork {
        progress.step("reading \(config.sources.count) source(s)")
        let loaded = SourceLoader(options: config.options).load(config.sources)
        let imports = loaded.compactMap(\.result)
        var lines: [String] = []
        for l in loaded {
            if let e = l.error { lines.append("error: \(e)") }
            if let r = l.result {
                for f in r.files { lines.append(f.summaryLine) }
                for (k, v) in r.counters.sorted(by: { $0.key < $1.key }) where v > 0 {
                    lines.append("\(r.label): \(Format.grouped(v)) \(k)")
                }
            }
        }
        let issueCount = imports.reduce(0) { $0 + $1.issues.count }
        if issueCount > 0 {
            lines.append("\(Format.grouped(issueCount)) import issue(s) written to import-issues.csv")
        }
        guard !imports.isEmpty else {
            throw PipelineError.noUsableSource(loaded.compactMap(\.error))
        }
        progress.step("merging \(imports.count) source(s)")
        let network = NetworkBuilder().build(imports)
        let owner = try resolveOwner(config.owner, in: network)
        let asOf = config.asOf ?? network.newestTime ?? Date().timeIntervalSince1970
        return LoadedNetwork(network: network, loaded: loaded, owner: owner, asOf: asOf, summaryLines: lines)
    }

    /// Finds the owner: by profile URL, e-mail, person id or name (source owners first).
    public static func resolveOwner(_ query: String?, in network: Network) throws -> Int32? {
        guard let query else { return network.sourceOwners.compactMap { $0 }.first }
        let owners = network.sourceOwners.compactMap { $0 }
        if let url = IdentityNormalizer.canonicalProfileURL(query), query.contains("/"),
            let i = network.people.firstIndex(where: { $0.identities.contains(.profileURL(url)) })
        {
            return Int32(i)
        }
        if let email = IdentityNormalizer.email(query),
            let i = network.people.firstIndex(where: { $0.identities.contains(.email(email)) })
        {
            return Int32(i)
        }
        if let i = network.index(of: PersonID(rawValue: query)) { return i }
        let wanted = IdentityNormalizer.matchName(query)
        if let o = owners.first(where: { IdentityNormalizer.matchName(network.people[Int($0)].name) == wanted }) {
            return o
        }
        let matches = network.people.indices.filter {
            IdentityNormalizer.matchName(network.people[$0].name) == wanted
                || network.people[$0].identities.contains(where: {
                    if case .node(_, let id) = $0 { id == query } else { false }
                })
        }
        if let first = matches.first { return Int32(first) }
        throw PipelineError.ownerNotFound(query, candidates: owners.map { network.people[Int($0)].name })
    }

    /// Runs the whole report and returns the files to write.
    public static func run(_ config: RunConfiguration, progress: Progress = .silent) throws -> ReportOutput {
        let loaded = try load(config, progress: progress)
        progress.step("analysing \(Format.grouped(loaded.network.people.count)) people")
        let stats = ContactStats.compute(loaded.network, owner: loaded.owner)
        var files: [ReportFile] = []
        files.append(PeopleReport.csv(loaded.network, stats: stats))
        files.append(IssuesReport.csv(loaded.network.issues))
        progress.done()
        return ReportOutput(files: files, loaded: loaded)
    }
}

/// Files to write plus what the CLI prints.
public struct ReportOutput: Sendable {
    public var files: [ReportFile]
    public var loaded: LoadedNetwork
}
