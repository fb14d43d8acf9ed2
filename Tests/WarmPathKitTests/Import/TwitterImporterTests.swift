import Foundation
import Testing
@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

@Suite struct TwitterImporterTests {
    func run(_ url: URL) throws -> SourceImport {
        try TwitterImporter().importSource(SourceContainer(path: url.path), options: ImportOptions())
    }

    @Test func fixtureArchive() throws {
        let r = try run(TestPaths.fixture("twitter"))
        let owner = try #require(r.owner)
        #expect(r.people[Int(owner)].displayName == "Noor Haddad")
        #expect(r.people[Int(owner)].xAccounts == ["1187654321098765432"])  // 19 digits, exact
        #expect(r.people.count == 6)
        #expect(r.people.contains { $0.xAccounts == ["9007199254740993"] })  // 2^53 + 1 survives
        #expect(r.interactions.filter { $0.kind == .follow }.count == 6)
        #expect(r.interactions.filter { $0.kind == .message }.count == 3)
        #expect(r.interactions.filter { $0.kind == .reaction }.count == 1)
        let group = r.interactions.filter { $0.isGroup }
        #expect(group.count == 1 && group[0].recipients.count == 2)
        // The message without createdAt, the follower without id and the unknown item are reported.
        #expect(r.issues.contains { $0.message.contains("createdAt") })
        #expect(r.issues.contains { $0.file.hasSuffix("follower-part1.js") && $0.message.contains("accountId") })
        #expect(r.issues.contains { $0.severity == .info && $0.message.contains("unknown") })
        // Mutual follow = both directions present.
        let mutual = r.people.firstIndex { $0.xAccounts == ["1390726374860673024"] }.map(Int32.init)
        #expect(
            r.interactions.filter { $0.kind == .follow && ($0.actor == mutual || $0.recipients == [mutual!]) }.count
                == 2)
    }

    @Test(.requiresSharedData("exports/twitter"))
    func sharedSamples() throws {
        let base = try #require(TestPaths.shared("exports/twitter"))
        let etc = try run(base.appendingPathComponent("ethereumclassic-old-tweets"))
        // account.js is a hand-edited JS object literal: read leniently.
        #expect(etc.owner.map { etc.people[Int($0)].displayName } == "Ethereum Classic")
        #expect(etc.interactions.filter { $0.kind == .follow }.count == 212)
        #expect(etc.people.count == 213)
        #expect(etc.people.contains { $0.xAccounts == ["1390726374860673024"] })
        let pdp = try run(base.appendingPathComponent("pdp-connect-pdpp"))
        #expect(pdp.interactions.filter { $0.kind == .message }.count == 3)
        #expect(pdp.issues.contains { $0.message.contains("createdAt") })
        #expect(pdp.interactions.contains { $0.text == "multi\nline reply with unicode ☃ and a ] bracket" })
    }
}
