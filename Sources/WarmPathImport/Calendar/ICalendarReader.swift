import Foundation
import WarmPathSupport
import WarmPathModel

/// Someone taking part in a meeting: a lower-cased e-mail address and the name the file gives.
public struct CalendarParticipant: Sendable, Hashable, Comparable {
    public var email: String
    public var name: String

    public init(email: String, name: String = "") {
        self.email = email
        self.name = name
    }

    public static func < (a: CalendarParticipant, b: CalendarParticipant) -> Bool {
        (a.email, a.name) < (b.email, b.name)
    }
}

/// One VEVENT that took place, as a meeting: who organised it, who attended (declined
/// attendees, rooms, resources, groups and non-participants left out) and when each occurrence
/// started (recurrence expanded up to the as-of date, EXDATEs and overridden or cancelled
/// occurrences removed).
public struct CalendarEvent: Sendable, Hashable {
    public var uid: String
    /// Line of the event's `BEGIN:VEVENT`.
    public var line: Int
    public var organizer: CalendarParticipant?
    /// Attendees who count, the organizer not repeated, sorted by address.
    public var attendees: [CalendarParticipant]
    /// Attendees left out because they declined.
    public var declined: Int
    /// Occurrence starts, seconds since 1970 UTC, sorted.
    public var occurrences: [Double]
    public var allDay: Bool
    public var recurring: Bool

    /// Everyone who took part: the organizer (when they did not decline) and the attendees.
    public var participants: [CalendarParticipant] {
        var out = attendees
        if let organizer, !attendees.contains(where: { $0.email == organizer.email }) { out.append(organizer) }
        return out.sorted()
    }
}

/// Counts of one calendar file, for `inspect` and the run's notes.
public struct CalendarCounts: Sendable, Hashable {
    /// VEVENT components read (overrides of single occurrences included).
    public var vevents = 0
    /// Events or occurrences with STATUS:CANCELLED, or in a METHOD:CANCEL file.
    public var cancelled = 0
    /// Attendees left out because they declined.
    public var declined = 0
    /// Rooms, resources, groups and non-participants left out.
    public var resources = 0
    /// Occurrences of the events kept.
    public var occurrences = 0
    /// Recurring events expanded.
    public var recurring = 0
    /// VEVENTs skipped with an issue.
    public var skipped = 0

    public init() {}
}

/// What one `.ics` file holds.
public struct ICalendarResult: Sendable {
    public var file: String
    /// `X-WR-CALNAME` (Google writes the owner's address there for a primary calendar).
    public var calendarName: String
    public var events: [CalendarEvent]
    public var issues: [ImportIssue]
    public var counts: CalendarCounts
    /// The time recurrences were expanded up to.
    public var horizon: Double?
}

/// Small text helpers of the calendar readers.
enum ICalText {
    /// One line without control characters, at most 200 characters (for issue messages).
    static func clean(_ s: String) -> String {
        var out = String(s.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : Character($0) })
        if out.count > 200 { out = String(out.prefix(200)) + "…" }
        return out
    }
}

/// Reads iCalendar files (RFC 5545) as exported by Google Calendar, Outlook and Apple Calendar.
///
/// The file is cut into its components by a byte scanner of our own, which knows each
/// component's line (for the issues) and repairs a line whose folding space was lost; libical
/// parses each component, resolves its TZIDs through the calendar's VTIMEZONEs and expands
/// RRULE, RDATE and EXDATE up to `asOf` (or, without one, up to the newest DTSTAMP, LAST-MODIFIED,
/// CREATED or DTSTART in the file), with at most ``RecurrenceLimits/maxOccurrences`` per event.
///
/// ```
/// let r = ICalendarReader.read(bytes: data, file: "work.ics", source: "calendar", asOf: nil)
/// r.events[0].participants   // organizer and attendees who did not decline
/// r.events[0].occurrences    // UTC start of each occurrence
/// ```
public enum ICalendarReader {
    /// A component cut out of the file.
    struct Block {
        enum Kind { case event, timeZone }
        var kind: Kind
        var line: Int
        var bytes: [UInt8] = []
        /// Content lines (after unfolding) and the physical line each starts on.
        var properties: [(name: String, line: Int)] = []
    }

