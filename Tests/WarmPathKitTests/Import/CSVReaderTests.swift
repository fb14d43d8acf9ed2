import Foundation
import Testing
@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

@Suite struct CSVReaderTests {
    /// Opens `text` (as UTF-8 unless `bytes` is given) and returns every record's fields.
    private func rows(
        _ text: String, bytes: [UInt8]? = nil, required: [String] = [], options: CSVOptions = .default
    ) throws -> (table: CSVTable, rows: [[String]], lines: [Int], reader: CSVRecordReader) {
        let table = try CSVTable.open(
            bytes: bytes ?? Array(text.utf8), requiredColumns: required, file: "t.csv", source: "test", options: options
        )
        var reader = table.records()
        var out: [[String]] = []
        var lines: [Int] = []
        while let r = reader.next() {
            out.append((0..<r.count).map { r.value(at: $0) })
            lines.append(r.line)
        }
        return (table, out, lines, reader)
    }

    @Test func plainRowsAndHeader() throws {
        let r = try rows("a,b,c\n1,2,3\n4,5,6\n")
        #expect(r.table.header == ["a", "b", "c"])
        #expect(r.rows == [["1", "2", "3"], ["4", "5", "6"]])
        #expect(r.lines == [2, 3])
        #expect(r.table.encoding == .utf8)
    }

    @Test func utf8BOMIsStripped() throws {
        let r = try rows("", bytes: [0xEF, 0xBB, 0xBF] + Array("Name,Age\nAna,3".utf8), required: ["name"])
        #expect(r.table.header == ["Name", "Age"])
        #expect(r.table.encoding == .utf8BOM)
        #expect(r.rows == [["Ana", "3"]])
    }

    @Test func utf16LEWithBOMAndTabsIsTranscoded() throws {
        let text = "\"Date\"\t\"Search Query\"\r\n\"2018-10-01\"\t\"Zoë & co\"\r\n"
        var bytes: [UInt8] = [0xFF, 0xFE]
        for u in text.utf16 { bytes += [UInt8(u & 0xFF), UInt8(u >> 8)] }
        let r = try rows("", bytes: bytes, required: ["search query"])
        #expect(r.table.encoding == .utf16LE)
        #expect(r.table.delimiter == 0x09)
        #expect(r.rows == [["2018-10-01", "Zoë & co"]])
    }

    @Test func semicolonDelimiterIsSniffed() throws {
        let r = try rows("Name;City\nAna;Oslo\n", required: ["name", "city"])
        #expect(r.table.delimiter == 0x3B)
        #expect(r.rows == [["Ana", "Oslo"]])
        let r2 = try rows("Name;City;Zip\nAna;Oslo;0150\n")
        #expect(r2.table.delimiter == 0x3B)
    }

    @Test func crlfCrAndMixedLineEndsWithoutFinalNewline() throws {
        let r = try rows("h1,h2\r\na,b\rc,d\ne,f\r\ng,h")
        #expect(r.rows == [["a", "b"], ["c", "d"], ["e", "f"], ["g", "h"]])
        #expect(r.lines == [2, 3, 4, 5])
    }

    @Test func multiLineQuotedFieldsAndEscapedQuotes() throws {
        let r = try rows("id,text,n\n1,\"line one\nline \"\"two\"\", with comma\",x\n2,plain,y\n")
        #expect(r.rows[0] == ["1", "line one\nline \"two\", with comma", "x"])
        #expect(r.rows[1] == ["2", "plain", "y"])
        #expect(r.lines == [2, 4])
    }

    @Test func strayCRsInsideQuotedCellsAreKept() throws {
        let r = try rows("title,notes\n\"Course\",\"first\rsecond\r\nthird\"\nnext,row\n")
        #expect(r.rows[0][1] == "first\rsecond\r\nthird")
        #expect(r.rows[1] == ["next", "row"])
        #expect(r.lines == [2, 5])
    }

    @Test func preambleIsSkippedByRequiredColumns() throws {
        let text = """
            Notes:
            "When exporting, some e-mails are missing, see https://example.com/help"

            First Name,Last Name,URL,Connected On
            Ana,Ruiz,https://www.linkedin.com/in/ana,07 Mar 2024
            """
        let r = try rows(text, required: ["first name", "last name"])
        #expect(r.table.headerLine == 4)
        #expect(r.rows == [["Ana", "Ruiz", "https://www.linkedin.com/in/ana", "07 Mar 2024"]])
        #expect(r.lines == [5])
    }

    @Test func quotedNotesPreambleIsSkipped() throws {
        let r = try rows("\"Notes:\"\n\"text, with comma\"\n\nFirst Name,Last Name\nA,B\n", required: ["First Name"])
        #expect(r.table.headerLine == 4)
        #expect(r.rows == [["A", "B"]])
    }

