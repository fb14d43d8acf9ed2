import Foundation
import Testing

@testable import WarmPathImport
@testable import WarmPathModel
@testable import WarmPathSupport

/// The hostile cases of issue 19 that live in the readers: bounded allocations, encodings,
/// parse errors with their position, duplicate keys, detection that reads only a head.
/// Each case names its file in `fixtures/hostile/` or builds it here; docs/limits.md maps the
/// cases to these tests.
@Suite struct HostileInputTests {
    // MARK: Pajek

    /// fuzz-pajek (fixtures/hostile/fuzz/pajek-1.net): `*Vertices 3333872` in a 29-byte file
    /// built 3.3 million nodes before reading a line (6 s and 457 MB in a debug build; a fuzz
    /// timeout). The declared count is now bounded by the file's size.
    @Test(.timeLimit(.minutes(1)))
    func aPajekFileCannotDeclareMoreVerticesThanItsSizeAllows() throws {
        let data = try Data(contentsOf: TestPaths.fixture("hostile/fuzz/pajek-1.net"))
        let error = #expect(throws: ImportError.self) {
            try PajekReader.read(data, file: "pajek-1.net", source: "t")
        }
        #expect(
            error?.description
                == "pajek-1.net:1: *Vertices 3,333,872 is more than a 29-byte file can hold: warmpath reads at most "
                + "100,000 vertices from it (100,000, or one per 2 bytes of the file)")
        #expect(PajekReader.maxVertices(fileBytes: 29) == 100_000)
        #expect(PajekReader.maxVertices(fileBytes: 10_000_000) == 5_000_000)
        // Under the bound, vertices that no line lists are still nodes (the format allows it).
        let r = try PajekReader.read(Data("*Vertices 1000\n*Edges\n1 2\n".utf8), file: "t.net", source: "t")
        #expect(r.document.nodeCount == 1000)
    }

    // MARK: XML

    @Test func aTextNodeOverTheLimitStopsTheParseWithItsLine() throws {
        struct Sink: XMLEventHandler {
            var bytes = 0
            mutating func startElement(_ element: XMLStartElement) throws {}
            mutating func endElement(_ element: XMLEndElement) throws {}
            mutating func characters(_ text: UnsafeRawBufferPointer) { bytes += text.count }
        }
        let doc = "<a>\n<b>" + String(repeating: "x", count: 5000) + "</b></a>"
        let small = XMLParseOptions(maxTextBytes: 4096)
        let error = #expect(throws: XMLParseError.self) {
            try LibXML.parse(Data(doc.utf8), handler: Sink(), options: small)
        }
        #expect(error?.line == 2)
        #expect(error?.message.hasPrefix("a text node longer than 4,096 bytes") == true)
        // Many short text nodes add up to more than the limit without tripping it.
        let many = "<a>" + String(repeating: "<b>" + String(repeating: "y", count: 1000) + "</b>", count: 20) + "</a>"
        let outcome = try LibXML.parse(Data(many.utf8), handler: Sink(), options: small)
        #expect(outcome.handler.bytes == 20_000)
        #expect(XMLParseOptions().maxTextBytes == 10_000_000)
    }

    /// The 500 MB text node of the issue, at 12 MB: refused at the 10,000,000-byte default,
    /// as an error naming the file and line, not gigabytes of memory.
    @Test(.timeLimit(.minutes(1)))
    func aHugeGraphMLValueIsRefusedAtTheDefaultLimit() throws {
        let head =
            #"<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns"><key id="n" for="node" attr.name="name" attr.type="string"/>"#
            + "\n<graph edgedefault=\"undirected\"><node id=\"a\"><data key=\"n\">"
        var data = Data(head.utf8)
        data.append(Data(repeating: 0x78, count: 12_000_000))
        data.append(Data("</data></node></graph></graphml>".utf8))
        let error = #expect(throws: ImportError.self) {
            try GraphFile.read(data, kind: .graphml, file: "big.graphml", source: "t")
        }
        #expect(error?.description.hasPrefix("big.graphml:2: a text node longer than 10,000,000 bytes") == true)
    }

    @Test(arguments: ["utf16le.graphml", "utf16le-nobom.graphml", "utf16be.gexf"])
    func utf16GraphFilesAreRead(_ name: String) throws {
        let file = try GraphFile.read(path: TestPaths.fixture("hostile/\(name)").path, source: "t")
        #expect(file.detection.reason.hasSuffix("(UTF-16)"))
        #expect(file.document.nodeCount >= 2)
        let label = file.document.nodeAttribute("name") ?? file.document.nodeAttribute("label")
        #expect(label?.value(0) == .string("Zoë"))
        #expect(file.document.edgeWeights?.first == 0.5)
    }

    @Test(arguments: ["utf16.csv", "utf16.net"])
    func utf16TextGraphFilesAreRefusedAsAnUnsupportedEncoding(_ name: String) throws {
        let path = TestPaths.fixture("hostile/\(name)").path
        let error = #expect(throws: ImportError.self) { try GraphFile.read(path: path, source: "t") }
        #expect(error?.description == "\(path): cannot be read: \(UTF16Sniff.refusal)")
        // A report on it says the same, not "not a source warmpath knows".
        let container = try SourceContainer(path: path)
        let refusal = #expect(throws: ImportError.self) { try ImporterRegistry.standard.detect(container) }
        #expect(refusal?.description.contains("unsupported encoding") == true)
    }

    @Test func aUTF16XCardIsRead() throws {
        let container = try SourceContainer(path: TestPaths.fixture("hostile/utf16.xcard.xml").path)
        let (importer, detection) = try ImporterRegistry.standard.detect(container)
        #expect(detection.kind == .xcard)
        let r = try importer.importSource(container, options: ImportOptions())
        #expect(r.people.map(\.displayName) == ["David Osei"])
    }

    @Test func utf16IsRecognisedFromItsMarkOrItsZeroBytes() {
        #expect(UTF16Sniff.byteOrder([0xFF, 0xFE, 0x3C, 0x00]) == .littleEndian)
        #expect(UTF16Sniff.byteOrder([0xFE, 0xFF, 0x00, 0x3C]) == .bigEndian)
        #expect(UTF16Sniff.byteOrder([0xFF, 0xFE, 0x00, 0x00]) == nil)  // UTF-32 LE
        #expect(UTF16Sniff.byteOrder(Array("<?xml".utf16.flatMap { [UInt8($0), 0] })) == .littleEndian)
        #expect(UTF16Sniff.byteOrder(Array("source,target".utf8)) == nil)
        #expect(UTF16Sniff.byteOrder([0x50, 0x4B, 0x03, 0x04]) == nil)  // a zip
        #expect(UTF16Sniff.utf8([0xFF, 0xFE, 0x41, 0x00, 0xEB, 0x00, 0x3D]) == Array("Aë".utf8))
    }

    // MARK: JSON

    @Test func aJSONErrorNamesLineColumnByteOffsetAndPath() {
        let text = "{\"a\": [1,\n  {\"b\": tru}]}"
        let error = #expect(throws: JSONParseError.self) { try JSONReader.parse(text) }
        #expect(error?.line == 2 && error?.column == 9 && error?.offset == 18)
        #expect(error?.description == "line 2, column 9, byte offset 18, at $.a[1].b: unexpected 't': expected a value")
    }

    @Test func aDeepPathIsShortenedInTheMessage() {
        let text = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        let error = #expect(throws: JSONParseError.self) { try JSONReader.parse(text) }
        #expect(error?.message == "nesting deeper than 512 levels")
        #expect(error?.path == "$[0][0][0][0][0][0][0][0]…(500 levels)…[0][0][0][0]")
    }

    /// A JSON string (a Messenger message, a node id) over 10,000,000 bytes makes the file
    /// invalid at its position, instead of a gigabyte string.
    @Test(.timeLimit(.minutes(1)))
    func aHugeJSONStringIsRefusedWithItsPosition() throws {
        var data = Data(#"{"messages": [{"content": ""#.utf8)
        data.append(Data(repeating: 0x61, count: JSONReader.maxStringBytes + 1))
        data.append(Data(#""}]}"#.utf8))
        let error = #expect(throws: JSONParseError.self) { try JSONReader.parse(data) }
        #expect(error?.message.hasPrefix("a string longer than 10,000,000 bytes") == true)
        #expect(error?.offset == 26)
        #expect(error?.path == "$.messages[0].content")
        // With an escape in it, the same.
        var escaped = Data(#"["\n"#.utf8)
        escaped.append(Data(repeating: 0x62, count: JSONReader.maxStringBytes + 1))
        escaped.append(Data(#""]"#.utf8))
        #expect(throws: JSONParseError.self) { try JSONReader.parse(escaped) }
        // Just under the limit is read.
        var fits = Data(#"[""#.utf8)
        fits.append(Data(repeating: 0x63, count: 1000))
        fits.append(Data(#""]"#.utf8))
        #expect(try JSONReader.parse(fits)[0]?.stringValue?.utf8.count == 1000)
    }

    @Test func aBrokenMessengerThreadIsNamedWithWhereItBreaks() throws {
        let container = try SourceContainer(path: TestPaths.fixture("hostile/facebook-broken").path)
        let error = #expect(throws: ImportError.self) {
            try FacebookImporter().importSource(container, options: ImportOptions())
        }
        let text = try #require(error?.description)
        #expect(text.contains("your_facebook_activity/messages/inbox/ann_1/message_1.json"), "\(text)")
        #expect(text.contains("not valid JSON at line 5, column "), "\(text)")
        #expect(text.contains("byte offset "), "\(text)")
        #expect(text.contains("(at $.messages[1]"), "\(text)")
        #expect(!text.contains("no friends list and no Messenger threads found"))
    }

    @Test func duplicateJSONKeysAreReported() throws {
        let v = try JSONReader.parse(#"{"a": 1, "b": {"x": 1, "x": 2, "x": 3}, "a": 2}"#)
        let (found, total) = v.duplicateKeys()
        #expect(total == 2)
        #expect(found.map(\.key) == ["a", "x"])
        #expect(found.map(\.path) == ["$", "$.b"])
        #expect(found.map(\.count) == [2, 3])
        #expect(v["a"] == .number("2"))  // the last one is read, as the issue says

        // Messenger: the thread is read, each duplicate is an issue with its JSON path.
        let fb = try SourceContainer(path: TestPaths.fixture("hostile/facebook-duplicate-keys").path)
        let r = try FacebookImporter().importSource(fb, options: ImportOptions())
        let dup = r.issues.filter { $0.message.hasPrefix("duplicate JSON key") }
        #expect(dup.map(\.location) == ["$", "$.messages[0]"])
        #expect(dup.first?.message == "duplicate JSON key 'title' (2 times in one object); the last one was read")

        // Node-link, streamed: node and edge objects and the top level.
        let g = try GraphFile.read(path: TestPaths.fixture("hostile/duplicate-keys.json").path, source: "t")
        let locations = g.issues.filter { $0.message.hasPrefix("duplicate JSON key") }.compactMap(\.location)
        #expect(Set(locations) == ["$.nodes[0]", "$.links[0]"])
        #expect(g.issues.filter { $0.message.hasPrefix("duplicate JSON key") }.count == 3)  // id, weight, color
        #expect(g.document.nodeIDs == ["b", "c"])  // the last id
        #expect(g.document.edgeWeights == [0.9])  // the last weight
    }

    /// The E2EE layout (`messenger_e2ee/*.json`, `timestamp` in ms) takes the same checked
    /// conversion as `timestamp_ms`: ±1e30 and 1e400 are issues, the messages stay.
    @Test func e2eeTimestampsOutOfRangeAreIssues() throws {
        let thread =
            #"{"participants": ["Ann Lee", "Noor Haddad"], "threadName": "Ann_1", "messages": ["#
            + #"{"senderName": "Ann Lee", "text": "a", "timestamp": 1e30, "type": "text"}, "#
            + #"{"senderName": "Noor Haddad", "text": "b", "timestamp": -1e30, "type": "text"}, "#
            + #"{"senderName": "Ann Lee", "text": "c", "timestamp": 1e400, "type": "text"}, "#
            + #"{"senderName": "Ann Lee", "text": "d", "timestamp": 1710234000000, "type": "text"}]}"#
        let dir = try TestPaths.tempFolder([
            "profile_information/profile_information.json": Data(
                #"{"profile_v2": {"name": {"full_name": "Noor Haddad"}}}"#.utf8),
            "messenger_e2ee/Ann_1.json": Data(thread.utf8),
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try FacebookImporter().importSource(SourceContainer(path: dir.path), options: ImportOptions())
        let messages = r.interactions.filter { $0.kind == .message }
        #expect(messages.count == 4)
        #expect(messages.compactMap(\.time) == [1_710_234_000])
        let issues = r.issues.filter { $0.message.hasPrefix("date out of range") }
        #expect(issues.compactMap(\.location) == (0...2).map { "$.messages[\($0)].timestamp" })
    }

    // MARK: Detection and reading

    /// LinkedIn detection reads the first 64 KiB of a candidate, never the whole file: a
    /// Connections.csv over the size limit is still recognised (and then refused by name).
    @Test func linkedInDetectionReadsOnlyTheHead() throws {
        var text = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        for i in 0..<2000 { text += "Ann\(i),Lee,https://www.linkedin.com/in/ann\(i),,Acme,CEO,14 Mar 2024\n" }
        let dir = try TestPaths.tempFolder(["Connections.csv": Data(text.utf8)])
        defer { try? FileManager.default.removeItem(at: dir) }
        let limits = ImportLimits(maxFileBytes: 10_000)
        let container = try SourceContainer(path: dir.path, limits: limits)
        #expect(container.size(of: "Connections.csv") > 100_000)
        let d = try #require(LinkedInImporter().detect(container))
        #expect(d.kind == .linkedin)
        #expect(LinkedInImporter.detectionHeadBytes == 65_536)
    }

    @Test func excerptsAreShortAndShowControlCharacters() {
        #expect(ErrorText.excerpt("Acme") == "'Acme'")
        #expect(ErrorText.excerpt("a\u{1B}[2J\u{07}") == "'a\\u001b[2J\\u0007'")
        let long = ErrorText.excerpt(String(repeating: "x", count: 10_000))
        #expect(long == "'" + String(repeating: "x", count: 120) + "…'")
        #expect(ErrorText.excerpt("abcdef", limit: 3) == "'abc…'")
    }
}
