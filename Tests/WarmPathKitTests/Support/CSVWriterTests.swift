import Foundation
import Testing
@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

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

    @Test func fixedMatchesPrintf() {
        var rng = SplitMix64(seed: 11)
        var values: [Double] = [0, -0.0, 0.5, -0.5, 1.5, 2.5, 0.125, -0.0004, 0.0005, 123_456.789_5, 9.999_5, -1e-9]
        for _ in 0..<5_000 {
            let mag = pow(10, Double(rng.next() % 14) - 6)
            values.append((Double(rng.next() % 2_000_001) / 1_000_000 - 1) * mag)
        }
        for v in values {
            for d in 0...6 {
                var scale = 1.0
                for _ in 0..<d { scale *= 10 }
                var printf = String(format: "%.\(d)f", (v * scale).rounded() / scale)
                if printf.hasPrefix("-") && Double(printf) == 0 { printf.removeFirst() }
                #expect(Format.fixed(v, d) == printf, "\(v) \(d)")
            }
        }
    }

    @Test func reportDates() {
        #expect(ReportDate.day(0) == "1970-01-01")
        #expect(ReportDate.day(1_709_827_500) == "2024-03-07")
        #expect(
            ReportDate.parseDay("2024-03-07") == Double(ReportDate.days(year: 2024, month: 3, day: 7)) * 86_400 + 86_399
        )
        #expect(ReportDate.parseDay("2024-13-01") == nil)
        #expect(ReportDate.day(Double(ReportDate.days(year: 2000, month: 2, day: 29)) * 86_400) == "2000-02-29")
    }
}

@Suite struct CSVWriterCellTests {
    @Test func cellsAndRowsWriteTheSameBytes() {
        let cells = ["plain", "a, b", "=1+2", "-0.5", "two\nlines", "é \"q\""]
        var byRow = CSVWriter(header: ["h1", "h2"])
        byRow.row(cells)
        var byCell = CSVWriter(header: ["h1", "h2"])
        for c in cells { byCell.cell(c) }
        byCell.endRow()
        #expect(byRow.bytes == byCell.bytes)
        #expect(byCell.text == "h1,h2\r\n" + cells.map(CSVWriter.escape).joined(separator: ",") + "\r\n")
        // A file starts with the byte-order mark; the text (for standard output) has none.
        #expect(byCell.file(named: "x.csv").contents == Data([0xEF, 0xBB, 0xBF] + Array(byCell.text.utf8)))
        #expect(byCell.file(named: "x.csv").text == byCell.text)
        #expect(byCell.file(named: "x.csv").withoutBOM.contents == Data(byCell.text.utf8))
    }

    @Test func sortedByIndexMatchesSorted() {
        var rng = SplitMix64(seed: 5)
        for n in [0, 1, 2, 50, 500] {
            // Pairs compared by their first element only, so equal keys show stability.
            struct Item: Comparable {
                var key: Int
                var tag: Int
                static func < (a: Item, b: Item) -> Bool { a.key < b.key }
                static func == (a: Item, b: Item) -> Bool { a.key == b.key && a.tag == b.tag }
            }
            let items = (0..<n).map { Item(key: Int(rng.next() % 20), tag: $0) }
            #expect(items.sortedByIndex().map(\.tag) == items.sorted().map(\.tag))
            let sorted = items.sorted()
            #expect(sorted.sortedByIndex().map(\.tag) == sorted.map(\.tag))
        }
    }
}