    /// What the scanner found.
    struct Scan {
        var sawCalendar = false
        var blocks: [Block] = []
        var calendarName = ""
        var defaultZone = ""
        var method = ""
        var newestStamp: Double?
        var otherComponents: [String: Int] = [:]
    }

    public static func read(
        bytes data: Data, file: String, source: String, asOf: Double?, limits: RecurrenceLimits = .default
    ) -> ICalendarResult {
        var log = IssueLog(source: source, file: file)
        let scan = self.scan(data, log: &log)
        var result = ICalendarResult(
            file: file, calendarName: scan.calendarName, events: [], issues: [], counts: CalendarCounts())
        guard scan.sawCalendar else {
            log.add(.error, "not an iCalendar file (no BEGIN:VCALENDAR)", line: 1)
            result.issues = log.finish()
            return result
        }
        for (name, n) in scan.otherComponents.sorted(by: { $0.key < $1.key }) {
            log.add(.info, "\(n) \(name) component(s) ignored (only VEVENT is read)", kind: "other components")
        }
        let session = LibICalSession(limits: limits)
        for b in scan.blocks where b.kind == .timeZone {
            if session.addTimeZone(b.bytes) == nil {
                log.add(.warning, "VTIMEZONE could not be read; times that name it are read as UTC", line: b.line)
            }
        }
        if !scan.defaultZone.isEmpty && !session.setDefaultZone(scan.defaultZone) {
            log.add(
                .info,
                "X-WR-TIMEZONE '\(ICalText.clean(scan.defaultZone))' is not a known zone; floating times read as UTC")
        }
        let horizon = asOf ?? scan.newestStamp ?? 0
        result.horizon = horizon
        let cancelFile = scan.method == "CANCEL"

        struct Read {
            var data: ICalEventData
            var block: Int
        }
        var read: [Read] = []
        for (k, b) in scan.blocks.enumerated() where b.kind == .event {
            result.counts.vevents += 1
            guard let e = session.event(b.bytes, horizon: horizon) else {
                result.counts.skipped += 1
                log.add(.warning, "VEVENT could not be read; skipped", line: b.line, kind: "unreadable VEVENT")
                continue
            }
            func line(of property: String) -> Int {
                property.isEmpty ? b.line : (b.properties.first { $0.name == property }?.line ?? b.line)
            }
            for p in e.problems {
                switch p.kind {
                case .parse:
                    log.add(.warning, "libical: \(p.message)", line: b.line, kind: "libical parse error")
                case .unknownZone:
                    log.add(.warning, p.message, line: line(of: p.property), kind: "unknown TZID")
                case .recurrenceBound:
                    log.add(.warning, p.message, line: line(of: p.property), kind: "recurrence bound")
                case .recurrenceRefused:
                    log.add(.warning, p.message, line: line(of: p.property), kind: "recurrence not expanded")
                case .implausibleDate:
                    log.add(.warning, p.message + "; skipped", line: line(of: p.property), kind: "implausible date")
                }
            }
            if e.start == nil {
                result.counts.skipped += 1
                if !e.problems.contains(where: { $0.kind == .implausibleDate }) {
                    log.add(
                        .warning, "VEVENT without a readable DTSTART; skipped", line: line(of: "DTSTART"),
                        kind: "no DTSTART")
                }
                continue
            }
            read.append(Read(data: e, block: k))
        }

        // The same addresses and names recur in every event: each is normalised once.
        var emails: [String: String?] = [:]
        func email(_ raw: String) -> String? {
            if let e = emails[raw] { return e }
            let e = IdentityNormalizer.email(raw)
            emails[raw] = e
            return e
        }
        var names: [String: String] = [:]
        func name(_ raw: String) -> String {
            if let n = names[raw] { return n }
            let n = cleanName(raw)
            names[raw] = n
            return n
        }

        // Overrides of single occurrences (RECURRENCE-ID) replace that occurrence of their series.
        var overridden: [String: Set<Double>] = [:]
        for r in read where !r.data.uid.isEmpty {
            if let rid = r.data.recurrenceID { overridden[r.data.uid, default: []].insert(rid) }
        }
        for r in read {
            let e = r.data
            let b = scan.blocks[r.block]
            var occurrences = e.occurrences
            if e.recurrenceID == nil, let replaced = overridden[e.uid] {
                occurrences.removeAll { replaced.contains($0) }
            }
            if e.status == "CANCELLED" || cancelFile {
                result.counts.cancelled += max(1, occurrences.count)
                continue
            }
            guard !occurrences.isEmpty else { continue }
            var declinedEmails = Set<String>()
            var attendees: [String: CalendarParticipant] = [:]
            var declined = 0
            for a in e.attendees {
                let kind = a.cutype
                if kind == "ROOM" || kind == "RESOURCE" || kind == "GROUP" || a.role == "NON-PARTICIPANT" {
                    result.counts.resources += 1
                    continue
                }
                guard let email = email(a.address) else {
                    log.add(
                        .info, "ATTENDEE '\(ICalText.clean(a.address))' has no e-mail address; left out",
                        line: b.properties.first { $0.name == "ATTENDEE" }?.line ?? b.line,
                        kind: "attendee without e-mail")
                    continue
                }
                if email.hasSuffix("@resource.calendar.google.com") || email.hasSuffix("@group.calendar.google.com") {
                    result.counts.resources += 1
                    continue
                }
                if a.partstat == "DECLINED" {
                    declined += 1
                    declinedEmails.insert(email)
                    continue
                }
                if attendees[email] == nil || attendees[email]!.name.isEmpty {
                    attendees[email] = CalendarParticipant(email: email, name: name(a.name))
                }
            }
            var organizer: CalendarParticipant?
            if let o = e.organizer {
                if let email = email(o.address) {
                    if !declinedEmails.contains(email) {
                        organizer = CalendarParticipant(email: email, name: name(o.name))
                        if let a = attendees.removeValue(forKey: email), organizer!.name.isEmpty {
                            organizer!.name = a.name
                        }
                    }
                } else {
                    log.add(
                        .info, "ORGANIZER '\(ICalText.clean(o.address))' has no e-mail address; left out",
                        line: b.properties.first { $0.name == "ORGANIZER" }?.line ?? b.line,
                        kind: "organizer without e-mail")
                }
            }
            result.counts.declined += declined
            if e.recurring { result.counts.recurring += 1 }
            result.counts.occurrences += occurrences.count
            result.events.append(
                CalendarEvent(
                    uid: e.uid, line: b.line, organizer: organizer, attendees: attendees.values.sorted(),
                    declined: declined, occurrences: occurrences, allDay: e.allDay, recurring: e.recurring))
        }
        result.issues = log.finish()
        return result
    }

