import Foundation
import Testing

@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

@Suite struct EdgeListReaderTests {
    func read(_ text: String, _ options: EdgeListOptions = .init()) throws -> GraphReadResult {
        try EdgeListReader.read(Data(text.utf8), file: "t.txt", source: "test", options: options)
    }

    func edges(_ r: GraphReadResult) -> [String] {
        let d = r.document
        return (0..<d.edgeCount).map { e in
            var s = d.nodeIDs[Int(d.edgeSources[e])] + ">" + d.nodeIDs[Int(d.edgeTargets[e])]
            if let w = d.edgeWeights?[e], !w.isNaN { s += ":\(w)" }
            return s
        }
    }

    func fixture(_ name: String) throws -> Data {
        let root = GraphTestData.repoRoot(#filePath)
        return try Data(contentsOf: root.appendingPathComponent("fixtures/graphs/edgelist/\(name)"))
    }

    @Test func plainCSVWithHeader() throws {
        let r = try read("source,target,weight\n0,4802,0.763\n4802,0,0.631\n")
        #expect(edges(r) == ["0>4802:0.763", "4802>0:0.631"])
        #expect(r.document.nodeIDs == ["0", "4802"])
        #expect(r.document.directed)
        #expect(r.issues.isEmpty)
        #expect(r.document.edgeLines == [2, 3])
    }

    @Test func noHeaderTabsAndComments() throws {
        let r = try read("# Directed graph\n# FromNodeId\tToNodeId\n30\t1412\n30\t3352\n\n3352\t30\n")
        #expect(edges(r) == ["30>1412", "30>3352", "3352>30"])
        #expect(r.document.edgeWeights == nil)
        #expect(r.document.edgeLines == [3, 4, 6])
    }

    @Test func idsStayStrings() throws {
        let r = try read("1 01\n1.0 1\n007 7\n")
        #expect(r.document.nodeIDs == ["1", "01", "1.0", "007", "7"])
        #expect(r.document.edgeWeights == nil)
    }

    @Test func commaSpaceDelimiterAndCRLF() throws {
        let r = try read("a, b, 2\r\nb , c\r\n")
        #expect(edges(r) == ["a>b:2.0", "b>c"])
    }

    @Test func fewerThanTwoFieldsIsReportedWithLine() throws {
        let r = try read("1 2\nlonely\n3 4\n")
        #expect(edges(r) == ["1>2", "3>4"])
        let w = r.issues.filter { $0.severity == .warning }
        #expect(w.count == 1)
        #expect(w.first?.line == 2)
        #expect(w.first?.message.contains("fewer than two fields") == true)
    }

    @Test func duplicatesKeepLastAndSelfLoopsReported() throws {
        let r = try read("1,2,0.1\n2,2,0.5\n1,2,0.9\n2,1,0.3\n")
        #expect(edges(r) == ["2>2:0.5", "1>2:0.9", "2>1:0.3"])
        let infos = r.issues.filter { $0.severity == .info }.map(\.message)
        #expect(infos.contains { $0.contains("1 duplicate ordered pairs") })
        #expect(infos.contains { $0.contains("1 self-loops kept") })
    }

    @Test func trailingCommentsAndHashInNames() throws {
        let r = try read("a#b c 1 # note\nc d\n")
        #expect(edges(r) == ["a#b>c:1.0", "c>d"])
    }

    @Test func badWeightKeepsEdgeWithWarning() throws {
        let r = try read("a b {'weight':3}\na c 2\n")
        #expect(edges(r) == ["a>b", "a>c:2.0"])
        #expect(r.issues.contains { $0.severity == .warning && $0.line == 1 })
    }

    @Test func emptyInputThrows() {
        #expect(throws: ImportError.self) { try read("# only a comment\n\n") }
        #expect(throws: ImportError.self) { try EdgeListReader.read(Data(), file: "e", source: "s") }
    }

    @Test func gephiEdgeTable() throws {
        let r = try EdgeListReader.read(try fixture("gephi-edges.csv"), file: "g", source: "s")
        #expect(edges(r) == ["alice>bob:2.5", "bob>carol:1.0", "carol>alice:0.5"])
        #expect(r.document.directed == false)
        #expect(r.document.edgeIDs == ["e0", "e1", "e2"])
        #expect(r.document.edgeAttribute("label")?.values == [.string("knows"), .string("works, with"), nil])
    }

    @Test func konectSymmetricAndAsymmetric() throws {
        let sym = try EdgeListReader.read(try fixture("out.konect-sym"), file: "s", source: "s")
        #expect(sym.document.directed == false)
        #expect(sym.document.edgeCount == 4)
        let asym = try EdgeListReader.read(try fixture("out.konect-asym"), file: "a", source: "s")
        #expect(asym.document.directed)
        #expect(edges(asym) == ["1>2:0.8", "2>3:1.0", "3>1:0.6"])
        let forced = try EdgeListReader.read(
            try fixture("out.konect-sym"), file: "s", source: "s", options: .init(directed: true))
        #expect(forced.document.directed)
    }

    @Test func konectUndirectedDuplicatesAreUnordered() throws {
        let r = try read("% sym\n1 2\n2 1\n")
        #expect(r.document.edgeCount == 1)
        #expect(edges(r) == ["2>1"])
    }

    @Test func advogatoHeaderAndLeadingDot() throws {
        let r = try EdgeListReader.read(try fixture("advogato-style.txt"), file: "a", source: "s")
        #expect(edges(r) == ["1>2:0.8", "2>3:0.6", "1>1:1.0"])
        #expect(r.issues.contains { $0.message.contains("self-loops") })
    }

    @Test func bitcoinSignedRatings() throws {
        let r = try EdgeListReader.read(try fixture("bitcoin-style.csv"), file: "b", source: "s")
        let d = r.document
        // 1,2 appears twice: the last rating (7) wins.
        #expect(edges(r) == ["2>1:-0.5", "1>3:0.3", "3>1:-1.0", "2>3:0.1", "1>2:0.7"])
        #expect(d.edgeAttribute("rating")?.values.map { $0?.doubleValue } == [-5, 3, -10, 1, 7])
        let times = d.edgeAttribute("time")?.values.map { $0?.doubleValue ?? .nan }
        #expect(times == [1289241942.18844, 1289243140.39421, 1_289_245_000, 1289249999.5, 1_289_250_000])
        #expect(r.issues.contains { $0.message.contains("signed ratings") })
        #expect(r.issues.contains { $0.message.contains("1 duplicate ordered pairs") })
        let off = try EdgeListReader.read(
            try fixture("bitcoin-style.csv"), file: "b", source: "s", options: .init(ratings: .off))
        #expect(off.document.edgeWeights?.first == -5)
    }

    @Test func ncolNamesOptionalWeightsSelfLoopIndent() throws {
        let r = try EdgeListReader.read(try fixture("names.ncol"), file: "n", source: "s")
        #expect(r.document.nodeIDs == ["alice", "bob", "carol", "dave"])
        #expect(edges(r) == ["alice>bob:2.0", "bob>carol", "carol>carol:0.5", "dave>alice"])
    }

    @Test func latin1Names() throws {
        let r = try EdgeListReader.read(try fixture("latin1.txt"), file: "l", source: "s")
        #expect(r.document.nodeIDs == ["José", "Müller", "Ana"])
        #expect(r.issues.contains { $0.message.contains("Latin-1") })
        #expect(r.document.nodeIndex["Müller"] == 1)
    }

    @Test func unicodeNames() throws {
        let r = try read("Zoë 北京 1\n北京 Zoë\n")
        #expect(r.document.nodeIDs == ["Zoë", "北京"])
        #expect(r.document.edgeCount == 2)
    }

    @Test func quotedFieldsWithDelimiters() throws {
        let r = try read("source,target\n\"Smith, Ann\",\"Bob \"\"B\"\"\"\nBob,\"Smith, Ann\"\n")
        #expect(r.document.nodeIDs == ["Smith, Ann", "Bob \"B\"", "Bob"])
        #expect(r.document.edgeCount == 2)
    }

    @Test func exponentAndSignedWeights() throws {
        let r = try read("a b 1e-3\nb c -2.5\nc d 0.12345678901234567\n", .init(ratings: .off))
        #expect(r.document.edgeWeights == [1e-3, -2.5, 0.12345678901234567])
    }

    @Test func readGraphGivesTheDocumentCSR() throws {
        for text in ["1,2,0.5\n2,3,1\n1,3,0.2\n3,1,0.1\n", "1 2\n2 1\n1 2\n", "% sym\n1 2\n2 1\n3 1\n"] {
            let (r, csr) = try EdgeListReader.readGraph(Data(text.utf8), file: "t", source: "s")
            let ref = CSRGraph(document: r.document)
            #expect(csr.offsets == ref.offsets)
            #expect(csr.targets == ref.targets)
            #expect(csr.edgeIndex == ref.edgeIndex)
        }
    }

    /// Parsing in two threads (files over 4 MB) gives exactly the one-thread result, line numbers included.
    @Test func twoThreadsEqualOneThread() throws {
        var rng = GraphRNG(seed: 99)
        var text = "source,target,weight\n"
        for i in 0..<260_000 {
            let a = rng.next() % 50_000
            let b = rng.next() % 50_000
            let name = i % 97 == 0 ? "n\(a)" : "\(a)"
            if i % 10_007 == 0 { text += "# comment\n" }
            if i % 50_021 == 0 { text += "broken\n" }
            text += "\(name),\(b),0.\(rng.next() % 1000)\n"
        }
        let data = Data(text.utf8)
        #expect(data.count > 4 << 20)
        let one = try EdgeListReader.read(data, file: "x", source: "s", options: .init(threads: 1))
        let two = try EdgeListReader.read(data, file: "x", source: "s", options: .init(threads: 2))
        #expect(one.document.nodeIDs == two.document.nodeIDs)
        #expect(one.document.edgeSources == two.document.edgeSources)
        #expect(one.document.edgeTargets == two.document.edgeTargets)
        #expect(one.document.edgeWeights == two.document.edgeWeights)
        #expect(one.document.edgeLines == two.document.edgeLines)
        #expect(one.issues == two.issues)
        #expect(one.issues.contains { $0.line > 0 && $0.message.contains("fewer than two fields") })
    }
}

// MARK: - blocked and streaming reading

/// Messy edge lists and an exact fingerprint of a read, shared by the block-size tests.
enum EdgeListSamples {
    /// Everything a read produces, as text (weights as bit patterns).
    static func fingerprint(_ r: GraphReadResult, _ csr: CSRGraph? = nil) -> String {
        let d = r.document
        var s = "directed=\(d.directed) multigraph=\(d.multigraph)\n"
        s += "nodes=\(d.nodeIDs.joined(separator: "\u{1}"))\n"
        s +=
            "index=\(d.nodeIndex.dictionary.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "\u{1}"))\n"
        s += "nodeLines=\(d.nodeLines)\nsources=\(d.edgeSources)\ntargets=\(d.edgeTargets)\nlines=\(d.edgeLines)\n"
        s += "weights=\(d.edgeWeights.map { $0.map { String($0.bitPattern, radix: 16) } }.map { "\($0)" } ?? "nil")\n"
        s += "edgeDirected=\(d.edgeDirected.map { "\($0)" } ?? "nil") edgeIDs=\(d.edgeIDs.map { "\($0)" } ?? "nil")\n"
        for c in d.edgeAttributes {
            s += "attr \(c.name) \(c.type) \(c.values.map { $0.map { "\($0)" } ?? "-" })\n"
        }
        for i in r.issues { s += "issue \(i.line) \(i.severity) \(i.file) \(i.source) \(i.message)\n" }
        if let csr {
            s +=
                "csr n=\(csr.nodeCount) offsets=\(csr.offsets) targets=\(csr.targets) index=\(csr.edgeIndex.map { "\($0)" } ?? "nil")\n"
        }
        return s
    }

