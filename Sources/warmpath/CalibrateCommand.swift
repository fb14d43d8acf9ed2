import ArgumentParser
import Foundation
import WarmPathKit

/// `warmpath calibrate SOURCE... --ratings FILE`: learns the strength weights from the user's own
/// ratings and writes a config for `--config`.
struct CalibrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Fit the strength weights to your own ratings (a filled-in rate-these.csv) and write a config.",
        discussion: """
            Example:
              warmpath report fixtures/linkedin --out /tmp/r      # writes /tmp/r/rate-these.csv
              # fill in your_strength (0-4) and/or would_introduce (yes/no) for at least 20 people
              warmpath calibrate fixtures/linkedin --ratings /tmp/r/rate-these.csv --out /tmp/cal
              warmpath report fixtures/linkedin --config /tmp/cal/calibrated-scoring.yaml --out /tmp/r2
            Prints, and writes to calibration.csv, the cross-validated mean absolute error and AUC of the
            starting weights (the defaults, or --config) and of the fitted ones. Files written:
            calibration.csv, calibrated-scoring.yaml, import-issues.csv (with the ratings not used).
            """
    )

    @OptionGroup var input: SourceOptions
    @OptionGroup var viewpoint: ViewpointOptions
    @OptionGroup var scoring: ScoringOptions

    @Option(
        help: ArgumentHelp(
            "Your ratings: rate-these.csv with your_strength (0-4) and/or would_introduce (yes/no) filled in. Example: --ratings rated.csv",
            valueName: "file"))
    var ratings: String

    @Option(
        help: ArgumentHelp(
            "Folder to write calibration.csv and calibrated-scoring.yaml into (created when missing). Example: --out /tmp/cal",
            valueName: "dir"))
    var out: String = "calibration"

    @Option(help: ArgumentHelp("Cross-validation folds (2 to 20).", valueName: "n"))
    var folds: Int = Calibration.defaultFolds

    @Option(
        name: .customLong("l2"),
        help: ArgumentHelp(
            "L2 penalty pulling each weight towards its starting value (larger = smaller changes, 0.01 to 1000).",
            valueName: "lambda"))
    var lambda: Double = Calibration.defaultLambda

    @OptionGroup var csv: CSVOptions
    @OptionGroup var output: QuietOption

    func validate() throws {
        if !(2...20).contains(folds) { throw ValidationError("--folds must be between 2 and 20, not \(folds)") }
        if !(lambda >= 0.01 && lambda <= 1000) {
            throw ValidationError("--l2 must be between 0.01 and 1000, not \(lambda)")
        }
    }

    func run() throws {
        let quiet = output.quiet
        let run = RunConfiguration(
            sources: input.sources, owner: viewpoint.owner, asOf: try viewpoint.asOfSeconds(),
            options: input.importOptions, scoring: try scoring.load())
        let result = try CalibratePipeline.run(
            ratings: ratings, run, folds: folds, lambda: lambda, progress: .automatic(quiet: quiet))
        for note in result.notes where !quiet || note.isError {
            CLI.printLine(note.line)
        }
        try FileOutput.write(result.files.csvBOM(csv.bom), into: out)
        CLI.printOut(result.summary)
        if !quiet {
            CLI.printLine(
                "calibration written to \(out)/ (\(result.files.map(\.name).sorted().joined(separator: ", ")))")
        }
    }
}
