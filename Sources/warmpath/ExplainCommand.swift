import ArgumentParser
import Foundation
import WarmPathKit

/// `warmpath explain PERSON SOURCE...`: one person's evidence ledger in the terminal.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Print one person's scores and every signed term behind them, with the rows they come from.",
        discussion: """
            Example:
              warmpath explain "Ana Ruiz" fixtures/linkedin
              warmpath explain https://www.linkedin.com/in/ana-ruiz export.zip --as-of 2024-03-31 --config scoring.yaml
            PERSON is a name, profile URL, e-mail or person id.
            """
    )

    @Argument(help: ArgumentHelp("Who to explain: a name, profile URL, e-mail or person id.", valueName: "person"))
    var person: String

    @OptionGroup var input: SourceOptions

    @Option(help: ArgumentHelp(
        "Whose point of view: a name, profile URL or e-mail (default: the owner of the first source).",
        valueName: "name|url"))
    var owner: String?

    @Option(name: .customLong("as-of"), help: ArgumentHelp(
        "The date treated as now (default: the newest date in the sources). Example: --as-of 2024-03-31",
        valueName: "yyyy-mm-dd"))
    var asOf: String?

    @Option(help: ArgumentHelp("Scoring configuration (YAML) overriding any subset of the defaults.", valueName: "file"))
    var config: String?

    func validate() throws {
        _ = try CLI.parseAsOf(asOf)
    }

    func run() throws {
        let scoring = try CLI.scoringConfig(config)
        let run = RunConfiguration(sources: input.sources, owner: owner, asOf: try CLI.parseAsOf(asOf), options: input.importOptions)
        let loaded: LoadedNetwork
        do {
            loaded = try ReportPipeline.load(run)
        } catch {
            throw CLI.fail(error)
        }
        guard let me = loaded.owner else {
            CLI.printError("no owner: the sources name nobody as their owner; give --owner NAME")
            throw ExitCode(ExitStatus.usage.rawValue)
        }
        let target: Int32
        do {
            guard let t = try ReportPipeline.resolveOwner(person, in: loaded.network) else { throw ExitCode(ExitStatus.usage.rawValue) }
            target = t
        } catch {
            CLI.printError("'\(person)' matches nobody in the sources; give a name, profile URL, e-mail or person id")
            throw ExitCode(ExitStatus.usage.rawValue)
        }
        let book = Scorer.score(network: loaded.network, owner: me, asOf: loaded.asOf, config: scoring)
        print(ScoreReports.explain(book, network: loaded.network, person: target), terminator: "")
    }
}