    /// A deterministic messy edge list: comments, blank lines, bad rows, quoted and
    /// non-decimal ids, huge decimal ids, long ids, duplicates, self-loops, CRLF, BOM.
    static func messy(seed: UInt64, lines: Int = 400) -> String {
        var rng = GraphRNG(seed: seed)
        let style = rng.int(6)
        let crlf = rng.int(3) == 0
        let bom = rng.int(3) == 0
        let nl = crlf ? "\r\n" : "\n"
        let sep: String
        var out = bom ? "\u{FEFF}" : ""
        switch style {
        case 0:
            sep = ","
            out += "# exported" + nl + "source,target,weight" + nl
        case 1:
            sep = " "
            out += "% asym unweighted" + nl + "% 10 20 30" + nl
        case 2:
            sep = "\t"
            out += "# FromNodeId\tToNodeId" + nl
        case 3:
            sep = ","
            out += "Source,Target,Type,Id,Label,Weight" + nl
        case 4:
            sep = ","  // signed ratings with a time column, no header
        default:
            sep = ";"
            out += "from;to;trust" + nl
        }
        let pool = max(4, lines / 3)
        func id() -> String {
            let k = rng.int(pool)
            switch rng.int(20) {
            case 0: return "n\(k)"
            case 1: return sep == "," || sep == ";" ? "\"q, \(k)\"" : "q\(k)"
            case 2: return "\(123_456_789_012 + UInt64(k) * 7_919)"  // huge decimal id
            case 3: return "0\(k)"
            case 4: return "Zoë\(k % 7)"
            case 5: return String(repeating: "L", count: 70 + k % 5)  // longer than a tiny block
            default: return "\(k)"
            }
        }
        for i in 0..<lines {
            let roll = rng.int(40)
            if roll == 0 { out += "# comment \(i)" + nl; continue }
            if roll == 1 { out += nl; continue }
            if roll == 2 { out += "   " + nl; continue }
            if roll == 3 { out += "lonely" + nl; continue }
            if roll == 4 && sep != " " && sep != "\t" { out += sep + "5" + nl; continue }
            if roll == 5 { out += "% note" + nl; continue }
            let a = id()
            let b = roll == 6 ? a : id()
            switch style {
            case 3:
                let type = rng.int(4) == 0 ? "Undirected" : "Directed"
                out += "\(a),\(b),\(type),e\(i),\"lab \(i % 3)\",\(Double(rng.int(100)) / 10)" + nl
            case 4:
                let r = rng.int(21) - 10
                out += "\(a),\(b),\(r),\(1_289_241_942 + i)" + nl
            default:
                switch rng.int(8) {
                case 0: out += "\(a)\(sep)\(b)" + nl
                case 1: out += "\(a)\(sep)\(b)\(sep)bad" + nl
                case 2: out += "\(a)\(sep)\(b)\(sep)1e-3" + (sep == " " ? " # trailing" : "") + nl
                default: out += "\(a)\(sep)\(b)\(sep)0.\(rng.int(1000))" + nl
                }
            }
        }
        if rng.int(2) == 0 { out += "7\(sep)8" }  // no final newline
        return out
    }

