import Foundation
import WarmPathSupport
import WarmPathModel
import WarmPathImport
import WarmPathAnalysis
import WarmPathReport

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
        owner: String? = nil, asOf: Double? = nil, paths: PathConfig = .default,
        options: ImportOptions = ImportOptions()
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
    /// The network after identity resolution, as the paths were found in it.
    public var network: Network
    /// Probable duplicates identity resolution did not merge (`merges.csv`).
    public var suggestions: [MergeSuggestion]
    public var analysis: PathAnalysis
    /// `paths.csv`, `merges.csv`, `targets-unmatched.csv`, `asks.csv`.
    public var files: [ReportFile]
    /// For stderr: rejected sources, suggested merges, unmatched targets and skipped
    /// merge-rules rows.
    public var notes: [RunNote]
    public var text: String
}

/// Read sources → identity resolution → scores → targets → paths, without the binary.
public enum PathsPipeline {
    /// - Throws: ``PipelineError`` (no usable source, unknown owner), ``CSVError`` /
    ///   ``TargetListError`` for an unreadable targets or rules file.
    public static func run(_ config: PathsRunConfiguration, progress: ProgressLine = .silent) throws -> PathsOutput {
        // The same load → resolve → score → paths steps as `warmpath report` (one code path).
        let run = RunConfiguration(
            sources: config.sources, owner: config.owner, asOf: config.asOf, options: config.options,
            targetsFile: config.targetsFile, to: config.to, mergeRulesFile: config.mergeRulesFile, paths: config.paths)
        let a = try ReportPipeline.analyse(run, progress: progress)
        progress.done()
        var notes = a.loaded.notes.filter {
            switch $0 {
            case .sourceRejected, .mergesSuggested, .targetUnmatched: true
            default: false
            }
        }
        notes += a.network.issues.filter { $0.source == "merge-rules" }.map(RunNote.fileWarning)
        let files = [
            PathReports.pathsCSV(a.paths, network: a.network),
            PathReports.mergesCSV(a.network, suggestions: a.loaded.suggestions),
            PathReports.unmatchedCSV(a.targets), PathReports.asksCSV(a.paths, network: a.network),
        ]
        return PathsOutput(
            network: a.network, suggestions: a.loaded.suggestions, analysis: a.paths, files: files, notes: notes,
            text: PathReports.terminal(a.paths, network: a.network))
    }
}
