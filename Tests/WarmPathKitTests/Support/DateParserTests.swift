import Testing
@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

@Suite struct DateParserTests {
    /// Seconds since 1970 UTC of a civil date and time, via the report calendar.
    static func utc(_ y: Int, _ mo: Int, _ d: Int, _ h: Int = 0, _ mi: Int = 0, _ s: Int = 0) -> Double {
        Double(ReportDate.days(year: y, month: mo, day: d)) * 86_400 + Double(h * 3600 + mi * 60 + s)
    }

    @Test(arguments: [
        // Connections, Company Follows (dd MMM yyyy)
        ("07 Mar 2024", utc(2024, 3, 7)),
        ("7 Mar 2024", utc(2024, 3, 7)),
        // Invitations, Email Addresses, 2018 connections/messages (M/d/yy, h:mm a)
        ("3/7/24, 9:05 PM", utc(2024, 3, 7, 21, 5)),
        ("12/15/24, 7:47 AM", utc(2024, 12, 15, 7, 47)),
        ("1/8/18, 12:14 AM", utc(2018, 1, 8, 0, 14)),
        ("1/8/18, 12:14 PM", utc(2018, 1, 8, 12, 14)),
        // Recommendations (MM/dd/yy, hh:mm a)
        ("03/07/24, 09:05 PM", utc(2024, 3, 7, 21, 5)),
        // messages, Member_Follows
        ("2024-03-07 21:05:00 UTC", utc(2024, 3, 7, 21, 5)),
        ("2024-06-01 12:00 UTC", utc(2024, 6, 1, 12)),
        ("2024-03-07 21:05:00", utc(2024, 3, 7, 21, 5)),
        // Endorsements
        ("2024/03/07 21:05:00 UTC", utc(2024, 3, 7, 21, 5)),
        // Java Date.toString, X tweets
        ("Thu Mar 07 21:05:00 UTC 2024", utc(2024, 3, 7, 21, 5)),
        ("Wed Oct 10 20:19:24 +0000 2018", utc(2018, 10, 10, 20, 19, 24)),
        // Positions / Education / recommendations fixtures
        ("Mar 2024", utc(2024, 3, 1)),
        ("Jan 2024", utc(2024, 1, 1)),
        ("2024", utc(2024, 1, 1)),
        ("1/1/23", utc(2023, 1, 1)),
        // Excel re-saves
        ("7-Mar-24", utc(2024, 3, 7)),
        ("18-Jun-24", utc(2024, 6, 18)),
        // ISO-8601
        ("2024-03-07T21:05:00.250Z", utc(2024, 3, 7, 21, 5) + 0.25),
        ("2024-03-07T21:05:00Z", utc(2024, 3, 7, 21, 5)),
        ("2024-03-07T23:05:00+02:00", utc(2024, 3, 7, 21, 5)),
        ("2024-03-07", utc(2024, 3, 7)),
        // Publications, Events, Receipts
        ("Apr 3, 2023", utc(2023, 4, 3)),
        ("May 07, 2022 08:00 AM", utc(2022, 5, 7, 8)),
        ("11/26/24 01:32 PM UTC", utc(2024, 11, 26, 13, 32)),
        // Leap day, the edges of the plausible years, padding
        ("29 Feb 2024", utc(2024, 2, 29)),
        ("01 Jan 1900", utc(1900, 1, 1)),
        ("31 Dec 2100 23:59:59", utc(2100, 12, 31, 23, 59, 59)),
        ("  07 Mar 2024  ", utc(2024, 3, 7)),
        ("Sept 2021", utc(2021, 9, 1)),
    ])
    func parses(text: String, expected: Double) {
        #expect(DateParser.parse(text) == expected)
    }

    @Test(arguments: [
        "", "not a date", "31 Feb 2024", "2024-13-01", "13/01/24, 9:00 AM", "3/7/24, 13:05 PM", "07 Foo 2024",
        "2024-03-07 25:00:00 UTC", "Mar", "12345", "2024-03-07 21:05:00 UTC trailing", "Dec 10", "N/A",
    ])
    func rejects(text: String) {
        #expect(DateParser.parse(text) == nil)
    }

    @Test func epochHelpers() {
        #expect(DateParser.epochSeconds("1709845500") == 1_709_845_500)
        #expect(DateParser.epochMilliseconds("1709845500250") == 1_709_845_500.25)
        #expect(DateParser.epoch(1_709_845_500_250) == 1_709_845_500.25)
        #expect(DateParser.epoch(1_709_845_500) == 1_709_845_500)
        #expect(DateParser.epochSeconds("soon") == nil)
    }

    @Test func knownInstant() {
        // 2024-03-07 21:05:00 UTC is 1709845500 (checked with `date -u -d`).
        #expect(DateParser.parse("2024-03-07 21:05:00 UTC") == 1_709_845_500)
    }
}
