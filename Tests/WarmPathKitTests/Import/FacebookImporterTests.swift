import Foundation
import Testing
@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

@Suite struct FacebookImporterTests {
    func run(_ url: URL) throws -> SourceImport {
        try FacebookImporter().importSource(SourceContainer(path: url.path), options: ImportOptions())
    }

    @Test func mojibakeRepair() {
        #expect(Mojibake.repair("Jos\u{00c3}\u{00a9}") == "José")
        #expect(Mojibake.repair("\u{00f0}\u{009f}\u{0098}\u{0080}") == "😀")
        #expect(Mojibake.repair("José") == "José")  // a bare é (E9) is not valid UTF-8: left alone
        #expect(Mojibake.repair(Mojibake.repair("Jos\u{00c3}\u{00a9}")) == "José")
        #expect(Mojibake.repair("plain") == "plain")
    }

    @Test func fixtureArchive() throws {
        let r = try run(TestPaths.fixture("facebook"))
        #expect(r.kind == .facebook)
        let names = r.people.map(\.displayName).sorted()
        #expect(names == ["Aiko Tanaka", "José Núñez", "Kofi Mensah", "Noor Haddad", "Zoë Martin"])
        let owner = try #require(r.owner)
        #expect(r.people[Int(owner)].displayName == "Noor Haddad")
        #expect(r.people.allSatisfy { $0.nameOnly })
        #expect(r.interactions.filter { $0.kind == .friendship }.count == 4)
        #expect(r.interactions.filter { $0.kind == .message }.count == 13)
        #expect(r.interactions.filter { $0.kind == .reaction }.count == 2)
        // message_1.json and message_2.json are one thread.
        let kofiThread = r.interactions.filter {
            $0.thread?.hasSuffix("1004027223469146") == true && $0.kind == .message
        }
        #expect(kofiThread.count == 5)
        #expect(kofiThread.allSatisfy { !$0.isGroup })
        let group = r.interactions.filter { $0.thread?.contains("bookclub") == true }
        #expect(group.count == 3 && group.allSatisfy { $0.isGroup })
        // Content repaired, attachment-only message flagged empty.
        #expect(r.interactions.contains { $0.text == "Dinner Friday with the family? 🍲" })
        #expect(r.interactions.contains { $0.flags.contains(.empty) && $0.thread?.contains("josenunez") == true })
        // E2EE export: ms timestamps, plain participants, BOM.
        let e2ee = r.interactions.filter { $0.provenance.file.contains("messenger_e2ee") && $0.kind == .message }
        #expect(e2ee.count == 2)
        #expect(e2ee.contains { $0.time == 1_710_234_000 })
    }

    @Test(arguments: [
        ("friends/friends.json", "friends"),
        ("friends_and_followers/friends.json", "friends_v2"),
        ("connections/friends/your_friends.json", "friends_v2"),
    ])
    func everyFriendsLayout(path: String, key: String) throws {
        let friends =
            "{\"\(key)\": [{\"name\": \"Zo\\u00c3\\u00ab Martin\", \"timestamp\": 1709827500}, {\"timestamp\": 1}]}"
        let thread = """
            {"participants": [{"name": "Zo\\u00c3\\u00ab Martin"}, {"name": "Ravi Menon"}], "title": "Zo\\u00c3\\u00ab Martin",
             "messages": [{"sender_name": "Ravi Menon", "timestamp_ms": 1709827512345, "content": "Salut"},
                          {"sender_name": "Zo\\u00c3\\u00ab Martin", "content": "no time"}], "thread_type": "Regular"}
            """
        let dir = try TestPaths.tempFolder([
            path: Data(friends.utf8), "messages/inbox/zoe_1/message_1.json": Data(thread.utf8),
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try run(dir)
        #expect(r.people.map(\.displayName).sorted() == ["Ravi Menon", "Zoë Martin"])
        #expect(r.owner.map { r.people[Int($0)].displayName } == "Ravi Menon")
        #expect(r.interactions.filter { $0.kind == .friendship }.count == 1)
        #expect(r.interactions.filter { $0.kind == .message }.count == 1)
        #expect(r.issues.contains { $0.location == "$.\(key)[1]" })
        #expect(r.issues.contains { $0.location == "$.messages[1]" && $0.message.contains("timestamp") })
    }

    @Test func brokenThreadIsReportedAndTheRestRead() throws {
        let dir = try TestPaths.tempFolder([
            "messages/inbox/a_1/message_1.json": Data("{ this is not valid json".utf8),
            "messages/inbox/b_2/message_1.json": Data(
                #"{"participants":[{"name":"A"},{"name":"B"}],"messages":[{"sender_name":"A","timestamp_ms":1000,"content":"x"}]}"#
                    .utf8),
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try run(dir)
        #expect(r.interactions.count == 1)
        #expect(r.issues.contains { $0.file.hasSuffix("a_1/message_1.json") && $0.severity == .error && $0.line == 1 })
    }

    @Test func htmlExportGetsAClearError() throws {
        let dir = try TestPaths.tempFolder(["connections/friends/your_friends.html": Data("<html></html>".utf8)])
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(throws: ImportError.self) { try run(dir) }
        do { _ = try run(dir) } catch { #expect("\(error)".contains("JSON")) }
    }

    @Test(.requiresSharedData("exports/facebook"))
    func sharedSamples() throws {
        let base = try #require(TestPaths.shared("exports/facebook"))
        let kawsay = try run(base.appendingPathComponent("kawsay"))
        #expect(kawsay.people.contains { $0.displayName.hasPrefix("José") })
        #expect(!kawsay.people.contains { $0.displayName.contains("Ã") })
        let waultar = try run(base.appendingPathComponent("waultar-app"))
        #expect(waultar.people.count == 2)
        #expect(waultar.interactions.filter { $0.kind == .message }.count > 0)
        #expect(!waultar.interactions.contains { ($0.text ?? "").contains("Ã") || ($0.text ?? "").contains("â€") })
    }
}
