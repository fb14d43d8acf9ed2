import Foundation
import Testing

@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

/// Records parse events as text lines for assertions.
private struct EventRecorder: XMLEventHandler {
    var events: [String] = []
    var pendingText = ""
    var comments = 0

    mutating func flush() {
        if !pendingText.isEmpty {
            let trimmed = pendingText.trimmingCharacters(in: .whitespacesAndNewlines)
            if !trimmed.isEmpty { events.append("text \(trimmed)") }
            pendingText = ""
        }
    }

    mutating func startElement(_ element: XMLStartElement) throws {
        flush()
        let attrs = element.attributes.map { "\($0.localName)=\($0.value)" }.joined(separator: ",")
        events.append(
            "start \(element.localName) ns=\(element.namespaceURI ?? "-") [\(attrs)] line=\(element.line) depth=\(element.depth)"
        )
    }

    mutating func endElement(_ element: XMLEndElement) throws {
        flush()
        events.append("end \(element.localName)")
    }

    mutating func characters(_ text: UnsafeRawBufferPointer) {
        pendingText += String(decoding: text, as: UTF8.self)
    }

    mutating func comment() { comments += 1 }
}

/// Throws at the first element named `stop`.
private struct StoppingHandler: XMLEventHandler {
    struct Refused: Error, CustomStringConvertible {
        var description: String { "refused by handler" }
    }

    var seen = 0
    mutating func startElement(_ element: XMLStartElement) throws {
        seen += 1
        if element.hasLocalName("stop") { throw Refused() }
    }
    mutating func endElement(_ element: XMLEndElement) throws {}
    mutating func characters(_ text: UnsafeRawBufferPointer) {}
}

@Suite("LibXML streaming wrapper")
struct LibXMLTests {
    private func parse(_ xml: String, maxDepth: Int = 256, feed: XMLFeedMode = .stream) throws -> EventRecorder {
        var h = try LibXML.parse(
            Data(xml.utf8), handler: EventRecorder(), options: XMLParseOptions(maxDepth: maxDepth), feed: feed
        )
        .handler
        h.flush()
        return h
    }

    private func parseError(_ xml: String, maxDepth: Int = 256, feed: XMLFeedMode = .stream) -> XMLParseError? {
        do {
            _ = try LibXML.parse(
                Data(xml.utf8), handler: EventRecorder(), options: XMLParseOptions(maxDepth: maxDepth), feed: feed)
            return nil
        } catch let e as XMLParseError {
            return e
        } catch {
            Issue.record("unexpected error type \(error)")
            return nil
        }
    }

