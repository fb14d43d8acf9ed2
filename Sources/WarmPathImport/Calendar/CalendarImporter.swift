import Foundation
import WarmPathSupport
import WarmPathModel

/// iCalendar sources: one `.ics` file, a folder or zip of them, or Google Takeout's
/// `Takeout/Calendar/*.ics`. Events become `.meeting` interactions between the organizer and
/// the attendees who did not decline (see ``ICalendarReader`` and ``CalendarRecordBuilder``).
public struct CalendarImporter: SourceImporter {
    public init() {}
    public var kinds: [SourceKind] { [.calendar] }
    public var name: String { "calendar (iCalendar .ics: Google, Outlook, Apple)" }

    /// Whether the first bytes are an iCalendar object.
    static func isICalendarObject(_ head: [UInt8]) -> Bool {
        var h = head[...]
        if h.starts(with: [0xEF, 0xBB, 0xBF]) { h = h.dropFirst(3) }
        h = h.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
        return ICalendarReader.hasPrefix(h, ICalendarReader.beginVCALENDAR)
    }

    /// The container's iCalendar files, in entry order.
    func files(_ container: SourceContainer) -> [String] {
        container.entries.filter { e in
            guard !SourceContainer.isJunk(e) else { return false }
            let ext = (e as NSString).pathExtension.lowercased()
            guard ["ics", "ical", "ifb", "icalendar", ""].contains(ext) else { return false }
            guard let head = try? container.head(e, bytes: 512) else { return false }
            return Self.isICalendarObject(head)
        }
    }

    public func detect(_ container: SourceContainer) -> Detection? {
        let found = files(container)
        guard let first = found.first else { return nil }
        // A Takeout or another archive holding calendars among other files is left to the
        // archive's importer when it has one; a container of calendars only is certain.
        let readable = container.entries.filter { !SourceContainer.isJunk($0) }.count
        let certainty = found.count * 2 >= readable ? 80 : 25
        let takeout = found.contains { $0.hasPrefix("Takeout/Calendar/") }
        return Detection(
            kind: .calendar, confidence: takeout ? max(certainty, 60) : certainty,
            reason: "\(first) is iCalendar" + (found.count > 1 ? " (\(found.count) calendar files)" : ""))
    }

    public func importSource(_ container: SourceContainer, options: ImportOptions) throws -> SourceImport {
        let found = files(container)
        guard !found.isEmpty else {
            throw ImportError.nothingUsable(path: container.path, reason: "no iCalendar (.ics) file")
        }
        let label = options.label ?? SourceKind.calendar.rawValue
        var builder = CalendarRecordBuilder(label: label, asOf: options.asOf)
        var readErrors: [ImportIssue] = []
        for entry in found {
            if let refusal = container.refusal(entry) {
                readErrors.append(
                    ImportIssue(source: label, file: entry, line: 0, severity: .error, message: refusal.message))
                continue
            }
            do {
                builder.add(bytes: try container.read(entry), file: entry)
            } catch {
                readErrors.append(
                    ImportIssue(
                        source: label, file: entry, line: 0, severity: .error,
                        message: SourceLoader.describe(error, path: container.display(entry))))
            }
        }
        var result = SourceImport(kind: .calendar, path: container.path, label: label, issues: readErrors)
        builder.merge(into: &result)
        if result.interactions.isEmpty && result.people.isEmpty,
            let e = result.issues.first(where: { $0.severity == .error })
        {
            throw ImportError.nothingUsable(path: container.path, reason: "\(e.file): \(e.message)")
        }
        return result
    }
}
