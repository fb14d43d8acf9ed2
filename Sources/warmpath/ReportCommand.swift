import ArgumentParser
import Foundation
import WarmPathKit
import WarmPathStore

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Read sources and write the report folder (index.html and CSV files).",
        discussion: """
            Examples:
              warmpath report fixtures/linkedin --out /tmp/r
              warmpath report Basic_LinkedInDataExport_03-31-2024.zip facebook-noor.zip --targets targets.csv
              warmpath report export.zip --store ~/warmpath/store.sqlite --as-of 2024-03-31 --out reports/2024-03-31
            With --store, the run's snapshot is saved in the store (replacing one of the same as-of day)
            after the report is written, and changes.csv lists what changed since the previous snapshot.
            Files written: index.html, actions.csv (this week's ranked to-do list), people.csv, evidence.csv,
            endorsements.csv, skills.csv, paths.csv, asks.csv, merges.csv, targets-unmatched.csv, alerts.csv,
            changes.csv (with --store), import-issues.csv, rate-these.csv (people to rate for warmpath calibrate).
            CSV files are UTF-8 with a byte-order mark (for Excel) and CRLF line ends; --no-bom leaves the mark out.
            """
    )

    @OptionGroup var input: SourceOptions
    @OptionGroup var viewpoint: ViewpointOptions
    @OptionGroup var scoring: ScoringOptions
    @OptionGroup var pathOptions: PathOptions

    @Option(
        help: ArgumentHelp("Report folder to write (created when missing). Example: --out /tmp/r", valueName: "dir"))
    var out: String = "reports"

    @Option(
        help: ArgumentHelp(
            "Snapshot store (SQLite, created when missing): keeps one snapshot per as-of day and enables changes.csv. Example: --store store.sqlite",
            valueName: "file"))
    var store: String?

    @Option(
        name: .customLong("compare-to"),
        help: ArgumentHelp(
            "The stored snapshot to compare with in changes.csv (default: the newest one before the as-of day). Needs --store. Example: --compare-to 2024-03-24",
            valueName: "yyyy-mm-dd"))
    var compareTo: String?

    @OptionGroup var csv: CSVOptions
    @OptionGroup var output: QuietOption

    func validate() throws {
        if let compareTo {
            guard store != nil else {
                throw ValidationError(
                    "--compare-to needs --store FILE, the store that holds the snapshot to compare with")
            }
            _ = try CLI.day(compareTo, flag: "--compare-to")
        }
        if let store, store.isEmpty {
            throw ValidationError("--store needs a file name, for example --store store.sqlite")
        }
    }

    func run() throws {
        let quiet = output.quiet
        let scoringConfig = try scoring.load()
        // A store the user cannot write still serves --compare-to and changes.csv; only the save is skipped.
        let history = try store.map {
            try SnapshotStore(path: $0, access: SnapshotStore.isWritable(path: $0) ? .readWrite : .readOnly)
        }
        let run = RunConfiguration(
            sources: input.sources, owner: viewpoint.owner, asOf: try viewpoint.asOfSeconds(),
            options: input.importOptions,
            targetsFile: pathOptions.targets, mergeRulesFile: pathOptions.mergeRules, scoring: scoringConfig,
            paths: pathOptions.config, history: history, compareTo: compareTo)
        let output = try ReportPipeline.run(run, progress: .automatic(quiet: quiet))
        for note in output.loaded.notes where !quiet || note.isError {
            CLI.printLine(note.line)
        }
        try FileOutput.write(output.files.csvBOM(csv.bom), into: out)
        if !quiet {
            CLI.printLine("report written to \(out)/ (\(output.files.map(\.name).sorted().joined(separator: ", ")))")
        }
        // Saved last: a run that failed before this point left the store unchanged.
        if let history, history.isReadOnly {
            CLI.printLine("snapshot not saved: the store \(history.path) is read-only")
        } else if let history, let snapshot = output.snapshot {
            try history.save(snapshot)
            if !quiet { CLI.printLine("snapshot \(snapshot.asOf) saved to \(history.path)") }
        }
        Parallel.release(output)  // the process exits without waiting for the graph to be freed
    }
}
