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
    @OptionGroup var viewpoint: ViewpointOptions
    @OptionGroup var scoring: ScoringOptions
    @OptionGroup var output: QuietOption

    func run() throws {
        let run = RunConfiguration(
            sources: input.sources, owner: viewpoint.owner, asOf: try viewpoint.asOfSeconds(),
            options: input.importOptions,
            scoring: try scoring.load())
        CLI.printOut(try ExplainPipeline.run(person: person, run, progress: .automatic(quiet: output.quiet)))
    }
}
