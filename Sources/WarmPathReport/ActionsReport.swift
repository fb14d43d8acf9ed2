import WarmPathSupport
import WarmPathModel
import WarmPathImport
import WarmPathAnalysis

/// `actions.csv`: the week's ranked to-do list (``ActionList``), rank 1 first.
///
/// Columns: `rank` (1 = do first), `kind` (`reply`, `follow_up`, `contact_target`, `ask_intro`,
/// `revive`), `name` and `person_id` (whom to answer or contact; the target for `ask_intro`),
/// `via` (the introducer to ask, `directly` for a target the user knows, else empty), `reason`
/// (why and the next step, in plain words) and `due` (`yyyy-MM-dd`).
public enum ActionsReport {
    public static let columns = ["rank", "kind", "name", "person_id", "via", "reason", "due"]

    /// ```
    /// ActionsReport.csv(ActionList.compute(input)).name == "actions.csv"
    /// ```
    /// - Parameter actions: ranked, as ``ActionList/compute(_:config:)`` returns them.
    public static func csv(_ actions: [Action]) -> ReportFile {
        var w = CSVWriter(header: columns)
        for (i, a) in actions.enumerated() {
            w.cell(String(i + 1))
            w.cell(a.kind.rawValue)
            w.cell(a.name)
            w.cell(a.personID.rawValue)
            w.cell(a.via)
            w.cell(a.reason)
            w.cell(a.due)
            w.endRow()
        }
        return w.file(named: "actions.csv")
    }
}
