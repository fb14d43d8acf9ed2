import ArgumentParser
import Foundation
import WarmPathKit

@main
struct WarmPath: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "warmpath",
        abstract: "Find warm introduction paths in your exported network data, offline.",
        discussion: """
            Reads LinkedIn, Facebook and X archives, contact files and graph files, merges them into one
            graph of people and interactions, scores every relationship and writes a report folder.

            Exit codes: 0 report written (skipped rows included), 1 nothing usable in the input,
            64 bad usage.
            """,
        version: "0.1.0",
        subcommands: CLICommands.all,
        defaultSubcommand: nil
    )

    /// Warns about a bad `WARMPATH_THREADS` before running the command.
    static func main() {
        if let warning = Parallel.configurationWarning { CLI.printError(warning) }
        main(nil)
    }
}

/// Shared helpers for subcommands.
enum CLI {
    static func printError(_ text: String) {
        FileHandle.standardError.write(Data(("warmpath: " + text + "\n").utf8))
    }

    static func printLine(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Parses `--as-of YYYY-MM-DD`.
    static func parseAsOf(_ s: String?) throws -> Double? {
        guard let s else { return nil }
        guard let t = ReportDate.parseDay(s) else {
            throw ValidationError("--as-of '\(s)' is not a date; use YYYY-MM-DD, for example --as-of 2024-03-31")
        }
        return t
    }

    /// Maps a thrown error to an exit code with one clear message.
    static func fail(_ error: Error) -> ExitCode {
        if let e = error as? PipelineError {
            printError(e.description)
            return ExitCode(e.exitStatus.rawValue)
        }
        if let e = error as? WeeklyError {
            printError(e.description)
            return ExitCode(ExitStatus.usage.rawValue)
        }
        if let e = error as? ScoringConfigError {
            printError(e.description)
            return ExitCode(ExitStatus.usage.rawValue)
        }
        if let e = error as? ImportError {
            printError(e.description)
            return ExitCode(ExitStatus.nothingUsable.rawValue)
        }
        printError("\(error)")
        return ExitCode(ExitStatus.nothingUsable.rawValue)
    }

    /// Loads `--config FILE` (YAML) over the scoring defaults; a bad file is a usage error.
    static func scoringConfig(_ path: String?) throws -> ScoringConfig {
        guard let path else { return .default }
        do {
            return try ScoringConfig.load(path: path)
        } catch {
            throw fail(error)
        }
    }

    /// Writes report files into `dir`, creating it; the largest first, on both cores. The first
    /// error (in file order) is thrown after all writes are done.
    static func write(_ files: [ReportFile], to dir: String) throws {
        let url = URL(fileURLWithPath: dir)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for f in files {
            try FileManager.default.createDirectory(
                at: url.appendingPathComponent(f.name).deletingLastPathComponent(), withIntermediateDirectories: true)
        }
        let order = files.indices.sorted { files[$0].contents.count > files[$1].contents.count }
        let results = Parallel.map(
            order.map { i in
                {
                    Result {
                        do {
                            try files[i].contents.write(to: url.appendingPathComponent(files[i].name), options: .atomic)
                        } catch {
                            throw ReportWriteError(file: files[i].name, reason: error.localizedDescription)
                        }
                    }
                }
            })
        let failures = zip(order, results).compactMap { i, r -> (Int, any Error)? in
            if case .failure(let e) = r { (i, e) } else { nil }
        }
        if let first = failures.min(by: { $0.0 < $1.0 }) { throw first.1 }
    }
}

/// A report file that could not be written, named in the message.
struct ReportWriteError: LocalizedError {
    var file: String
    var reason: String
    var errorDescription: String? { "\(file): \(reason)" }
}

/// Options every command that reads sources shares.
struct SourceOptions: ParsableArguments {
    @Argument(
        help: ArgumentHelp(
            "Exports to read: a LinkedIn archive (.zip or folder), loose CSV files, or other sources.",
            valueName: "source"))
    var sources: [String]

    @Option(
        name: .customLong("max-file-mb"),
        help: ArgumentHelp("Largest single file read, in MB (protects against huge or hostile files).", valueName: "mb"))
    var maxFileMB: Int = 2048

    func validate() throws {
        if sources.isEmpty { throw ValidationError("give at least one source, for example: warmpath report fixtures/linkedin") }
        if maxFileMB <= 0 { throw ValidationError("--max-file-mb must be positive") }
    }

    var importOptions: ImportOptions {
        var limits = ImportLimits.default
        limits.maxFileBytes = Int64(maxFileMB) << 20
        return ImportOptions(limits: limits)
    }
}