    /// Decimal ids with a text id every 60 lines or so, self-loops and repeated pairs.
    static func mostlyDecimal(seed: UInt64, lines: Int) -> String {
        var rng = GraphRNG(seed: seed)
        var out = "source,target,weight\n"
        for i in 0..<lines {
            let a = rng.int(120)
            let b = rng.int(8) == 0 ? a : rng.int(120)
            let first = i % 61 == 60 ? "n\(a)" : "\(a)"
            out += "\(first),\(b),0.\(rng.int(1000))\n"
        }
        return out
    }

    /// Numbered lines (`a SEP b SEP weight`) with, now and then, a line that only looks like
    /// one: leading zeros, 19-digit ids, signs, exponents, long or empty weights, blanks, CR,
    /// extra fields, a missing weight. `sep` is `,`, `;`, a tab or a space (whitespace layout).
    static func nearlyNumbered(seed: UInt64, lines: Int, sep: String, weight: Bool) -> String {
        var rng = GraphRNG(seed: seed)
        let odd = [
            "007", "0", "1234567890123456789", "123456789012345678", "-3", "+4", "1e3", "x9", "",
        ]
        let oddWeights = [
            ".5", "1.", "0.", "-0.5", "+0.25", "1e-3", "0.1234567890123456", "123456789012345", "1.2.3", "", "nan",
            "0.5 ", " 0.5", "0.5\r", "1,5", "0.000000000000001", "0.30000000000000004441",
            "0.1000000000000000055511151231257827",
        ]
        var out = weight ? "source\(sep)target\(sep)weight\n" : "source\(sep)target\n"
        for _ in 0..<lines {
            var a = "\(rng.int(300))"
            var b = "\(rng.int(300))"
            var w = "0.\(rng.int(1000))"
            switch rng.int(10) {
            case 0: a = odd[rng.int(odd.count)]
            case 1: b = odd[rng.int(odd.count)]
            case 2: w = oddWeights[rng.int(oddWeights.count)]
            default: break
            }
            var line = a + sep + b + (weight ? sep + w : "")
            switch rng.int(20) {
            case 0: line += "\r"
            case 1: line += sep + "extra"
            case 2: line = a + sep + b
            case 3: line = " " + line
            default: break
            }
            out += line + "\n"
        }
        return out
    }

