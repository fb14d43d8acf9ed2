import Foundation
import Testing

@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

/// Paths to the repository's fixtures and the shared data folder, found from this file.
enum GraphTestPaths {
    /// The repository root: the first folder above this file holding Package.swift.
    static func repoRoot(_ file: String = #filePath) -> URL {
        var url = URL(fileURLWithPath: file).resolvingSymlinksInPath().deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
            url.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: file).deletingLastPathComponent()
    }

    static func fixture(_ relative: String) -> URL {
        repoRoot().appendingPathComponent("fixtures/graphs").appendingPathComponent(relative)
    }

    static func fixtureData(_ relative: String) throws -> Data { try Data(contentsOf: fixture(relative)) }

    /// `../shared/data`, or nil when absent (``TestPaths/shared(_:)``).
    static var sharedData: URL? { TestPaths.shared("") }
}

@Suite("JSONReaderTests")
struct JSONReaderTests {
    @Test func parsesScalarsObjectsAndArraysInOrder() throws {
        let v = try JSONReader.parse(#"{"b": 1, "a": [true, false, null, "x", -0.5e3], "b": 2}"#)
        guard case .object(let members) = v else {
            Issue.record("not an object")
            return
        }
        #expect(members.map(\.0) == ["b", "a", "b"])
        #expect(v["b"]?.int64Value == 2)  // the last duplicate wins
        #expect(v["a"]?[0] == .bool(true))
        #expect(v["a"]?[2]?.isNull == true)
        #expect(v["a"]?[3]?.stringValue == "x")
        #expect(v["a"]?[4]?.numberText == "-0.5e3")
        #expect(v["a"]?[4]?.doubleValue == -500)
        #expect(v["missing"] == nil)
        #expect(v["a"]?[9] == nil)
    }

    @Test func keepsLargeIdsExact() throws {
        let v = try JSONReader.parse(
            #"[1187654321098765432, 9223372036854775807, 12345678901234567890, 3.0, 1e3, 2.5]"#)
        #expect(v[0]?.int64Value == 1_187_654_321_098_765_432)
        #expect(v[1]?.int64Value == Int64.max)
        #expect(v[2]?.int64Value == nil)
        #expect(v[2]?.numberText == "12345678901234567890")
        #expect(v[3]?.int64Value == 3)
        #expect(v[4]?.int64Value == 1000)
        #expect(v[5]?.int64Value == nil)
    }

    @Test func decodesEveryEscapeIncludingSurrogatePairs() throws {
        let v = try JSONReader.parse(
            #"["a\"b\\c\/d\b\f\n\r\t", "\u00e9\u4444", "\ud83d\ude00", "\ud800x", "\udc00", "plain é 😀"]"#)
        #expect(v[0]?.stringValue == "a\"b\\c/d\u{08}\u{0C}\n\r\t")
        #expect(v[1]?.stringValue == "é\u{4444}")
        #expect(v[2]?.stringValue == "😀")
        #expect(v[3]?.stringValue == "\u{FFFD}x")
        #expect(v[4]?.stringValue == "\u{FFFD}")
        #expect(v[5]?.stringValue == "plain é 😀")
    }

    @Test func stripsTheByteOrderMark() throws {
        var data = Data([0xEF, 0xBB, 0xBF])
        data.append(Data(#"{"k": "v"}"#.utf8))
        #expect(try JSONReader.parse(data)["k"]?.stringValue == "v")
    }

    @Test func reportsLineColumnAndPath() {
        let text = "{\n \"nodes\": [\n  {\"id\": 1},\n  {\"id\": }\n ]\n}"
        do {
            _ = try JSONReader.parse(text)
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 4)
            #expect(error.column == 10)
            #expect(error.path == "$.nodes[1].id")
            #expect(error.description.contains("line 4, column 10"))
        }
    }

    @Test func rejectsMalformedInput() {
        for bad in [
            "", "{", "[1,]", "{\"a\" 1}", "[01]", "[1.]", "tru", "\"abc", "[1] [2]", "{\"a\":1,}", "[\"\\x\"]",
            "\"a\nb\"", "NaN", "// c\n1",
        ] {
            #expect(throws: JSONParseError.self, "\(bad)") { try JSONReader.parse(bad) }
        }
    }

    @Test func limitsNestingDepth() {
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        do {
            _ = try JSONReader.parse(deep)
            Issue.record("expected a depth error")
        } catch {
            #expect(error.message.contains("nesting deeper"))
        }
        #expect((try? JSONReader.parse(deep, maxDepth: 1000)) != nil)
    }

    @Test func lenientOptionsAcceptCommentsTrailingCommasAndJavaScript() throws {
        let js = """
            window.YTD.account.part0 = [
              // owner-edited
              {
                account: {
                  email: "redacted", /* block */
                  accountId: "759252279862104064",
                  'quoted': 'single',
                  ratio: NaN,
                  low: -Infinity,
                  note: "line
            break",
                },
              },
            ];
            """
        let v = try JSONReader.parse(js, options: .lenient)
        #expect(v[0]?["account"]?["accountId"]?.stringValue == "759252279862104064")
        #expect(v.value(at: "[0].account.quoted")?.stringValue == "single")
        #expect(v.value(at: "[0].account.ratio")?.doubleValue?.isNaN == true)
        #expect(v.value(at: "[0].account.low")?.doubleValue == -.infinity)
        #expect(v.value(at: "[0].account.note")?.stringValue == "line\nbreak")
        #expect(throws: JSONParseError.self) { try JSONReader.parse(js) }
        // Each leniency alone.
        #expect((try? JSONReader.parse("[1,]", options: .trailingCommas)) == .array([.number("1")]))
        #expect((try? JSONReader.parse("/*x*/[1]//y", options: .comments)) == .array([.number("1")]))
        #expect((try? JSONReader.parse("x.y = [1];", options: .javaScriptPrefix)) == .array([.number("1")]))
    }

    @Test func pathLookupAndCompactText() throws {
        let v = try JSONReader.parse(#"{"a": {"b.c": [10, {"d": "e"}]}, "s": "q\"\n"}"#)
        #expect(v.value(at: #"a["b.c"][1].d"#)?.stringValue == "e")
        #expect(v.value(at: #"$.a["b.c"][0]"#)?.int64Value == 10)
        #expect(v.value(at: "")?["s"] != nil)
        #expect(v.value(at: "a.x") == nil)
        #expect(v.value(at: "a[") == nil)
        #expect(v.description == #"{"a":{"b.c":[10,{"d":"e"}]},"s":"q\"\n"}"#)
        #expect(try JSONReader.parse(v.description) == v)
        #expect(JSONPath.render([.key("nodes"), .index(3), .key("a b")]) == #"$.nodes[3]["a b"]"#)
    }

    @Test func fastDecimalPathMatchesTheCLibrary() {
        for t in [
            "0", "-0", "1", "0.1", "0.523", "123.456", "-98.76", "1e-7", "3.14159265358979", "0.30000000000000004",
            "1E+2", "999999999999999", "12345.678901234567",
        ] {
            #expect(JSONNumber.double(t) == Double(t), "\(t)")
        }
    }

    @Test(.requiresSharedData("exports/twitter/ethereumclassic-old-tweets/data/account.js"))
    func readsRealXArchiveFiles() throws {
        let shared = try #require(GraphTestPaths.sharedData)
        let dir = shared.appendingPathComponent("exports/twitter/ethereumclassic-old-tweets/data")
        let account = dir.appendingPathComponent("account.js")
        let v = try JSONReader.parse(try Data(contentsOf: account), options: .lenient)
        #expect(v[0]?["account"]?["accountId"]?.stringValue == "759252279862104064")
        let following = dir.appendingPathComponent("following.js")
        if FileManager.default.fileExists(atPath: following.path) {
            let f = try JSONReader.parse(try Data(contentsOf: following), options: .lenient)
            #expect(f.arrayValue?.count == 212)
        }
    }
}
