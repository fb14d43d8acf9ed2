import Foundation
import Testing
@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

@Suite struct ContactsImporterTests {
    func importFixture() throws -> SourceImport {
        let c = try SourceContainer(path: TestPaths.fixture("contacts").path)
        return try ContactsImporter().importSource(c, options: ImportOptions())
    }

    @Test func fixtureFolderImportsEveryFormat() throws {
        let r = try importFixture()
        let names = Set(r.people.map(\.displayName))
        #expect(r.people.count == 10)
        #expect(
            names.isSuperset(of: [
                "Samuel Okafor", "Hannah Lindqvist", "Luis Fernández (Tarragona)", "Mei Chen", "Chloé Martin",
                "Grace Kim",
                "David Osei", "=cmd Robles", "only.an.address@example.com",
            ]))
        #expect(
            r.files.map(\.file).sorted() == [
                "android.vcf", "board.xcard.xml", "google.csv", "iphone.vcf", "outlook.csv", "team.jcard.json",
            ])
        // The card with nothing that identifies anyone is reported, not silently dropped.
        #expect(
            r.issues.contains { $0.file == "android.vcf" && $0.message.contains("without a name") && $0.line == 13 })
        // Windows-1252 Outlook file is reported and decoded.
        #expect(r.issues.contains { $0.file == "outlook.csv" && $0.message.contains("Windows-1252") })
    }

    @Test func identityFieldsJoinAcrossSources() throws {
        let r = try importFixture()
        let sam = try #require(r.people.first { $0.displayName == "Samuel Okafor" })
        #expect(sam.emails == ["sam.okafor@example.net"])
        #expect(sam.profileURLs == ["https://www.linkedin.com/in/samuel-okafor-9"])
        #expect(sam.company == "Greyhaven Health")
        #expect(sam.position == "CFO")
        #expect(sam.phones == ["+4740000001"])
        let hannah = try #require(r.people.first { $0.displayName == "Hannah Lindqvist" })
        #expect(hannah.position == "Head of Procurement")  // folded line
        let mei = try #require(r.people.first { $0.displayName == "Mei Chen" })
        #expect(mei.emails == ["mei.chen@harbor-ai.example", "mei@personal.example"])  // ` ::: ` multi-value
        #expect(mei.profileURLs == ["https://www.linkedin.com/in/mei-chen-harbor"])
        let grace = try #require(r.people.first { $0.displayName == "Grace Kim" })
        #expect(grace.phones == ["+14155550106"])
        #expect(grace.company == "Seabird Capital")
        let david = try #require(r.people.first { $0.displayName == "David Osei" })
        #expect(david.lastName == "Osei" && david.emails == ["david.osei@kente.example"])
        let landline = try #require(r.people.first { $0.phones == ["+4722000000"] })
        #expect(!landline.nameOnly)
    }

    @Test func vCardQuirks() {
        let text =
            "BEGIN:vCard\r\nVERSION:3.0\r\nFN:Ana\\, the \\\"best\\\"\r\nN:Ruiz;Ana;;;\r\nORG:Acme\\; Sons;Sales\r\nEMAIL;TYPE=\"work,pref\":ana@acme.example\r\nEND:vCard\r\n"
            + "BEGIN:VCARD\nVERSION:2.1\nKEY;X509;ENCODING=BASE64:\n    MIICajCCAdOgAwIBAgICBEUwDQYJKoZIhvcNAQEEBQAwdzELMAkGA1UEBhMCVVMx\n    LDAqBgNVBAoTI05ldHNjYXBlIENvbW11bmljYXRpb25zIENvcnBvcmF0aW9uMRww\n\nFN:Bo\nEND:VCARD\n"
            + "BEGIN:VCARD\nVERSION:4.0\nFN:Unterminated"
        let r = VCardReader.parse(Data(text.utf8), file: "x.vcf", source: "vcard")
        #expect(r.cards.count == 3)
        #expect(r.cards[0].contactCard.displayName == "Ana, the \"best\"")
        #expect(r.cards[0].contactCard.organization == "Acme; Sons")
        #expect(r.cards[0].first("EMAIL")?.types == ["work", "pref"])
        #expect(r.cards[1].contactCard.displayName == "Bo")
        #expect(r.cards[1].version == "2.1")
        #expect(r.issues.count == 1 && r.issues[0].message.contains("END:VCARD") && r.issues[0].line == 16)
    }

    @Test func quotedPrintableFoldInsideMultibyteCharacter() {
        // "Ñ" = C3 91 split by a soft line break.
        let text =
            "BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:A=C3=\r\n=91B\r\nEND:VCARD\r\n"
        let r = VCardReader.parse(Data(text.utf8), file: "x.vcf", source: "vcard")
        #expect(r.cards.first?.contactCard.displayName == "AÑB")
        // A 3.0 fold inside a multi-byte character (unfolded on bytes).
        var bytes =
            Array("BEGIN:VCARD\r\nFN:A".utf8) + [0xC3] + Array("\r\n ".utf8) + [0x91] + Array("B\r\nEND:VCARD\r\n".utf8)
        bytes += []
        let r2 = VCardReader.parse(Data(bytes), file: "y.vcf", source: "vcard")
        #expect(r2.cards.first?.contactCard.displayName == "AÑB")
    }

    @Test func detectionByContentNotName() throws {
        let dir = try TestPaths.tempFolder([
            "export.txt": Data("BEGIN:VCARD\nVERSION:3.0\nFN:Kim\nEMAIL:kim@example.com\nEND:VCARD\n".utf8)
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let c = try SourceContainer(path: dir.path)
        let d = try ImporterRegistry.standard.detect(c)
        #expect(d.detection.kind == .vcard)
    }

    @Test(.requiresSharedData("exports/vcard/ez-vcard"))
    func everySharedVCardSampleImports() throws {
        let dir = try #require(TestPaths.shared("exports/vcard/ez-vcard"))
        let expectedCards: [String: Int] = [
            "John_Doe_ANDROID.vcf": 6, "John_Doe_BLACK_BERRY.vcf": 1, "John_Doe_EVOLUTION.vcf": 1,
            "John_Doe_GMAIL.vcf": 1,
            "John_Doe_IPHONE.vcf": 1, "John_Doe_LOTUS_NOTES.vcf": 1, "John_Doe_MAC_ADDRESS_BOOK.vcf": 1,
            "John_Doe_MS_OUTLOOK.vcf": 1, "fullcontact.vcf": 1, "gmail-list.vcf": 3, "gmail-single.vcf": 1,
            "gmail-single2.vcf": 1, "outlook-2003.vcf": 1, "outlook-2007.vcf": 1, "rfc2426-example.vcf": 2,
            "rfc6350-example.vcf": 1, "thunderbird-MoreFunctionsForAddressBook-extension.vcf": 1,
        ]
        for (file, count) in expectedCards {
            let data = try Data(contentsOf: dir.appendingPathComponent(file))
            let r = VCardReader.parse(data, file: file, source: "vcard")
            #expect(r.cards.count == count, "\(file)")
            #expect(r.cards.allSatisfy { !$0.contactCard.isEmpty }, "\(file)")
        }
        let iphone = VCardReader.parse(
            try Data(contentsOf: dir.appendingPathComponent("John_Doe_IPHONE.vcf")), file: "i", source: "v")
        let card = try #require(iphone.cards.first?.contactCard)
        #expect(card.displayName == "Mr. John Richter James Doe Sr.")
        #expect(card.organization == "IBM" && card.title == "Money Counter")
        #expect(card.emails == ["john.doe@ibm.com"])
        #expect(card.urls == ["http://www.ibm.com"])
        let android = VCardReader.parse(
            try Data(contentsOf: dir.appendingPathComponent("John_Doe_ANDROID.vcf")), file: "a", source: "v")
        #expect(android.cards[2].contactCard.displayName == "Ñ Ñ Ñ Ñ Ñ")
        let jcard = try JSONReader.parse(Data(contentsOf: dir.appendingPathComponent("jcard-example.json")))
        let j = JCardReader.cards(jcard, file: "jcard-example.json", source: "jcard")
        #expect(
            j.cards.count == 1 && j.cards[0].displayName == "Simon Perreault"
                && j.cards[0].emails == ["simon.perreault@viagenie.ca"])
        let x = try XCardReader.cards(
            Data(contentsOf: dir.appendingPathComponent("rfc6351-example.xml")), file: "x", source: "xcard")
        #expect(x.cards.count == 1 && x.cards[0].displayName == "Simon Perreault" && x.cards[0].lastName == "Perreault")
        #expect(x.cards[0].emails == ["simon.perreault@viagenie.ca"])
        // The whole folder as one source.
        let all = try ContactsImporter().importSource(SourceContainer(path: dir.path), options: ImportOptions())
        #expect(all.files.count == 19)
        #expect(!all.people.isEmpty)
    }
}
