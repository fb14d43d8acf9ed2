import ArgumentParser
import Foundation
import WarmPathKit

// Options shared by several commands, declared once: each means the same on every command.
// Folder options are named `--out DIR`, file options `--output FILE`.

/// The sources a command reads, and the size limit they are read with.
struct SourceOptions: ParsableArguments {
    @Argument(
        help: ArgumentHelp(
            "Exports to read: a LinkedIn archive (.zip or folder), loose CSV files, or other sources.",
            valueName: "source"))
    var sources: [String]

    /// Largest accepted `--max-file-mb`: 1 TiB (larger values would overflow the byte count).
    static let maxFileMBLimit = 1 << 20

    @Option(
        name: .customLong("max-file-mb"),
        help: ArgumentHelp(
            "Largest single file read, in MB, from 1 to 1048576 (protects against huge or hostile files).",
            valueName: "mb"))
    var maxFileMB: Int = 2048

    @Option(
        name: .customLong("owner-email"),
        help: ArgumentHelp(
            "An address of yours in mail sources (repeat it for each); without it the owner is found from the sources. Example: --owner-email noor.haddad@example.com",
            valueName: "address"))
    var ownerEmails: [String] = []

    func validate() throws {
        if sources.isEmpty {
            throw ValidationError("give at least one source, for example: warmpath report fixtures/linkedin")
        }
        guard (1...Self.maxFileMBLimit).contains(maxFileMB) else {
            throw ValidationError(
                "--max-file-mb must be between 1 and \(Self.maxFileMBLimit) (1 TiB), not \(maxFileMB)")
        }
        for e in ownerEmails where IdentityNormalizer.email(e) == nil {
            throw ValidationError("--owner-email '\(e)' is not an e-mail address (name@domain.tld)")
        }
    }

    var importOptions: ImportOptions {
        var limits = ImportLimits.default
        limits.maxFileBytes = Int64(maxFileMB) << 20
        return ImportOptions(limits: limits, ownerEmails: ownerEmails.compactMap(IdentityNormalizer.email))
    }
}

/// Whose point of view, and which day is "now".
struct ViewpointOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Whose point of view: a name, profile URL, e-mail or graph node id (default: the owner of the first source). Example: --owner \"Noor Haddad\"",
            valueName: "name|url"))
    var owner: String?

    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp(
            "The date treated as now for decay and alerts; later events are ignored (default: the newest interaction in the sources). Example: --as-of 2024-03-31",
            valueName: "yyyy-mm-dd"))
    var asOf: String?

    func validate() throws {
        _ = try asOfSeconds()
    }

    /// `--as-of` as seconds at the end of that day UTC.
    func asOfSeconds() throws -> Double? {
        guard let asOf else { return nil }
        return try CLI.day(asOf, flag: "--as-of") + 86_399
    }
}

/// `--config FILE`, for the commands that score.
struct ScoringOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Scoring configuration (YAML) overriding any subset of the defaults; see `warmpath config --defaults`. Example: --config scoring.yaml",
            valueName: "file"))
    var config: String?

    /// The defaults with `--config` applied; a bad file is a usage error naming it.
    func load() throws -> ScoringConfig {
        guard let config else { return .default }
        return try ScoringConfig.load(path: config)
    }
}

/// Targets and introduction paths.
struct PathOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "CSV of target people and companies (any of name,company,profile_url,email; a row with only a company targets everyone there). Example: --targets fixtures/targets.csv",
            valueName: "file"))
    var targets: String?

    @Option(
        name: .customLong("merge-rules"),
        help: ArgumentHelp(
            "CSV action,a,b of manual merges and splits (a/b = profile URL, e-mail or person id). Example: --merge-rules fixtures/merge-rules.csv",
            valueName: "file"))
    var mergeRules: String?

    @Option(help: ArgumentHelp("Paths kept per target (1 to 50).", valueName: "n"))
    var k: Int = 5

    @Option(
        name: .customLong("max-hops"),
        help: ArgumentHelp("Longest introduction path, in person-to-person hops (1 to 8).", valueName: "n"))
    var maxHops: Int = 4

    func validate() throws {
        if !(1...PathConfig.maxK).contains(k) {
            throw ValidationError("--k must be between 1 and \(PathConfig.maxK), not \(k)")
        }
        if !(1...PathConfig.maxMaxHops).contains(maxHops) {
            throw ValidationError("--max-hops must be between 1 and \(PathConfig.maxMaxHops), not \(maxHops)")
        }
    }

    var config: PathConfig {
        var pc = PathConfig.default
        pc.k = k
        pc.maxHops = maxHops
        return pc
    }
}

/// `--no-bom`: CSV files start with a UTF-8 byte-order mark (Excel needs it for accented
/// names) unless this is given. CSV on standard output never has one.
struct CSVOptions: ParsableArguments {
    @Flag(
        name: .customLong("no-bom"),
        help: "Write CSV files without the UTF-8 byte-order mark (for tools that dislike it; Excel needs it).")
    var noBOM = false

    /// Whether CSV files get the byte-order mark.
    var bom: Bool { !noBOM }
}

/// `--quiet`.
struct QuietOption: ParsableArguments {
    @Flag(help: "Print nothing but errors (for cron).")
    var quiet = false
}

extension CostTransform: ExpressibleByArgument {}
extension GraphExportFormat: ExpressibleByArgument {}
