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

    /// Warns about a bad `WARMPATH_THREADS`, parses, runs, and renders any error in one place (``CLI/exit(with:arguments:)``).
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let warning = Parallel.configurationWarning { CLI.printError(warning) }
        if let message = CLI.unknownCommand(arguments) {
            CLI.printError(message)
            Foundation.exit(ExitStatus.usage.rawValue)
        }
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            CLI.exit(with: error, arguments: arguments)
        }
    }
}

/// Shared helpers for subcommands: the one error renderer and the three ways to print. Every
/// byte the CLI prints goes through ``printOut(_:)``, ``printLine(_:)`` or ``printError(_:)``,
/// which escape control characters from imported data visibly (``TerminalText/safe(_:)``).
enum CLI {
    /// `warmpath: ` + text on stderr: the only place the prefix is added.
    static func printError(_ text: String) {
        FileHandle.standardError.write(Data(("warmpath: " + TerminalText.safe(text) + "\n").utf8))
    }

    /// One line on stderr (summaries, warnings, progress notes).
    static func printLine(_ text: String) {
        FileHandle.standardError.write(Data((TerminalText.safe(text) + "\n").utf8))
    }

    /// `text` on stdout as it is (give the final newline): listings, paths, CSV, JSON.
    static func printOut(_ text: String) {
        print(TerminalText.safe(text), terminator: "")
    }

    /// Bytes on stdout as they are: only for output whose every cell went through ``CSVWriter``,
    /// which already replaced control characters (`distances`' CSV).
    static func writeOut(_ bytes: Data) {
        FileHandle.standardOutput.write(bytes)
    }

    /// Ends the process for `error`: our errors and system errors as one `warmpath:` line in
    /// plain words with their exit status; help and version as argument-parser prints them;
    /// usage errors as one line with exit 64.
    static func exit(with error: any Error, arguments: [String]) -> Never {
        if let code = error as? ExitCode { Foundation.exit(code.rawValue) }
        if error is any UserFacingError || error is CocoaError || error is POSIXError
            || (error as NSError).domain == NSCocoaErrorDomain || (error as NSError).domain == NSPOSIXErrorDomain
        {
            printError(ErrorText.message(error))
            Foundation.exit(ErrorText.exitStatus(error).rawValue)
        }
        let code = WarmPath.exitCode(for: error)
        if code == .success { WarmPath.exit(withError: error) }  // --help, --version
        let command = arguments.first { CLICommands.names.contains($0) }
        let help = command.map { "warmpath \($0) --help" } ?? "warmpath --help"
        let message = WarmPath.message(for: error).trimmingCharacters(in: .whitespacesAndNewlines)
        printError(message.replacingOccurrences(of: "\n", with: "; ") + " (see '\(help)')")
        Foundation.exit(code.rawValue)
    }

    /// "unknown command 'reprot'; did you mean 'report'?" when the first argument is neither an
    /// option nor a command; nil otherwise.
    static func unknownCommand(_ arguments: [String]) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-"), !CLICommands.names.contains(first), first != "help"
        else { return nil }
        if let near = EditDistance.closest(to: first, among: CLICommands.names) {
            return "unknown command '\(first)'; did you mean '\(near)'?"
        }
        return "unknown command '\(first)'; the commands are " + CLICommands.names.joined(separator: ", ")
    }

    /// A `yyyy-MM-dd` day flag (`--as-of`, `--compare-to`) as seconds at the start of the day.
    static func day(_ text: String, flag: String) throws -> Double {
        guard let t = DateParser.parseDay(text) else {
            let years = DateParser.plausibleYears
            throw ValidationError(
                "\(flag) '\(text)' is not a date; use YYYY-MM-DD with a day the calendar has, in the years "
                    + "\(years.lowerBound)–\(years.upperBound), for example \(flag) 2024-03-31")
        }
        return t
    }
}
