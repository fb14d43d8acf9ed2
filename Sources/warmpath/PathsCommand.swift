import ArgumentParser
import Foundation
import WarmPathKit

struct PathsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "paths",
        abstract: "Print the k most probable warm introduction paths to a person or a company.",
        discussion: """
            Example:
              warmpath paths fixtures/team/ana fixtures/team/ben --to "Marta Olsen"
              warmpath paths fixtures/team/ana fixtures/team/ben --to company:Northwind --k 3
              warmpath paths export.zip --targets fixtures/targets.csv --out /tmp/p
            A target that matches nobody is reported on stderr and in paths.csv, never dropped.
            """
    )

    @OptionGroup var input: SourceOptions

    @Option(
        name: .customLong("to"),
        help: ArgumentHelp(
            "Target: a name, profile URL, e-mail, or company:NAME (repeatable). Example: --to \"Marta Olsen\"",
            valueName: "name|url|company"))
    var to: [String] = []

    @OptionGroup var pathOptions: PathOptions
    @OptionGroup var viewpoint: ViewpointOptions

    @Option(
        help: ArgumentHelp(
            "Also write paths.csv, merges.csv, targets-unmatched.csv and asks.csv into this folder.", valueName: "dir"))
    var out: String?

    @OptionGroup var csv: CSVOptions
    @OptionGroup var output: QuietOption

    func validate() throws {
        if to.isEmpty && pathOptions.targets == nil {
            throw ValidationError("give a target: --to NAME|URL|company:NAME or --targets FILE")
        }
    }

    func run() throws {
        let config = PathsRunConfiguration(
            sources: input.sources, to: to, targetsFile: pathOptions.targets, mergeRulesFile: pathOptions.mergeRules,
            owner: viewpoint.owner, asOf: try viewpoint.asOfSeconds(), paths: pathOptions.config,
            options: input.importOptions)
        let result = try PathsPipeline.run(config, progress: .automatic(quiet: output.quiet))
        for note in result.notes where !output.quiet || note.isError {
            CLI.printLine(note.line)
        }
        CLI.printOut(result.text)
        if let out { try FileOutput.write(result.files.csvBOM(csv.bom), into: out) }
    }
}
