import WarmPathAnalysis
import WarmPathImport
import WarmPathModel
import WarmPathReport
import WarmPathSupport

/// `warmpath explain PERSON SOURCE...`: one person's evidence ledger, as text.
///
/// ```
/// let text = try ExplainPipeline.run(person: "Ana Ruiz", RunConfiguration(sources: ["fixtures/linkedin"]))
/// ```
public enum ExplainPipeline {
    /// PERSON matches nobody in the sources.
    public struct PersonNotFound: UserFacingError, Equatable {
        public var person: String
        public var message: String {
            "'\(person)' matches nobody in the sources; give a name, profile URL, e-mail or person id"
        }
        public var exitStatus: ExitStatus { .usage }
    }

    /// Reads the sources, scores everyone from the owner's point of view (`config.scoring`)
    /// and returns `person`'s ledger.
    /// - Throws: ``PipelineError`` (no usable source, no owner), ``PersonNotFound``.
    public static func run(person: String, _ config: RunConfiguration, progress: ProgressLine = .silent) throws
        -> String
    {
        let loaded = try ReportPipeline.load(config, progress: progress, ownerNeeded: true)
        guard let me = loaded.owner else { throw PipelineError.noOwner }
        guard let target = try? ReportPipeline.resolveOwner(person, in: loaded.network) else {
            throw PersonNotFound(person: person)
        }
        let book = Scorer.score(network: loaded.network, owner: me, asOf: loaded.asOf, config: config.scoring)
        return ScoreReports.explain(book, network: loaded.network, person: target)
    }
}
