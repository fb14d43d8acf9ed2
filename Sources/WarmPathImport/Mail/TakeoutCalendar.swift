import Foundation
import WarmPathSupport
import WarmPathModel

/// The seam between a Google Takeout's mail and its calendars. ``MailImporter`` reads
/// `Takeout/Mail/*.mbox` and hands every `Takeout/Calendar/*.ics` member here, with the mail's
/// people (`people.byAddress`: lower-cased address → record of `result`, and the owner), so that
/// an attendee who is also a correspondent is one record.
///
/// Until the iCalendar reader is wired in, each member is counted and reported as not read.
/// The calendar reader fills this function: it appends people (reusing `people.byAddress`) and
/// interactions to `result`, its issues to `result.issues`, one ``FileSummary`` per member to
/// `result.files` and its counts to `result.counters`.
enum TakeoutCalendar {
    static func read(
        _ container: SourceContainer, members: [String], options: ImportOptions, label: String,
        people: inout MailPeople, into result: inout SourceImport
    ) {
        result.counters["calendar files not read"] = members.count
        for m in members {
            result.issues.append(
                ImportIssue(
                    source: label, file: m, line: 0, severity: .info,
                    message: "calendar file not read: this build reads the Takeout's mail only"))
        }
    }
}
