import Foundation
import Testing
@testable import WarmPathImport
@testable import WarmPathModel
@testable import WarmPathSupport

/// One date rule: every caller (data dates, graph-file times, `--as-of` days, epoch numbers)
/// goes through ``DateParser`` and so accepts and rejects the same calendar days.
@Suite struct DateRuleTests {
    static func day(_ y: Int, _ m: Int, _ d: Int) -> Double {
        Double(ReportDate.days(year: y, month: m, day: d)) * 86_400
    }

    /// Days the calendar does not have, and times the clock does not have.
    static let impossible = [
        "2024-02-30", "2024-02-31", "2023-02-29", "2100-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "2024-01-00",
    ]
    static let impossibleTimes = [
        "2024-03-07T25:00:00Z", "2024-03-07 24:00:00", "2024-03-07T10:60:00Z", "2024-02-30T10:00:00Z",
    ]

    @Test(arguments: impossible)
    func everyCallerRejectsAnImpossibleDay(text: String) {
        #expect(DateParser.parse(text) == nil)
        #expect(DateParser.parseDay(text) == nil)
        #expect(DateParser.parseTimestamp(text) == nil)
        #expect(ReportDate.parseDay(text) == nil)
        #expect(GraphFileImporter.parseTime(.string(text)) == nil)
    }

    @Test(arguments: impossibleTimes)
    func everyCallerRejectsAnImpossibleTime(text: String) {
        #expect(DateParser.parse(text) == nil)
        #expect(DateParser.parseTimestamp(text) == nil)
        #expect(GraphFileImporter.parseTime(.string(text)) == nil)
    }

    @Test(arguments: [
        ("2024-02-29", 2024, 2, 29), ("2000-02-29", 2000, 2, 29), ("2023-12-31", 2023, 12, 31),
        ("2024-01-01", 2024, 1, 1),
    ])
    func everyCallerAcceptsARealDay(text: String, y: Int, m: Int, d: Int) {
        let start = Self.day(y, m, d)
        #expect(DateParser.parse(text) == start)
        #expect(DateParser.parseDay(text) == start)
        #expect(DateParser.parseTimestamp(text) == start)
        #expect(ReportDate.parseDay(text) == start + 86_399)  // --as-of: the end of that day
        #expect(GraphFileImporter.parseTime(.string(text)) == start)
        #expect(ReportDate.day(start) == text)
    }

    @Test func aDayFlagIsWrittenYYYYMMDD() {
        for text in ["31/03/2024", "2024-3-31", "2024-03-31T00:00:00Z", " 2024-03-31", "2024-03-3a", "+024-03-31", ""] {
            #expect(DateParser.parseDay(text) == nil, "\(text)")
        }
    }

    @Test func graphFileTimesTakeEveryFormTheParserTakes() {
        #expect(GraphFileImporter.parseTime(.string("07 Mar 2024")) == Self.day(2024, 3, 7))
        #expect(GraphFileImporter.parseTime(.string("Thu Mar 07 21:05:00 UTC 2024")) == 1_709_845_500)
        #expect(GraphFileImporter.parseTime(.string(" 1709845500 ")) == 1_709_845_500)
        #expect(GraphFileImporter.parseTime(.string("1709845500250")) == 1_709_845_500.25)
        #expect(GraphFileImporter.parseTime(.double(.nan)) == nil)
        #expect(GraphFileImporter.parseTime(.string("inf")) == nil)
    }

    @Test func epochNumbersMustBeFinite() {
        #expect(DateParser.epochMilliseconds(1_709_845_500_250) == 1_709_845_500.25)
        #expect(DateParser.epochMilliseconds(.infinity) == nil)
        #expect(DateParser.epochSeconds(.nan) == nil)
        #expect(DateParser.epochSeconds(1_709_845_500) == 1_709_845_500)
    }

    /// No second date parser creeps back: `DateFormatter`, `ISO8601DateFormatter`, calendar
    /// lookups and hand-made epoch divisions appear only in DateParser.swift.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: sourcesRoot.path)))
    func noOtherDateParserInTheSources() throws {
        let forbidden = [
            "DateFormatter", "Calendar(", "DateComponents(", "ms / 1000", "/ 1000 ", "parseISO", "isoTime(",
        ]
        let files = FileManager.default.enumerator(at: Self.sourcesRoot, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter {
                $0.pathExtension == "swift" && $0.lastPathComponent != "DateParser.swift"
            }
        #expect(files.count > 20)
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for pattern in forbidden {
                #expect(!text.contains(pattern), "\(file.lastPathComponent) contains \(pattern)")
            }
        }
    }

    static var sourcesRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources")
    }
}