    static func cleanName(_ raw: String) -> String {
        var s = raw.trimmingCharacters(in: .whitespaces)
        if s.count >= 2, s.hasPrefix("\""), s.hasSuffix("\"") { s = String(s.dropFirst().dropLast()) }
        return IdentityNormalizer.displayName(ICalText.clean(s))
    }

    // MARK: Scanning

    /// Upper-cases ASCII letters.
    @inline(__always)
    static func upper(_ c: UInt8) -> UInt8 { c >= 0x61 && c <= 0x7A ? c - 32 : c }

    /// Whether `line` starts with `prefix` (ASCII, case-insensitive).
    static func hasPrefix(_ line: ArraySlice<UInt8>, _ prefix: [UInt8]) -> Bool {
        guard line.count >= prefix.count else { return false }
        var i = line.startIndex
        for p in prefix {
            if upper(line[i]) != p { return false }
            i += 1
        }
        return true
    }

    /// The property name of a content line (up to `;` or `:`), upper-cased.
    static func propertyName(_ line: ArraySlice<UInt8>) -> String {
        var out: [UInt8] = []
        for c in line {
            if c == 0x3B || c == 0x3A { break }
            out.append(upper(c))
            if out.count > 64 { break }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The value of a content line (after the first `:` outside quotes).
    static func value(_ line: ArraySlice<UInt8>) -> String {
        var quoted = false
        for i in line.indices {
            if line[i] == 0x22 { quoted.toggle() }
            if line[i] == 0x3A && !quoted {
                return String(decoding: line[(i + 1)...], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            }
        }
        return ""
    }

    /// A DTSTAMP / LAST-MODIFIED / CREATED / DTSTART value's time, read as UTC (`yyyyMMdd` with an
    /// optional `THHmmss`): only to bound recurrence expansion when no as-of date is given.
    static func stamp(_ v: String) -> Double? { stamp(bytes: Array(v.utf8)[...]) }

    /// ``stamp(_:)`` of a content line's value, read from its bytes (the value of these
    /// properties never holds a colon, so it starts after the last one).
    static func stamp(line: ArraySlice<UInt8>) -> Double? {
        guard let colon = line.lastIndex(of: 0x3A) else { return nil }
        return stamp(bytes: line[(colon + 1)...].drop { $0 == 0x20 || $0 == 0x09 })
    }

    static func stamp(bytes v: ArraySlice<UInt8>) -> Double? {
        let b = Array(v)
        func num(_ r: Range<Int>) -> Int? {
            guard r.upperBound <= b.count else { return nil }
            var n = 0
            for i in r {
                guard b[i] >= 0x30 && b[i] <= 0x39 else { return nil }
                n = n * 10 + Int(b[i] - 0x30)
            }
            return n
        }
        guard let y = num(0..<4), let m = num(4..<6), let d = num(6..<8), (1...12).contains(m), (1...31).contains(d)
        else { return nil }
        var s = Double(ReportDate.days(year: y, month: m, day: d)) * 86_400
        if b.count >= 15, b[8] == 0x54, let hh = num(9..<11), let mm = num(11..<13), let ss = num(13..<15) {
            s += Double(hh * 3600 + mm * 60 + ss)
        }
        return DateParser.isPlausible(s) ? s : nil
    }

    static let beginVEVENT = Array("BEGIN:VEVENT".utf8)
    static let endVEVENT = Array("END:VEVENT".utf8)
    static let beginVTIMEZONE = Array("BEGIN:VTIMEZONE".utf8)
    static let endVTIMEZONE = Array("END:VTIMEZONE".utf8)
    static let beginVCALENDAR = Array("BEGIN:VCALENDAR".utf8)
    static let endVCALENDAR = Array("END:VCALENDAR".utf8)
    static let begin = Array("BEGIN:".utf8)
    static let end = Array("END:".utf8)

    /// Cuts the file into VEVENT and VTIMEZONE blocks, line by line (LF or CRLF).
    static func scan(_ data: Data, log: inout IssueLog) -> Scan {
        var s = Scan()
        var current: Block?
        var depth = 0  // nesting inside the current block (VALARM inside VEVENT, …)
        var skipping: (name: String, depth: Int)?  // a to-do, journal or other component being passed over
        var header: String?  // the calendar property whose continuation lines follow
        var headerValue = ""
        var lineNo = 0
        let stampNames: Set<String> = ["DTSTAMP", "LAST-MODIFIED", "CREATED", "DTSTART"]

        func finishHeader() {
            guard let h = header else { return }
            switch h {
            case "X-WR-CALNAME": s.calendarName = headerValue.trimmingCharacters(in: .whitespaces)
            case "X-WR-TIMEZONE": s.defaultZone = headerValue.trimmingCharacters(in: .whitespaces)
            case "METHOD": s.method = headerValue.trimmingCharacters(in: .whitespaces).uppercased()
            default: break
            }
            header = nil
        }
        // The content line read last in the current block: where its bytes start, its line and
        // whether it (with its continuation lines) has a colon.
        var pending: (start: Int, line: Int, colon: Bool) = (-1, 0, true)
        /// A content line always has a colon: one without lost the space that folded it onto the
        /// line before (a broken fold). It is joined back, and reported; a blank line is dropped.
        func settle(_ b: inout Block) {
            defer { pending = (-1, 0, true) }
            guard pending.start >= 2, !pending.colon else { return }
            let text = b.bytes[pending.start...]
            if !text.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }) {
                log.add(
                    .warning, "line has no ':' (a folded line that lost its leading space?); joined to the line before",
                    line: pending.line, kind: "broken fold")
            }
            b.bytes.removeSubrange((pending.start - 2)..<pending.start)
            if b.properties.last?.line == pending.line { b.properties.removeLast() }
        }
        func unterminated(_ b: Block, _ why: String) {
            let what = b.kind == .event ? "VEVENT" : "VTIMEZONE"
            log.add(
                .warning, "\(what) has no END:\(what) (\(why)); skipped", line: b.line, kind: "unterminated \(what)")
        }

        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            // Read in place: each line is copied once, into its block; the file is never copied whole.
            let all = raw.bindMemory(to: UInt8.self)
            var start = 0
            if all.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
            let n = all.count
            while start < n {
                var stop = start
                while stop < n && all[stop] != 0x0A { stop += 1 }
                var lineEnd = stop
                if lineEnd > start && all[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                lineNo += 1
                var line = ArraySlice(all[start..<lineEnd])
                start = stop + 1
                let continuation = line.first == 0x20 || line.first == 0x09
                if var b = current.take() {
                    if continuation {
                        b.bytes += line
                        b.bytes += [0x0D, 0x0A]
                        if line.contains(0x3A) { pending.colon = true }
                        current = b
                        continue
                    }
                    settle(&b)
                    if hasPrefix(line, beginVEVENT) || hasPrefix(line, endVCALENDAR)
                        || (b.kind == .timeZone && hasPrefix(line, beginVTIMEZONE))
                    {
                        unterminated(b, "the next component starts at line \(lineNo)")
                        depth = 0
                        // Read the line again below as a line outside any block.
                    } else {
                        if line.contains(0) { line = ArraySlice(line.map { $0 == 0 ? 0x20 : $0 }) }
                        pending = (b.bytes.count, lineNo, line.contains(0x3A))
                        b.bytes += line
                        b.bytes += [0x0D, 0x0A]
                        let name = propertyName(line)
                        b.properties.append((name, lineNo))
                        if b.kind == .event && stampNames.contains(name), let t = stamp(line: line) {
                            if s.newestStamp.map({ t > $0 }) ?? true { s.newestStamp = t }
                        }
                        if hasPrefix(line, begin) {
                            depth += 1
                        } else if hasPrefix(line, end) {
                            depth -= 1
                            if depth == 0 {
                                let closes = b.kind == .event ? endVEVENT : endVTIMEZONE
                                if hasPrefix(line, closes) {
                                    s.blocks.append(b)
                                } else {
                                    log.add(
                                        .warning,
                                        "component ends with '\(ICalText.clean(String(decoding: line, as: UTF8.self)))'; skipped",
                                        line: b.line, kind: "mismatched END")
                                }
                                pending = (-1, 0, true)
                                continue
                            }
                        }
                        current = b
                        continue
                    }
                }
                if continuation {
                    if header != nil { headerValue += String(decoding: line.dropFirst(), as: UTF8.self) }
                    continue
                }
                finishHeader()
                if let sk = skipping {
                    if hasPrefix(line, begin) {
                        skipping = (sk.name, sk.depth + 1)
                    } else if hasPrefix(line, end) {
                        skipping = sk.depth <= 1 ? nil : (sk.name, sk.depth - 1)
                    }
                    continue
                }
                if hasPrefix(line, beginVCALENDAR) {
                    s.sawCalendar = true
                } else if hasPrefix(line, beginVEVENT) {
                    current = Block(kind: .event, line: lineNo)
                } else if hasPrefix(line, beginVTIMEZONE) {
                    current = Block(kind: .timeZone, line: lineNo)
                } else if hasPrefix(line, begin) {
                    let name = String(decoding: line.dropFirst(6), as: UTF8.self).trimmingCharacters(in: .whitespaces)
                        .uppercased()
                    skipping = (ICalText.clean(String(name.prefix(40))), 1)
                    s.otherComponents[ICalText.clean(String(name.prefix(40))), default: 0] += 1
                } else {
                    let name = propertyName(line)
                    if name == "X-WR-CALNAME" || name == "X-WR-TIMEZONE" || name == "METHOD" {
                        header = name
                        headerValue = value(line)
                    }
                }
                if var b = current {
                    depth = 1
                    pending = (-1, 0, true)
                    b.bytes = Array(line) + [0x0D, 0x0A]
                    b.properties.append((propertyName(line), lineNo))
                    current = b
                }
            }
        }
        finishHeader()
        if let b = current { unterminated(b, "the file ends first: truncated?") }
        return s
    }
}