    /// A file sorted by source whose sources are also in first-appearance order (the
    /// interned sources never decrease), with repeated pairs inside a source's run.
    static func sortedBySource(seed: UInt64, nodes: Int) -> String {
        var rng = GraphRNG(seed: seed)
        var out = "source,target,weight\n"
        for v in 0..<nodes {
            for _ in 0..<rng.int(6) {
                let t = rng.int(4) == 0 ? v : rng.int(v + 1)
                out += "\(v),\(t),0.\(rng.int(1000))\n"
            }
        }
        return out
    }
}

extension EdgeListReaderTests {
    /// Edge cases for block boundaries: quoted fields with newlines, an unterminated quote,
    /// lines longer than a block, BOM and CRLF, blank and comment lines, no final newline.
    static let boundaryCases = [
        "source,target\n\"a\nb\",c\nc,d\n\"e\",\"f\ng\nh\"\nd,e\n",
        "a,b\n\"open,c\nd,e\nf,g\n",
        "a b\n\(String(repeating: "x", count: 5000)) c\nc \(String(repeating: "y", count: 300))\n",
        "% bip\n1 2\n2 1\n3 1\n",
        "\u{FEFF}a;b;1\r\nb;c;2\r\n;x\r\nc;\r\n\r\n# c\r\nc;d;3",
        "# a comment\n\n\n% another\n1,2\n\n\n\n3,4",
        "a\tb\t0.5\t17\n b\tc  # tail\n c\t\td\t-1e-3\n",
        "1 2\n3 4\n123456789012345 1\n2 99999999999\n5 123456789012345\n",
    ]

