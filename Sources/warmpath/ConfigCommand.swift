import ArgumentParser
import Foundation
import WarmPathKit

/// `warmpath config --defaults`: prints every scoring weight, half-life and threshold with its source.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Print the scoring configuration (YAML) with the source of each default.",
        discussion: """
            Example:
              warmpath config --defaults > scoring.yaml
              warmpath config --check scoring.yaml
            Edit any subset of the keys and pass the file with --config to report or explain.
            """
    )

    @Flag(help: "Print the full default configuration with a comment on each key.")
    var defaults = false

    @Option(
        help: ArgumentHelp(
            "Check a configuration file and print the merged result. Example: --check scoring.yaml", valueName: "file"))
    var check: String?

    func validate() throws {
        if !defaults && check == nil {
            throw ValidationError(
                "say what to print: --defaults, or --check FILE, for example: warmpath config --defaults")
        }
    }

    func run() throws {
        if defaults {
            CLI.printOut(ScoringConfig.defaultsYAML)
            return
        }
        guard let check else { return }
        let config = try ScoringConfig.load(path: check)
        for key in ScoringConfig.keys {
            CLI.printOut("\(key.name): \(config[keyPath: key.path])\n")
        }
    }
}
