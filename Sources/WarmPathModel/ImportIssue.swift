import WarmPathSupport

/// How serious a recoverable import problem is.
public enum IssueSeverity: String, Sendable, Codable, Comparable, CaseIterable {
    /// Worth knowing, nothing was lost (for example a spell ignored in a GEXF file).
    case info
    /// A row or record was skipped or repaired; the rest of the file was read.
    case warning
    /// A whole file could not be read; the rest of the batch went on.
    case error

    private var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (lhs: IssueSeverity, rhs: IssueSeverity) -> Bool { lhs.rank < rhs.rank }
}

/// A recoverable problem met while reading a source: the row or record is skipped or repaired
/// and reported, never silently dropped.
///
/// `line` is the physical line (1-based) for line-oriented files, or 0 when unknown; `location`
/// holds a JSON path or XML element path when a line number does not apply.
public struct ImportIssue: Sendable, Hashable, Codable {
    public var source: String
    public var file: String
    public var line: Int
    public var severity: IssueSeverity
    public var message: String
    public var location: String?

    public init(
        source: String, file: String, line: Int, severity: IssueSeverity, message: String,
        location: String? = nil
    ) {
        self.source = source
        self.file = file
        self.line = line
        self.severity = severity
        self.message = message
        self.location = location
    }
}

/// Per-file counts for the one-line summary on stderr and for `warmpath inspect`.
public struct FileSummary: Sendable, Hashable, Codable {
    public var file: String
    /// Data rows or records read (header and preamble excluded).
    public var rows: Int
    /// People created from this file.
    public var people: Int
    /// Interactions (events) created from this file.
    public var interactions: Int
    /// Rows skipped, with the reason, for example `["blank rows": 6]`.
    public var skipped: [String: Int]

    public init(file: String, rows: Int = 0, people: Int = 0, interactions: Int = 0, skipped: [String: Int] = [:]) {
        self.file = file
        self.rows = rows
        self.people = people
        self.interactions = interactions
        self.skipped = skipped
    }

    public var skippedTotal: Int { skipped.values.reduce(0, +) }

    /// `Connections.csv: 2,014 rows, 2,008 people, 6 blank rows skipped`
    public var summaryLine: String {
        var parts = ["\(file): \(Format.grouped(rows)) rows"]
        if people > 0 { parts.append("\(Format.grouped(people)) people") }
        if interactions > 0 { parts.append("\(Format.grouped(interactions)) interactions") }
        for (reason, count) in skipped.sorted(by: { $0.key < $1.key }) where count > 0 {
            parts.append("\(Format.grouped(count)) \(reason) skipped")
        }
        return parts.joined(separator: ", ")
    }
}
