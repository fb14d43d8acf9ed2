/// `people.csv`: one row per person, sorted by person id.
public enum PeopleReport {
    public static let baseColumns = [
        "person_id", "name", "company", "position", "profile_url", "email", "sources", "connected_on",
        "first_interaction", "last_interaction", "messages_in", "messages_out",
    ]

    /// - Parameter extra: extra columns (name → value per person index) appended in order.
    public static func csv(_ network: Network, stats: [ContactStats], extra: [(String, (Int) -> String)] = [])
        -> ReportFile
    {
        var w = CSVWriter(header: baseColumns + extra.map(\.0))
        for (i, p) in network.people.enumerated() {
            let s = stats[i]
            var row = [
                p.id.rawValue, p.name, p.company, p.position, p.profileURL ?? "", p.email ?? "",
                p.sources.joined(separator: ";"), ReportDate.day(s.connectedOn), ReportDate.day(s.firstInteraction),
                ReportDate.day(s.lastInteraction), String(s.messagesIn), String(s.messagesOut),
            ]
            for (_, f) in extra { row.append(f(i)) }
            w.row(row)
        }
        return ReportFile(name: "people.csv", text: w.text)
    }
}

/// `import-issues.csv`: every skipped or repaired row, sorted by source, file, line.
public enum IssuesReport {
    public static func csv(_ issues: [ImportIssue]) -> ReportFile {
        var w = CSVWriter(header: ["source", "file", "line", "severity", "message"])
        let sorted = issues.sorted {
            ($0.source, $0.file, $0.line, $0.location ?? "", $0.message) < ($1.source, $1.file, $1.line, $1.location ?? "", $1.message)
        }
        for i in sorted {
            let msg = i.location.map { "\(i.message) (at \($0))" } ?? i.message
            w.row([i.source, i.file, String(i.line), i.severity.rawValue, msg])
        }
        return ReportFile(name: "import-issues.csv", text: w.text)
    }
}