    @Test("elements, namespaces, attributes, text and lines come out as Swift values")
    func basicEvents() throws {
        let xml = """
            <?xml version="1.0"?>
            <r:root xmlns:r="urn:x" a="1">
              <child b='two' r:c="3">hello &amp; &#233;t&#xE9;</child>
              <!-- note -->
              <empty/>
            </r:root>
            """
        let h = try parse(xml)
        #expect(
            h.events == [
                "start root ns=urn:x [a=1] line=2 depth=1",
                "start child ns=- [b=two,c=3] line=3 depth=2",
                "text hello & été",
                "end child",
                "start empty ns=- [] line=5 depth=2",
                "end empty",
                "end root",
            ])
        #expect(h.comments == 1)
    }

    @Test("ampersands in attribute values are decoded (libxml2 passes them as &#38;)")
    func attributeAmpersands() throws {
        let h = try parse("<a v=\"x&amp;y&#38;z&lt;&#233;&quot;\" w='&amp;#38;'/>")
        #expect(h.events.first == "start a ns=- [v=x&y&z<é\",w=&#38;] line=1 depth=1")
    }

    @Test("text split across callbacks and CDATA is delivered whole, byte for byte")
    func cdataAndPieces() throws {
        let long = String(repeating: "x", count: 100_000)
        let h = try parse("<a><![CDATA[<b> & ]]>\(long)</a>")
        #expect(h.events.count == 3)
        #expect(h.events[1] == "text <b> & " + long)
    }

    @Test("stream, memory and push parsers give the same events")
    func feedModesAgree() throws {
        let xml = "<g>" + (0..<5000).map { "<n id=\"\($0)\">v\($0)</n>" }.joined() + "</g>"
        let a = try parse(xml, feed: .stream)
        let b = try parse(xml, feed: .push)
        let c = try parse(xml, feed: .copiedMemory)
        #expect(a.events == b.events)
        #expect(a.events == c.events)
        #expect(a.events.count == 1 + 3 * 5000 + 1)
        #expect(try parse("<a/>", feed: .push).events == ["start a ns=- [] line=1 depth=1", "end a"])
    }

    @Test("UTF-16 documents are decoded to UTF-8")
    func utf16() throws {
        let body = "Zoë 日本 " + String(repeating: "ü€", count: 6000)
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><a>\(body)</a>"
        var data = Data([0xFF, 0xFE])
        for u in xml.utf16 { data.append(contentsOf: [UInt8(u & 0xFF), UInt8(u >> 8)]) }
        var h = try LibXML.parse(data, handler: EventRecorder()).handler
        h.flush()
        #expect(h.events.contains("text " + body))
    }

    @Test("billion laughs is refused at the first entity declaration, quickly")
    func billionLaughs() throws {
        var decls = "<!ENTITY lol0 \"lol\">\n"
        for i in 1...9 {
            decls += "<!ENTITY lol\(i) \"" + String(repeating: "&lol\(i - 1);", count: 10) + "\">\n"
        }
        let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n\(decls)]>\n<lolz>&lol9;</lolz>"
        let e = try #require(parseError(xml))
        #expect(e.message.contains("declares entities"))
        #expect(e.message.contains("possible entity-expansion attack"))
        #expect(e.line == 3)
    }

    @Test("an external entity (XXE) is refused and nothing is read from disk")
    func externalEntity() throws {
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE r [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
            <r>&xxe;</r>
            """
        let e = try #require(parseError(xml))
        #expect(e.message.contains("declares entities"))
        #expect(e.message.contains("file:///etc/passwd"))
        #expect(!e.message.contains("root:"))
    }

    @Test("parameter entities and unparsed entities are refused")
    func parameterEntity() throws {
        let pe = """
            <?xml version="1.0"?>
            <!DOCTYPE r [ <!ENTITY % p SYSTEM "http://example.invalid/x.dtd"> %p; ]>
            <r/>
            """
        #expect(parseError(pe)?.message.contains("declares entities") == true)
        let unparsed = """
            <?xml version="1.0"?>
            <!DOCTYPE r [ <!NOTATION gif SYSTEM "image/gif"> <!ENTITY pic SYSTEM "p.gif" NDATA gif> ]>
            <r/>
            """
        #expect(parseError(unparsed)?.message.contains("declares entities") == true)
    }

    @Test("an external DTD is neither loaded nor fetched; the document still reads")
    func externalDTDNotLoaded() throws {
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE graphml SYSTEM "http://example.invalid/graphml.dtd">
            <graphml/>
            """
        let h = try parse(xml)
        #expect(h.events == ["start graphml ns=- [] line=3 depth=1", "end graphml"])
    }

    @Test("10,000 levels of nesting are refused with a clear error")
    func deepNesting() throws {
        let xml = String(repeating: "<a>", count: 10_000) + String(repeating: "</a>", count: 10_000)
        let e = try #require(parseError(xml))
        #expect(e.message.contains("nested more than 256 levels"))
        #expect(e.line == 1)
    }

    @Test("the depth limit is configurable")
    func depthLimit() throws {
        let five = String(repeating: "<a>", count: 5) + String(repeating: "</a>", count: 5)
        let six = String(repeating: "<a>", count: 6) + String(repeating: "</a>", count: 6)
        #expect(try parse(five, maxDepth: 5).events.count == 10)
        #expect(parseError(six, maxDepth: 5)?.message.contains("nested more than 5 levels") == true)
    }

    @Test("truncated, empty and garbage documents throw with a line")
    func malformed() throws {
        let truncated = "<?xml version=\"1.0\"?>\n<graphml>\n  <graph>\n    <node id=\"a\">\n"
        let e = try #require(parseError(truncated))
        #expect(e.line >= 4)
        #expect(!e.message.isEmpty)
        #expect(parseError("")?.message == "the file is empty")
        #expect(parseError("\u{0}\u{1}\u{2}garbage\u{FF}") != nil)
        let mismatch = try #require(parseError("<a>\n<b>\n</a>"))
        #expect(mismatch.line == 3)
        #expect(mismatch.description.hasPrefix("line 3: "))
        #expect(parseError("<a>&undefined;</a>") != nil)
        #expect(parseError(truncated, feed: .push) != nil)
        #expect(parseError(truncated, feed: .copiedMemory) != nil)
    }

    @Test("an error thrown by the handler stops the parse and is rethrown with the line")
    func handlerError() throws {
        let xml = "<r>\n<a/>\n<stop/>\n<a/>\n</r>"
        #expect(throws: XMLParseError.self) {
            _ = try LibXML.parse(Data(xml.utf8), handler: StoppingHandler())
        }
        do {
            _ = try LibXML.parse(Data(xml.utf8), handler: StoppingHandler())
        } catch let e as XMLParseError {
            #expect(e.message == "refused by handler")
            #expect(e.line == 3)
        }
    }

    @Test("byte comparisons of names and attributes")
    func byteComparisons() throws {
        struct Probe: XMLEventHandler {
            var results: [Bool] = []
            mutating func startElement(_ e: XMLStartElement) throws {
                results.append(e.hasLocalName("node"))
                results.append(e.hasLocalName("nod"))
                results.append(e.hasLocalName("nodes"))
                results.append(e.attribute("id") == "n1")
                results.append(e.attribute("missing") == nil)
                results.append(e.hasNamespace("urn:g"))
                results.append(e.namespaceID != 0)
            }
            mutating func endElement(_ e: XMLEndElement) throws {}
            mutating func characters(_ text: UnsafeRawBufferPointer) {}
        }
        let r = try LibXML.parse(Data("<node xmlns='urn:g' id='n1'/>".utf8), handler: Probe()).handler.results
        #expect(r == [true, false, false, true, true, true, true])
    }

    @Test("the node id table agrees with a dictionary on numeric, prefixed, odd and long ids")
    func nodeIDTable() {
        var table = XMLNodeIDTable(capacity: 4)
        var oracle: [String: Int32] = [:]
        var ids = [
            "n7", "n07", "n0", "0", "7", "n", "n7 ", "N7", "n99999999", "n123456789012",
            "a-very-long-node-identifier-1",
        ]
        var state: UInt64 = 42
        for _ in 0..<3000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let r = Int(state >> 33)
            switch r % 4 {
            case 0: ids.append("n\(r % 5000)")
            case 1: ids.append("\(r % 700)")
            case 2: ids.append("x\(r % 300)y")
            default: ids.append("n\(r % 10_000_000)")
            }
        }
        for id in ids {
            let bytes = Array(id.utf8)
            bytes.withUnsafeBufferPointer { b in
                let found = table.find(b)
                #expect(found == oracle[id], "\(id)")
                if found == nil {
                    let v = Int32(oracle.count)
                    oracle[id] = v
                    table.insert(b, value: v)
                }
            }
        }
        #expect(table.count == oracle.count)
        for (id, v) in oracle {
            #expect(Array(id.utf8).withUnsafeBufferPointer { table.find($0) } == v)
        }
    }
}