    /// A file cut into tiny blocks (many pairs, lines longer than a block, ids growing past the
    /// direct table) reads exactly like one block: nodes, edges, weights, lines, issues, CSR.
    @Test func tinyBlocksEqualOneBlock() throws {
        var texts = Self.boundaryCases
        for seed in 0..<24 as Range<UInt64> { texts.append(EdgeListSamples.messy(seed: seed, lines: 300)) }
        texts.append(EdgeListSamples.sortedBySource(seed: 5, nodes: 200))
        // Runs of decimal-only blocks (interned by the reader's fast path) between lines with
        // text ids, self-loops and repeats (the slow path): one block takes the slow path only.
        texts.append(EdgeListSamples.mostlyDecimal(seed: 9, lines: 400))
        let optionSets = [
            EdgeListOptions(), EdgeListOptions(threads: 1), EdgeListOptions(threads: 4),
            EdgeListOptions(directed: false, maxIssuesPerKind: 2),
        ]
        for (t, text) in texts.enumerated() {
            let data = Data(text.utf8)
            for options in optionSets {
                let one = try EdgeListReader.readGraph(
                    data, file: "m.csv", source: "s", options: options, blockSize: 1 << 20)
                let want = EdgeListSamples.fingerprint(one.result, one.csr)
                for block in [1, 7, 64, 500] {
                    let got = try EdgeListReader.readGraph(
                        data, file: "m.csv", source: "s", options: options, blockSize: block)
                    #expect(
                        EdgeListSamples.fingerprint(got.result, got.csr) == want,
                        "text \(t), block \(block), threads \(options.threads)")
                }
            }
        }
    }

