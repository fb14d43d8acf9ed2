import Foundation
import Testing
@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

/// iCalendar files from Google, Outlook and Apple, and the quirks each one has.
@Suite struct CalendarImporterTests {
    func read(_ fixture: String, asOf: Double? = nil) throws -> ICalendarResult {
        let data = try Data(contentsOf: TestPaths.fixture(fixture))
        return ICalendarReader.read(bytes: data, file: fixture, source: "calendar", asOf: asOf)
    }

    func read(text: String, asOf: Double? = nil, limits: RecurrenceLimits = .default) -> ICalendarResult {
        ICalendarReader.read(bytes: Data(text.utf8), file: "t.ics", source: "calendar", asOf: asOf, limits: limits)
    }

    static func utc(_ s: String) -> Double { ICalendarReader.stamp(s)! }

    /// A calendar of one VEVENT (CRLF), its lines given.
    static func calendar(_ event: [String], head: [String] = []) -> String {
        (["BEGIN:VCALENDAR", "VERSION:2.0"] + head + ["BEGIN:VEVENT"] + event + ["END:VEVENT", "END:VCALENDAR"])
            .joined(separator: "\r\n") + "\r\n"
    }

    @Test func googleExport() throws {
        let r = try read("calendar/google.ics")
        #expect(r.issues.isEmpty, "\(r.issues)")
        #expect(r.calendarName == "noor.haddad@example.com")
        #expect(r.horizon == Self.utc("20240319T120000Z"))
        // Weekly 1:1 on Tuesdays 10:00 Oslo (09:00Z in winter) from 2024-01-09: one EXDATE, one
        // occurrence moved by a RECURRENCE-ID override to Wednesday 14:00.
        let series = r.events.filter { $0.uid == "1on1-linnea-2024@google.com" }
        #expect(series.count == 2)
        let times = series.flatMap(\.occurrences).sorted()
        #expect(times.count == 10)
        #expect(times.first == Self.utc("20240109T090000Z"))
        #expect(!times.contains(Self.utc("20240220T090000Z")))  // EXDATE
        #expect(!times.contains(Self.utc("20240305T090000Z")))  // overridden
        #expect(times.contains(Self.utc("20240306T130000Z")))  // the override
        #expect(times.last == Self.utc("20240319T090000Z"))
        // Declined attendee and room left out; the cancelled lunch is not a meeting.
        let review = try #require(r.events.first { $0.uid.hasPrefix("partnership-review") })
        #expect(
            review.participants.map(\.email) == [
                "amara@example.org", "noor.haddad@example.com", "sam.okafor@example.net",
            ])
        #expect(review.declined == 1)
        #expect(r.counts.resources == 1)
        #expect(r.counts.cancelled == 1)
        #expect(!r.events.contains { $0.uid.hasPrefix("lunch-grace") })
        // The all-hands has 40 participants; the all-day offsite is the day in the file.
        let allHands = try #require(r.events.first { $0.uid.hasPrefix("all-hands") })
        #expect(allHands.participants.count == 40)
        let offsite = try #require(r.events.first { $0.uid.hasPrefix("offsite") })
        #expect(offsite.allDay && offsite.occurrences == [Self.utc("20240115")])
    }

    @Test func outlookExport() throws {
        let r = try read("calendar/outlook.ics")
        #expect(r.issues.isEmpty, "\(r.issues)")
        // MONTHLY;COUNT=6;BYDAY=2TH in "W. Europe Standard Time" (its VTIMEZONE), one occurrence
        // cancelled by an override: 5 meetings.
        let steering = r.events.filter { $0.occurrences.count > 1 }
        #expect(steering.count == 1)
        let times = steering[0].occurrences
        #expect(times.count == 5)
        #expect(times.first == Self.utc("20231012T070000Z"))  // CEST: 09:00 − 2 h
        #expect(times.contains(Self.utc("20231109T080000Z")))  // CET: 09:00 − 1 h
        #expect(!times.contains(Self.utc("20231214T080000Z")))  // cancelled occurrence
        #expect(r.counts.cancelled == 1)
        #expect(steering[0].participants.map(\.name).contains("Samuel Okafor"))  // quoted CN
    }

    @Test func appleExport() throws {
        let r = try read("calendar/apple.ics")
        #expect(r.issues.isEmpty, "\(r.issues)")
        // LF line ends; RDATE adds two occurrences; the organizer is also an attendee.
        let prep = try #require(r.events.first { $0.uid.hasPrefix("A1B2") })
        #expect(prep.occurrences == ["20240205T210000Z", "20240212T210000Z", "20240226T210000Z"].map(Self.utc))
        #expect(prep.participants.count == 3)
        // A floating time is read in X-WR-TIMEZONE (New York, UTC−5 in January).
        let breakfast = try #require(r.events.first { $0.uid.hasPrefix("B2C3") })
        #expect(breakfast.occurrences == [Self.utc("20240110T130000Z")])
        // All-day date; Mei declined.
        let fair = try #require(r.events.first { $0.uid.hasPrefix("C3D4") })
        #expect(fair.occurrences == [Self.utc("20240301")] && fair.declined == 1 && fair.participants.count == 2)
    }

    @Test func quirksAreReportedWithTheirLinesAndTheRestIsRead() throws {
        let r = try read("calendar/quirks.ics")
        func issue(_ text: String) -> ImportIssue? { r.issues.first { $0.message.contains(text) } }
        // Broken fold: joined back, so Linnea's address is whole.
        #expect(issue("has no ':'")?.line == 11)
        let fold = try #require(r.events.first { $0.uid == "broken-fold@example" })
        #expect(fold.attendees.map(\.email) == ["linnea.vik@example.com"])
        // Unknown TZID: reported at the DTSTART line, read as UTC.
        #expect(issue("unknown TZID 'Mars/Olympus_Mons'")?.line == 17)
        #expect(r.events.first { $0.uid == "unknown-zone@example" }?.occurrences == [Self.utc("20240213T090000Z")])
        #expect(issue("without a readable DTSTART")?.line == 21)
        // FREQ=SECONDLY without an end: cut at the bound, and said so.
        #expect(issue("FREQ=SECONDLY")?.line == 31)
        #expect(
            r.events.first { $0.uid == "secondly@example" }?.occurrences.count
                == RecurrenceLimits.default.maxOccurrences)
        // A sub-daily rule that never matches would keep libical busy for hours: not expanded.
        #expect(issue("more often than daily")?.line == 39)
        #expect(r.events.first { $0.uid == "never-matches@example" }?.occurrences.count == 1)
        #expect(issue("VTODO") != nil)
        // The truncated last event is reported at its BEGIN line.
        #expect(issue("no END:VEVENT")?.line == 47)
        #expect(r.events.count == 4)
    }

    @Test func recurrenceStopsAtAsOf() {
        let text = Self.calendar([
            "UID:daily", "DTSTART:20240101T090000Z", "RRULE:FREQ=DAILY",
            "ORGANIZER:mailto:a@example.com", "ATTENDEE:mailto:b@example.com",
        ])
        let r = read(text: text, asOf: Self.utc("20240110T235959Z"))
        #expect(r.events.first?.occurrences.count == 10)
        // Without an as-of, the file's newest timestamp bounds it (here only DTSTART).
        #expect(read(text: text).events.first?.occurrences.count == 1)
    }

    @Test func occurrenceBoundIsConfigurable() {
        let text = Self.calendar([
            "UID:hourly", "DTSTART:20240101T000000Z", "RRULE:FREQ=HOURLY",
            "ORGANIZER:mailto:a@example.com", "ATTENDEE:mailto:b@example.com",
        ])
        let r = read(text: text, asOf: Self.utc("20241231"), limits: RecurrenceLimits(maxOccurrences: 50))
        #expect(r.events.first?.occurrences.count == 50)
        #expect(r.issues.contains { $0.message.contains("more than 50 occurrences") && $0.line == 6 })
    }

    @Test func daylightSavingIsFollowedByTheRecurrence() throws {
        // 09:00 Oslo every day across the March 2024 change: 08:00Z before, 07:00Z after.
        let oslo = try String(contentsOf: TestPaths.fixture("calendar/google.ics"), encoding: .utf8)
            .components(separatedBy: "\r\n")
        let tz = Array(oslo[oslo.firstIndex(of: "BEGIN:VTIMEZONE")!...oslo.firstIndex(of: "END:VTIMEZONE")!])
        let text =
            (["BEGIN:VCALENDAR"] + tz + [
                "BEGIN:VEVENT", "UID:dst", "DTSTART;TZID=Europe/Oslo:20240329T090000", "RRULE:FREQ=DAILY;COUNT=3",
                "ORGANIZER:mailto:a@example.com", "ATTENDEE:mailto:b@example.com", "END:VEVENT", "END:VCALENDAR",
            ]).joined(separator: "\r\n")
        let e = try #require(read(text: text, asOf: Self.utc("20240401")).events.first)
        #expect(e.occurrences == ["20240329T080000Z", "20240330T080000Z", "20240331T070000Z"].map(Self.utc))
    }

    @Test func builtInZoneWithoutVTIMEZONE() throws {
        let text = Self.calendar([
            "UID:tokyo", "DTSTART;TZID=Asia/Tokyo:20240201T090000", "ORGANIZER:mailto:a@example.com",
            "ATTENDEE:mailto:b@example.com",
        ])
        let r = read(text: text)
        try #require(r.issues.isEmpty, "libical has no built-in zones here: \(r.issues)")
        #expect(r.events.first?.occurrences == [Self.utc("20240201T000000Z")])
    }

    @Test func declinedOrganizerAndNonParticipantsDoNotCount() {
        let text = Self.calendar([
            "UID:x", "DTSTART:20240201T090000Z", "ORGANIZER;CN=Ann:mailto:ann@example.com",
            "ATTENDEE;PARTSTAT=DECLINED:mailto:ann@example.com", "ATTENDEE;ROLE=NON-PARTICIPANT:mailto:cc@example.com",
            "ATTENDEE;CUTYPE=ROOM:mailto:room@example.com", "ATTENDEE;PARTSTAT=ACCEPTED:mailto:bo@example.com",
            "ATTENDEE;PARTSTAT=TENTATIVE:mailto:cy@example.com",
        ])
        let e = read(text: text).events.first
        #expect(e?.participants.map(\.email) == ["bo@example.com", "cy@example.com"])
    }

    @Test func notACalendar() {
        let r = read(text: "hello\nworld\n")
        #expect(r.events.isEmpty && r.issues.first?.severity == .error)
    }

    @Test func importerDetectsAndBuildsMeetings() throws {
        let c = try SourceContainer(path: TestPaths.fixture("calendar/google.ics").path)
        let (importer, detection) = try ImporterRegistry.standard.detect(c)
        #expect(detection.kind == .calendar && importer is CalendarImporter)
        let s = try importer.importSource(c, options: ImportOptions())
        let owner = try #require(s.owner)
        #expect(s.people[Int(owner)].emails == ["noor.haddad@example.com"] && s.people[Int(owner)].isOwner)
        // 10 + review + all-hands + offsite; the dentist has nobody else.
        #expect(s.interactions.count == 13)
        #expect(s.interactions.allSatisfy { $0.kind == .meeting && $0.provenance.line > 0 })
        #expect(s.counters["events without other participants"] == 1)
        #expect(s.people.count == 2 + 2 + 39 + 0)  // Noor, Linnea; Sam, Amara; the all-hands' 39 others
    }

    @Test func takeoutFolderNamesTheOwnerAndSkipsHolidays() throws {
        let c = try SourceContainer(path: TestPaths.fixture("takeout").path)
        // The Takeout holds mail too: the mail importer reads it and hands its calendars over.
        let (importer, detection) = try ImporterRegistry.standard.detect(c)
        #expect(detection.kind == .mail)
        let s = try importer.importSource(c, options: ImportOptions())
        #expect(s.owner.map { s.people[Int($0)].emails } == ["noor.haddad@example.com"])
        #expect(s.counters["events without other participants"] == 3)  // 2 holidays, 1 declined by Noor
        #expect(s.counters["meetings"] == 10)
    }

    @Test func sameOccurrenceInTwoCalendarsCountsOnce() throws {
        let data = try Data(contentsOf: TestPaths.fixture("calendar/outlook.ics"))
        var b = CalendarRecordBuilder(label: "calendar")
        b.add(bytes: data, file: "a.ics")
        b.add(bytes: data, file: "b.ics")
        #expect(b.interactions.count == 6)
        #expect(b.duplicates == 6)
    }

    @Test func asOfOptionBoundsExpansionThroughThePipeline() throws {
        let root = TestPaths.repoRoot()
        let path = root.appendingPathComponent("fixtures/calendar/google.ics").path
        let early = try ReportPipeline.load(
            RunConfiguration(sources: [path], asOf: Self.utc("20240131T235959Z")))
        let meetings = early.network.events.filter { $0.kind == .meeting }
        #expect(meetings.count == 5)  // Jan 9, 16, 23, 30 and the offsite
    }
}

@Suite struct CalendarInspectTests {
    @Test func inspectShowsKindAndCounts() throws {
        let path = TestPaths.fixture("calendar/outlook.ics").path
        let loaded = SourceLoader().load([path], peopleFromGraphs: false)
        let text = InspectReport(loaded).text
        #expect(text.contains("outlook.ics: calendar (outlook.ics is iCalendar)\n"))
        #expect(text.contains("owner: Noor Haddad"))
        #expect(text.contains("meetings: 6"))
        #expect(text.contains("cancelled events: 1"))
    }
}

@Suite struct CalendarExplainTests {
    @Test func explainNamesTheCalendarFileAndLine() throws {
        let root = TestPaths.repoRoot()
        let text = try ExplainPipeline.run(
            person: "linnea.vik@example.com",
            RunConfiguration(
                sources: ["fixtures/linkedin", "fixtures/takeout"].map { root.appendingPathComponent($0).path }))
        #expect(text.contains("meeting_1to1"))
        #expect(
            text.contains("5 one-to-one meetings, last 2024-03-19 (Takeout/Calendar/noor.haddad@example.com.ics #26)"))
    }
}
