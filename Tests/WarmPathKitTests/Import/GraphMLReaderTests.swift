import Foundation
import Testing

@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

/// Shared sample data (`../shared/data` next to the repository), found from `#filePath`.
enum XMLGraphTestData {
    static func sharedData() -> URL? { TestPaths.shared("") }

    /// Every file under `folders` (relative to the shared data) whose extension is `ext`.
    static func files(_ ext: String, in folders: [String]) -> [URL] {
        guard let root = sharedData() else { return [] }
        var out: [URL] = []
        for folder in folders {
            let base = root.appendingPathComponent(folder)
            guard let e = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { continue }
            for case let u as URL in e where u.pathExtension.lowercased() == ext { out.append(u) }
        }
        return out.sorted { $0.path < $1.path }
    }
}

@Suite("GraphML reader")
struct GraphMLReaderTests {
    static let header = """
        <?xml version="1.0" encoding="UTF-8"?>
        <graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                 xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
        """

    static func read(_ xml: String) throws -> GraphReadResult {
        try GraphMLReader.read(Data(xml.utf8), file: "t.graphml", source: "graphml")
    }

    static func error(_ xml: String) -> ImportError? {
        do {
            _ = try read(xml)
            return nil
        } catch let e as ImportError {
            return e
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    static func value(_ doc: GraphDocument, node id: String, _ column: String) -> AttributeValue? {
        guard let i = doc.nodeIndex[id], let c = doc.nodeAttribute(column) else { return nil }
        return c.value(Int(i))
    }

    static func edges(_ doc: GraphDocument) -> [String] {
        (0..<doc.edgeCount).map {
            doc.nodeIDs[Int(doc.edgeSources[$0])] + (doc.isDirected(edge: $0) ? "->" : "--")
                + doc.nodeIDs[Int(doc.edgeTargets[$0])]
        }
    }

    // MARK: structure and direction (peer items 1-4)

    @Test("1: plain directed graph keeps isolated nodes and edge ids")
    func plainDirected() throws {
        let nodes = "ABCDEFGHIJK".map { "<node id=\"\($0)\"/>" }.joined(separator: "\n")
        let xml =
            Self.header + """
                <graph id="G" edgedefault="directed">
                \(nodes)
                <edge id="foo" source="A" target="B"/><edge source="A" target="C"/><edge source="B" target="C"/>
                <edge source="C" target="D"/><edge source="D" target="E"/><edge source="E" target="F"/>
                <edge source="F" target="G"/><edge source="G" target="H"/><edge source="H" target="I"/>
                <edge source="I" target="J"/><edge source="J" target="A"/>
                </graph></graphml>
                """
        let r = try Self.read(xml)
        #expect(r.document.nodeCount == 11)
        #expect(r.document.edgeCount == 11)
        #expect(r.document.directed)
        #expect(r.document.nodeIndex["K"] != nil)
        #expect(r.document.edgeIDs?[0] == "foo")
        #expect(r.document.edgeIDs?[1] == nil)
        #expect(!r.document.multigraph)
        #expect(r.issues.isEmpty)
        #expect(r.document.edgeLines[0] == 15)
    }

    @Test("2: no edgedefault means undirected; an edge to an undeclared node creates it with an info issue")
    func noEdgeDefault() throws {
        let xml =
            Self.header + """
                <graph id="G">
                  <node id="n0"/><node id="n1"/><node id="n2"/><node id="n10"/>
                  <edge source="n0" target="n2"/>
                  <edge source="n1" target="n10"/>
                  <edge source="n2" target="n3"/>
                </graph></graphml>
                """
        let r = try Self.read(xml)
        #expect(!r.document.directed)
        #expect(r.document.nodeCount == 5)
        #expect(r.document.edgeCount == 3)
        let issue = try #require(r.issues.first)
        #expect(issue.severity == .info)
        #expect(issue.message.contains("'n3'"))
        #expect(issue.line == 7)
    }

    @Test("nodes declared after the edges that use them are not reported")
    func nodesAfterEdges() throws {
        let r = try Self.read(
            Self.header + "<graph><edge source='a' target='b'/><node id='a'/><node id='b'/></graph></graphml>")
        #expect(r.issues.isEmpty)
        #expect(r.document.nodeIDs == ["a", "b"])
    }

    @Test("3: per-edge direction both ways is kept in edgeDirected")
    func mixedDirection() throws {
        let undirected = try Self.read(
            Self.header + """
                <graph edgedefault="undirected"><node id="a"/><node id="b"/><node id="c"/>
                <edge source="a" target="b" directed="true"/><edge source="b" target="c"/></graph></graphml>
                """)
        #expect(Self.edges(undirected.document) == ["a->b", "b--c"])
        #expect(undirected.document.edgeDirected == [true, false])
        let directed = try Self.read(
            Self.header + """
                <graph edgedefault="directed"><node id="a"/><node id="b"/>
                <edge source="a" target="b" directed="false"/><edge source="b" target="a"/></graph></graphml>
                """)
        #expect(Self.edges(directed.document) == ["a--b", "b->a"])
    }

    @Test("4: a hyperedge is reported with its line and skipped")
    func hyperedge() throws {
        let r = try Self.read(
            Self.header + """
                <graph edgedefault="undirected">
                <node id="a"/><node id="b"/><node id="c"/>
                <hyperedge><endpoint node="a"/><endpoint node="b"/><endpoint node="c"/></hyperedge>
                <edge source="a" target="b"/>
                </graph></graphml>
                """)
        #expect(r.document.edgeCount == 1)
        let issue = try #require(r.issues.first { $0.message.contains("hyperedge") })
        #expect(issue.severity == .warning)
        #expect(issue.line == 5)
    }

    // MARK: multi-edges and ids (5-9)

    @Test("5: undirected parallel edges a-b and b-a make a multigraph")
    func undirectedParallel() throws {
        let r = try Self.read(
            Self.header + """
                <graph edgedefault="undirected"><node id="n0"/><node id="n1"/><node id="n2"/>
                <edge id="e0" source="n0" target="n1"/><edge id="e1" source="n1" target="n0"/>
                <edge id="e2" source="n1" target="n2"/></graph></graphml>
                """)
        #expect(r.document.edgeCount == 3)
        #expect(r.document.multigraph)
        #expect(r.document.edgeIDs == ["e0", "e1", "e2"])
    }

    @Test("6: ids on every edge without parallel edges stay a simple graph")
    func idsNoParallel() throws {
        let r = try Self.read(
            Self.header + """
                <graph edgedefault="directed"><node id="a"/><node id="b"/>
                <edge id="x" source="a" target="b"/><edge id="y" source="b" target="a"/></graph></graphml>
                """)
        #expect(!r.document.multigraph)
        #expect(r.document.edgeIDs == ["x", "y"])
    }

    @Test("7 and 8: only parallel edges with ids; directed parallel edges keep their ids")
    func partialIDs() throws {
        let r = try Self.read(
            Self.header + """
                <graph edgedefault="directed"><node id="a"/><node id="b"/><node id="c"/>
                <edge source="b" target="c"/><edge id="e0" source="a" target="b"/><edge id="e1" source="a" target="b"/>
                </graph></graphml>
                """)
        #expect(r.document.multigraph)
        #expect(r.document.edgeIDs == [nil, "e0", "e1"])
    }

    @Test("9: attributes literally named key and id are ordinary columns")
    func keyAndIDAttributes() throws {
        let r = try Self.read(
            Self.header + """
                <key id="d0" for="edge" attr.name="key" attr.type="string"/>
                <key id="d1" for="edge" attr.name="id" attr.type="int"/>
                <graph edgedefault="directed"><node id="a"/><node id="b"/>
                <edge id="E" source="a" target="b"><data key="d0">k1</data><data key="d1">7</data></edge></graph></graphml>
                """)
        #expect(r.document.edgeIDs == ["E"])
        #expect(r.document.edgeAttribute("key")?.value(0) == .string("k1"))
        #expect(r.document.edgeAttribute("id")?.value(0) == .int(7))
    }

    // MARK: attributes (10-18)

    @Test("10: defaults fill nodes without data; keys without default stay missing")
    func defaults() throws {
        let r = try Self.read(
            Self.header + """
                <key id="d0" for="node" attr.name="color" attr.type="string"><default>yellow</default></key>
                <key id="d1" for="edge" attr.name="weight" attr.type="double"/>
                <key id="d2" for="edge" attr.name="w2" attr.type="double"/>
                <graph edgedefault="undirected">
                <node id="n0"><data key="d0">green</data></node><node id="n1"/><node id="n2"><data key="d0">blue</data></node>
                <edge source="n0" target="n2"><data key="d1">1.0</data></edge><edge source="n0" target="n1"/>
                </graph></graphml>
                """)
        let d = r.document
        #expect(Self.value(d, node: "n0", "color") == .string("green"))
        #expect(Self.value(d, node: "n1", "color") == .string("yellow"))
        #expect(d.nodeAttribute("color")?.values[1] == nil)
        #expect(d.edgeWeights?[0] == 1.0)
        #expect(d.edgeWeights?[1].isNaN == true)
        #expect(d.edgeAttribute("w2")?.value(0) == nil)
        #expect(d.edgeAttribute("weight") == nil)
    }

    @Test("11 and 16: all six types with defaults convert to native values; long is 64-bit")
    func sixTypes() throws {
        let r = try Self.read(
            Self.header + """
                <key id="b" for="node" attr.name="b" attr.type="boolean"><default>true</default></key>
                <key id="i" for="node" attr.name="i" attr.type="int"><default>3</default></key>
                <key id="l" for="node" attr.name="l" attr.type="long"><default>4284</default></key>
                <key id="f" for="node" attr.name="f" attr.type="float"><default>1.5</default></key>
                <key id="d" for="node" attr.name="d" attr.type="double"><default>2.25</default></key>
                <key id="s" for="node" attr.name="s" attr.type="string"><default>x</default></key>
                <graph><node id="n0"/>
                <node id="n1"><data key="b">false</data><data key="i">-7</data><data key="l">9007199254740993</data>
                <data key="f">0.1</data><data key="d">1e-3</data><data key="s">y</data></node></graph></graphml>
                """)
        let d = r.document
        #expect(Self.value(d, node: "n0", "b") == .bool(true))
        #expect(Self.value(d, node: "n0", "i") == .int(3))
        #expect(Self.value(d, node: "n0", "l") == .int(4284))
        #expect(Self.value(d, node: "n0", "f") == .double(1.5))
        #expect(Self.value(d, node: "n0", "d") == .double(2.25))
        #expect(Self.value(d, node: "n0", "s") == .string("x"))
        #expect(Self.value(d, node: "n1", "b") == .bool(false))
        #expect(Self.value(d, node: "n1", "i") == .int(-7))
        #expect(Self.value(d, node: "n1", "l") == .int(9_007_199_254_740_993))
        #expect(Self.value(d, node: "n1", "f") == .double(0.1))
        #expect(Self.value(d, node: "n1", "d") == .double(0.001))
        #expect(d.nodeAttribute("l")?.type == .long)
        #expect(r.issues.isEmpty)
    }

    @Test("12: key ids equal to attribute names are not confused")
    func keyIDEqualsName() throws {
        let r = try Self.read(
            Self.header + """
                <key id="prop1" for="node" attr.name="prop2" attr.type="string"/>
                <key id="prop2" for="node" attr.name="prop1" attr.type="string"/>
                <graph><node id="a"><data key="prop1">one</data><data key="prop2">two</data></node></graph></graphml>
                """)
        #expect(Self.value(r.document, node: "a", "prop2") == .string("one"))
        #expect(Self.value(r.document, node: "a", "prop1") == .string("two"))
    }

    @Test("13: a non-number in a double key is an issue naming key, element and value")
    func badDouble() throws {
        let r = try Self.read(
            Self.header + """
                <key id="d0" for="node" attr.name="score" attr.type="double"/>
                <graph>
                <node id="n0"><data key="d0">1</data></node>
                <node id="n1"><data key="d0">2.0</data></node>
                <node id="n2"><data key="d0">k</data></node>
                </graph></graphml>
                """)
        #expect(Self.value(r.document, node: "n0", "score") == .double(1))
        #expect(Self.value(r.document, node: "n1", "score") == .double(2))
        #expect(Self.value(r.document, node: "n2", "score") == nil)
        let issue = try #require(r.issues.first)
        #expect(issue.severity == .warning)
        #expect(issue.line == 7)
        #expect(issue.message.contains("'d0'"))
        #expect(issue.message.contains("node 'n2'"))
        #expect(issue.message.contains("'k'"))
    }

    @Test("14: data with an undeclared key is a warning and ignored")
    func undeclaredKey() throws {
        let r = try Self.read(
            Self.header + "<graph><node id='a'><data key='d2'>x</data></node></graph></graphml>")
        #expect(r.document.nodeCount == 1)
        #expect(r.document.nodeAttributes.isEmpty)
        #expect(r.issues.count == 1)
        #expect(r.issues[0].message.contains("undeclared key 'd2'"))
        #expect(r.issues[0].severity == .warning)
    }

    @Test("15, 22, 23, 26: booleans are case-insensitive, trimmed, 0/1; blank boolean is false")
    func booleans() throws {
        let values = ["true", "false", "FaLsE", "True", "0", "1", "  true   ", "TRUE", " "]
        let nodes = values.enumerated().map { "<node id='n\($0.offset)'><data key='b'>\($0.element)</data></node>" }
            .joined()
        let r = try Self.read(
            Self.header + """
                <key id='b' for='node' attr.name='flag' attr.type='boolean'><default>1</default></key>
                <graph>\(nodes)<node id='dflt'/></graph></graphml>
                """)
        let got = (0..<values.count).map { Self.value(r.document, node: "n\($0)", "flag") }
        #expect(got == [true, false, false, true, false, true, true, true, false].map { AttributeValue.bool($0) })
        #expect(Self.value(r.document, node: "dflt", "flag") == .bool(true))
        #expect(r.issues.isEmpty)
    }

    @Test("17: empty data is an empty string; no namespace, no graph id or edgedefault")
    func emptyData() throws {
        let r = try Self.read(
            """
            <?xml version="1.0"?>
            <graphml><key id="d0" for="node" attr.name="foo" attr.type="string"/>
            <graph><node id="n0"><data key="d0"></data></node><node id="n1"/></graph></graphml>
            """)
        #expect(Self.value(r.document, node: "n0", "foo") == .string(""))
        #expect(Self.value(r.document, node: "n1", "foo") == nil)
    }

    @Test("18: unicode names and values and JSON-with-quotes strings are kept exactly")
    func unicodeValues() throws {
        let name = String(UnicodeScalar(2344)!) + String(UnicodeScalar(2345)!)
        let r = try Self.read(
            Self.header + """
                <key id="d0" for="node" attr.name="\(name)" attr.type="string"/>
                <key id="g" for="graph" attr.name="json" attr.type="string"/>
                <graph><data key="g">{"a": "b \\"q\\""}</data>
                <node id="ñ😀"><data key="d0">\(name) &lt;x&gt; &amp; "y"</data></node></graph></graphml>
                """)
        #expect(Self.value(r.document, node: "ñ😀", name) == .string("\(name) <x> & \"y\""))
        #expect(r.document.graphAttributes["json"] == .string("{\"a\": \"b \\\"q\\\"\"}"))
    }

    // MARK: namespaces (19, 24, 25)

    @Test("19, 24, 25: a namespace prefix and no namespace are read; a wrong namespace is an error")
    func namespaces() throws {
        let prefixed = try Self.read(
            """
            <ns3:graphml xmlns:ns3="http://graphml.graphdrawing.org/xmlns">
            <ns3:key id="d0" for="node" attr.name="n" attr.type="int"/>
            <ns3:graph edgedefault="directed"><ns3:node id="a"><ns3:data key="d0">5</ns3:data></ns3:node>
            <ns3:node id="b"/><ns3:edge source="a" target="b"/></ns3:graph></ns3:graphml>
            """)
        #expect(prefixed.document.nodeCount == 2)
        #expect(prefixed.document.edgeCount == 1)
        #expect(Self.value(prefixed.document, node: "a", "n") == .int(5))
        let none = try Self.read("<graphml><graph><node id='a'/></graph></graphml>")
        #expect(none.document.nodeCount == 1)
        let wrong = try #require(Self.error("<graphml xmlns='https://ghghgh'><graph/></graphml>"))
        #expect(wrong.description.contains("https://ghghgh"))
        #expect(wrong.description.contains("t.graphml:1:"))
        let notGraphML = try #require(Self.error("<gexf><graph/></gexf>"))
        #expect(notGraphML.description.contains("not <graphml>"))
    }

    // MARK: yEd (20, 21, 27)

    @Test("20: yEd labels, shapes skipped, CDATA description kept")
    func yEd() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8" standalone="no"?>
            <graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml"
                     xmlns:yed="http://www.yworks.com/xml/yed/3">
              <key for="graphml" id="d0" yfiles.type="resources"/>
              <key attr.name="description" attr.type="string" for="node" id="d5"/>
              <key for="node" id="d6" yfiles.type="nodegraphics"/>
              <key attr.name="Description" attr.type="string" for="graph" id="d7"><default/></key>
              <key for="edge" id="d10" yfiles.type="edgegraphics"/>
              <graph edgedefault="directed" id="G">
                <node id="n0">
                  <data key="d5"><![CDATA[line one
            line two]]></data>
                  <data key="d6">
                    <y:ShapeNode>
                      <y:Geometry height="30.0" width="30.0" x="125.0" y="100.0"/>
                      <y:NodeLabel alignment="center" autoSizePolicy="content">Alpha<y:LabelModel>
                          <y:SmartNodeLabelModel distance="4.0"/></y:LabelModel></y:NodeLabel>
                      <y:Shape type="rectangle"/>
                    </y:ShapeNode>
                  </data>
                </node>
                <node id="n1">
                  <data key="d6"><y:GenericNode configuration="com.yworks.flowchart.start1">
                    <y:NodeLabel>  Beta  </y:NodeLabel><y:NodeLabel>second</y:NodeLabel></y:GenericNode></data>
                </node>
                <edge id="e0" source="n0" target="n1"><data key="d10"><y:PolyLineEdge><y:Arrows source="none" target="standard"/></y:PolyLineEdge></data></edge>
              </graph>
              <data key="d0"><y:Resources/></data>
            </graphml>
            """
        let r = try Self.read(xml)
        #expect(r.document.nodeCount == 2)
        #expect(r.document.edgeCount == 1)
        #expect(Self.value(r.document, node: "n0", "label") == .string("Alpha"))
        #expect(Self.value(r.document, node: "n1", "label") == .string("Beta"))
        #expect(Self.value(r.document, node: "n0", "description") == .string("line one\nline two"))
        #expect(r.document.nodeAttributes.map(\.name) == ["description", "label"])
        #expect(r.issues.isEmpty)
    }

    @Test("21: yEd group nodes with nested graphs are flattened (9 nodes)")
    func groupNodes() throws {
        let xml =
            Self.header + """
                <key attr.name="label" attr.type="string" for="node" id="d0"/>
                <graph edgedefault="directed" id="G">
                  <node id="n0"/><node id="n1" yfiles.foldertype="group">
                    <graph edgedefault="directed" id="n1:">
                      <node id="n1::n0" yfiles.foldertype="group">
                        <graph edgedefault="directed" id="n1::n0:">
                          <node id="n1::n0::n0"><data key="d0"><![CDATA[deep]]></data></node>
                          <node id="n1::n0::n1"/>
                        </graph>
                      </node>
                      <node id="n1::n1"/>
                    </graph>
                  </node>
                  <node id="n2"/><node id="n3"/><node id="n4"/>
                  <edge source="n0" target="n1::n0::n0"/>
                  <edge source="n1::n0::n1" target="n2"/>
                </graph></graphml>
                """
        let r = try Self.read(xml)
        #expect(r.document.nodeCount == 9)
        #expect(r.document.edgeCount == 2)
        #expect(Self.value(r.document, node: "n1::n0::n0", "label") == .string("deep"))
        #expect(r.issues.isEmpty)
    }

    @Test("27: yFiles for HTML file with ports, for=all/port keys, untyped keys, element defaults")
    func yFilesHTML() throws {
        let xml = """
            <graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/yfiles-common/3.0"
                     xmlns:x="http://www.yworks.com/xml/yfiles-common/markup/3.0">
              <key id="d0" for="node" attr.name="NodeLabels" y:attr.uri="http://www.yworks.com/xml/yfiles-common/2.0/NodeLabels"/>
              <key id="d1" for="port" attr.name="PortLocation"/>
              <key id="d2" for="all" attr.name="tag"><default><x:Null/></default></key>
              <graph id="G" edgedefault="directed">
                <node id="n0"><data key="d0"><x:List><y:Label Text="A"/></x:List></data><port name="p0"><data key="d1">1</data></port></node>
                <node id="n1"><port name="p0"/></node>
                <node id="n2"><data key="d2">t</data></node>
                <edge id="e0" source="n0" target="n1" sourceport="p0" targetport="p0"/>
                <edge id="e1" source="n1" target="n2"/>
              </graph>
            </graphml>
            """
        let r = try Self.read(xml)
        #expect(r.document.nodeCount == 3)
        #expect(r.document.edgeCount == 2)
        #expect(r.document.directed)
        #expect(Self.value(r.document, node: "n2", "tag") == .string("t"))
        #expect(r.document.nodeAttribute("tag")?.defaultValue == nil)
        #expect(Self.value(r.document, node: "n0", "NodeLabels") == nil)
    }

    // MARK: igraph reference cases (22, 26)

    @Test("22: wrong-domain key warns; &quot; decoded; comment-only data falls back to the default")
    func igraphReference() throws {
        let r = try Self.read(
            Self.header + """
                <key id="gk" for="graph" attr.name="date" attr.type="string"/>
                <key id="s" for="node" attr.name="s" attr.type="string"><default>dflt</default></key>
                <key id="n" for="edge" attr.name="n" attr.type="double"/>
                <graph edgedefault="undirected"><data key="gk">2024-01-01</data>
                <node id="a"><data key="gk">oops</data><data key="s">say &quot;hi&quot;</data></node>
                <node id="b"><data key="s"><!-- nothing --></data></node>
                <edge source="a" target="b"><data key="n">  2.5  </data></edge>
                </graph></graphml>
                """)
        #expect(r.document.graphAttributes["date"] == .string("2024-01-01"))
        #expect(Self.value(r.document, node: "a", "s") == .string("say \"hi\""))
        #expect(Self.value(r.document, node: "b", "s") == .string("dflt"))
        #expect(r.document.edgeAttribute("n")?.value(0) == .double(2.5))
        #expect(r.issues.count == 1)
        #expect(r.issues[0].message.contains("declared for graph but used on a node"))
    }

    @Test("26: whitespace-only numbers are missing; strings keep their spaces")
    func whitespaceValues() throws {
        let r = try Self.read(
            Self.header + """
                <key id="i" for="node" attr.name="i" attr.type="int"/>
                <key id="s" for="node" attr.name="s" attr.type="string"/>
                <graph><node id="a"><data key="i">   </data><data key="s">  padded  </data></node>
                <node id="b"><data key="i"> 12 </data></node></graph></graphml>
                """)
        #expect(Self.value(r.document, node: "a", "i") == nil)
        #expect(Self.value(r.document, node: "b", "i") == .int(12))
        #expect(Self.value(r.document, node: "a", "s") == .string("  padded  "))
        #expect(r.issues.isEmpty)
    }

    // MARK: invalid input (29-31)

    @Test("29: garbled, empty, binary, truncated files are rejected without crashing")
    func fuzzed() throws {
        let inputs: [String] = [
            "",
            "\u{1}\u{2}\u{3}\u{0}binary",
            Self.header + "<graph><node id='a'/><node",
            Self.header + "<key id='d0' for='node' attr.na",
            "<graphml><graph><node id='a'></graph></graphml>",
            "just text",
        ]
        for input in inputs {
            let e = Self.error(input)
            #expect(e != nil, "accepted: \(input.prefix(40))")
        }
        if case .malformed(_, let line, _)? = Self.error(Self.header + "\n<graph>\n<node id='a'/>\n<node") {
            #expect(line >= 6)
        } else {
            Issue.record("expected a malformed error with a line")
        }
    }

    @Test("30, 31: duplicate key ids and repeated attribute names in one domain are errors")
    func duplicateKeys() throws {
        let dup = try #require(
            Self.error(
                Self.header + """
                    <key id="one" for="node" attr.name="a" attr.type="int"/>
                    <key id="one" for="node" attr.name="b" attr.type="string"/>
                    <graph/></graphml>
                    """))
        #expect(dup.description.contains("duplicate key id 'one'"))
        #expect(dup.description.contains("t.graphml:4:"))
        let emptyNames = Self.error(
            Self.header + """
                <key id="k1" for="node" attr.name="" attr.type="int"/>
                <key id="k2" for="node" attr.name="" attr.type="int"/>
                <graph/></graphml>
                """)
        #expect(emptyNames != nil)
        #expect(Self.error(Self.header + "<key id='' for='node'/><key id='' for='node'/><graph/></graphml>") != nil)
        // The same name for different domains is fine.
        let ok = try Self.read(
            Self.header
                + "<key id='a' for='node' attr.name='x'/><key id='b' for='edge' attr.name='x'/><graph/></graphml>")
        #expect(ok.document.nodeAttributes.count == 1 && ok.document.edgeAttributes.count == 1)
    }

    @Test("32, 33: graph-level attributes of every type; capitalised True")
    func graphAttributes() throws {
        let r = try Self.read(
            Self.header + """
                <key id="g0" for="graph" attr.name="name" attr.type="string"/>
                <key id="g1" for="graph" attr.name="flag" attr.type="boolean"/>
                <key id="g2" for="graph" attr.name="density" attr.type="double"/>
                <key id="w" for="edge" attr.name="Weight" attr.type="double"/>
                <graph edgedefault="undirected"><data key="g0">ER</data><data key="g1">True</data><data key="g2">0.25</data>
                <node id="0"/><node id="1"/><edge source="0" target="1"><data key="w">0.75</data></edge></graph></graphml>
                """)
        #expect(r.document.graphAttributes == ["name": .string("ER"), "flag": .bool(true), "density": .double(0.25)])
        #expect(r.document.edgeWeights == [0.75])
    }

    @Test("a non-number weight is dropped with an issue; a weight default applies")
    func weights() throws {
        let r = try Self.read(
            Self.header + """
                <key id="w" for="edge" attr.name="weight" attr.type="long"><default>2</default></key>
                <graph edgedefault="directed"><node id="a"/><node id="b"/>
                <edge source="a" target="b"><data key="w">heavy</data></edge>
                <edge source="b" target="a"><data key="w">5</data></edge></graph></graphml>
                """)
        #expect(r.document.edgeWeights == [2, 5])
        #expect(r.issues.count == 1)
        #expect(r.issues[0].message.contains("'heavy'"))
        #expect(r.issues[0].message.contains("a -> b"))
    }

    @Test("a flood of bad values is capped with a summary")
    func issueCap() throws {
        let nodes = (0..<200).map { "<node id='n\($0)'><data key='d'>bad</data></node>" }.joined()
        let r = try Self.read(
            Self.header + "<key id='d' for='node' attr.name='x' attr.type='int'/><graph>\(nodes)</graph></graphml>")
        #expect(r.issues.count == 51)
        #expect(r.issues.last?.message.contains("150 more issues") == true)
    }

    @Test("entity declarations are refused by the GraphML reader too")
    func entities() throws {
        let e = try #require(
            Self.error(
                """
                <?xml version="1.0"?>
                <!DOCTYPE graphml [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <graphml><graph><node id="&x;"/></graph></graphml>
                """))
        #expect(e.description.contains("possible entity-expansion attack"))
    }

    // MARK: real files

    @Test("every shared .graphml file imports or is rejected with a clear error", .requiresSharedData("graphs"))
    func realFiles() throws {
        let files = XMLGraphTestData.files("graphml", in: ["exports/graph", "graphs"])
        try #require(!files.isEmpty)
        var counts: [String: (Int, Int)] = [:]
        for url in files {
            let data = try Data(contentsOf: url)
            do {
                let r = try GraphMLReader.read(data, file: url.lastPathComponent, source: "graphml")
                counts[url.lastPathComponent] = (r.document.nodeCount, r.document.edgeCount)
                #expect(r.document.nodeLines.count == r.document.nodeCount)
            } catch let e as ImportError {
                #expect(e.description.hasPrefix(url.lastPathComponent))
            }
        }
        if let karate = counts["karate.graphml"] {
            #expect(karate == (34, 78))
        }
        if let football = counts["football.graphml"] { #expect(football == (115, 613)) }
        if let movies = counts["moviegalaxies.graphml"] { #expect(movies == (27, 102)) }
        if let m = counts["miserables.graphml"] { #expect(m == (77, 254)) }
        if let m = counts["multigraph.graphml"] { #expect(m == (6, 9)) }
    }

    @Test(
        "graphology quirk files: parallel, mixed, missing nodes, broken keys",
        .requiresSharedData("exports/graph/graphology/graphml"))
    func graphologyQuirks() throws {
        let root = try #require(TestPaths.shared("exports/graph/graphology/graphml"))
        func load(_ name: String) throws -> GraphReadResult {
            try GraphMLReader.read(
                Data(contentsOf: root.appendingPathComponent(name)), file: name, source: "graphml")
        }
        let multi = try load("multigraph.graphml")
        #expect(multi.document.multigraph)
        let mixed = try load("mixed_multigraph.graphml")
        #expect(mixed.document.edgeDirected != nil)
        #expect(mixed.document.edgeCount == 8)
        let missing = try load("missing_nodes.graphml")
        #expect(missing.issues.contains { $0.message.contains("never declared") })
        // miserables_broken.graphml is well-formed XML whose two keys (label, Modularity Class)
        // are not declared: every use is reported with its line and the values are ignored.
        let broken = try load("miserables_broken.graphml")
        let undeclared = broken.issues.filter { $0.message.hasPrefix("<data> uses undeclared key") }
        #expect(!undeclared.isEmpty)
        #expect(undeclared.allSatisfy { $0.line > 0 && $0.severity == .warning })
        #expect(broken.document.nodeAttribute("label") == nil)
        let karate = try GraphMLReader.read(
            Data(contentsOf: root.appendingPathComponent("miserables.graphml")), file: "m", source: "graphml")
        #expect(karate.document.nodeAttribute("Modularity Class") != nil)
    }
}
