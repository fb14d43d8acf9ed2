import WarmPathSupport
import WarmPathModel
import WarmPathImport
import WarmPathAnalysis

/// How many there are of one kind (of alert or change), for a summary line.
public struct KindCount<Kind: Sendable & Hashable>: Sendable, Hashable {
    public var kind: Kind
    public var count: Int

    public init(kind: Kind, count: Int) {
        self.kind = kind
        self.count = count
    }

    /// The nonzero counts of `kinds`, in the kinds' declaration order (their report order).
    public static func of(_ kinds: [Kind]) -> [KindCount] where Kind: CaseIterable {
        var counts: [Kind: Int] = [:]
        for k in kinds { counts[k, default: 0] += 1 }
        return Kind.allCases.compactMap { k in counts[k].map { KindCount(kind: k, count: $0) } }
    }
}

/// One line a run prints on stderr, typed so that callers choose notes by case (errors only
/// under `--quiet`, the merge and target notes for `warmpath paths`); ``line`` is the text.
///
/// ```
/// for note in output.loaded.notes where !quiet || note.isError { print(note.line) }
/// RunNote.mergesSuggested(4).line   // "4 suggested merge(s) written to merges.csv"
/// ```
public enum RunNote: Sendable, Hashable {
    /// A source that could not be read at all, with the reason.
    case sourceRejected(reason: String)
    /// What one imported file gave.
    case fileRead(FileSummary)
    /// A source's named count, for example `3 LinkedIn Member messages`.
    case sourceCount(source: String, name: String, count: Int)
    /// Rows and records skipped, listed in `import-issues.csv`.
    case issuesWritten(Int)
    /// Probable duplicates left unmerged, listed in `merges.csv`.
    case mergesSuggested(Int)
    /// Interactions that sources repeated from one another, counted once (one line for all).
    case overlaps([SourceOverlap])
    /// A target that matches nobody in the sources.
    case targetUnmatched(TargetSpec)
    /// A row of a `--targets` or `--merge-rules` file that was skipped.
    case fileWarning(ImportIssue)
    /// This week's alerts, counted by kind.
    case alerts([KindCount<AlertKind>])
    /// The changes since the snapshot of day `since`, counted by kind.
    case changes(since: String, [KindCount<ChangeKind>])
    /// A store without an earlier snapshot than `day`: nothing to compare with.
    case noEarlierSnapshot(before: String)

    /// Whether the note reports an error (printed even under `--quiet`).
    public var isError: Bool {
        if case .sourceRejected = self { true } else { false }
    }

    /// The line for stderr.
    public var line: String {
        switch self {
        case .sourceRejected(let reason):
            "error: \(reason)"
        case .fileRead(let file):
            file.summaryLine
        case .sourceCount(let source, let name, let count):
            "\(source): \(Format.grouped(count)) \(name)"
        case .issuesWritten(let n):
            "\(Format.grouped(n)) import issue(s) written to import-issues.csv"
        case .mergesSuggested(let n):
            "\(Format.grouped(n)) suggested merge(s) written to merges.csv"
        case .overlaps(let list):
            "overlapping sources, counted once: "
                + list.map { o in
                    "\(o.source) repeats \(Format.grouped(o.total)) interaction\(o.total == 1 ? "" : "s") of \(o.keptFrom) ("
                        + o.counts.map { "\(Format.grouped($0.count)) \($0.kind.rawValue)" }.joined(separator: ", ")
                        + ")"
                }.joined(separator: "; ")
        case .targetUnmatched(let t):
            "target \(t.line > 0 ? "line \(t.line) " : "")'\(t.label)' matches nobody in the sources"
        case .fileWarning(let issue):
            "\(issue.file):\(issue.line): warning: \(issue.message)"
        case .alerts(let counts):
            "alerts: \(Format.grouped(Self.total(counts))) (\(Self.text(counts)))"
        case .changes(let since, let counts):
            "changes since \(since): \(Format.grouped(Self.total(counts)))"
                + (counts.isEmpty ? "" : " (\(Self.text(counts)))")
        case .noEarlierSnapshot(let day):
            "no earlier snapshot before \(day): changes.csv lists nothing this time"
        }
    }

    private static func total<K>(_ counts: [KindCount<K>]) -> Int { counts.reduce(0) { $0 + $1.count } }

    /// `2 owed_reply, 1 dormant`.
    private static func text<K: RawRepresentable>(_ counts: [KindCount<K>]) -> String where K.RawValue == String {
        counts.map { "\($0.count) \($0.kind.rawValue)" }.joined(separator: ", ")
    }
}
