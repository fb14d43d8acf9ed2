import Foundation
import Testing

@testable import WarmPathImport
@testable import WarmPathModel

/// ``NodeIndex``: decimal ids found by value, the others by the dictionary, the first node
/// winning when two spellings read the same.
@Suite struct NodeIndexTests {
    @Test func decimalValueAcceptsOnlyCanonicalIds() {
        #expect(NodeIndex.decimalValue("0") == 0)
        #expect(NodeIndex.decimalValue("42") == 42)
        #expect(NodeIndex.decimalValue("999999999999999999") == 999_999_999_999_999_999)
        for s in ["", "007", "00", "-1", "+1", "1.0", "1e3", " 1", "1 ", "x1", "1234567890123456789", "٣"] {
            #expect(NodeIndex.decimalValue(s) == nil, "\(s)")
        }
    }

    @Test func lookupsCountAndEdits() {
        var decimal = [Int32](repeating: -1, count: 10)
        decimal[3] = 0
        decimal[7] = 2
        var index = NodeIndex(others: ["alice": 1, "03": 3], decimal: decimal, decimalCount: 2)
        #expect(index["3"] == 0)
        #expect(index["7"] == 2)
        #expect(index["alice"] == 1)
        #expect(index["03"] == 3)  // not canonical: a string id
        #expect(index["4"] == nil)
        #expect(index["12"] == nil)  // beyond the table
        #expect(index.count == 4)
        #expect(index.dictionary == ["3": 0, "7": 2, "alice": 1, "03": 3])
        index["3"] = nil
        #expect(index["3"] == nil)
        #expect(index.count == 3)
        index["7"] = 9  // moves to the dictionary: counted once
        #expect(index["7"] == 9)
        #expect(index.count == 3)
        index["bob"] = 4
        #expect(index.count == 4)
        #expect(index.dictionary == ["7": 9, "alice": 1, "03": 3, "bob": 4])
    }

    /// A quoted `"5"` and a bare `5` are two nodes of the file that read the same: the lookup
    /// finds the first, whichever spelling came first, and the reader says so once.
    @Test(arguments: ["5,1\n\"5\",2\n", "\"5\",1\n5,2\n"])
    func quotedAndBareDecimalReadTheSame(text: String) throws {
        let r = try EdgeListReader.read(Data(text.utf8), file: "q.csv", source: "t")
        let d = r.document
        #expect(d.nodeIDs.filter { $0 == "5" }.count == 2)
        #expect(d.nodeIndex["5"] == 0)  // the first node of the file
        #expect(d.nodeIndex["1"] != nil && d.nodeIndex["2"] != nil)
        let notes = r.issues.filter { $0.message.contains("read the same after decoding") }
        #expect(notes.map(\.message) == ["1 node ids read the same after decoding; lookups by id find the first"])
    }

    /// The index of a read is the one a plain dictionary of its ids (first wins) would be.
    @Test(arguments: [UInt64(1), 2, 3, 4, 5])
    func readerIndexMatchesFirstWinsDictionary(seed: UInt64) throws {
        var g = SplitMix64(seed: seed)
        var lines: [String] = []
        func id() -> String {
            switch Int.random(in: 0..<6, using: &g) {
            case 0: "n\(Int.random(in: 0..<30, using: &g))"
            case 1: "\"\(Int.random(in: 0..<30, using: &g))\""
            case 2: "0\(Int.random(in: 0..<30, using: &g))"
            default: "\(Int.random(in: 0..<30, using: &g))"
            }
        }
        for _ in 0..<200 { lines.append("\(id()),\(id())") }
        let r = try EdgeListReader.read(Data((lines.joined(separator: "\n") + "\n").utf8), file: "r.csv", source: "t")
        let d = r.document
        var oracle: [String: Int32] = [:]
        for (i, s) in d.nodeIDs.enumerated() where oracle[s] == nil { oracle[s] = Int32(i) }
        #expect(d.nodeIndex.dictionary == oracle)
        #expect(d.nodeIndex.count == oracle.count)
        for (s, i) in oracle { #expect(d.nodeIndex[s] == i) }
        for s in ["30", "n30", "x", "", "000"] { #expect(d.nodeIndex[s] == nil) }
    }
}
