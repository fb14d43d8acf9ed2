import Foundation
import Testing
@testable import WarmPathAnalysis
@testable import WarmPathSupport

/// Issue 19, "Sane values": every date and timestamp is range-checked in ``DateParser``
/// (1900–2100), and Double → Int conversions cannot trap.
@Suite struct DateRangeTests {
    static func utc(_ y: Int, _ m: Int, _ d: Int) -> Double {
        Double(ReportDate.days(year: y, month: m, day: d)) * 86_400
    }

    @Test func theRangeIsDocumentedAsYears1900To2100() {
        #expect(DateParser.plausibleYears == 1900...2100)
        #expect(DateParser.plausibleSeconds.lowerBound == Self.utc(1900, 1, 1))
        #expect(DateParser.plausibleSeconds.upperBound == Self.utc(2101, 1, 1))
        #expect(DateParser.isPlausible(Self.utc(1900, 1, 1)))
        #expect(!DateParser.isPlausible(Self.utc(1900, 1, 1) - 1))
        #expect(DateParser.isPlausible(Self.utc(2101, 1, 1) - 1))
        #expect(!DateParser.isPlausible(Self.utc(2101, 1, 1)))
        #expect(!DateParser.isPlausible(.nan) && !DateParser.isPlausible(.infinity))
    }

    @Test(arguments: ["31 Dec 9999", "9999-12-31", "01 Jan 1899", "0001-01-01T00:00:00Z", "Jan 2101", "1/1/1850"])
    func aDateOutsideTheYearsIsNilAndSaysWhy(text: String) {
        #expect(DateParser.parse(text) == nil)
        #expect(DateParser.parseTimestamp(text) == nil)
        let reading = DateParser.read(text)
        guard case .outOfRange = reading else {
            Issue.record("\(text): \(reading)")
            return
        }
        #expect(reading.problem?.hasPrefix("date out of range (year ") == true)
        #expect(reading.problem?.hasSuffix(", outside 1900–2100)") == true)
    }

    @Test func theIssueTextNamesTheYearTheFieldAndTheValue() {
        #expect(
            DateParser.read("31 Dec 9999").keptWithoutDate(field: "Connected On", value: "31 Dec 9999")
                == "date out of range (year 9999, outside 1900–2100) in Connected On: '31 Dec 9999'; the record is kept without a date"
        )
        #expect(DateParser.read("not a date") == .unreadable)
        #expect(DateParser.read("31 Dec 2024") == .date(Self.utc(2024, 12, 31)))
    }

    @Test func dayFlagsOutsideTheYearsAreRefused() {
        #expect(DateParser.parseDay("9999-12-31") == nil)
        #expect(DateParser.parseDay("1899-12-31") == nil)
        #expect(ReportDate.parseDay("9999-12-31") == nil)
        #expect(DateParser.parseDay("2100-12-31") == Self.utc(2100, 12, 31))
    }

    /// The Messenger values from the probe: ±1e30 ms trapped, 1e22 allocated 121 TB, 1e17
    /// wrote the year 3,170,843; 1e400 overflows JSON number parsing to infinity.
    @Test(
        arguments: [
            (1e30, "year about"), (-1e30, "year about"), (.infinity, "not a finite number"),
            (-.infinity, "not a finite number"),
            (1e22, "year about"), (1e17, "year 3170843"), (253_402_300_799_000, "year 9999"),
        ] as [(Double, String)])
    func hostileMillisecondsAreOutOfRange(ms: Double, year: String) {
        #expect(DateParser.epochMilliseconds(ms) == nil)
        let reading = DateParser.readEpochMilliseconds(ms)
        guard case .outOfRange = reading else {
            Issue.record("\(ms): \(reading)")
            return
        }
        #expect(reading.problem?.contains(year) == true, "\(reading.problem ?? "")")
        #expect(DateParser.epochSeconds(ms) == nil)
        #expect(DateParser.epoch(ms) == nil)
    }

    @Test func plausibleEpochsStillRead() {
        #expect(DateParser.epochMilliseconds(1_709_845_500_123) == 1_709_845_500.123)
        #expect(DateParser.epochSeconds(1_709_845_500) == 1_709_845_500)
        #expect(DateParser.epoch(0) == 0)
        #expect(DateParser.readEpochMilliseconds(.nan) == .unreadable)
    }

    @Test func dayNumbersAndReportDaysNeverTrap() {
        #expect(DateParser.dayNumber(86_400 * 3 + 5) == 3)
        #expect(DateParser.dayNumber(-1) == -1)
        for v in [1e30, -1e30, 1e300, .infinity, -.infinity, .nan] {
            #expect(DateParser.dayNumber(v) == nil)
            #expect(ReportDate.day(v) == "")
        }
    }

    @Test func checkedConversions() {
        #expect(Int(flooring: 2.7) == 2)
        #expect(Int(flooring: -0.5) == -1)
        for v in [1e30, -1e30, .infinity, .nan] { #expect(Int(flooring: v) == nil) }
        #expect(Int(saturating: 30.9) == 30)
        #expect(Int(saturating: 1e30) == 1 << 62)
        #expect(Int(saturating: -.infinity) == -(1 << 62))
        #expect(Int(saturating: .nan) == 0)
    }
}
