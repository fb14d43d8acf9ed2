import Foundation
import WarmPathSupport
import CLibical

// The only Swift file that imports CLibical: libical parses each component, resolves TZIDs
// through the calendar's VTIMEZONEs (or its built-in Olson zones) and expands recurrences. The
// rest of the calendar code sees plain Swift values.

/// A person named by an ORGANIZER or ATTENDEE property.
struct ICalParticipant: Sendable, Hashable {
    /// The property value (`mailto:ana@example.com`).
    var address: String
    /// `CN`.
    var name: String
    /// `PARTSTAT`, upper-cased (`ACCEPTED`, `DECLINED`, `NEEDS-ACTION`, …; empty when absent).
    var partstat: String
    /// `CUTYPE`, upper-cased (`INDIVIDUAL`, `ROOM`, `RESOURCE`, `GROUP`, …; empty when absent).
    var cutype: String
    /// `ROLE`, upper-cased (`REQ-PARTICIPANT`, `NON-PARTICIPANT`, …; empty when absent).
    var role: String
}

/// A problem libical or the time-zone and recurrence steps met in one component, with the
/// property it concerns (to find its line).
struct ICalProblem: Sendable, Hashable {
    enum Kind: String, Sendable {
        /// A property libical could not parse (X-LIC-ERROR).
        case parse
        /// A TZID with no VTIMEZONE and no built-in zone: the time was read in the default zone.
        case unknownZone
        /// A recurrence that was cut at the occurrence bound.
        case recurrenceBound
        /// A recurrence that was not expanded (sub-daily with BY* parts, invalid rule).
        case recurrenceRefused
        /// A date outside the plausible years.
        case implausibleDate
    }
    var kind: Kind
    /// The property name it concerns (`DTSTART`, `RRULE`), empty when unknown.
    var property: String
    var message: String
}

/// One VEVENT as libical read it, times in seconds since 1970 UTC.
struct ICalEventData: Sendable {
    var uid = ""
    /// `STATUS`, upper-cased; empty when absent.
    var status = ""
    var organizer: ICalParticipant?
    var attendees: [ICalParticipant] = []
    /// DTSTART in UTC (an all-day date is midnight UTC of that day); nil when missing or unreadable.
    var start: Double?
    var allDay = false
    /// RECURRENCE-ID in UTC: this component overrides that occurrence of the series with its UID.
    var recurrenceID: Double?
    /// Whether the component has an RRULE or RDATE.
    var recurring = false
    /// Every occurrence start up to the horizon, sorted, EXDATEs removed; [start] when not recurring.
    var occurrences: [Double] = []
    var problems: [ICalProblem] = []
}

/// Limits on recurrence expansion.
public struct RecurrenceLimits: Sendable, Hashable {
    /// Most occurrences one VEVENT expands to (a daily meeting for 27 years).
    public var maxOccurrences: Int

    public init(maxOccurrences: Int = 10_000) {
        self.maxOccurrences = maxOccurrences
    }

    public static let `default` = RecurrenceLimits()
}

/// One calendar file's libical state: its VTIMEZONEs and its default zone. Not shared across
/// threads: each file is read by one reader on one thread.
final class LibICalSession {
    private var zones: [String: OpaquePointer] = [:]
    private var defaultZone: OpaquePointer?
    let limits: RecurrenceLimits

    private static let setUp: Void = { wp_ical_errors_not_fatal() }()

    init(limits: RecurrenceLimits) {
        _ = Self.setUp
        self.limits = limits
    }

    deinit {
        for z in zones.values { icaltimezone_free(z, 1) }
    }

