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
            Files written: index.html, people.csv, evidence.csv, endorsements.csv, skills.csv, paths.csv,
            asks.csv, merges.csv, targets-unmatched.csv, alerts.csv, changes.csv (with --store),
            import-issues.csv.
            """
    )

    @OptionGroup var input: SourceOptions

    @Option(help: ArgumentHelp(
        "Whose point of view the report takes: a name, profile URL, e-mail or graph node id (default: the owner of the first source). Example: --owner \"Noor Haddad\"",
        valueName: "name|url"))
    var owner: String?

    @Option(name: .customLong("as-of"), help: ArgumentHelp(
        "The date treated as now for decay and alerts (default: the newest date in the sources). Example: --as-of 2024-03-31",
        valueName: "yyyy-mm-dd"))
    var asOf: String?

    @Option(help: ArgumentHelp("Report folder to write (created when missing). Example: --out /tmp/r", valueName: "dir"))
    var out: String = "reports"

    @Option(help: ArgumentHelp(
        "CSV of target people and companies (any of name,company,profile_url,email; a row with only a company targets everyone there). Example: --targets fixtures/targets.csv",
        valueName: "file"))
    var targets: String?

    @Option(name: .customLong("merge-rules"), help: ArgumentHelp(
        "CSV action,a,b of manual merges and splits (a/b = profile URL, e-mail or person id). Example: --merge-rules fixtures/merge-rules.csv",
        valueName: "file"))
    var mergeRules: String?

    @Option(help: ArgumentHelp(
        "Scoring configuration (YAML) overriding any subset of the defaults; see `warmpath config --defaults`. Example: --config scoring.yaml",
        valueName: "file"))
    var config: String?

    @Option(help: ArgumentHelp("Paths kept per target.", valueName: "n"))
    var k: Int = 5

    @Option(name: .customLong("max-hops"), help: ArgumentHelp("Longest introduction path, in person-to-person hops.", valueName: "n"))
    var maxHops: Int = 4

    @Option(help: ArgumentHelp(
        "Snapshot store (SQLite, created when missing): keeps one snapshot per as-of day and enables changes.csv. Example: --store store.sqlite",
        valueName: "file"))
    var store: String?

    @Option(name: .customLong("compare-to"), help: ArgumentHelp(
        "The stored snapshot to compare with in changes.csv (default: the newest one before the as-of day). Needs --store. Example: --compare-to 2024-03-24",
        valueName: "yyyy-mm-dd"))
    var compareTo: String?

    @Flag(help: "Print nothing but errors (for cron).")
    var quiet = false

    func validate() throws {
        _ = try CLI.parseAsOf(asOf)
        if k < 1 { throw ValidationError("--k must be at least 1") }
        if maxHops < 1 { throw ValidationError("--max-hops must be at least 1") }
        if let compareTo {
            guard store != nil else {
                throw ValidationError("--compare-to needs --store FILE, the store that holds the snapshot to compare with")
            }
            guard compareTo.count == 10, ReportDate.parseDay(compareTo) != nil else {
                throw ValidationError("--compare-to '\(compareTo)' is not a date; use YYYY-MM-DD, for example --compare-to 2024-03-24")
            }
        }
        if let store, store.isEmpty { throw ValidationError("--store needs a file name, for example --store store.sqlite") }
    }

    func run() throws {
        let scoring = try CLI.scoringConfig(config)
        var history: SnapshotStore?
        if let store {
            do { history = try SnapshotStore(path: store) } catch { throw CLI.fail(error) }
        }
        var paths = PathConfig.default
        paths.k = k
        paths.maxHops = maxHops
        let run = RunConfiguration(
            sources: input.sources, owner: owner, asOf: try CLI.parseAsOf(asOf), options: input.importOptions,
            targetsFile: targets, mergeRulesFile: mergeRules, scoring: scoring, paths: paths, history: history,
            compareTo: compareTo)
        let output: ReportOutput
        do {
            output = try ReportPipeline.run(run, progress: .automatic(quiet: quiet))
        } catch {
            throw CLI.fail(error)
        }
        for note in output.loaded.notes where !quiet || note.isError {
            CLI.printLine(note.line)
        }
        do {
            try CLI.write(output.files, to: out)
        } catch {
            CLI.printError("cannot write the report to \(out): \(error.localizedDescription)")
            throw ExitCode(ExitStatus.nothingUsable.rawValue)
        }
        if !quiet {
            CLI.printLine("report written to \(out)/ (\(output.files.map(\.name).sorted().joined(separator: ", ")))")
        }
        // Saved last: a run that failed before this point left the store unchanged.
        if let history, let snapshot = output.snapshot {
            do { try history.save(snapshot) } catch { throw CLI.fail(error) }
            if !quiet { CLI.printLine("snapshot \(snapshot.asOf) saved to \(history.path)") }
        }
        Parallel.release(output)  // the process exits without waiting for the graph to be freed
    }
}
