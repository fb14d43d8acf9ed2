import WarmPathSupport
import WarmPathModel
import WarmPathImport
import WarmPathAnalysis

/// `changes.csv`: what changed since the previous snapshot, one row per ``Change``, sorted by
/// kind then person id.
public enum ChangesReport {
    public static let columns = ["kind", "person_id", "name", "before", "after", "detail"]

    /// ```
    /// ChangesReport.csv(SnapshotDiff.compare(before: a, after: b)).name == "changes.csv"
    /// ```
    public static func csv(_ changes: [Change]) -> ReportFile {
        var w = CSVWriter(header: columns)
        for c in changes.sorted() {
            w.row([c.kind.rawValue, c.personID.rawValue, c.name, c.before, c.after, c.detail])
        }
        return w.file(named: "changes.csv")
    }
}

/// `alerts.csv`: the week's alerts, one row per ``Alert``, sorted by kind then person id.
public enum AlertsReport {
    public static let columns = ["kind", "person_id", "name", "since", "days", "detail"]

    /// ```
    /// AlertsReport.csv(alerts).text.hasPrefix("kind,person_id,name,since,days,detail\n")
    /// ```
    public static func csv(_ alerts: [Alert]) -> ReportFile {
        var w = CSVWriter(header: columns)
        let alerts = alerts.sortedByIndex()
        for i in alerts.indices {
            w.cell(alerts[i].kind.rawValue)
            w.cell(alerts[i].personID.rawValue)
            w.cell(alerts[i].name)
            w.cell(alerts[i].since)
            w.cell(alerts[i].days.map(String.init) ?? "")
            w.cell(alerts[i].detail)
            w.endRow()
        }
        return w.file(named: "alerts.csv")
    }
}

/// Errors of the weekly step (`--compare-to`).
public enum WeeklyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `--compare-to` names a day with no stored snapshot.
    case noSnapshot(day: String, available: [String])
    /// `--compare-to` is not before the run's as-of day.
    case compareNotBefore(day: String, asOf: String)

    public var description: String {
        switch self {
        case .noSnapshot(let day, let available):
            "--compare-to \(day): no snapshot of that day in the store"
                + (available.isEmpty
                    ? " (the store is empty; run once without --compare-to first)"
                    : "; stored days are: " + available.suffix(10).joined(separator: ", "))
        case .compareNotBefore(let day, let asOf):
            "--compare-to \(day) is not before the as-of day \(asOf); give an earlier day"
        }
    }
}

extension WeeklyError: UserFacingError {
    public var message: String { description }
    public var exitStatus: ExitStatus { .usage }
}

/// What the weekly step of a report run produced.
public struct WeeklyResult: Sendable {
    /// This run's snapshot (alerts included), to save when the report was written.
    public var snapshot: Snapshot
    public var alerts: [Alert]
    /// The snapshot compared against, nil when there was none (first run, or no store).
    public var baseline: String?
    /// Changes since `baseline` (empty when there is no baseline).
    public var changes: [Change]
    /// `alerts.csv`, plus `changes.csv` when a history was given.
    public var files: [ReportFile]
    /// For stderr: the alerts by kind, and the changes by kind (or that there was no earlier
    /// snapshot) when a history was given.
    public var notes: [RunNote]
}

/// The weekly part of a report run (MODEL.md §5.8): alerts, this week's snapshot and the
/// changes since an earlier one. Pure apart from reading `history`; saving is left to the
/// caller so that a run that fails writes nothing.
public enum WeeklyReports {
    /// - Parameters:
    ///   - history: the snapshot store (`--store`), or nil for alerts only.
    ///   - compareTo: the day to compare with (`--compare-to`); default the newest snapshot
    ///     before the as-of day.
    ///   - groups / paths: the run's report groups and warm paths, for the snapshot.
    /// - Throws: ``WeeklyError`` for a bad `--compare-to`; the history's errors when it cannot be read.
    ///
    /// ```
    /// let weekly = try WeeklyReports.run(network: net, owner: me, asOf: t, scores: book, history: store)
    /// files += weekly.files
    /// try store.save(weekly.snapshot)   // after the report is written
    /// ```
    public static func run(
        network: Network, owner: Int32?, asOf: Double, scores: ScoreBook?, groups: [Int32: PersonGroup] = [:],
        paths: [SnapshotPath] = [], history: (any SnapshotHistory)?, compareTo: String? = nil,
        alertConfig: AlertConfig = .default, conversations: ConversationIndex? = nil
    ) throws -> WeeklyResult {
        let day = ReportDate.day(asOf)
        var recent: [PersonID: Double] = [:]
        if let history {
            recent = try history.highestStrength(from: ReportDate.day(asOf - 180 * 86_400), to: day)
        }
        let alerts = Alerts.compute(
            network: network, owner: owner, asOf: asOf, scores: scores, config: alertConfig, recentStrength: recent,
            conversations: conversations)
        let snapshot = SnapshotBuilder.make(
            network: network, owner: owner, asOf: asOf, scores: scores, groups: groups, paths: paths, alerts: alerts)
        var files = [AlertsReport.csv(alerts)]
        var notes: [RunNote] = []
        if !alerts.isEmpty { notes.append(.alerts(KindCount.of(alerts.map(\.kind)))) }
        var baseline: Snapshot?
        if let history {
            if let compareTo {
                guard compareTo < day else { throw WeeklyError.compareNotBefore(day: compareTo, asOf: day) }
                guard let b = try history.load(asOf: compareTo) else {
                    throw WeeklyError.noSnapshot(day: compareTo, available: try history.days())
                }
                baseline = b
            } else {
                baseline = try history.previous(before: day)
            }
        }
        let changes = baseline.map { SnapshotDiff.compare(before: $0, after: snapshot) } ?? []
        if history != nil {
            files.append(ChangesReport.csv(changes))
            if let b = baseline {
                notes.append(.changes(since: b.asOf, KindCount.of(changes.map(\.kind))))
            } else {
                notes.append(.noEarlierSnapshot(before: day))
            }
        }
        return WeeklyResult(
            snapshot: snapshot, alerts: alerts, baseline: baseline?.asOf, changes: changes, files: files,
            notes: notes)
    }
}