    /// The tight path for numbered lines (blocks ending in a newline) reads exactly like the
    /// general parser, which alone reads a file without its final newline.
    @Test func numberedLinesReadAsTheGeneralParserReadsThem() throws {
        var checked = 0
        for (k, sep) in [",", ";", "\t", " "].enumerated() {
            for weight in [true, false] {
                for seed in 0..<6 as Range<UInt64> {
                    let text = EdgeListSamples.nearlyNumbered(
                        seed: seed * 8 + UInt64(k), lines: 500, sep: sep, weight: weight)
                    let tight = try EdgeListReader.readGraph(
                        Data(text.utf8), file: "n.csv", source: "s", options: .init(), blockSize: 1 << 20)
                    let general = try EdgeListReader.readGraph(
                        Data(text.dropLast().utf8), file: "n.csv", source: "s", options: .init(), blockSize: 1 << 20)
                    #expect(
                        EdgeListSamples.fingerprint(tight.result, tight.csr)
                            == EdgeListSamples.fingerprint(general.result, general.csr),
                        "separator \(sep.debugDescription), weight \(weight), seed \(seed)")
                    #expect(tight.result.document.edgeCount > 400)
                    checked += 1
                }
            }
        }
        #expect(checked == 48)
    }

    /// The streaming file entry points read exactly like the `Data` ones, for any block size.
    @Test func fileStreamEqualsData() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("edgelist-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var texts = Self.boundaryCases
        for seed in 100..<112 as Range<UInt64> { texts.append(EdgeListSamples.messy(seed: seed, lines: 400)) }
        var viaGraphFile = 0
        for (t, text) in texts.enumerated() {
            let data = Data(text.utf8)
            let url = dir.appendingPathComponent("g\(t).csv")
            try data.write(to: url)
            let mem = try EdgeListReader.readGraph(data, file: "g\(t).csv", source: "s")
            let want = EdgeListSamples.fingerprint(mem.result, mem.csr)
            let streamed = try EdgeListReader.readGraph(contentsOf: url, source: "s")
            #expect(EdgeListSamples.fingerprint(streamed.result, streamed.csr) == want, "text \(t)")
            for block in [1, 64, 333] {
                let small = try EdgeListReader.readGraph(
                    contentsOf: url, file: nil, source: "s", options: .init(), blockSize: block)
                #expect(EdgeListSamples.fingerprint(small.result, small.csr) == want, "text \(t), block \(block)")
            }
            // The commands' path (GraphFile) reads the same graph when detection calls it an edge list.
            if GraphDetection.detect(head: data, fileName: url.lastPathComponent)?.kind == .edgelist {
                let viaFile = try GraphFile.read(path: url.path, source: "s")
                // GraphFile adds the one census issue of unusual weights.
                var want = mem.result
                if let census = EdgeWeightCensus(want.document).issue(source: "s", file: url.lastPathComponent) {
                    want.issues.append(census)
                }
                #expect(EdgeListSamples.fingerprint(viaFile.result) == EdgeListSamples.fingerprint(want))
                viaGraphFile += 1
            }
        }
        #expect(viaGraphFile > 0)
        let named = try EdgeListReader.readGraph(
            contentsOf: dir.appendingPathComponent("g0.csv"), file: "other.csv", source: "s")
        #expect(named.result.issues.allSatisfy { $0.file == "other.csv" })
        #expect(throws: ImportError.self) {
            try EdgeListReader.readGraph(contentsOf: dir.appendingPathComponent("missing.csv"), source: "s")
        }
        let empty = dir.appendingPathComponent("empty.csv")
        try Data().write(to: empty)
        #expect(throws: ImportError.self) { try EdgeListReader.readGraph(contentsOf: empty, source: "s") }
    }

    /// `maxIssuesPerKind` caps the detailed issues of the whole file, not of each block, and the
    /// summary counts every line.
    @Test func issueCapHoldsAcrossBlocks() throws {
        var text = "source,target,weight\n"
        var badLines: [Int] = []
        for i in 0..<300 {
            if i % 7 == 3 {
                text += "lonely\(i)\n"
                badLines.append(i + 2)
            } else {
                text += "\(i),\(i + 1),0.5\n"
            }
        }
        let data = Data(text.utf8)
        for block in [16, 64, 1 << 20] {
            let r = try EdgeListReader.read(
                data, file: "c", source: "s", options: .init(maxIssuesPerKind: 3), blockSize: block)
            let detailed = r.issues.filter { $0.message.hasPrefix("fewer than two fields") }
            #expect(detailed.map(\.line) == Array(badLines.prefix(3)), "block \(block)")
            let summary = r.issues.filter { $0.message.contains("not listed") }.map(\.message)
            #expect(
                summary == [
                    "\(badLines.count - 3) more issues like \"fewer than two fields; line skipped\" not listed (\(badLines.count) in all)"
                ])
            #expect(r.document.edgeCount == 300 - badLines.count)
        }
    }

    /// Sources in first-appearance order take the no-copy duplicate path: the CSR shares the
    /// targets, its edge index is the identity, and the last line of a repeated pair wins.
    @Test func sortedSourcesGroupWithoutCopies() throws {
        for seed in 0..<6 as Range<UInt64> {
            let text = EdgeListSamples.sortedBySource(seed: seed, nodes: 300)
            let (r, csr) = try EdgeListReader.readGraph(
                Data(text.utf8), file: "s", source: "s", options: .init(), blockSize: 256)
            // Reference: keep an edge unless a later line repeats its pair.
            let rows = text.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
            var lastIndex: [String: Int] = [:]
            for (i, row) in rows.enumerated() { lastIndex[row[0] + ">" + row[1]] = i }
            let kept = rows.indices.filter { lastIndex[rows[$0][0] + ">" + rows[$0][1]] == $0 }
            #expect(edges(r) == kept.map { "\(rows[$0][0])>\(rows[$0][1]):\(Double(rows[$0][2])!)" })
            #expect(r.document.edgeLines == kept.map { Int32($0 + 2) })
            let dropped = rows.count - kept.count
            if dropped > 0 {
                let firstDropped = rows.indices.first { !kept.contains($0) }! + 2
                #expect(
                    r.issues.contains {
                        $0.message.hasPrefix("\(dropped) duplicate ordered pairs") && $0.line == firstDropped
                    })
            }
            let ref = CSRGraph(document: r.document)
            #expect(csr.offsets == ref.offsets)
            #expect(csr.targets == ref.targets)
            #expect(csr.edgeIndex == ref.edgeIndex)
        }
        // Without repeats the CSR is the grouping itself (identity edge index).
        let (r, csr) = try EdgeListReader.readGraph(Data("0,0\n0,1\n1,0\n1,2\n2,2\n".utf8), file: "s", source: "s")
        #expect(csr.targets == r.document.edgeTargets)
        let shared = csr.targets.withUnsafeBufferPointer { a in
            r.document.edgeTargets.withUnsafeBufferPointer { b in a.baseAddress == b.baseAddress }
        }
        #expect(shared)
        #expect(csr.offsets == [0, 2, 4, 5])
        #expect(csr.edgeIndex == [0, 1, 2, 3, 4])
    }
}
