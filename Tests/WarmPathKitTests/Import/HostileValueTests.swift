import Foundation
import Testing
@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathSupport

/// Issue 19, "Sane values", through the importers and the report: out-of-range times become
/// issues (file and JSON path or line), messages and connections keep their people without the
/// time, and the report's as-of date and "days ago" figures are those of the plausible events.
@Suite struct HostileValueTests {
    /// A Messenger thread between the owner and Kai whose message times are `values` (JSON
    /// number text), after one plausible message at 2024-03-01.
    static func messenger(_ values: [String]) -> [String: Data] {
        var messages = [#"{"sender_name": "Kai Berg", "timestamp_ms": 1709294400000, "content": "Plausible"}"#]
        for v in values {
            messages.append(#"{"sender_name": "Kai Berg", "timestamp_ms": \#(v), "content": "Hostile"}"#)
        }
        let thread =
            #"{"participants": [{"name": "Kai Berg"}, {"name": "Noor Haddad"}], "messages": ["#
            + messages.joined(separator: ",") + "]}"
        return [
            "profile_information/profile_information.json": Data(
                #"{"profile_v2": {"name": {"full_name": "Noor Haddad"}}}"#.utf8),
            "your_facebook_activity/messages/inbox/kaiberg_1/message_1.json": Data(thread.utf8),
        ]
    }

    static let hostileMilliseconds = ["1e30", "-1e30", "1e400", "1e22", "1e17"]

    @Test func messengerTimestampsOutOfRangeKeepTheMessageWithoutATime() throws {
        let dir = try TestPaths.tempFolder(Self.messenger(Self.hostileMilliseconds))
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try FacebookImporter().importSource(SourceContainer(path: dir.path), options: ImportOptions())
        let messages = r.interactions.filter { $0.kind == .message }
        #expect(messages.count == 1 + Self.hostileMilliseconds.count)
        #expect(messages.compactMap(\.time) == [1_709_294_400])
        #expect(r.people.contains { $0.displayName == "Kai Berg" })
        let issues = r.issues.filter { $0.message.hasPrefix("date out of range") }
        #expect(issues.count == Self.hostileMilliseconds.count)
        #expect(issues.allSatisfy { $0.file.hasSuffix("kaiberg_1/message_1.json") && $0.severity == .warning })
        #expect(issues.map(\.location) == (1...5).map { "$.messages[\($0)].timestamp_ms" })
        #expect(issues[0].message.contains("in timestamp_ms: '1e30'"))
        #expect(issues[2].message.contains("not a finite number"))
        #expect(issues[4].message.contains("year 3170843"))
        #expect(issues.allSatisfy { $0.message.hasSuffix("; the record is kept without a date") })
    }

    @Test func aConnectionDated9999IsKeptWithoutItsDateAndLeavesTheAsOfAlone() throws {
        let dir = try TestPaths.tempFolder([
            "Profile.csv": Data("First Name,Last Name,Headline\nNoor,Haddad,Founder\n".utf8),
            "Connections.csv": Data(
                """
                First Name,Last Name,URL,Email Address,Company,Position,Connected On
                Kai,Berg,https://www.linkedin.com/in/kai-berg,,Acme,CTO,31 Dec 9999
                Lea,Moss,https://www.linkedin.com/in/lea-moss,,Acme,CEO,01 Mar 2024

                """.utf8),
            "messages.csv": Data(
                """
                CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER
                c1,,Kai Berg,https://www.linkedin.com/in/kai-berg,Noor Haddad,https://www.linkedin.com/in/noor-haddad,2024-03-10 09:00:00 UTC,,Hello,INBOX
                c1,,Kai Berg,https://www.linkedin.com/in/kai-berg,Noor Haddad,https://www.linkedin.com/in/noor-haddad,9999-12-31 09:00:00 UTC,,Later,INBOX

                """.utf8),
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try LinkedInTestData.importFolder(dir)
        let kai = try #require(r.people.firstIndex { $0.displayName == "Kai Berg" })
        let connection = try #require(
            r.interactions.first { $0.kind == .connection && $0.recipients == [LocalPersonRef(kai)] })
        #expect(connection.time == nil)
        let issue = try #require(
            r.issues.first { $0.file == "Connections.csv" && $0.message.hasPrefix("date out of range") })
        #expect(issue.line == 2)
        #expect(
            issue.message
                == "date out of range (year 9999, outside 1900–2100) in Connected On: '31 Dec 9999'; the record is kept without a date"
        )
        let messageIssue = try #require(
            r.issues.first { $0.file == "messages.csv" && $0.message.hasPrefix("date out of range") })
        #expect(messageIssue.line == 3)
        #expect(r.interactions.filter { $0.kind == .message }.count == 2)

        // The report: as-of is the newest plausible event (2024-03-10), alerts count days from it.
        let out = try ReportPipeline.run(RunConfiguration(sources: [dir.path]))
        #expect(ReportDate.day(out.loaded.asOf) == "2024-03-10")
        let alerts = try #require(out.files.first { $0.name == "alerts.csv" }).text
        #expect(alerts.csvRows.count > 1)
        let days = alerts.csvRows.dropFirst().compactMap { line -> Int? in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            return cells.count > 4 ? Int(cells[4]) : nil
        }
        #expect(days.allSatisfy { $0 < 400 }, "\(alerts)")
        let people = try #require(out.files.first { $0.name == "people.csv" }).text
        #expect(!people.contains("9999"))
    }

    @Test func theDefaultAsOfIgnoresImplausibleEventTimes() {
        let prov = Provenance(source: "t", file: "t", line: 1)
        let times: [Double?] = [1_709_294_400, 253_402_300_799, 1e27, .infinity, nil]
        let events = times.map {
            Event(
                Interaction(kind: .message, time: $0, actor: 0, recipients: [1], provenance: prov), actor: 0,
                recipients: [1])
        }
        let network = Network(people: [], events: events, sourceOwners: [], sources: [], issues: [])
        #expect(ReportPipeline.newestPlausibleTime(network) == 1_709_294_400)
    }
}
