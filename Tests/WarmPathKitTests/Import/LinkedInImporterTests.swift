import Foundation
import Testing
@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

/// Locations of the repository's fixtures and of the shared sample data, from `#filePath`.
enum LinkedInTestData {
    /// The folder holding Package.swift (symlinks resolved).
    static func repoRoot(_ file: String = #filePath) -> URL? {
        var dir = URL(fileURLWithPath: file).resolvingSymlinksInPath().deletingLastPathComponent()
        while dir.path != "/" {
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) { return dir }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }

    static var fixture: URL? {
        repoRoot()?.appendingPathComponent("fixtures/linkedin")
    }

    /// `../shared/data/exports/linkedin`, or nil when absent (``TestPaths/shared(_:)``).
    static var sharedExports: URL? { TestPaths.shared("exports/linkedin") }

    /// A temporary folder with the given files (name → text); the caller removes it.
    static func folder(_ files: [String: String]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("li-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, text) in files {
            try Data(text.utf8).write(to: dir.appendingPathComponent(name))
        }
        return dir
    }

    static func importFolder(_ url: URL) throws -> SourceImport {
        try LinkedInImporter().importSource(SourceContainer(path: url.path), options: ImportOptions())
    }
}

@Suite struct LinkedInImporterTests {
    let fixture: SourceImport

    init() throws {
        let url = try #require(LinkedInTestData.fixture)
        fixture = try LinkedInTestData.importFolder(url)
    }

    func person(_ name: String) -> (ref: LocalPersonRef, record: PersonRecord)? {
        guard let i = fixture.people.firstIndex(where: { $0.displayName == name }) else { return nil }
        return (LocalPersonRef(i), fixture.people[i])
    }

    func summary(_ file: String) -> FileSummary? { fixture.files.first { $0.file == file } }

    func interactions(_ kind: InteractionKind) -> [Interaction] { fixture.interactions.filter { $0.kind == kind } }

    @Test func detectsTheArchiveByContent() throws {
        let url = try #require(LinkedInTestData.fixture)
        let d = try #require(LinkedInImporter().detect(SourceContainer(path: url.path)))
        #expect(d.kind == .linkedin)
        #expect(d.confidence == 95)
        // A file named Connections.csv from another tool is not a LinkedIn archive.
        let other = try LinkedInTestData.folder(["Connections.csv": "id,name\n1,Ana\n"])
        defer { try? FileManager.default.removeItem(at: other) }
        #expect(LinkedInImporter().detect(try SourceContainer(path: other.path)) == nil)
    }

