import Foundation
import Testing

@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

@Suite("GraphML and GEXF writers")
struct GraphExportXMLTests {
    /// Compares what a round trip must keep (lines are not kept: they are file positions).
    static func expectSame(_ a: GraphDocument, _ b: GraphDocument, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(a.directed == b.directed, sourceLocation: sourceLocation)
        #expect(a.multigraph == b.multigraph, sourceLocation: sourceLocation)
        #expect(a.nodeIDs == b.nodeIDs, sourceLocation: sourceLocation)
        #expect(a.edgeSources == b.edgeSources, sourceLocation: sourceLocation)
        #expect(a.edgeTargets == b.edgeTargets, sourceLocation: sourceLocation)
        #expect(
            (0..<a.edgeCount).map(a.isDirected(edge:)) == (0..<b.edgeCount).map(b.isDirected(edge:)),
            sourceLocation: sourceLocation)
        #expect(a.edgeIDs == b.edgeIDs, sourceLocation: sourceLocation)
        #expect(a.edgeWeights?.map(\.bitPattern) == b.edgeWeights?.map(\.bitPattern), sourceLocation: sourceLocation)
        #expect(a.nodeAttributes == b.nodeAttributes, sourceLocation: sourceLocation)
        #expect(a.edgeAttributes == b.edgeAttributes, sourceLocation: sourceLocation)
        #expect(a.graphAttributes == b.graphAttributes, sourceLocation: sourceLocation)
    }

    /// A document with every feature the writers must carry, built the way the readers build it.
    static func sample() -> GraphDocument {
        var d = GraphDocument(directed: true)
        let tricky = "A&B <tag> \"q\" 'a'\ttab\nline\rcr ñ 😀 \u{92A}"
        let ids = ["n0", tricky, "0.0", "x y"]
        for id in ids { d.node(id) }
        d.addEdge(0, 1, weight: 0.1, id: "e0", directed: true)
        d.addEdge(1, 2, weight: nil, id: nil, directed: false)
        d.addEdge(2, 3, weight: 1e-300, id: "e&2", directed: true)
        d.addEdge(0, 1, weight: .infinity, id: "e3", directed: true)
        d.multigraph = true
        d.nodeAttributes = [
            AttributeColumn(
                name: "name", type: .string, defaultValue: .string("?"),
                values: [.string(tricky), nil, .string(""), .string("  spaced  ")]),
            AttributeColumn(name: "age", type: .long, values: [.int(Int64.max), .int(-1), nil, .int(0)]),
            AttributeColumn(
                name: "score", type: .double, values: [.double(0.1), .double(-2.5e-7), .double(1e21), nil]),
            AttributeColumn(
                name: "ok", type: .boolean, defaultValue: .bool(true), values: [.bool(false), nil, nil, .bool(true)]),
        ]
        d.edgeAttributes = [
            AttributeColumn(name: "since", type: .int, values: [.int(2019), nil, .int(2020), nil])
        ]
        return d
    }

    @Test("GraphML round trip keeps ids, edges, directions, weights and typed attributes")
    func graphMLRoundTrip() throws {
        var doc = Self.sample()
        doc.graphAttributes = ["title": .string("T <&>"), "density": .double(0.5), "flag": .bool(true)]
        let xml = GraphMLWriter.write(doc)
        let back = try GraphMLReader.read(Data(xml.utf8), file: "w.graphml", source: "graphml")
        #expect(back.issues.isEmpty)
        Self.expectSame(doc, back.document)
        // Writing again gives the same bytes (deterministic).
        #expect(GraphMLWriter.write(back.document) == xml)
    }

    @Test("GEXF round trip keeps ids, edges, directions, weights, labels and list attributes")
    func gexfRoundTrip() throws {
        var doc = Self.sample()
        doc.nodeAttributes.append(
            AttributeColumn(
                name: "tags", type: .list,
                values: [
                    .list([.string("a|b"), .string("c, \"d\""), .string("back\\slash")]), .list([]), nil,
                    .list([.string("x")]),
                ]))
        doc.nodeAttributes.append(
            AttributeColumn(name: "nums", type: .list, values: [.list([.double(1.5), .double(-2)]), nil, nil, nil]))
        doc.nodeAttributes.append(
            AttributeColumn(
                name: "label", type: .string, values: [.string("Zero"), .string("One <1>"), nil, .string("Three")]))
        doc.edgeAttributes.append(
            AttributeColumn(name: "label", type: .string, values: [.string("knows"), nil, nil, nil]))
        doc.graphAttributes = ["creator": .string("warmpath"), "description": .string("d & e")]
        let xml = GEXFWriter.write(doc)
        let back = try GEXFReader.read(Data(xml.utf8), file: "w.gexf", source: "gexf")
        #expect(back.issues.isEmpty)
        Self.expectSame(doc, back.document)
        #expect(GEXFWriter.write(back.document) == xml)
        #expect(xml.contains("xmlns=\"http://gexf.net/1.3\""))
        #expect(xml.contains("type=\"liststring\""))
        #expect(xml.contains("type=\"listdouble\""))
    }

    @Test("every value is escaped; output is well-formed XML")
    func escaping() throws {
        let doc = Self.sample()
        for xml in [GraphMLWriter.write(doc), GEXFWriter.write(doc)] {
            #expect(!xml.contains("A&B"))
            #expect(xml.contains("A&amp;B &lt;tag&gt; &quot;q&quot; &apos;a&apos;&#9;tab&#10;line&#13;cr"))
            struct Count: XMLEventHandler {
                var n = 0
                mutating func startElement(_ e: XMLStartElement) throws { n += 1 }
                mutating func endElement(_ e: XMLEndElement) throws {}
                mutating func characters(_ t: UnsafeRawBufferPointer) {}
            }
            #expect(try LibXML.parse(Data(xml.utf8), handler: Count()).handler.n > 4)
        }
        #expect(XMLEscaper.escape("a\u{1}b\u{FFFE}") == "a\u{FFFD}b\u{FFFD}")
        #expect(XMLEscaper.number(.nan) == "NaN")
        #expect(XMLEscaper.number(-.infinity) == "-Infinity")
        #expect(XMLEscaper.number(0.1) == "0.1")
    }

    @Test("GraphML declares typed keys Gephi understands")
    func graphMLShape() {
        let xml = GraphMLWriter.write(Self.sample())
        #expect(
            xml.hasPrefix(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\""))
        #expect(
            xml.contains(
                "<key id=\"d0\" for=\"node\" attr.name=\"name\" attr.type=\"string\"><default>?</default></key>"))
        #expect(xml.contains("attr.name=\"age\" attr.type=\"long\""))
        #expect(xml.contains("attr.name=\"ok\" attr.type=\"boolean\"><default>true</default>"))
        #expect(xml.contains("for=\"edge\" attr.name=\"weight\" attr.type=\"double\""))
        #expect(xml.contains("<graph id=\"G\" edgedefault=\"directed\">"))
        #expect(xml.contains("directed=\"false\""))
        #expect(xml.contains(">Infinity</data>"))
    }

    @Test("real files survive GraphML and GEXF round trips", .requiresSharedData("graphs"))
    func realRoundTrips() throws {
        let graphml = XMLGraphTestData.files("graphml", in: ["graphs", "exports/graph"])
        let gexf = XMLGraphTestData.files("gexf", in: ["graphs", "exports/graph"])
        try #require(!graphml.isEmpty || !gexf.isEmpty)
        for url in graphml {
            guard let r = try? GraphMLReader.read(Data(contentsOf: url), file: url.lastPathComponent, source: "g")
            else {
                continue
            }
            let back = try GraphMLReader.read(Data(GraphMLWriter.write(r.document).utf8), file: "rt", source: "g")
            Self.expectSame(r.document, back.document)
        }
        for url in gexf {
            guard let r = try? GEXFReader.read(Data(contentsOf: url), file: url.lastPathComponent, source: "g") else {
                continue
            }
            let back = try GEXFReader.read(Data(GEXFWriter.write(r.document).utf8), file: "rt", source: "g")
            Self.expectSame(r.document, back.document)
        }
    }
}
