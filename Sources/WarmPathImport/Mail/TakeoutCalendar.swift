import Foundation
import WarmPathSupport
import WarmPathModel

/// The seam between a Google Takeout's mail and its calendars. ``MailImporter`` reads
/// `Takeout/Mail/*.mbox` and hands every `Takeout/Calendar/*.ics` member here, with the mail's
/// people (`people.byAddress`: lower-cased address → record of `result`, and the owner).
/// ``CalendarRecordBuilder`` reads them: an attendee who is also a correspondent is one record
/// (``CalendarRecordBuilder/merge(into:)`` reuses the address), and the mail owner's addresses are
/// the calendar owner's.
enum TakeoutCalendar {
    static func read(
        _ container: SourceContainer, members: [String], options: ImportOptions, label: String,
        people: inout MailPeople, into result: inout SourceImport
    ) {
        var builder = CalendarRecordBuilder(label: label, asOf: options.asOf)
        if let o = people.owner { builder.ownerEmails.formUnion(result.people[Int(o)].emails) }
        for entry in members {
            if let refusal = container.refusal(entry) {
                result.issues.append(
                    ImportIssue(source: label, file: entry, line: 0, severity: .error, message: refusal.message))
                continue
            }
            do {
                builder.add(bytes: try container.read(entry), file: entry)
            } catch {
                result.issues.append(
                    ImportIssue(
                        source: label, file: entry, line: 0, severity: .error,
                        message: SourceLoader.describe(error, path: container.display(entry))))
            }
        }
        builder.merge(into: &result)
        for (i, p) in result.people.enumerated() {
            for e in p.emails where people.byAddress[e] == nil { people.byAddress[e] = LocalPersonRef(i) }
        }
        if people.owner == nil { people.owner = result.owner }
    }
}