    /// Parses one component's text (`BEGIN:…` to `END:…`); nil when libical makes nothing of it.
    private static func parse(_ text: [UInt8]) -> OpaquePointer? {
        var bytes = text
        bytes.append(0)
        return bytes.withUnsafeBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) {
                icalparser_parse_string($0)
            }
        }
    }

    /// Adds a VTIMEZONE; returns its TZID, or nil when libical could not read it.
    @discardableResult
    func addTimeZone(_ text: [UInt8]) -> String? {
        guard let comp = Self.parse(text) else { return nil }
        guard icalcomponent_isa(comp) == ICAL_VTIMEZONE_COMPONENT,
            let tzidProp = icalcomponent_get_first_property(comp, ICAL_TZID_PROPERTY),
            let raw = icalproperty_get_tzid(tzidProp)
        else {
            icalcomponent_free(comp)
            return nil
        }
        let tzid = String(cString: raw)
        guard zones[tzid] == nil, let zone = icaltimezone_new() else {
            icalcomponent_free(comp)
            return tzid
        }
        // The zone owns the component from here on.
        if icaltimezone_set_component(zone, comp) == 0 {
            icaltimezone_free(zone, 1)
            icalcomponent_free(comp)
            return nil
        }
        zones[tzid] = zone
        return tzid
    }

    /// The zone floating times are read in (`X-WR-TIMEZONE`); UTC when unknown.
    /// - Returns: false when the name is not a known zone.
    @discardableResult
    func setDefaultZone(_ tzid: String) -> Bool {
        guard let z = zone(tzid) else { return false }
        defaultZone = z
        return true
    }

    /// A TZID: the calendar's own VTIMEZONE first, then libical's built-in Olson zones (also
    /// behind the `/mozilla.org/…/Europe/Berlin` and `/citadel.org/…` prefixes some clients write).
    private func zone(_ tzid: String) -> OpaquePointer? {
        if let z = zones[tzid] { return z }
        var names = [tzid]
        if tzid.hasPrefix("/") {
            let parts = tzid.split(separator: "/")
            for k in stride(from: min(3, parts.count), through: 1, by: -1) {
                names.append(parts.suffix(k).joined(separator: "/"))
            }
        }
        for n in names where n.utf8.count < 200 && !n.isEmpty {
            if let z = zones[n] { return z }
            if let b = icaltimezone_get_builtin_timezone(n) { return b }
        }
        return nil
    }

    /// Seconds since 1970 UTC of a libical time read with `tzid` (nil: floating or UTC).
    private func seconds(_ t: icaltimetype, tzid: String?, property: String, problems: inout [ICalProblem]) -> Double? {
        if icaltime_is_null_time(t) != 0 || icaltime_is_valid_time(t) == 0 { return nil }
        if t.is_date != 0 {
            // An all-day date names a day, not an instant: midnight UTC of that day, so the day
            // written in reports is the day in the file.
            return Double(ReportDate.days(year: Int(t.year), month: Int(t.month), day: Int(t.day))) * 86_400
        }
        var zone: OpaquePointer? = defaultZone
        if icaltime_is_utc(t) != 0 {
            zone = nil
        } else if let tzid, !tzid.isEmpty {
            if let z = self.zone(tzid) {
                zone = z
            } else if !problems.contains(where: { $0.kind == .unknownZone && $0.message.contains("'\(tzid)'") }) {
                problems.append(
                    ICalProblem(
                        kind: .unknownZone, property: property,
                        message:
                            "unknown TZID '\(ICalText.clean(tzid))' (no VTIMEZONE and no such zone); times read as "
                            + (defaultZone == nil ? "UTC" : "the calendar's default zone")))
            }
        }
        var u = t
        u.zone = nil
        let s = Double(icaltime_as_timet_with_zone(u, zone))
        return s
    }

    private static func string(_ p: UnsafePointer<CChar>?) -> String { p.map { String(cString: $0) } ?? "" }

    /// Upper case; libical already writes enumerated values so, so usually nothing to do.
    private static func upper(_ s: String) -> String {
        s.utf8.contains { $0 >= 0x61 && $0 <= 0x7A } ? s.uppercased() : s
    }

    private static func parameter(_ prop: OpaquePointer, _ name: String) -> String {
        string(icalproperty_get_parameter_as_string(prop, name))
    }

    private static func participant(_ prop: OpaquePointer, value: UnsafePointer<CChar>?) -> ICalParticipant {
        ICalParticipant(
            address: string(value), name: parameter(prop, "CN"), partstat: upper(parameter(prop, "PARTSTAT")),
            cutype: upper(parameter(prop, "CUTYPE")), role: upper(parameter(prop, "ROLE")))
    }

    /// Every property of `kind` in `comp`.
    private static func properties(_ comp: OpaquePointer, _ kind: icalproperty_kind) -> [OpaquePointer] {
        var out: [OpaquePointer] = []
        var p = icalcomponent_get_first_property(comp, kind)
        while let prop = p {
            out.append(prop)
            p = icalcomponent_get_next_property(comp, kind)
        }
        return out
    }

    /// Reads one VEVENT's text and expands its recurrence up to `horizon` (UTC seconds).
    /// - Returns: nil when libical makes nothing of the text or it is not a VEVENT.
    func event(_ text: [UInt8], horizon: Double) -> ICalEventData? {
        guard let comp = Self.parse(text) else { return nil }
        defer { icalcomponent_free(comp) }
        guard icalcomponent_isa(comp) == ICAL_VEVENT_COMPONENT else { return nil }
        var e = ICalEventData()
        for p in Self.properties(comp, ICAL_XLICERROR_PROPERTY) {
            var msg = Self.string(icalproperty_get_xlicerror(p)).trimmingCharacters(in: .whitespaces)
            // An empty DESCRIPTION or LOCATION (Google writes them) loses nothing.
            if msg.hasPrefix("No value for") { continue }
            while msg.hasSuffix(":") { msg.removeLast() }
            e.problems.append(ICalProblem(kind: .parse, property: "", message: ICalText.clean(msg)))
        }
        if let p = icalcomponent_get_first_property(comp, ICAL_UID_PROPERTY) {
            e.uid = Self.string(icalproperty_get_uid(p))
        }
        if let p = icalcomponent_get_first_property(comp, ICAL_STATUS_PROPERTY) {
            e.status = Self.string(icalproperty_get_value_as_string(p)).uppercased()
        }
        if let p = icalcomponent_get_first_property(comp, ICAL_ORGANIZER_PROPERTY) {
            e.organizer = Self.participant(p, value: icalproperty_get_organizer(p))
        }
        for p in Self.properties(comp, ICAL_ATTENDEE_PROPERTY) {
            e.attendees.append(Self.participant(p, value: icalproperty_get_attendee(p)))
        }
        var problems: [ICalProblem] = []
        var localStart = icaltime_null_time()
        var startZone: String?
        if let p = icalcomponent_get_first_property(comp, ICAL_DTSTART_PROPERTY) {
            localStart = icalproperty_get_dtstart(p)
            startZone = Self.parameter(p, "TZID")
            e.start = seconds(localStart, tzid: startZone, property: "DTSTART", problems: &problems)
            e.allDay = localStart.is_date != 0
        }
        if let p = icalcomponent_get_first_property(comp, ICAL_RECURRENCEID_PROPERTY) {
            e.recurrenceID = seconds(
                icalproperty_get_recurrenceid(p), tzid: Self.parameter(p, "TZID"), property: "RECURRENCE-ID",
                problems: &problems)
        }
        guard let start = e.start else {
            e.problems += problems
            return e
        }
        guard DateParser.isPlausible(start) else {
            problems.append(
                ICalProblem(
                    kind: .implausibleDate, property: "DTSTART",
                    message: "DTSTART \(ReportDate.day(start)) is outside the years \(DateParser.plausibleYears)"))
            e.start = nil
            e.problems += problems
            return e
        }
        let rrules = Self.properties(comp, ICAL_RRULE_PROPERTY)
        let rdates = Self.properties(comp, ICAL_RDATE_PROPERTY)
        let exdates = Self.properties(comp, ICAL_EXDATE_PROPERTY)
        e.recurring = !rrules.isEmpty || !rdates.isEmpty
        var occurrences: [Double] = start <= horizon ? [start] : []
        var bounded = false
        // The iterator's UNTIL: a day past the horizon in the start's own terms (times are local
        // wall-clock fields; the exact cut is made on the UTC seconds below).
        var limit = icaltime_from_timet_with_zone(time_t(min(horizon, 4_102_444_800) + 86_400), 0, nil)
        limit.is_date = localStart.is_date
        if limit.is_date != 0 {
            limit.hour = 0
            limit.minute = 0
            limit.second = 0
        }
        var floatingStart = localStart
        floatingStart.zone = nil
        let cap = max(1, limits.maxOccurrences)
        for rule in rrules {
            var hasBy: Int32 = 0
            let freq = wp_ical_rrule_shape(rule, &hasBy)
            let text = ICalText.clean(Self.string(icalproperty_get_value_as_string(rule)))
            if freq == Int32(ICAL_NO_RECURRENCE.rawValue) {
                problems.append(
                    ICalProblem(
                        kind: .recurrenceRefused, property: "RRULE",
                        message: "RRULE '\(text)' is not a valid rule; only the first occurrence counted"))
                continue
            }
            // libical steps through every second (minute, hour) between matches of a sub-daily
            // rule with BY* parts: one that never matches would run for hours. No meeting recurs
            // more often than daily, so such a rule is not expanded.
            if freq <= Int32(ICAL_HOURLY_RECURRENCE.rawValue) && hasBy != 0 {
                problems.append(
                    ICalProblem(
                        kind: .recurrenceRefused, property: "RRULE",
                        message:
                            "RRULE '\(text)' recurs more often than daily with BY* parts; not expanded, only the first occurrence counted"
                    ))
                continue
            }
            guard let it = wp_ical_rrule_iterator(rule, floatingStart, limit) else {
                problems.append(
                    ICalProblem(
                        kind: .recurrenceRefused, property: "RRULE",
                        message: "RRULE '\(text)' is not a valid rule; only the first occurrence counted"))
                continue
            }
            defer { icalrecur_iterator_free(it) }
            var n = 0
            while true {
                let t = icalrecur_iterator_next(it)
                if icaltime_is_null_time(t) != 0 { break }
                guard let s = seconds(t, tzid: startZone, property: "RRULE", problems: &problems) else { break }
                if s > horizon { break }
                n += 1
                if n > cap {
                    bounded = true
                    problems.append(
                        ICalProblem(
                            kind: .recurrenceBound, property: "RRULE",
                            message:
                                "RRULE '\(text)' has more than \(Format.grouped(cap)) occurrences up to \(ReportDate.day(horizon)); the first \(Format.grouped(cap)) counted"
                        ))
                    break
                }
                if s != start { occurrences.append(s) }
            }
        }
        for p in rdates {
            let v = icalproperty_get_rdate(p)
            let t = icaltime_is_null_time(v.time) != 0 ? v.period.start : v.time
            if let s = seconds(t, tzid: Self.parameter(p, "TZID"), property: "RDATE", problems: &problems),
                s <= horizon, DateParser.isPlausible(s)
            {
                occurrences.append(s)
            }
        }
        var excluded = Set<Double>()
        for p in exdates {
            if let s = seconds(
                icalproperty_get_exdate(p), tzid: Self.parameter(p, "TZID"), property: "EXDATE", problems: &problems)
            {
                excluded.insert(s)
            }
        }
        occurrences = Array(Set(occurrences).subtracting(excluded)).sorted()
        if bounded && occurrences.count > cap { occurrences.removeLast(occurrences.count - cap) }
        e.occurrences = occurrences
        e.problems += problems
        return e
    }
}
