import Foundation
import WarmPathSupport
import WarmPathModel

/// Turns read calendar files into person records and meeting interactions: one record per
/// e-mail address, one `.meeting` interaction per occurrence (the same occurrence in two
/// calendars, keyed by UID and start, once), and the calendar's owner.
///
/// Used for standalone `.ics` files (``CalendarImporter``) and for the `Takeout/Calendar/*.ics`
/// members of a Google Takeout, whose importer adds them to its own result with
/// ``merge(into:)``.
///
/// ```
/// var b = CalendarRecordBuilder(label: "calendar", asOf: nil)
/// b.add(bytes: data, file: "Takeout/Calendar/ana@example.com.ics")
/// var result = SourceImport(kind: .calendar, path: path, label: "calendar")
/// b.merge(into: &result)
/// ```
public struct CalendarRecordBuilder: Sendable {
    public let label: String
    /// Recurrences are expanded up to this time (nil: each file's newest timestamp).
    public var asOf: Double?
    public var limits: RecurrenceLimits
    /// Addresses known to be the owner's (a Takeout account, a calendar named after an address).
    public var ownerEmails: Set<String>

    public private(set) var people: [PersonRecord] = []
    public private(set) var interactions: [Interaction] = []
    public private(set) var files: [FileSummary] = []
    public private(set) var issues: [ImportIssue] = []
    public private(set) var counts = CalendarCounts()
    /// Occurrences left out because another calendar already gave them (same UID and start).
    public private(set) var duplicates = 0
    /// Events whose only participant is one person (or nobody): not meetings.
    public private(set) var solitary = 0
    private var index: [String: Int32] = [:]
    private var seen: Set<Occurrence> = []
    private struct Occurrence: Hashable {
        var uid: String
        var start: Double
    }
    /// Events each address took part in, for guessing the owner.
    private var participation: [String: Int] = [:]
    private var events = 0

    public init(
        label: String, asOf: Double? = nil, limits: RecurrenceLimits = .default, ownerEmails: Set<String> = []
    ) {
        self.label = label
        self.asOf = asOf
        self.limits = limits
        self.ownerEmails = ownerEmails
    }

    /// Reads one `.ics` file and adds it. A Takeout member is named after its calendar
    /// (`Takeout/Calendar/ana@example.com.ics`): an address there is taken as the owner's.
    public mutating func add(bytes: Data, file: String) {
        add(ICalendarReader.read(bytes: bytes, file: file, source: label, asOf: asOf, limits: limits))
    }

    /// Adds a file already read.
    public mutating func add(_ r: ICalendarResult) {
        issues += r.issues
        var summary = FileSummary(file: r.file, rows: r.counts.vevents)
        if r.counts.skipped > 0 { summary.skipped["unreadable events"] = r.counts.skipped }
        if r.counts.cancelled > 0 { summary.skipped["cancelled events"] = r.counts.cancelled }
        for key in [r.calendarName, Self.baseName(r.file)] {
            if let e = IdentityNormalizer.email(key) { ownerEmails.insert(e) }
        }
        counts.vevents += r.counts.vevents
        counts.cancelled += r.counts.cancelled
        counts.declined += r.counts.declined
        counts.resources += r.counts.resources
        counts.recurring += r.counts.recurring
        counts.skipped += r.counts.skipped
        let before = people.count
        for e in r.events {
            let participants = e.participants
            guard participants.count >= 2 else {
                solitary += 1
                continue
            }
            events += 1
            for p in participants { participation[p.email, default: 0] += 1 }
            let refs = participants.map { person($0, file: r.file, line: e.line) }
            let actor = e.organizer.map { o in refs[participants.firstIndex { $0.email == o.email }!] } ?? refs[0]
            let recipients = refs.filter { $0 != actor }
            let provenance = Provenance(source: label, file: r.file, line: e.line)
            for t in e.occurrences {
                if !e.uid.isEmpty {
                    if !seen.insert(Occurrence(uid: e.uid, start: t)).inserted {
                        duplicates += 1
                        continue
                    }
                }
                counts.occurrences += 1
                summary.interactions += 1
                interactions.append(
                    Interaction(
                        kind: .meeting, time: t, actor: actor, recipients: recipients,
                        thread: e.uid.isEmpty ? nil : e.uid, isGroup: participants.count > 2, provenance: provenance))
            }
        }
        summary.people = people.count - before
        files.append(summary)
    }

    /// The record of an address, made on first sight.
    private mutating func person(_ p: CalendarParticipant, file: String, line: Int) -> Int32 {
        if let i = index[p.email] {
            if people[Int(i)].displayName == p.email && !p.name.isEmpty && p.name != p.email {
                people[Int(i)].displayName = p.name
            }
            return i
        }
        let i = Int32(people.count)
        let name = p.name.isEmpty ? p.email : p.name
        people.append(
            PersonRecord(
                displayName: name, emails: [p.email], provenance: Provenance(source: label, file: file, line: line)))
        index[p.email] = i
        return i
    }

    static func baseName(_ file: String) -> String {
        let last = file.split(separator: "/").last.map(String.init) ?? file
        return last.lowercased().hasSuffix(".ics") ? String(last.dropLast(4)) : last
    }

    /// The owner's record: an address the calendars are named after, else the address that
    /// takes part in at least half of the meetings (the most, ties by address).
    public var owner: Int32? {
        for e in ownerEmails.sorted() { if let i = index[e] { return i } }
        guard events > 0 else { return nil }
        let best = participation.max { ($0.value, $1.key) < ($1.value, $0.key) }
        guard let best, best.value * 2 >= events, best.value >= 2 else { return nil }
        return index[best.key]
    }

    /// Counts for `inspect` and the run's notes.
    public var counters: [String: Int] {
        [
            "calendar events": counts.vevents, "meetings": counts.occurrences, "cancelled events": counts.cancelled,
            "declined attendees": counts.declined, "rooms and resources": counts.resources,
            "recurring events": counts.recurring, "events without other participants": solitary,
            "occurrences in two calendars": duplicates,
        ].filter { $0.value > 0 }
    }

    /// Adds the records and meetings to `result`: an address already in it (from mail, say) is
    /// the same record; the owner is set when `result` has none.
    public func merge(into result: inout SourceImport) {
        var byEmail: [String: Int32] = [:]
        for (i, p) in result.people.enumerated() { for e in p.emails where byEmail[e] == nil { byEmail[e] = Int32(i) } }
        var map = [Int32](repeating: 0, count: people.count)
        for (i, p) in people.enumerated() {
            if let j = byEmail[p.emails[0]] {
                map[i] = j
            } else {
                map[i] = Int32(result.people.count)
                result.people.append(p)
            }
        }
        if let o = owner {
            result.people[Int(map[Int(o)])].isOwner = true
            if result.owner == nil { result.owner = map[Int(o)] }
        }
        result.interactions.reserveCapacity(result.interactions.count + interactions.count)
        for var x in interactions {
            x.actor = map[Int(x.actor)]
            x.recipients = x.recipients.map { map[Int($0)] }
            result.interactions.append(x)
        }
        result.files += files
        result.issues += issues
        for (k, v) in counters { result.counters[k, default: 0] += v }
    }
}
