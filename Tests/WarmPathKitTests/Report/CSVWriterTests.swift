import Testing
@testable import WarmPathKit

@Suite struct CSVWriterTests {
    @Test(arguments: [
        ("plain", "plain"),
        ("a, b", "\"a, b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("two\nlines", "\"two\nlines\""),
        ("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""),
        ("+1 555", "'+1 555"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("-cmd", "'-cmd"),
        ("-0.25", "-0.25"),
        ("\tx", "'\tx"),
    ])
    func escaping(raw: String, expected: String) {
        #expect(CSVWriter.escape(raw) == expected)
    }

    @Test func reportDates() {
        #expect(ReportDate.day(0) == "1970-01-01")
        #expect(ReportDate.day(1_709_827_500) == "2024-03-07")
        #expect(ReportDate.parseDay("2024-03-07") == Double(ReportDate.days(year: 2024, month: 3, day: 7)) * 86_400 + 86_399)
        #expect(ReportDate.parseDay("2024-13-01") == nil)
        #expect(ReportDate.day(Double(ReportDate.days(year: 2000, month: 2, day: 29)) * 86_400) == "2000-02-29")
    }
}