    @Test func exactCounts() {
        #expect(fixture.kind == .linkedin)
        #expect(fixture.label == "linkedin")
        #expect(fixture.people.count == 37)
        #expect(fixture.interactions.count == 77)
        #expect(interactions(.connection).count == 30)
        #expect(interactions(.message).count == 24)
        #expect(interactions(.invitation).count == 4)
        #expect(interactions(.endorsement).count == 10)
        #expect(interactions(.recommendation).count == 4)
        #expect(interactions(.affiliation).count == 5)
        #expect(
            fixture.ownerSkills == [
                "Negotiation", "Partnerships", "Sales", "Logistics", "Leadership", "Program Management",
            ])
        #expect(fixture.issues.count == 3)
        #expect(fixture.newestTime.map(ReportDate.day) == "2024-03-20")
    }

    @Test func fileSummaries() {
        #expect(summary("Profile.csv") == FileSummary(file: "Profile.csv", rows: 1, people: 1))
        #expect(
            summary("Connections.csv")
                == FileSummary(
                    file: "Connections.csv", rows: 31, people: 30, interactions: 30, skipped: ["blank rows": 1]))
        #expect(
            summary("messages.csv")
                == FileSummary(
                    file: "messages.csv", rows: 25, people: 3, interactions: 24, skipped: ["hidden senders": 1]))
        #expect(
            summary("Invitations.csv")
                == FileSummary(
                    file: "Invitations.csv", rows: 5, people: 1, interactions: 4, skipped: ["malformed rows": 1]))
        #expect(
            summary("guide_messages.csv")
                == FileSummary(file: "guide_messages.csv", rows: 2, skipped: ["AI coach messages": 2]))
        #expect(summary("Endorsement_Received_Info.csv")?.interactions == 7)
        #expect(summary("Skills.csv")?.rows == 6)
        #expect(fixture.files.count == 13)
        #expect(fixture.counters["blank connection rows"] == 1)
        #expect(fixture.counters["LinkedIn Member messages"] == 1)
    }

    @Test func ownerFromProfileMessagesAndEmails() throws {
        let owner = try #require(fixture.owner)
        let o = fixture.people[Int(owner)]
        #expect(o.isOwner)
        #expect(o.displayName == "Noor Haddad")
        #expect(o.profileURLs == ["https://www.linkedin.com/in/noor-haddad-7f3e21"])
        #expect(o.emails == ["noor.haddad@example.com", "noor.h@example.org"])
        #expect(o.company == "Northwind Logistics")
        #expect(fixture.people.filter(\.isOwner).count == 1)
        // Every connection points from the owner.
        #expect(interactions(.connection).allSatisfy { $0.actor == owner && $0.recipients.count == 1 })
    }

    @Test func connectionQuirks() throws {
        // Credentials after a comma, emoji, formula-looking name, quotes in company.
        let linnea = try #require(person("Linnea Vik, PMP"))
        #expect(linnea.record.lastName == "Vik, PMP")
        #expect(linnea.record.emails == ["linnea.vik@example.com"])
        #expect(person("Tomás 🚀 Reyes") != nil)
        #expect(person("=cmd Robles")?.record.company == "Quartz Legal")
        #expect(person("Olga Ivanova")?.record.company == "\"Quoted\" Ventures, LLC")
        // Trailing slash + mixed case URL canonicalised and joined with the endorsement's scheme-less URL.
        let kofi = try #require(person("Kofi Mensah"))
        #expect(kofi.record.profileURLs == ["https://www.linkedin.com/in/kofi-mensah-22"])
        let ops = try #require(interactions(.endorsement).first { $0.detail == "Operations" })
        #expect(ops.recipients == [kofi.ref])
        // BOM + preamble: first data row is physical line 5; the blank row (line 12) is no person.
        #expect(
            interactions(.connection).first?.provenance
                == Provenance(source: "linkedin", file: "Connections.csv", line: 5))
        #expect(fixture.issues.contains { $0.file == "Connections.csv" && $0.line == 12 })
        #expect(!fixture.people.contains { $0.displayName.isEmpty })
        // No final newline: the last row is read.
        #expect(person("Olga Ivanova") != nil)
        #expect(interactions(.connection).first?.time == DateParser.parse("14 Mar 2024"))
    }

    @Test func messagesThreadsGroupsAndFlags() throws {
        let msgs = interactions(.message)
        let owner = try #require(fixture.owner)
        // Group of four: recipients from RECIPIENT PROFILE URLS, although a TO name has a comma.
        let group = msgs.filter { $0.thread == "2-R3JvdXAtUTEtcGxhbm5pbmc=" }
        #expect(group.count == 4)
        #expect(group.allSatisfy { $0.isGroup && $0.recipients.count == 3 && $0.detail == "Q1 planning" })
        #expect(msgs.filter(\.isGroup).count == 4)
        // Reply pattern with Linnea: alternating sender.
        let linnea = try #require(person("Linnea Vik, PMP")).ref
        let thread = msgs.filter { $0.thread == "2-TGlubmVhLU5vb3ItMDE=" }.sorted { ($0.time ?? 0) < ($1.time ?? 0) }
        #expect(thread.map(\.actor) == [linnea, owner, linnea, owner])
        // HTML stripped, entities decoded, e-mail token kept.
        #expect(thread[2].text == "Hi Noor,\nThursday works. I'll bring the Q1 numbers & the draft plan.")
        #expect(thread[0].text == "Congrats on the new role! Contact me at <linnea.vik@example.com> anytime.")
        #expect(thread[1].text == "Could we meet this week to go over the pilot?\n• scope\n• budget < 50k")
        // Multi-line raw content.
        let multi = try #require(msgs.first { $0.provenance.line == 7 })
        #expect(multi.text == "Great to meet you at the expo.\nSending the deck now.\n\nBest, Noor")
        // Broadcast: one template to four people.
        let template = msgs.filter { $0.detail == "Roundtable invite" }
        #expect(template.count == 4)
        #expect(Set(template.compactMap(\.text)).count == 1)
        #expect(Set(template.flatMap(\.recipients)).count == 4)
        #expect(template.allSatisfy { $0.actor == owner && !$0.isGroup })
        // Unanswered inbound from a non-connection recruiter.
        let grace = try #require(person("Grace Whitfield"))
        #expect(msgs.filter { $0.actor == grace.ref }.count == 1)
        #expect(msgs.filter { $0.recipients.contains(grace.ref) }.isEmpty)
        // Flags.
        #expect(msgs.filter { $0.flags.contains(.sponsored) }.count == 1)
        #expect(msgs.filter { $0.flags.contains(.spam) }.count == 1)
        #expect(msgs.filter { $0.flags.contains(.draft) }.count == 1)
        #expect(msgs.filter { $0.flags.contains(.empty) }.map(\.provenance.line) == [6])
        // The LinkedIn Member message is not a person and is reported.
        #expect(!fixture.people.contains { $0.displayName == "LinkedIn Member" })
        #expect(fixture.issues.contains { $0.file == "messages.csv" && $0.line == 22 && $0.severity == .info })
        // AI coach chat creates nobody.
        #expect(!fixture.people.contains { $0.displayName == "LinkedIn Coach" })
        #expect(!fixture.interactions.contains { $0.provenance.file == "guide_messages.csv" })
    }

    @Test func invitationsWithNotesAndMalformedRow() throws {
        let inv = interactions(.invitation)
        let owner = try #require(fixture.owner)
        #expect(inv.filter { $0.flags.contains(.withNote) }.count == 2)
        #expect(inv.filter { $0.actor == owner }.count == 2)
        #expect(inv.filter { $0.recipients == [owner] }.count == 2)
        let malformed = try #require(fixture.issues.first { $0.file == "Invitations.csv" })
        #expect(malformed.line == 5)
        #expect(malformed.severity == .warning)
        // The rows before and after the malformed one are kept.
        #expect(inv.map(\.provenance.line) == [2, 3, 4, 6])
        #expect(person("Wei Zhang")?.record.profileURLs == ["https://www.linkedin.com/in/wei-zhang-pending"])
    }

    @Test func endorsementsBurstAndStatus() throws {
        let end = interactions(.endorsement)
        let victor = try #require(person("Victor Lang"))
        #expect(victor.record.profileURLs == ["https://www.linkedin.com/in/victor-lang-99"])
        let burst = end.filter { $0.actor == victor.ref }
        #expect(burst.count == 5)
        let times = burst.compactMap(\.time)
        #expect(times.count == 5 && times.max()! - times.min()! < 60)
        #expect(end.filter { $0.flags.contains(.notAccepted) }.map(\.detail) == ["Freight"])
        let linnea = try #require(person("Linnea Vik, PMP"))
        #expect(end.contains { $0.actor == linnea.ref && $0.detail == "Program Management" })
    }

    @Test func recommendationsMatchedByName() throws {
        let recs = interactions(.recommendation)
        let linnea = try #require(person("Linnea Vik, PMP"))
        let fromLinnea = try #require(recs.first { $0.actor == linnea.ref })
        #expect(fromLinnea.text?.contains("\"cannot\" close") == true)
        #expect(fromLinnea.flags.isEmpty)
        let henrik = try #require(person("Henrik Dahl"))
        #expect(henrik.record.nameOnly)
        #expect(recs.first { $0.actor == henrik.ref }?.flags == .notAccepted)
        let aiko = try #require(person("Aiko Tanaka"))
        #expect(recs.first { $0.recipients == [aiko.ref] }?.flags == .notAccepted)
    }

    @Test func affiliations() {
        let aff = interactions(.affiliation)
        #expect(aff.filter { $0.flags.contains(.school) }.map(\.detail) == ["University of Bergen", "INSEAD"])
        let current = aff.first { $0.detail == "Northwind Logistics" }
        #expect(current?.endTime == nil)
        #expect(current?.time == DateParser.parse("Jan 2022"))
        #expect(aff.first { $0.detail == "Corvid Media" }?.endTime == DateParser.parse("2018"))
        #expect(aff.allSatisfy { $0.recipients.isEmpty && $0.actor == fixture.owner })
    }

    @Test func everythingHasProvenance() {
        #expect(fixture.people.allSatisfy { $0.provenance.source == "linkedin" && $0.provenance.line > 0 })
        #expect(fixture.interactions.allSatisfy { $0.provenance.source == "linkedin" && $0.provenance.line > 1 })
        // One record per identity.
        let urls = fixture.people.flatMap(\.profileURLs)
        #expect(Set(urls).count == urls.count)
    }

    @Test func zipAndFolderImportIdentically() throws {
        let url = try #require(LinkedInTestData.fixture)
        let zip = try ZipHelper.zip(folder: url, name: "linkedin-fixture")
        defer { ZipHelper.removeQuietly(zip) }
        let container = try SourceContainer(path: zip.path)
        #expect(container.isArchive)
        #expect(LinkedInImporter().detect(container)?.confidence == 95)
        let fromZip = try LinkedInImporter().importSource(container, options: ImportOptions())
        #expect(fromZip.people == fixture.people)
        #expect(fromZip.interactions == fixture.interactions)
        #expect(fromZip.files == fixture.files)
        #expect(fromZip.issues == fixture.issues)
        #expect(fromZip.ownerSkills == fixture.ownerSkills)
    }

    @Test func messagesReadInStretchesImportIdentically() throws {
        // The fixture's messages.csv is small; tiny stretches make it split (with quoted
        // multi-line cells, a hidden sender and an unreadable date among its rows).
        let url = try #require(LinkedInTestData.fixture)
        let table = try CSVTable.open(
            Data(contentsOf: url.appendingPathComponent("messages.csv")),
            requiredColumns: LinkedInColumns.messagesRequired)
        for parts in [2, 3] {
            let stretches = table.readRecords(parts: parts, minimumBytes: 16) { reader in
                while reader.next() != nil {}
                return 0
            }
            #expect(stretches.count == parts)
            var run = LinkedInImportRun(container: try SourceContainer(path: url.path), label: "linkedin")
            run.messageStretches = (parts, 16)
            try run.run()
            let split = run.result()
            #expect(split.people == fixture.people)
            #expect(split.interactions == fixture.interactions)
            #expect(split.files == fixture.files)
            #expect(split.issues == fixture.issues)
        }
    }

    @Test func looseFilesAndCustomLabel() throws {
        let url = try #require(LinkedInTestData.fixture)
        let container = try SourceContainer(files: [
            url.appendingPathComponent("Connections.csv").path, url.appendingPathComponent("messages.csv").path,
        ])
        let r = try LinkedInImporter().importSource(container, options: ImportOptions(label: "linkedin#2"))
        #expect(r.interactions.filter { $0.kind == .connection }.count == 30)
        #expect(r.interactions.filter { $0.kind == .message }.count == 24)
        #expect(r.interactions.allSatisfy { $0.provenance.source == "linkedin#2" })
        // Without Profile.csv the owner is still found from messages.
        let owner = try #require(r.owner)
        #expect(r.people[Int(owner)].profileURLs == ["https://www.linkedin.com/in/noor-haddad-7f3e21"])
        #expect(r.people[Int(owner)].displayName == "Noor Haddad")
    }

    @Test func nothingUsableThrowsNamingThePath() throws {
        let dir = try LinkedInTestData.folder(["Skills.csv": "Name\nSales\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect {
            try LinkedInTestData.importFolder(dir)
        } throws: { error in
            guard case ImportError.nothingUsable(let path, _) = error else { return false }
            return path == dir.path
        }
    }

    @Test func connections2018WithoutURL() throws {
        let dir = try LinkedInTestData.folder([
            "Connections.csv": """
            First Name,Last Name,Email Address,Company,Position,Connected On
            Ana,Ruiz,,Acme,CEO,"1/8/18, 6:14 PM"
            Ben,Ode,ben@example.com,,,"12/30/17, 9:00 AM"
            Ana,Ruiz,,Acme,CEO,"1/9/18, 6:14 PM"

            """,
            "Recommendations_Received.csv": """
            First Name,Last Name,Company,Job Title,Text,Creation Date,Status
            ANA,Ruiz,Acme,CEO,"Great.",1/1/23,VISIBLE

            """,
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try LinkedInTestData.importFolder(dir)
        let ana = try #require(r.people.firstIndex { $0.displayName == "Ana Ruiz" })
        #expect(r.people[ana].nameOnly)
        #expect(r.people.filter { $0.displayName == "Ana Ruiz" }.count == 1)
        #expect(r.people.first { $0.displayName == "Ben Ode" }?.emails == ["ben@example.com"])
        let conns = r.interactions.filter { $0.kind == .connection }
        #expect(conns.first?.time == DateParser.parse("1/8/18, 6:14 PM"))
        #expect(r.interactions.first { $0.kind == .recommendation }?.actor == LocalPersonRef(ana))
    }

    @Test func excelResavedConnections() throws {
        let text =
            "Connected On,Company,Last Name,First Name,URL,Email Address,Position\r\n"
            + "18-Jun-24,NA,Lind,Eva,https://www.linkedin.com/in/eva-lind,NA,NA\r\n"
            + "7-Feb-22,Acme,Berg,Jon,NA,NA,Buyer\r\n"
        let dir = try LinkedInTestData.folder(["Connections.csv": text])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try LinkedInTestData.importFolder(dir)
        let eva = try #require(r.people.first { $0.displayName == "Eva Lind" })
        #expect(eva.company == "")
        #expect(eva.emails.isEmpty)
        #expect(r.people.first { $0.displayName == "Jon Berg" }?.profileURLs == [])
        #expect(
            r.interactions.compactMap(\.time) == [DateParser.parse("18 Jun 2024")!, DateParser.parse("07 Feb 2022")!])
        #expect(r.issues.filter { $0.severity != .info }.isEmpty)
    }

    @Test func messages2018WithDirection() throws {
        let dir = try LinkedInTestData.folder([
            "Connections.csv":
                "First Name,Last Name,Email Address,Company,Position,Connected On\nAna,Ruiz,,Acme,CEO,\"1/8/18, 6:14 PM\"\n",
            "Messages.csv": """
            From,To,Date,Subject,Content,Direction,Folder
            Ana Ruiz,Me Myself,"10/16/18, 8:36 AM",Hi,Hello there,INCOMING,INBOX
            Me Myself,Ana Ruiz,"10/16/18, 9:00 AM",Re: Hi,Hi Ana,OUTGOING,SENT
            Zed Stranger,Me Myself,"10/17/18, 9:00 AM",,Buy now,INCOMING,INBOX

            """,
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try LinkedInTestData.importFolder(dir)
        let owner = try #require(r.owner)
        let ana = try #require(r.people.firstIndex { $0.displayName == "Ana Ruiz" })
        let msgs = r.interactions.filter { $0.kind == .message }
        #expect(msgs.count == 3)
        #expect(msgs[0].actor == LocalPersonRef(ana) && msgs[0].recipients == [owner])
        #expect(msgs[1].actor == owner && msgs[1].recipients == [LocalPersonRef(ana)])
        #expect(msgs[0].thread == msgs[1].thread)
        #expect(r.people.first { $0.displayName == "Zed Stranger" }?.nameOnly == true)
        #expect(r.people.count == 3)
    }

    @Test(arguments: [
        ("<p>Hi Marta,</p><p>Thanks &amp; talk soon</p>", "Hi Marta,\nThanks & talk soon"),
        ("a&nbsp;b &lt;c&gt; &#39;d&#39; &#x1F600; &bogus; & e", "a b <c> 'd' 😀 &bogus; & e"),
        ("Mail <ana@example.com> or x < y > z", "Mail <ana@example.com> or x < y > z"),
        ("<ul><li>one</li><li>two</li></ul>", "• one\n• two"),
        ("<script>alert(1)</script>ok<!-- hidden --> <b>bold</b>", "ok bold"),
        ("  line one  \r\n\r\n\r\n  line  two ", "line one\n\nline two"),
        ("<p>unclosed <em", "unclosed <em"),
        ("", ""),
    ])
    func textCleaner(html: String, text: String) {
        #expect(TextCleaner.plainText(html) == text)
    }

    @Test func sendersWithoutURLAreHiddenMembers() throws {
        let me = "https://www.linkedin.com/in/me-myself"
        let ana = "https://www.linkedin.com/in/ana-ruiz"
        let dir = try LinkedInTestData.folder([
            "messages.csv": """
            CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER
            c1,,Ana Ruiz,\(ana),Me Myself,\(me),2024-03-01 10:00:00 UTC,,hi,INBOX
            c1,,Me Myself,\(me),Ana Ruiz,\(ana),2024-03-01 11:00:00 UTC,,hello,INBOX
            c2,,Bob Noname,,Me Myself,\(me),2024-03-02 10:00:00 UTC,,x,INBOX
            c3,,,,Me Myself,\(me),2024-03-03 10:00 UTC,,y,INBOX
            c4,,LinkedIn Member,https://www.linkedin.com/in/ACoAAB123,Me Myself,\(me),2024-03-04 10:00:00 UTC,,z,INBOX

            """
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try LinkedInTestData.importFolder(dir)
        let owner = try #require(r.owner)
        #expect(r.people[Int(owner)].displayName == "Me Myself")
        #expect(r.people[Int(owner)].profileURLs == [me])
        let msgs = r.interactions.filter { $0.kind == .message }
        #expect(msgs.map(\.provenance.line) == [2, 3, 6])
        #expect(r.files.first?.skipped == ["hidden senders": 2])
        #expect(r.issues.filter { $0.severity == .info && $0.file == "messages.csv" }.map(\.line) == [4, 5])
        // A hidden member with a URL is a person named by the URL slug, never "LinkedIn Member".
        #expect(r.people.contains { $0.displayName == "acoaab123" })
        #expect(!r.people.contains { $0.displayName == "LinkedIn Member" || $0.displayName == "Bob Noname" })
    }

    @Test func invitationsWithURNs() throws {
        let dir = try LinkedInTestData.folder([
            "Connections.csv":
                "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nAna,Ruiz,https://www.linkedin.com/in/ana-ruiz,,Acme,CEO,07 Mar 2023\n",
            "Invitations.csv": """
            From,To,Sent At,Message,Direction,inviterProfileUrn,inviteeProfileUrn
            Me Myself,Ana Ruiz,"3/1/23, 11:20 AM",,OUTGOING,urn:li:member:1,urn:li:member:2
            Kim Lee,Me Myself,"3/12/24, 1:20 PM",Hello!,INCOMING,urn:li:member:3,urn:li:member:1
            Kim Lee,Me Myself,"3/13/24, 1:20 PM",,INCOMING,urn:li:member:3,urn:li:member:1

            """,
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try LinkedInTestData.importFolder(dir)
        let inv = r.interactions.filter { $0.kind == .invitation }
        let ana = try #require(r.people.firstIndex { $0.displayName == "Ana Ruiz" })
        #expect(inv.count == 3)
        // A URN cannot join a URL: Ana is joined by name to her connection.
        #expect(inv[0].recipients == [LocalPersonRef(ana)])
        let kim = r.people.filter { $0.displayName == "Kim Lee" }
        #expect(kim.count == 1)
        #expect(kim.first?.attributes["linkedin.urn"] == "urn:li:member:3")
        #expect(inv[1].flags == .withNote && inv[2].flags.isEmpty)
    }
}
