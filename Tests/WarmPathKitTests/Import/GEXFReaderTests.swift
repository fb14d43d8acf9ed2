import Foundation
import Testing

@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

@Suite("GEXF reader")
struct GEXFReaderTests {
    static func read(_ xml: String) throws -> GraphReadResult {
        try GEXFReader.read(Data(xml.utf8), file: "t.gexf", source: "gexf")
    }

    static func value(_ doc: GraphDocument, node id: String, _ column: String) -> AttributeValue? {
        guard let i = doc.nodeIndex[id], let c = doc.nodeAttribute(column) else { return nil }
        return c.value(Int(i))
    }

    @Test("35: GEXF 1.3 basic file")
    func gexf13() throws {
        let r = try Self.read(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <gexf xmlns="http://gexf.net/1.3" version="1.3">
              <graph mode="static" defaultedgetype="directed">
                <nodes><node id="0" label="Hello"/><node id="1" label="Word"/></nodes>
                <edges><edge id="0" source="0" target="1"/></edges>
              </graph>
            </gexf>
            """)
        #expect(r.document.directed)
        #expect(r.document.nodeIDs == ["0", "1"])
        #expect(r.document.edgeIDs == ["0"])
        #expect(Self.value(r.document, node: "0", "label") == .string("Hello"))
        #expect(r.issues.isEmpty)
    }

    @Test("36: 1.2draft directed and undirected two-node files; Gephi's www.gexf.net/1.3 namespace")
    func versions() throws {
        for (ns, type, directed) in [
            ("http://www.gexf.net/1.2draft", "directed", true), ("http://www.gexf.net/1.2draft", "undirected", false),
            ("http://www.gexf.net/1.3", "undirected", false), ("http://www.gexf.net/1.1draft", "directed", true),
        ] {
            let r = try Self.read(
                """
                <gexf xmlns="\(ns)" version="1.2"><graph defaultedgetype="\(type)">
                <nodes><node id="0" label="a"/><node id="1" label="b"/></nodes>
                <edges><edge id="e0" source="0" target="1"/></edges></graph></gexf>
                """)
            #expect(r.document.directed == directed)
            #expect(r.document.edgeIDs == ["e0"])
            #expect(r.document.nodeAttribute("label")?.values == [.string("a"), .string("b")])
        }
    }

    @Test("37: attributes with defaults and meta description")
    func attributesAndMeta() throws {
        let r = try Self.read(
            """
            <gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">
              <meta lastmodifieddate="2009-03-20"><creator>Gephi.org</creator><description>A Web network</description></meta>
              <graph defaultedgetype="directed">
                <attributes class="node">
                  <attribute id="0" title="url" type="string"/>
                  <attribute id="1" title="indegree" type="integer"/>
                  <attribute id="2" title="frog" type="boolean"><default>true</default></attribute>
                </attributes>
                <attributes class="edge"><attribute id="0" title="kind" type="string"/></attributes>
                <nodes>
                  <node id="0" label="Gephi"><attvalues><attvalue for="0" value="http://gephi.org"/><attvalue for="1" value="1"/></attvalues></node>
                  <node id="1" label="Webatlas"><attvalues><attvalue for="2" value="false"/></attvalues></node>
                </nodes>
                <edges><edge id="0" source="0" target="1" label="link"><attvalues><attvalue for="0" value="k"/></attvalues></edge></edges>
              </graph>
            </gexf>
            """)
        let d = r.document
        #expect(d.graphAttributes["description"] == .string("A Web network"))
        #expect(d.graphAttributes["creator"] == .string("Gephi.org"))
        #expect(d.graphAttributes["lastmodifieddate"] == .string("2009-03-20"))
        #expect(Self.value(d, node: "0", "url") == .string("http://gephi.org"))
        #expect(Self.value(d, node: "0", "indegree") == .int(1))
        #expect(Self.value(d, node: "0", "frog") == .bool(true))
        #expect(Self.value(d, node: "1", "frog") == .bool(false))
        #expect(d.edgeAttribute("kind")?.value(0) == .string("k"))
        #expect(d.edgeAttribute("label")?.value(0) == .string("link"))
        #expect(r.issues.isEmpty)
    }

    @Test("38: edge type contradicting defaultedgetype is per-edge direction; mutual is undirected")
    func edgeTypes() throws {
        let r = try Self.read(
            """
            <gexf version="1.2"><graph defaultedgetype="directed"><nodes><node id="1"/><node id="2"/><node id="3"/></nodes>
            <edges><edge source="1" target="2"/><edge source="2" target="3" type="undirected"/>
            <edge source="3" target="1" type="mutual"/></edges></graph></gexf>
            """)
        #expect(r.document.edgeDirected == [true, false, false])
        let u = try Self.read(
            """
            <gexf version="1.2"><graph defaultedgetype="undirected"><nodes><node id="1"/><node id="2"/></nodes>
            <edges><edge source="1" target="2" type="directed"/></edges></graph></gexf>
            """)
        #expect(u.document.isDirected(edge: 0))
        #expect(!u.document.directed)
    }

    @Test("39: attvalue for an undeclared attribute is a warning, not fatal")
    func undeclaredAttvalue() throws {
        let r = try Self.read(
            """
            <gexf version="1.2"><graph><nodes>
            <node id="0"><attvalues><attvalue for="url" value="http://gephi.org"/></attvalues></node>
            </nodes></graph></gexf>
            """)
        #expect(r.document.nodeCount == 1)
        #expect(r.issues.count == 1)
        #expect(r.issues[0].severity == .warning)
        #expect(r.issues[0].line == 2)
        #expect(r.issues[0].message.contains("'url'"))
    }

    @Test("40: attributes of class graph or without class are ignored with a warning")
    func attributeClass() throws {
        let r = try Self.read(
            """
            <gexf version="1.2"><graph><attributes class="graph"><attribute id="0" title="x" type="string"/></attributes>
            <attributes><attribute id="1" title="y" type="string"/></attributes>
            <nodes><node id="a"/></nodes></graph></gexf>
            """)
        #expect(r.document.nodeAttributes.isEmpty)
        #expect(r.issues.filter { $0.message.contains("<attributes> with class") }.count == 2)
    }

    @Test("list types with |, comma and bracketed encodings are kept as lists")
    func lists() throws {
        let r = try Self.read(
            """
            <gexf xmlns="http://gexf.net/1.3" version="1.3"><graph><attributes class="node">
            <attribute id="0" title="pipe" type="liststring"/><attribute id="1" title="comma" type="liststring"/>
            <attribute id="2" title="raw" type="liststring"/><attribute id="3" title="single" type="liststring"/>
            <attribute id="4" title="double" type="liststring"/><attribute id="5" title="booleans" type="listboolean"/>
            <attribute id="6" title="numbers" type="listfloat"/><attribute id="7" title="ints" type="listinteger"/>
            </attributes><nodes><node id="Suzy"><attvalues>
            <attvalue for="0" value="a |b | c"/><attvalue for="1" value="a ,b , c"/><attvalue for="2" value="[a, b, c]"/>
            <attvalue for="3" value="['a', '\\'b\\'', 'c']"/><attvalue for="4" value="[&quot;a&quot;, &quot;b&quot;, &quot;c&quot;]"/>
            <attvalue for="5" value="[true, false, false]"/><attvalue for="6" value="[1, 1.5, 2]"/><attvalue for="7" value="[]"/>
            </attvalues></node></nodes></graph></gexf>
            """)
        let abc = AttributeValue.list([.string("a"), .string("b"), .string("c")])
        let d = r.document
        #expect(Self.value(d, node: "Suzy", "pipe") == abc)
        #expect(Self.value(d, node: "Suzy", "comma") == abc)
        #expect(Self.value(d, node: "Suzy", "raw") == abc)
        #expect(Self.value(d, node: "Suzy", "single") == .list([.string("a"), .string("'b'"), .string("c")]))
        #expect(Self.value(d, node: "Suzy", "double") == abc)
        #expect(Self.value(d, node: "Suzy", "booleans") == .list([.bool(true), .bool(false), .bool(false)]))
        #expect(Self.value(d, node: "Suzy", "numbers") == .list([.double(1), .double(1.5), .double(2)]))
        #expect(Self.value(d, node: "Suzy", "ints") == .list([]))
        #expect(d.nodeAttribute("pipe")?.type == .list)
        #expect(r.issues.isEmpty)
    }

    @Test("float-looking ids stay strings; float weights are read; viz is ignored")
    func floatIDs() throws {
        let r = try Self.read(
            """
            <gexf xmlns="http://www.gexf.net/1.1draft" xmlns:viz="http://www.gexf.net/1.1draft/viz" version="1.1">
            <graph defaultedgetype="undirected"><nodes>
            <node id="0.0" label="Myriel"><viz:size value="28.7"/><viz:position x="-1" y="2" z="0"/><viz:color b="0" g="0" r="255"/></node>
            <node id="1.0" label="Napoleon"/></nodes>
            <edges><edge id="0" source="1.0" target="0.0" weight="8.0"/><edge id="1" source="0.0" target="1.0" weight="x"/></edges>
            </graph></gexf>
            """)
        #expect(r.document.nodeIDs == ["0.0", "1.0"])
        #expect(r.document.edgeWeights?[0] == 8.0)
        #expect(r.document.edgeWeights?[1].isNaN == true)
        #expect(r.document.multigraph)
        #expect(r.issues.count == 1)
        #expect(r.issues[0].message.contains("'x'"))
    }

    @Test("spells and slices are ignored with one info issue; edges to missing nodes create them")
    func dynamicAndMissing() throws {
        let r = try Self.read(
            """
            <gexf version="1.2"><graph mode="dynamic" defaultedgetype="directed"><nodes>
            <node id="a"><spells><spell start="2009-01-01" end="2009-12-31"/></spells></node></nodes>
            <edges><edge source="a" target="ghost"/></edges></graph></gexf>
            """)
        #expect(r.document.nodeCount == 2)
        #expect(r.document.edgeCount == 1)
        #expect(r.issues.filter { $0.message.contains("dynamic data") }.count == 1)
        let missing = try #require(r.issues.first { $0.message.contains("'ghost'") })
        #expect(missing.severity == .info)
        #expect(missing.line == 3)
    }

    @Test("a bad value in a typed attribute is dropped with an issue")
    func badValue() throws {
        let r = try Self.read(
            """
            <gexf version="1.2"><graph><attributes class="node"><attribute id="0" title="n" type="integer"/></attributes>
            <nodes><node id="a"><attvalues><attvalue for="0" value="many"/></attvalues></node></nodes></graph></gexf>
            """)
        #expect(Self.value(r.document, node: "a", "n") == nil)
        #expect(r.issues.count == 1)
        #expect(r.issues[0].message.contains("'many'"))
        #expect(r.issues[0].message.contains("node 'a'"))
    }

    @Test("hierarchical nodes are flattened")
    func hierarchy() throws {
        let r = try Self.read(
            """
            <gexf version="1.2"><graph><nodes><node id="g"><nodes><node id="a"/><node id="b"/></nodes></node></nodes>
            <edges><edge source="a" target="b"/></edges></graph></gexf>
            """)
        #expect(r.document.nodeIDs == ["g", "a", "b"])
        #expect(r.issues.isEmpty)
    }

    @Test("not GEXF, truncated and entity-declaring files are errors with a line")
    func errors() throws {
        func err(_ s: String) -> String? {
            do {
                _ = try Self.read(s)
                return nil
            } catch {
                return "\(error)"
            }
        }
        #expect(err("<graphml/>")?.contains("not <gexf>") == true)
        #expect(err("<gexf><graph><nodes><node id='a'>\n")?.hasPrefix("t.gexf:") == true)
        #expect(
            err("<!DOCTYPE gexf [<!ENTITY a \"b\">]><gexf/>")?.contains("possible entity-expansion attack") == true)
        #expect(err("") != nil)
    }

    @Test("splitList handles the encodings seen in the wild")
    func splitList() {
        #expect(GEXFReader.splitList("a|b") == ["a", "b"])
        #expect(GEXFReader.splitList("[\"x, y\", 'z']") == ["x, y", "z"])
        #expect(GEXFReader.splitList("single") == ["single"])
        #expect(GEXFReader.splitList("  ") == [])
        #expect(GEXFReader.splitList("[\"a\\\\b\"]") == ["a\\b"])
    }

    // MARK: real files

    @Test("every shared .gexf file imports or is rejected with a clear error", .requiresSharedData("graphs"))
    func realFiles() throws {
        let files = XMLGraphTestData.files("gexf", in: ["exports/graph", "graphs"])
        try #require(!files.isEmpty)
        var counts: [String: (Int, Int)] = [:]
        for url in files {
            let data = try Data(contentsOf: url)
            do {
                let r = try GEXFReader.read(data, file: url.lastPathComponent, source: "gexf")
                counts[url.lastPathComponent] = (r.document.nodeCount, r.document.edgeCount)
            } catch let e as ImportError {
                #expect(e.description.hasPrefix(url.lastPathComponent))
            }
        }
        if let k = counts["karate.gexf"] { #expect(k == (34, 78)) }
        if let m = counts["les_miserables.gexf"] { #expect(m == (77, 254)) }
        if let m = counts["Les Miserables.gexf"] { #expect(m == (77, 254)) }
        if let j = counts["Java.gexf"] { #expect(j == (1538, 8032)) }
        if let a = counts["US Airports.gexf"] { #expect(a == (235, 1297)) }
        if let c = counts["case.gexf"] { #expect(c == (10, 20)) }
        if let p = counts["pedantic.gexf"] { #expect(p == (0, 0)) }
        #expect(counts.count == files.count)
    }

    @Test(
        "graphology quirk files: undeclared attribute, missing nodes, lists",
        .requiresSharedData("exports/graph/graphology/gexf"))
    func graphologyQuirks() throws {
        let root = try #require(TestPaths.shared("exports/graph/graphology/gexf"))
        func load(_ name: String) throws -> GraphReadResult {
            try GEXFReader.read(Data(contentsOf: root.appendingPathComponent(name)), file: name, source: "gexf")
        }
        let undeclared = try load("undeclared_attribute.gexf")
        #expect(undeclared.issues.filter { $0.message.contains("no declared") }.count == 3)
        let missing = try load("missing_nodes.gexf")
        #expect(missing.issues.contains { $0.message.contains("never declared") })
        let v13 = try load("v1_3.gexf")
        #expect(Self.value(v13.document, node: "Suzy", "numbers") == .list([.double(1), .double(1.5), .double(2)]))
        let lm = try load("les_miserables.gexf")
        #expect(lm.document.nodeIDs.first == "0.0")
        #expect(lm.document.edgeWeights != nil)
    }
}
