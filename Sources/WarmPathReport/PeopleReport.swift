import WarmPathSupport
import WarmPathModel
import WarmPathImport
import WarmPathAnalysis

/// `people.csv`: one row per person, sorted by person id.
public enum PeopleReport {
    public static let baseColumns = [
        "person_id", "name", "company", "position", "profile_url", "email", "sources", "connected_on",
        "first_interaction", "last_interaction", "messages_in", "messages_out", "emails_in", "emails_out",
        "meetings",
    ]

    /// - Parameter extra: extra columns appended in order.
    public static func csv(_ network: Network, stats: [ContactStats], extra: [PeopleColumn] = [])
        -> ReportFile
    {
        var w = CSVWriter(header: baseColumns + extra.map(\.name))
        let people = network.people
        for i in people.indices {
            let s = stats[i]
            w.cell(people[i].id.rawValue)
            w.cell(people[i].name)
            w.cell(people[i].company)
            w.cell(people[i].position)
            w.cell(people[i].profileURL ?? "")
            w.cell(people[i].email ?? "")
            w.cell(people[i].sources.count == 1 ? people[i].sources[0] : people[i].sources.joined(separator: ";"))
            w.cell(ReportDate.day(s.connectedOn))
            w.cell(ReportDate.day(s.firstInteraction))
            w.cell(ReportDate.day(s.lastInteraction))
            w.cell(String(s.messagesIn))
            w.cell(String(s.messagesOut))
            w.cell(String(s.emailsIn))
            w.cell(String(s.emailsOut))
            w.cell(String(s.meetings))
            for c in extra { w.cell(c.value(i)) }
            w.endRow()
        }
        return w.file(named: "people.csv")
    }
}

/// `import-issues.csv`: every skipped or repaired row, sorted by source, file, line.
public enum IssuesReport {
    public static func csv(_ issues: [ImportIssue]) -> ReportFile {
        var w = CSVWriter(header: ["source", "file", "line", "severity", "message"])
        let sorted = issues.sorted {
            ($0.source, $0.file, $0.line, $0.location ?? "", $0.message) < (
                $1.source, $1.file, $1.line, $1.location ?? "", $1.message
            )
        }
        for i in sorted {
            let msg = i.location.map { "\(i.message) (at \($0))" } ?? i.message
            w.row([i.source, i.file, String(i.line), i.severity.rawValue, msg])
        }
        return w.file(named: "import-issues.csv")
    }
}

/// An extra `people.csv` column: its name and its value per person index.
public struct PeopleColumn {
    public var name: String
    public var value: (Int) -> String

    public init(_ name: String, _ value: @escaping (Int) -> String) {
        self.name = name
        self.value = value
    }
}
