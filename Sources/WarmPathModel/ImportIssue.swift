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

/// The issues of one file, as every graph reader collects them: at most ``cap`` in detail for
/// each kind of problem, the rest counted in one summary issue per kind (so a file with a
/// million bad rows does not give a million issues). One cap policy and the same fields
/// (source, file, line or JSON / XML path, severity, message) for every reader.
public struct IssueLog: Sendable {
    /// Detailed issues kept per kind.
    public static let defaultCap = 50

    public let source: String
    public let file: String
    public let cap: Int
    /// The detailed issues so far, in the order they were added.
    public private(set) var issues: [ImportIssue] = []
    /// Per kind, in first-seen order: severity, issues in all, issues kept in detail.
    private var kinds: [String: (severity: IssueSeverity, total: Int, listed: Int)] = [:]
    private var order: [String] = []

    public init(source: String, file: String, cap: Int = IssueLog.defaultCap) {
        self.source = source
        self.file = file
        self.cap = max(0, cap)
    }

    /// Adds an issue; `kind` groups similar issues for the cap (default: the message itself).
    public mutating func add(
        _ severity: IssueSeverity, _ message: String, line: Int = 0, location: String? = nil, kind: String? = nil
    ) {
        let k = kind ?? message
        var entry = kinds[k] ?? (severity, 0, 0)
        if entry.total == 0 && entry.listed == 0 && kinds[k] == nil { order.append(k) }
        entry.total += 1
        if entry.listed < cap {
            entry.listed += 1
            issues.append(
                ImportIssue(
                    source: source, file: file, line: line, severity: severity, message: message, location: location))
        }
        kinds[k] = entry
    }

    /// Counts `n` more issues of `kind` whose details were left out before they got here (a
    /// parser that caps each block of a file); they appear only in the summary.
    public mutating func count(_ kind: String, _ severity: IssueSeverity, _ n: Int) {
        guard n > 0 else { return }
        if kinds[kind] == nil {
            order.append(kind)
            kinds[kind] = (severity, 0, 0)
        }
        kinds[kind]!.total += n
    }

    /// The detailed issues, then one summary per kind that went over the cap
    /// (`120 more issues like "edge without endpoint" not listed (170 in all)`).
    public func finish() -> [ImportIssue] {
        var out = issues
        for kind in order {
            guard let k = kinds[kind], k.total > k.listed else { continue }
            out.append(
                ImportIssue(
                    source: source, file: file, line: 0, severity: k.severity,
                    message:
                        "\(Format.grouped(k.total - k.listed)) more issues like \"\(kind)\" not listed (\(Format.grouped(k.total)) in all)"
                ))
        }
        return out
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
    /// Short remarks that belong on the file's line (the census of unusual edge weights).
    public var notes: [String] = []

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
        return ([parts.joined(separator: ", ")] + notes).joined(separator: "; ")
    }
}
