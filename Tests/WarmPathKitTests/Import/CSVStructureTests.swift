import Foundation
import Testing
@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathSupport

/// Issue 19, "CSV structure" (`docs/limits.md`, "CSV rows"): a repeated header line is skipped
/// and reported; a row with too many fields is reported and skipped; a row with too few is kept
/// when only trailing optional columns are missing, else reported and skipped. The rule lives in
/// ``CSVRecordReader``, so LinkedIn, contacts CSV, targets and merge rules all follow it.
@Suite struct CSVStructureTests {
    static let header = "First Name,Last Name,Connected On,Company"

    static func read(_ text: String, required: [String] = ["First Name", "Last Name", "Connected On"]) throws
        -> (rows: [(Int, [String])], reader: CSVRecordReader)
    {
        let t = try CSVTable.open(bytes: Array(text.utf8), requiredColumns: required, file: "c.csv", source: "s")
        var reader = t.records()
        var rows: [(Int, [String])] = []
        while let r = reader.next() { rows.append((r.line, r.fields)) }
        return (rows, reader)
    }

    @Test func aRepeatedHeaderIsSkippedAndReported() throws {
        let text =
            "\(Self.header)\nAda,Byron,01 Mar 2024,X\n\u{FEFF}first name, LAST NAME ,Connected On,Company\nBo,Li,02 Mar 2024,Y\n"
        let (rows, reader) = try Self.read(text)
        #expect(rows.map(\.0) == [2, 4])
        #expect(reader.repeatedHeaders == 1 && reader.malformedRows == 0)
        #expect(reader.issues.map(\.line) == [3])
        #expect(reader.issues.first?.message == "repeated header line skipped (two exports joined into one file?)")
    }

    @Test func aRowThatOnlyLooksLikeTheHeaderIsKept() throws {
        // Same first cell, other values: a person whose first name is "First Name".
        let (rows, reader) = try Self.read("\(Self.header)\nFirst Name,Byron,01 Mar 2024,Company\n")
        #expect(rows.count == 1 && reader.issues.isEmpty)
    }

    @Test func aRowWithTooManyFieldsIsSkippedWithItsLine() throws {
        let (rows, reader) = try Self.read("\(Self.header)\nAda,Byron,01 Mar 2024,Acme, Inc\nBo,Li,02 Mar 2024,Y\n")
        #expect(rows.map(\.0) == [3])
        #expect(reader.malformedRows == 1)
        #expect(reader.issues.map(\.line) == [2])
        #expect(reader.issues.first?.message.hasPrefix("malformed row: 5 fields, the header has 4") == true)
    }

    @Test func aShortRowIsKeptOnlyWhenTheRequiredColumnsAreThere() throws {
        let (rows, reader) = try Self.read("\(Self.header)\nAda,Byron,01 Mar 2024\nBo,Li\n")
        #expect(rows.map(\.0) == [2])  // Company missing: trailing and optional
        #expect(reader.malformedRows == 1 && reader.issues.map(\.line) == [3])
    }

    @Test func theLinkedInImporterNeverMakesAPersonOfTheHeader() throws {
        let data = try Data(contentsOf: TestPaths.fixture("hostile/connections-joined.csv"))
        let dir = try TestPaths.tempFolder(["Connections.csv": data])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try LinkedInTestData.importFolder(dir)
        let names = r.people.filter { !$0.isOwner }.map(\.displayName).sorted()
        #expect(names == ["Kai Berg"])
        let issues = r.issues.filter { $0.file == "Connections.csv" && $0.severity >= .warning }
        #expect(issues.map(\.line) == [3, 4, 5])
        #expect(issues[0].message.hasPrefix("repeated header line skipped"))
        #expect(issues[1].message.hasPrefix("malformed row: 8 fields, the header has 7"))
        let summary = try #require(r.files.first { $0.file == "Connections.csv" })
        #expect(summary.skipped["repeated header lines"] == 1)
        #expect(summary.skipped["malformed rows"] == 2)
    }

    @Test func targetsMergeRulesAndContactsFollowTheSameRule() throws {
        let targets = try TargetList.parse(Data("name,company\nAda Byron,Acme\nname,company\nBo Li,Acme, Inc\n".utf8))
        #expect(targets.specs.map(\.name) == ["Ada Byron"])
        #expect(targets.issues.map(\.line) == [3, 4])
        let rules = try MergeRules.parse(
            Data("action,a,b\nmerge,a@x.org,b@x.org\naction,a,b\nmerge,a@x.org,b@x.org,c@x.org\n".utf8))
        #expect(rules.rules.count == 1)
        #expect(rules.issues.map(\.line) == [3, 4])
        let google =
            "Name,Given Name,Family Name,E-mail 1 - Value\nAda Byron,Ada,Byron,ada@x.org\n"
            + "Name,Given Name,Family Name,E-mail 1 - Value\nBo Li,Bo,Li,bo@x.org,extra\n"
        let table = try CSVTable.open(Data(google.utf8), file: "contacts.csv", source: "contacts")
        let cards = ContactsCSVReader.cards(table)
        #expect(cards.cards.map(\.displayName) == ["Ada Byron"])
        #expect(cards.issues.map(\.line) == [3, 4])
    }

    /// The stretched reader applies the same rule record by record: with repeated headers and
    /// long rows scattered through a file, every split gives the sequential read.
    @Test func stretchedReadsSkipTheSameLines() throws {
        var text = "id,name,note\n"
        for i in 0..<400 {
            switch i % 37 {
            case 0: text += "id,name,note\n"
            case 5: text += "\(i),too,many,fields\n"
            case 9: text += "\(i)\n"
            default: text += "\(i),name \(i),plain\n"
            }
        }
        let t = try CSVTable.open(bytes: Array(text.utf8), requiredColumns: ["id", "note"], file: "t.csv", source: "s")
        var reader = t.records()
        var lines: [Int] = []
        while let r = reader.next() { lines.append(r.line) }
        let issues = reader.issues.map { "\($0.line): \($0.message)" }
        #expect(reader.repeatedHeaders == 11 && reader.malformedRows == 22)
        for parts in 2...4 {
            let results = t.readRecords(parts: parts, minimumBytes: 1) { r -> [Int] in
                var out: [Int] = []
                while let rec = r.next() { out.append(rec.line) }
                return out
            }
            #expect(results.count > 1)
            #expect(results.flatMap(\.result) == lines)
            #expect(results.flatMap { $0.reader.issues.map { "\($0.line): \($0.message)" } } == issues)
            #expect(results.reduce(0) { $0 + $1.reader.repeatedHeaders } == 11)
        }
    }
}
