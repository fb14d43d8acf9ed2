import Foundation
import Testing
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

/// One CSV cell rule: every CSV warmpath writes escapes its cells with ``CSVWriter``.
@Suite struct CSVRuleTests {
    static let hostile = [
        "=1+2", "+5", "-cmd", "-0.5", "@SUM(A1)", "a,b", "say \"hi\"", "two\nlines", "\tx", "\rx", "plain",
    ]

    @Test func distancesCSVEscapesNodeIDsLikeEveryOtherCSV() {
        let rows = Self.hostile.map { Distances.Row(node: $0, hops: 1, cost: 0.5) }
        let text = Distances.csv(rows)
        var expected = "node,hops,cost\r\n"
        for id in Self.hostile { expected += CSVWriter.escape(id) + ",1,0.5\r\n" }
        #expect(text == expected)
        #expect(text.contains("'=1+2,1,0.5\r\n"))
        #expect(text.contains("\r\n-0.5,1,0.5\r\n"))  // a plain number is data, not a formula
        #expect(text.contains("\r\n'+5,1,0.5\r\n"))
    }

    @Test func neo4jCSVEscapesCellsLikeEveryOtherCSV() {
        var doc = GraphDocument(directed: false)
        for id in Self.hostile { _ = doc.node(id) }
        let files = Neo4jWriter.write(doc)
        let nodes = files.first { $0.name == "nodes.csv" }!.text
        for id in Self.hostile {
            #expect(nodes.contains("\r\n" + CSVWriter.escape(id) + ","), "\(id)")
        }
    }

    /// No second CSV quoting rule in the sources.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: DateRuleTests.sourcesRoot.path)))
    func noOtherCSVQuotingInTheSources() throws {
        let files = FileManager.default.enumerator(at: DateRuleTests.sourcesRoot, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter {
                $0.pathExtension == "swift" && $0.lastPathComponent != "CSVWriter.swift"
            }
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(!text.contains("with: \"\\\"\\\"\""), "\(file.lastPathComponent) doubles quotes itself")
            #expect(!text.contains("\"=+-@\""), "\(file.lastPathComponent) has its own formula guard")
        }
    }
}
