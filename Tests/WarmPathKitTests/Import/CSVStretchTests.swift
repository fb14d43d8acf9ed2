import Foundation
import Testing
@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

/// ``CSVTable/readRecords(parts:minimumBytes:_:)`` must give exactly what one sequential read
/// gives: the same records, lines, issues and counts, whatever the quoting and line ends.
@Suite struct CSVStretchTests {
    struct Read: Equatable {
        var rows: [[String]] = []
        var lines: [Int] = []
        var issues: [String] = []
        var malformed = 0
        var read = 0
    }

    private func sequential(_ t: CSVTable) -> Read {
        var out = Read()
        var reader = t.records()
        while let r = reader.next() {
            out.rows.append(r.fields)
            out.lines.append(r.line)
        }
        out.issues = reader.issues.map { "\($0.line): \($0.message)" }
        out.malformed = reader.malformedRows
        out.read = reader.rows
        return out
    }

    private func stretched(_ t: CSVTable, parts: Int) -> (read: Read, stretches: Int) {
        let results = t.readRecords(parts: parts, minimumBytes: 1) { reader -> [([String], Int)] in
            var rows: [([String], Int)] = []
            while let r = reader.next() { rows.append((r.fields, r.line)) }
            return rows
        }
        var out = Read()
        for part in results {
            out.rows += part.result.map(\.0)
            out.lines += part.result.map(\.1)
            out.issues += part.reader.issues.map { "\($0.line): \($0.message)" }
            out.malformed += part.reader.malformedRows
            out.read += part.reader.rows
        }
        return (out, results.count)
    }

    /// A random CSV body: quoted cells with commas, doubled quotes and line breaks, mixed
    /// line ends, empty lines, short rows, and (when `stray`) quotes inside unquoted cells.
    private func randomCSV(_ rng: inout SplitMix64, rows: Int, stray: Bool) -> String {
        let ends = ["\n", "\r\n", "\r"]
        var s = "id,name,note\n"
        for i in 0..<rows {
            switch rng.next() % 12 {
            case 0: s += ends[Int(rng.next() % 3)]  // empty line
            case 1: s += "short"
            case 2: s += "\(i),\"multi\(ends[Int(rng.next() % 3)])line, with \"\"quotes\"\"\",x"
            case 3 where stray: s += "\(i),has\"quote,x"
            case 4: s += "\(i),\"quoted\",\"\""
            default: s += "\(i),name \(rng.next() % 100),plain note"
            }
            s += ends[Int(rng.next() % 3)]
        }
        return s
    }

    @Test(arguments: [false, true])
    func stretchesReadLikeOneSequentialRead(stray: Bool) throws {
        var rng = SplitMix64(seed: stray ? 7 : 3)
        var split = 0
        for round in 0..<60 {
            let text = randomCSV(&rng, rows: 20 + round * 5, stray: stray)
            let t = try CSVTable.open(
                bytes: Array(text.utf8), requiredColumns: ["id", "note"], file: "t.csv", source: "s")
            let expected = sequential(t)
            for parts in 2...4 {
                let got = stretched(t, parts: parts)
                #expect(got.read == expected, "round \(round), \(parts) parts")
                if got.stretches > 1 { split += 1 }
            }
        }
        // Files without stray quotes are split; the check above holds either way.
        if !stray { #expect(split == 180) }
    }

    @Test func unterminatedQuoteNearTheEndStaysOneRead() throws {
        let text = "a,b\n" + (0..<200).map { "\($0),x\n" }.joined() + "9,\"open\n10,y\n"
        let t = try CSVTable.open(bytes: Array(text.utf8), requiredColumns: ["a", "b"], file: "t.csv", source: "s")
        #expect(stretched(t, parts: 3).read == sequential(t))
    }

    @Test func splitsFallOnRecordStartsWithTheirLines() throws {
        let text = "a,b\r\n" + (0..<100).map { "\($0),\"two\r\nlines\"\r\n" }.joined()
        let t = try CSVTable.open(bytes: Array(text.utf8), requiredColumns: ["a", "b"])
        let splits = t.recordSplits(count: 4)
        #expect(splits.count == 3)
        let bytes = Array(text.utf8)
        for s in splits {
            // Just after a CR-LF that ends a record: the next record starts with its id.
            #expect(bytes[s.offset - 2] == 13 && bytes[s.offset - 1] == 10)
            #expect(bytes[s.offset - 3] == 34)
            let id = Int(String(decoding: bytes[s.offset...].prefix { $0 != 44 }, as: UTF8.self))!
            #expect(s.line == 2 + id * 2)
        }
    }

    @Test func smallFilesAreReadInOneStretch() throws {
        let t = try CSVTable.open(bytes: Array("a,b\n1,2\n3,4\n".utf8))
        let results = t.readRecords(parts: 2) { reader -> Int in
            var n = 0
            while reader.next() != nil { n += 1 }
            return n
        }
        #expect(results.map(\.result) == [2])
    }
}
