import Foundation
import Testing
@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

/// The mail importer: mbox (mboxo, mboxrd, LF, CRLF), `.eml` folders and Google Takeout; the
/// scanner's quirks; owner, classes, threads and people; the report columns and `explain`.
@Suite struct MailImporterTests {
    static let takeoutMbox = "Takeout/Mail/All mail Including Spam and Trash.mbox"

    func run(_ path: String, options: ImportOptions = ImportOptions()) throws -> SourceImport {
        let container = try SourceContainer(path: path)
        let d = try #require(MailImporter().detect(container))
        #expect(d.kind == .mail)
        return try MailImporter().importing(container, options: options)
    }

    func person(_ r: SourceImport, _ address: String) -> Int32? {
        r.people.firstIndex { $0.emails.contains(address) }.map(Int32.init)
    }

    @Test func takeoutFixture() throws {
        let r = try run(TestPaths.fixture("takeout").path)
        let owner = try #require(r.owner)
        #expect(r.people[Int(owner)].displayName == "Noor Haddad")
        #expect(r.people[Int(owner)].emails == ["noor.haddad@example.com"])
        #expect(r.people[Int(owner)].isOwner)
        #expect(r.issues.contains { $0.message.contains("mail owner: noor.haddad@example.com (the Takeout account") })
        // The Takeout's calendars are read too (CalendarImporterTests); here its mail.
        let mail = r.interactions.filter { $0.flags.contains(.mail) }
        #expect(mail.count == 16)
        #expect(mail.allSatisfy { $0.kind == .message && $0.flags == .mail })
        #expect(r.interactions.allSatisfy { $0.kind == .meeting || $0.flags == .mail })
        #expect(r.counters["one-to-one messages"] == 12)
        #expect(r.counters["small-group messages"] == 4)
        // List, bulk, auto-submitted, spam, draft and mail-merge mail: counted, never people.
        #expect(r.counters["mailing-list messages"] == 1)
        #expect(r.counters["auto-submitted messages (auto-replies, notifications)"] == 1)
        #expect(r.counters["bulk messages (Precedence: bulk or a Gmail category)"] == 2)
        #expect(r.counters["bulk messages (more than 10 other participants)"] == 1)
        #expect(r.counters["mail-merge messages (one text to many, one at a time)"] == 3)
        #expect(r.counters["spam"] == 1)
        #expect(r.counters["drafts (never sent)"] == 1)
        for bulk in [
            "news@freightweekly.example", "oskar.brandt@kessel.example", "ceo@northwind.example",
            "kofi.mensah@northwind.example", "offers@shop.example", "win@crypto.example", "noreply@greyhaven.example",
            "dana@prospect-three.example", "pat.lowe@prospect-one.example", "jonas.weber@example.org",
        ] {
            #expect(person(r, bulk) == nil, "\(bulk) is not a relationship")
        }
        let mailPeople = Set(mail.flatMap { [$0.actor] + $0.recipients })
        #expect(mailPeople.count == 9)
        // Reply pairs: eight by In-Reply-To / References, Tomás's by subject and participants.
        #expect(r.counters["reply pairs by In-Reply-To / References"] == 8)
        #expect(r.counters["reply pairs by subject and participants"] == 1)
        let tomas = try #require(person(r, "tomas@orbital-freight.example"))
        let tomasThreads = Set(
            mail.filter { $0.actor == tomas || $0.recipients.contains(tomas) }.map(\.thread))
        #expect(tomasThreads.count == 1)
        // Names: encoded words decoded, `Last, First` turned round, the most used name kept.
        #expect(r.people[Int(tomas)].displayName == "Tomás Reyes")
        #expect(r.people[Int(try #require(person(r, "linnea.vik@example.com")))].displayName == "Linnea Vik")
        #expect(r.people[Int(try #require(person(r, "luis.fernandez@example.org")))].displayName == "Luis Fernández")
        #expect(r.people[Int(try #require(person(r, "mei.chen@harbor-ai.example")))].displayName == "Mei Chen")
        // Addresses are lower-cased: Sam.Okafor@Example.NET is sam.okafor@example.net.
        #expect(r.people.filter { $0.emails.contains("sam.okafor@example.net") }.count == 1)
        // Bcc and Cc groups are recipients.
        let mei = try #require(person(r, "mei.chen@harbor-ai.example"))
        let sam = try #require(person(r, "sam.okafor@example.net"))
        #expect(
            r.interactions.contains {
                $0.actor == owner && Set($0.recipients) == [mei, sam] && $0.isGroup && $0.provenance.line == 80
            })
        // Provenance: the file and the line of the `From ` separator.
        let last = try #require(mail.max { $0.time! < $1.time! })
        #expect(last.provenance == Provenance(source: "mail", file: Self.takeoutMbox, line: 364))
        // Skipped and reported with the separator's line.
        #expect(
            r.issues.contains {
                $0.line == 306 && $0.severity == .warning && $0.message == "message without a Date header skipped"
            })
        #expect(r.issues.contains { $0.line == 316 && $0.message.contains("'Undisclosed sender' is not an e-mail") })
        #expect(r.issues.contains { $0.line == 352 && $0.message.contains("without the mbox '>' escape") })
        let summary = try #require(r.files.first)
        #expect(summary.file == Self.takeoutMbox)
        #expect(summary.rows == 28 && summary.interactions == 16 && summary.people == 9)
        #expect(summary.skipped == ["messages without a Date": 1, "messages whose From is not an address": 1])
    }

    @Test func takeoutZipReadsLikeTheFolder() throws {
        let zip = try ZipHelper.zip(folder: TestPaths.fixture("takeout"), name: "takeout")
        defer { ZipHelper.removeQuietly(zip) }
        let a = try run(TestPaths.fixture("takeout").path)
        let b = try run(zip.path)
        #expect(a.people == b.people)
        #expect(a.interactions == b.interactions)
        #expect(a.counters == b.counters)
        #expect(a.issues.map(\.message) == b.issues.map(\.message))
    }

    @Test func mboxrdWithCRLF() throws {
        let r = try run(TestPaths.fixture("mail/mboxrd-crlf.mbox").path)
        #expect(r.interactions.count == 3)
        #expect(r.issues.filter { $0.severity != .info }.isEmpty)
        // `>From ` lines are body lines: no issue, no message.
        #expect(!r.issues.contains { $0.message.contains("'From '") })
        #expect(r.people.map(\.displayName).sorted() == ["Ana Ruiz", "Bo Lind", "Sofia Chen"])
        // One thread: by In-Reply-To, then by the reduced subject (the encoded and the raw UTF-8
        // `Prüfung` are the same) and the same participants.
        #expect(Set(r.interactions.map(\.thread)).count == 1)
        #expect(r.counters["reply pairs by subject and participants"] == 1)
        #expect(r.interactions.map(\.provenance.line) == [1, 15, 28])
    }

    @Test func mboxoTruncatedWithFromLinesInBodies() throws {
        let r = try run(TestPaths.fixture("mail/mboxo-truncated.mbox").path)
        func issue(_ line: Int, _ text: String) -> Bool {
            r.issues.contains { $0.line == line && $0.message.contains(text) }
        }
        #expect(issue(16, "without the mbox '>' escape"))
        #expect(issue(18, "starts no message"))
        #expect(issue(22, "without a Date"))
        #expect(issue(30, "'Chen Sofia' is not an e-mail address"))
        #expect(issue(47, "ends inside the header of the message at line 47"))
        #expect(r.issues.contains { $0.message.contains("does not end with a line break") })
        // The rest is imported: the first message, Bo's reply and the cut message.
        #expect(r.interactions.map(\.provenance.line) == [1, 38, 47])
        #expect(r.counters["reply pairs by In-Reply-To / References"] == 1)
        let summary = try #require(r.files.first)
        #expect(summary.rows == 5)
        #expect(summary.skipped["'From ' lines that start no message"] == 1)
    }

    @Test func emlFolder() throws {
        let r = try run(TestPaths.fixture("mail/eml").path)
        #expect(r.interactions.count == 2)
        // `Ana Ruíz` (ISO-8859-1 in lunch.eml) and `Ana Ruiz` are used once each: the first by
        // name order is kept.
        #expect(r.people.map(\.displayName).sorted() == ["Ana Ruiz", "Bo Lind"])
        #expect(Set(r.interactions.map(\.thread)).count == 1)
        #expect(r.interactions.allSatisfy { $0.provenance.line == 1 })
        #expect(r.issues.contains { $0.file == "no-from.eml" && $0.line == 1 && $0.message.contains("without a From") })
        #expect(r.files.count == 1 && r.files[0].file == "3 .eml files" && r.files[0].rows == 3)
    }

    @Test func detection() throws {
        let dir = try TestPaths.tempFolder([
            "notes.txt": Data("From the desk of nobody\nhello\n".utf8),
            "Inbox": Data("From ana@x.org Tue Mar  5 09:15:00 2024\nFrom: ana@x.org\n\n".utf8),
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        // A Thunderbird folder file without an extension.
        let d = try #require(MailImporter().detect(SourceContainer(path: dir.path)))
        #expect(d.reason.contains("Inbox"))
        let other = try TestPaths.tempFolder(["notes.txt": Data("From the desk of nobody\n".utf8)])
        defer { try? FileManager.default.removeItem(at: other) }
        #expect(MailImporter().detect(try SourceContainer(path: other.path)) == nil)
        let loaded = SourceLoader().load([TestPaths.fixture("takeout").path])
        #expect(loaded[0].detection?.kind == .mail)
        #expect(loaded[0].detection?.reason.hasPrefix("Google Takeout with 1 mbox file(s)") == true)
    }

    /// An mbox of `count` messages between `people` people, with bodies, some with `From ` lines.
    static func syntheticMbox(count: Int, crlf: Bool = false) -> [UInt8] {
        var s = ""
        for i in 0..<count {
            let a = i % 7
            let b = (i * 3 + 1) % 7
            s += "From sender\(a)@x.org Mon Jan  1 00:00:00 2024\n"
            s += "From: Person \(a) <p\(a)@x.org>\nTo: p\(b == a ? (b + 1) % 7 : b)@x.org\n"
            s += "Subject: topic \(i % 5)\nDate: \(1 + i % 28) Feb 2024 10:00:00 +0000\n"
            s += "Message-ID: <m\(i)@x.org>\n" + (i % 3 == 0 && i > 0 ? "In-Reply-To: <m\(i - 1)@x.org>\n" : "") + "\n"
            for k in 0..<(i % 11) { s += "body line \(k) of message \(i) with some text to pass over\n" }
            if i % 13 == 0 { s += "From the archive: an unescaped line\n" }
            s += "\n"
        }
        return Array((crlf ? s.replacingOccurrences(of: "\n", with: "\r\n") : s).utf8)
    }

    @Test func chunkBoundariesDoNotMatter() {
        let bytes = Self.syntheticMbox(count: 200, crlf: true)
        var whole = PartScanner(file: 0, single: false)
        bytes.withUnsafeBufferPointer { whole.feed($0) }
        whole.finish(endOfFile: true)
        for size in [1, 7, 64, 4096] {
            var part = PartScanner(file: 0, single: false)
            bytes.withUnsafeBufferPointer { buf in
                var i = 0
                while i < buf.count {
                    part.feed(UnsafeBufferPointer(rebasing: buf[i..<min(buf.count, i + size)]))
                    i += size
                }
            }
            part.finish(endOfFile: true)
            #expect(part.messages == whole.messages, "chunks of \(size)")
            #expect(part.lines == whole.lines)
        }
        #expect(whole.messages.count == 200)
        #expect(whole.issues.kept.filter { $0.kind == "unescaped From line" }.count == 16)
    }

    @Test func rangesOnSeveralCoresMatchOneScan() throws {
        let dir = try TestPaths.tempFolder(["big.mbox": Data(Self.syntheticMbox(count: 3000))])
        defer { try? FileManager.default.removeItem(at: dir) }
        let container = try SourceContainer(path: dir.path)
        let one = try Parallel.withWorkers(1) {
            try MboxScanner.scan(container, entry: "big.mbox", file: 0, label: "mail", splitAt: 1)
        }
        for workers in [2, 3, 5] {
            let many = try Parallel.withWorkers(workers) {
                try MboxScanner.scan(container, entry: "big.mbox", file: 0, label: "mail", splitAt: 1)
            }
            #expect(many.messages == one.messages, "\(workers) workers")
            #expect(many.issues == one.issues)
            #expect(many.summary == one.summary)
            #expect(many.lines == one.lines)
        }
        #expect(one.messages.count == 3000)
        // 3000 / 13 unescaped lines: 50 listed, the rest in one summary.
        #expect(one.issues.count == 51)
        #expect(one.issues.last?.message.hasPrefix("181 more issues like") == true)
    }

    @Test func ownerRules() throws {
        func mbox(_ messages: [(from: String, to: String, extra: String)]) throws -> URL {
            var s = ""
            for (i, m) in messages.enumerated() {
                s += "From x Mon Jan  1 00:00:00 2024\nFrom: \(m.from)\nTo: \(m.to)\n\(m.extra)"
                s += "Date: \(i + 1) Feb 2024 10:00:00 +0000\nMessage-ID: <o\(i)@x.org>\n\nhi\n\n"
            }
            return try TestPaths.tempFolder(["m.mbox": Data(s.utf8)])
        }
        let dir = try mbox([
            ("ana@x.org", "bo@y.org", ""), ("bo@y.org", "ana@x.org", ""), ("cy@z.org", "ana@x.org", ""),
            ("ana@x.org", "cy@z.org, Dee <dee@w.org>", ""), ("bo@y.org", "cy@z.org", "Delivered-To: cy@z.org\n"),
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        func owner(_ options: ImportOptions) throws -> [String] {
            let r = try run(dir.path, options: options)
            return r.owner.map { r.people[Int($0)].emails } ?? []
        }
        // The Takeout account: Delivered-To.
        #expect(try owner(ImportOptions()) == ["cy@z.org"])
        // --owner-email wins, and may name several addresses (one owner record).
        #expect(try owner(ImportOptions(ownerEmails: ["bo@y.org", "dee@w.org"])) == ["bo@y.org", "dee@w.org"])
        let without = try mbox([
            ("ana@x.org", "bo@y.org", ""), ("bo@y.org", "ana@x.org", ""), ("ana@x.org", "cy@z.org", ""),
        ])
        defer { try? FileManager.default.removeItem(at: without) }
        let r = try run(without.path)
        // The address on the most personal messages.
        #expect(r.owner.map { r.people[Int($0)].emails } == ["ana@x.org"])
        // Another source's owner whose e-mails the mail uses.
        var o = ImportOptions()
        o.sourceOwnerEmails = [["zed@q.org"], ["bo@y.org", "bo@home.example"]]
        let withOwners = try run(without.path, options: o)
        #expect(withOwners.owner.map { withOwners.people[Int($0)].emails } == ["bo@y.org"])
    }

    @Test func calendarMembersOfATakeoutAreReadWithTheMail() throws {
        let mbox = try Data(contentsOf: TestPaths.fixture("takeout").appendingPathComponent(Self.takeoutMbox))
        let ics = """
            BEGIN:VCALENDAR\r
            VERSION:2.0\r
            BEGIN:VEVENT\r
            UID:m1@example.com\r
            DTSTART:20240305T090000Z\r
            DTEND:20240305T100000Z\r
            SUMMARY:Pilot review\r
            ORGANIZER:mailto:noor.haddad@example.com\r
            ATTENDEE;PARTSTAT=ACCEPTED:mailto:linnea.vik@example.com\r
            END:VEVENT\r
            END:VCALENDAR\r

            """
        let dir = try TestPaths.tempFolder([
            Self.takeoutMbox: mbox, "Takeout/Calendar/noor.haddad@example.com.ics": Data(ics.utf8),
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let d = try #require(MailImporter().detect(try SourceContainer(path: dir.path)))
        #expect(d.reason.hasSuffix("and 1 calendar(s)"))
        let r = try run(dir.path)
        #expect(r.interactions.filter { $0.flags.contains(.mail) }.count == 16)
        let meetings = r.interactions.filter { $0.kind == .meeting }
        #expect(meetings.count == 1)
        // The organizer and the attendee are the mail's records: one person per address.
        let owner = try #require(r.owner)
        let linnea = try #require(person(r, "linnea.vik@example.com"))
        #expect(meetings.first?.actor == owner && meetings.first?.recipients == [linnea])
        #expect(r.people.filter { $0.emails.contains("linnea.vik@example.com") }.count == 1)
        #expect(r.files.contains { $0.file == "Takeout/Calendar/noor.haddad@example.com.ics" })
    }

    @Test func reportColumnsMergesAndExplain() throws {
        let root = TestPaths.repoRoot()
        let config = RunConfiguration(
            sources: ["fixtures/linkedin", "fixtures/takeout"].map { root.appendingPathComponent($0).path })
        let out = try ReportPipeline.run(config)
        let people = try #require(out.files.first { $0.name == "people.csv" })
        let text = String(decoding: people.contents, as: UTF8.self).replacingOccurrences(of: "\u{FEFF}", with: "")
        #expect(
            text.hasPrefix(
                "person_id,name,company,position,profile_url,email,sources,connected_on,first_interaction,last_interaction,messages_in,messages_out,emails_in,emails_out,"
            ))
        let linnea = try #require(
            text.split(separator: "\n").first { $0.contains(",Linnea Vik, PMP") || $0.contains("\"Linnea Vik, PMP\"") })
        let cells = linnea.split(separator: ",", omittingEmptySubsequences: false)
        // LinkedIn messages and e-mails are counted apart (the name holds a comma: one more cell).
        #expect(cells.count >= 15)
        #expect(linnea.contains("linkedin;mail"))
        #expect(linnea.contains(",2,2,2,2,"))
        let merges = String(decoding: try #require(out.files.first { $0.name == "merges.csv" }).contents, as: UTF8.self)
        #expect(merges.contains(",same_email,1.0,email:linnea.vik@example.com"))
        #expect(merges.contains(",same_email,1.0,email:noor.haddad@example.com"))
        // Owed replies from mail.
        let alerts = String(decoding: try #require(out.files.first { $0.name == "alerts.csv" }).contents, as: UTF8.self)
        #expect(alerts.contains("owed_reply,p96cd8a66d24c6126,Samuel Okafor"))
        // explain shows the mail evidence with file and line.
        let ledger = try ExplainPipeline.run(person: "sam.okafor@example.net", config)
        #expect(ledger.contains("(1 e-mail)"))
        #expect(ledger.contains("All mail Including Spam and Trash.mbox #364"))
    }
}