    @Test func missingHeaderThrows() {
        #expect(throws: CSVError.self) {
            _ = try CSVTable.open(bytes: Array("a,b\n1,2\n".utf8), requiredColumns: ["first name"], file: "x.csv")
        }
        #expect(throws: CSVError.self) { _ = try CSVTable.open(bytes: [], file: "x.csv") }
    }

    @Test func columnsMatchedByNormalisedNameReorderedAddedMissing() throws {
        let text = "connected_on,LAST NAME,First  Name,Extra\n15-Jan-24,Ruiz,Ana,x\n"
        let t = try CSVTable.open(bytes: Array(text.utf8), requiredColumns: ["First Name", "Connected On"])
        let first = t.column("First Name")
        let date = t.column("Connected On")
        let url = t.column("URL")
        #expect(first?.index == 2)
        #expect(url == nil)
        var reader = t.records()
        let rNext = reader.next()
        let r = try #require(rNext)
        #expect(r[first] == "Ana")
        #expect(r[date] == "15-Jan-24")
        #expect(r[url] == "")
        #expect(t.column("url", "Connected On")?.index == 0)
    }

    @Test func duplicateAndEmptyHeaderNames() throws {
        let text = "Member Age,Company Names,Company Names,Content,\n30,A,B,x,\n"
        let r = try rows(text)
        #expect(r.table.header == ["Member Age", "Company Names", "Company Names", "Content", ""])
        #expect(r.table.column("Company Names")?.index == 1)
        #expect(r.rows == [["30", "A", "B", "x", ""]])
    }

    @Test func invalidUTF8FallsBackToWindows1252WithAnIssue() throws {
        // "Caf\xE9 \x80 \x93quoted\x94" in Windows-1252.
        var bytes = Array("name\nok\n".utf8)
        bytes += [0x43, 0x61, 0x66, 0xE9, 0x20, 0x80, 0x20, 0x93, 0x71, 0x94, 0x0A]
        let r = try rows("", bytes: bytes)
        #expect(r.table.encoding == .windows1252)
        #expect(r.rows == [["ok"], ["Café € \u{201C}q\u{201D}"]])
        #expect(r.table.issues.count == 1)
        #expect(r.table.issues.first?.line == 3)
        #expect(r.table.issues.first?.severity == .warning)
    }

    @Test func placeholdersReadAsEmptyUnlessTurnedOff() throws {
        let text = "a,b,c,d,e\nNA,N/A,null,Nadia,NAB\n"
        let r = try rows(text)
        #expect(r.rows == [["", "", "", "Nadia", "NAB"]])
        let raw = try rows(text, options: CSVOptions(placeholdersAsEmpty: false))
        #expect(raw.rows == [["NA", "N/A", "null", "Nadia", "NAB"]])
    }

    @Test func unterminatedQuoteAtEOFIsReportedNotFatal() throws {
        let text = "a,b\n1,2\n3,\"never closed\n4,5\n"
        let r = try rows(text, required: ["a", "b"])
        #expect(r.rows.first == ["1", "2"])
        #expect(r.reader.malformedRows == 1)
        #expect(r.reader.issues.map(\.line) == [3])
        // The line after the broken one is still read.
        #expect(r.rows.last == ["4", "5"])
    }

    @Test func shortRowIsMalformedWithItsLineAndRowsBeforeAreKept() throws {
        let text = "id,from,date\n1,ana,2024\n2,\"multi\nline\",2024\nBADROW\n3,ben,2024\n"
        let r = try rows(text, required: ["id", "date"])
        #expect(r.rows.map { $0[0] } == ["1", "2", "3"])
        #expect(r.reader.issues.map(\.line) == [5])
        #expect(r.reader.issues.first?.file == "t.csv")
        #expect(r.reader.malformedRows == 1)
    }

    @Test func emptyLinesAreSkippedButCountLines() throws {
        let r = try rows("a,b\n\n1,2\n\n\n3,4")
        #expect(r.rows == [["1", "2"], ["3", "4"]])
        #expect(r.lines == [3, 6])
        #expect(r.reader.emptyLines == 3)
    }

    @Test func textAfterClosingQuoteAndQuoteInsideUnquotedField() throws {
        let r = try rows("a,b\n\"x\"y,5\"6\n")
        #expect(r.rows == [["xy", "5\"6"]])
    }

    @Test func valuesAreTrimmedButRawIsNot() throws {
        let t = try CSVTable.open(bytes: Array("a\n  padded  \n".utf8))
        var reader = t.records()
        let recNext = reader.next()
        let rec = try #require(recNext)
        #expect(rec[t.column("a")] == "padded")
        #expect(rec.raw(t.column("a")) == "  padded  ")
    }

    @Test func recordsSurviveBeingKept() throws {
        // Records are values: keeping one while reading on must not change it.
        let t = try CSVTable.open(bytes: Array("a,b\n1,\"x\"\"y\"\n2,z\n".utf8))
        var reader = t.records()
        let firstNext = reader.next()
        let first = try #require(firstNext)
        let secondNext = reader.next()
        let second = try #require(secondNext)
        #expect(first.fields == ["1", "x\"y"])
        #expect(second.fields == ["2", "z"])
    }
}
