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

    @Option(name: .customLong("to"), help: ArgumentHelp(
        "Target: a name, profile URL, e-mail, or company:NAME (repeatable). Example: --to \"Marta Olsen\"",
        valueName: "name|url|company"))
    var to: [String] = []

    @Option(help: ArgumentHelp("CSV of targets with any of name,company,profile_url,email.", valueName: "file"))
    var targets: String?

    @Option(name: .customLong("merge-rules"), help: ArgumentHelp(
        "CSV action,a,b (merge|split; a/b = profile URL, e-mail or person id).", valueName: "file"))
    var mergeRules: String?

    @Option(help: ArgumentHelp("Paths shown per target.", valueName: "n"))
    var k: Int = 5

    @Option(name: .customLong("max-hops"), help: ArgumentHelp("Longest path, in person-to-person hops.", valueName: "n"))
    var maxHops: Int = 4

    @Option(help: ArgumentHelp(
        "Whose point of view: a name, profile URL or e-mail (default: the owner of the first source).",
        valueName: "name|url"))
    var owner: String?

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The date treated as now.", valueName: "yyyy-mm-dd"))
    var asOf: String?

    @Option(help: ArgumentHelp("Also write paths.csv, merges.csv, targets-unmatched.csv and asks.csv here.", valueName: "dir"))
    var out: String?

    func validate() throws {
        _ = try CLI.parseAsOf(asOf)
        if to.isEmpty && targets == nil { throw ValidationError("give a target: --to NAME|URL|company:NAME or --targets FILE") }
        if k < 1 { throw ValidationError("--k must be at least 1") }
        if maxHops < 1 { throw ValidationError("--max-hops must be at least 1") }
    }

    func run() throws {
        var pc = PathConfig.default
        pc.k = k
        pc.maxHops = maxHops
        let config = PathsRunConfiguration(
            sources: input.sources, to: to, targetsFile: targets, mergeRulesFile: mergeRules, owner: owner,
            asOf: try CLI.parseAsOf(asOf), paths: pc, options: input.importOptions)
        let output: PathsOutput
        do {
            output = try PathsPipeline.run(config, progress: .automatic(quiet: false))
        } catch {
            throw CLI.fail(error)
        }
        for note in output.notes { CLI.printLine(note.line) }
        print(output.text, terminator: "")
        if let out {
            do {
                try CLI.write(output.files, to: out)
            } catch {
                CLI.printError("cannot write to \(out): \(error.localizedDescription)")
                throw ExitCode(ExitStatus.nothingUsable.rawValue)
            }
        }
    }
}
