import Foundation
import Testing
@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

@Suite struct ScoringConfigTests {
    @Test func defaultsYAMLRoundTripsAndCommentsEveryKey() throws {
        let yaml = ScoringConfig.defaultsYAML
        let parsed = try ScoringConfig.parse(yaml: yaml)
        #expect(parsed == ScoringConfig.default)
        let lines = yaml.split(separator: "\n")
        for key in ScoringConfig.keys {
            let i = try #require(lines.firstIndex { $0.hasPrefix(key.name + ":") })
            #expect(lines[i - 1].hasPrefix("# ") && lines[i - 1].contains("Source: "), "\(key.name)")
        }
        #expect(Set(ScoringConfig.keys.map(\.name)).count == ScoringConfig.keys.count)
        #expect(yaml.contains("judgement call"))
    }

    @Test func overridesASubset() throws {
        let c = try ScoringConfig.parse(yaml: "owed_reply_days: 7\nw_activity: 3\n# comment\n")
        #expect(c.owedReplyDays == 7)
        #expect(c.wActivity == 3)
        #expect(c.rotFactor == ScoringConfig.default.rotFactor)
        #expect(try ScoringConfig.parse(yaml: "") == ScoringConfig.default)
    }

    @Test(arguments: [
        (
            "w_activty: 2",
            "scoring config <config>: unknown key 'w_activty'; did you mean 'w_activity'? (`warmpath config --defaults` lists every key)"
        ),
        (
            "colour: blue",
            "scoring config <config>: unknown key 'colour' (`warmpath config --defaults` lists every key)"
        ),
        ("kappa: lots", "scoring config <config>: key 'kappa' must be a number, got 'lots'"),
        (
            "- 1\n- 2",
            "scoring config <config> must be a YAML mapping of key: number (see `warmpath config --defaults`)"
        ),
    ])
    func errorsNameTheKey(yaml: String, message: String) {
        #expect(throws: (any Error).self) { try ScoringConfig.parse(yaml: yaml) }
        do {
            _ = try ScoringConfig.parse(yaml: yaml)
        } catch let e as ScoringConfigError {
            #expect(e.description == message)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func loadsAFileAndTheConfigChangesScores() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "warmpath-scoring-\(UInt32.random(in: 0...UInt32.max)).yaml"
        ).path
        try "w_never_communicated: -3.0\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let c = try ScoringConfig.load(path: path)
        #expect(c.wNeverCommunicated == -3)
        #expect(throws: ScoringConfigError.self) { try ScoringConfig.load(path: path + ".missing") }
        var s = Synth()
        let me = s.person("Owen Owner", owner: true)
        let a = s.person("Ana Ruiz")
        s.event(.connection, me, [a], at: asOfT - 300 * day)
        let n = s.network()
        let i = Int(n.idx("Ana Ruiz"))
        #expect(score(n, config: c).people[i].strength < score(n).people[i].strength)
    }
}

@Suite struct ScoringNoteFormatTests {
    @Test func ledgerNotesUseFormatFixed() {
        #expect(Format.fixed(-0.00001, 2) == "0.00")
        #expect(Format.fixed(2.5, 0) == "3")
    }
}
