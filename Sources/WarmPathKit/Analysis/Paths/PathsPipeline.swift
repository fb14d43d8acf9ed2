import Foundation

/// What `warmpath paths` was asked to do.
public struct PathsRunConfiguration: Sendable {
    public var sources: [String]
    /// `--to` values (name, profile URL, e-mail, or `company:NAME`).
    public var to: [String]
    /// `--targets FILE`.
    public var targetsFile: String?
    /// `--merge-rules FILE`.
    public var mergeRulesFile: String?
    public var owner: String?
    public var asOf: Double?
    public var paths: PathConfig
    public var options: ImportOptions

    public init(
        sources: [String], to: [String] = [], targetsFile: String? = nil, mergeRulesFile: String? = nil,
        owner: String? = nil, asOf: Double? = nil, paths: PathConfig = .default, options: ImportOptions = ImportOptions()
    ) {
        self.sources = sources
        self.to = to
        self.targetsFile = targetsFile
        self.mergeRulesFile = mergeRulesFile
        self.owner = owner
        self.asOf = asOf
        self.paths = paths
        self.options = options
    }
}

/// The result of `warmpath paths`: the analysis, the files it would write and stderr lines.
public struct PathsOutput: Sendable {
    public var resolved: ResolvedNetwork
    public var analysis: PathAnalysis
    /// `paths.csv`, `merges.csv`, `targets-unmatched.csv`, `asks.csv`.
    public var files: [ReportFile]
    public var summaryLines: [String]
    public var text: String
}

/// Read sources → identity resolution → scores → targets → paths, without the binary.
public enum PathsPipeline {
    /// - Throws: ``PipelineError`` (no usable source, unknown owner), ``CSVError`` /
    ///   ``TargetListError`` for an unreadable targets or rules file.
    public static func run(_ config: PathsRunConfiguration, progress: Progress = .silent) throws -> PathsOutput {
        let loaded = SourceLoader(options: config.options).load(config.sources)
        let imports = loaded.compactMap(\.result)
        var lines: [String] = loaded.compactMap { $0.error.map { "error: \($0)" } }
        guard !imports.isEmpty else { throw PipelineError.noUsableSource(loaded.compactMap(\.error)) }
        let rules = try config.mergeRulesFile.map { try MergeRules.load(path: $0) } ?? .none
        progress.step("resolving identities")
        let resolved = IdentityResolver.resolve(imports: imports, rules: rules)
        let network = resolved.network
        guard let owner = try ReportPipeline.resolveOwner(config.owner, in: network) else {
            throw PipelineError.ownerNotFound(config.owner ?? "(none)", candidates: [])
        }
        let asOf = config.asOf ?? network.newestTime ?? Date().timeIntervalSince1970
        var specs = config.to.map(TargetSpec.parseArgument)
        var targetIssues: [ImportIssue] = []
        if let f = config.targetsFile {
            let url = URL(fileURLWithPath: f)
            let parsed = try TargetList.parse(Data(contentsOf: url), file: url.lastPathComponent)
            specs += parsed.specs
            targetIssues = parsed.issues
        }
        // A bare `--to` word that matches no person may be a company.
        var targets = TargetList.match(specs, in: network)
        let retry = targets.unmatched.filter { $0.line == 0 && !$0.name.isEmpty && $0.profileURL.isEmpty && $0.email.isEmpty }
        if !retry.isEmpty {
            let again = TargetList.match(retry.map { TargetSpec(company: $0.name) }, in: network)
            targets.matches += again.matches
            targets.unmatched = targets.unmatched.filter { !retry.contains($0) } + again.unmatched.map { TargetSpec(name: $0.company) }
        }
        targets.issues = targetIssues
        progress.step("scoring \(Format.grouped(network.people.count)) people")
        let book = Scorer.score(network: network, owner: owner, asOf: asOf)
        progress.step("finding paths to \(targets.people.count) target(s)")
        let analysis = PathAnalysis.run(network: network, owner: owner, asOf: asOf, scores: book, targets: targets, config: config.paths)
        progress.done()
        lines += PathReports.unmatchedLines(targets)
        for i in resolved.issues + targetIssues { lines.append("\(i.file):\(i.line): warning: \(i.message)") }
        if !resolved.suggestions.isEmpty {
            lines.append("\(resolved.suggestions.count) suggested merge(s) written to merges.csv")
        }
        let files = [
            PathReports.pathsCSV(analysis, network: network), PathReports.mergesCSV(network, suggestions: resolved.suggestions),
            PathReports.unmatchedCSV(targets), PathReports.asksCSV(analysis, network: network),
        ]
        return PathsOutput(
            resolved: resolved, analysis: analysis, files: files, summaryLines: lines,
            text: PathReports.terminal(analysis, network: network))
    }
}
